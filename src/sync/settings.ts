/**
 * What a refresh covers: the chosen data sets and the history start, kept in document properties
 * so the scheduled refresh and every editor see the same choice.
 */
import type { DataSetId } from '../data-sets/data-set';
import { DATA_SET_IDS } from '../data-sets';
import { readJson, writeJson, type KeyValuePort } from '../ports/key-value-port';

export interface SyncSettings {
  readonly dataSets: DataSetId[];
  /** `YYYY-MM-DD`: transactions and expenses are read from this day on. */
  readonly historyStart: string;
}

const SETTINGS_KEY = 'sync.settings';
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Pure: the first day of the quarter before the one holding `today` (UTC). */
export function startOfPreviousQuarter(today: Date): string {
  const quarterStartMonth = Math.floor(today.getUTCMonth() / 3) * 3;
  const start = new Date(Date.UTC(today.getUTCFullYear(), quarterStartMonth - 3, 1));
  return start.toISOString().slice(0, 10);
}

export function getSyncSettings(store: KeyValuePort, today: Date): SyncSettings {
  const saved = readJson<Partial<SyncSettings>>(store, SETTINGS_KEY) ?? {};
  const dataSets = (saved.dataSets ?? []).filter((id) => DATA_SET_IDS.includes(id));
  return {
    dataSets: saved.dataSets ? dataSets : [...DATA_SET_IDS],
    historyStart:
      saved.historyStart &&
      CALENDAR_DATE.test(saved.historyStart) &&
      inRange(saved.historyStart, today)
        ? saved.historyStart
        : startOfPreviousQuarter(today),
  };
}

/** The earliest history start: Brex's data does not reach further back. */
const EARLIEST_START = '2000-01-01';

/** Pure: whether a history start is a date from EARLIEST_START to `today` (UTC). */
function inRange(start: string, today: Date): boolean {
  return start >= EARLIEST_START && start <= today.toISOString().slice(0, 10);
}

/**
 * Checks and stores the settings; an unknown data set, a malformed date, or a start before 2000
 * or after today is refused.
 */
export function saveSyncSettings(
  store: KeyValuePort,
  settings: SyncSettings,
  today = new Date(),
): SyncSettings {
  if (!Array.isArray(settings?.dataSets) || typeof settings.historyStart !== 'string') {
    throw new Error(
      'The sync settings need "dataSets" (a list of data set ids) and "historyStart" (YYYY-MM-DD), e.g. { "dataSets": ["spend_limits"], "historyStart": "2026-01-01" }.',
    );
  }
  const unknown = settings.dataSets.filter((id) => !DATA_SET_IDS.includes(id));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown data set ${unknown.join(', ')}. Choose among: ${DATA_SET_IDS.join(', ')}.`,
    );
  }
  if (
    !CALENDAR_DATE.test(settings.historyStart) ||
    Number.isNaN(Date.parse(settings.historyStart))
  ) {
    throw new Error(
      `The history start "${settings.historyStart}" is not a date. Write it as YYYY-MM-DD, e.g. 2026-01-01.`,
    );
  }
  if (!inRange(settings.historyStart, today)) {
    throw new Error(
      `The history start ${settings.historyStart} is out of range. Choose a date from ${EARLIEST_START} to today.`,
    );
  }
  const clean: SyncSettings = {
    dataSets: DATA_SET_IDS.filter((id) => settings.dataSets.includes(id)),
    historyStart: settings.historyStart,
  };
  writeJson(store, SETTINGS_KEY, clean);
  return clean;
}
