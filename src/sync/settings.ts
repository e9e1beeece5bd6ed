/**
 * What a refresh covers: the chosen data sets, the history start, and the amount from which a card
 * expense needs a receipt, kept in document properties so the scheduled refresh and every editor
 * see the same choice.
 */
import type { DataSetId } from '../data-sets/data-set';
import { DATA_SET_IDS } from '../data-sets';
import { DEFAULT_RECEIPT_THRESHOLD } from '../data-sets/receipt-status';
import { readJson, writeJson, type KeyValuePort } from '../ports/key-value-port';
import { clearCursor } from './incremental-cursor';

export interface SyncSettings {
  readonly dataSets: DataSetId[];
  /** `YYYY-MM-DD`: transactions and expenses are read from this day on. */
  readonly historyStart: string;
  /**
   * In the billing currency's major units (75 is $75.00): a card expense of at least this much
   * with no receipt shows "Missing" in Brex Expenses' Receipt column. Optional when saving: the
   * saved value stays.
   */
  readonly receiptThreshold?: number;
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
    receiptThreshold: isThreshold(saved.receiptThreshold)
      ? saved.receiptThreshold
      : DEFAULT_RECEIPT_THRESHOLD,
  };
}

function isThreshold(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
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
  if (settings.receiptThreshold !== undefined && !isThreshold(settings.receiptThreshold)) {
    throw new Error(
      `The receipt threshold "${String(settings.receiptThreshold)}" is not an amount. Write a number of 0 or more, e.g. 75 for $75.00.`,
    );
  }
  const saved = getSyncSettings(store, today).receiptThreshold;
  const clean: SyncSettings = {
    dataSets: DATA_SET_IDS.filter((id) => settings.dataSets.includes(id)),
    historyStart: settings.historyStart,
    receiptThreshold: settings.receiptThreshold ?? saved,
  };
  writeJson(store, SETTINGS_KEY, clean);
  // Expenses are read by update time, so a row shows the threshold it was read with: a new one
  // reads them all again from the history start, so that every row's Receipt follows it.
  if (clean.receiptThreshold !== saved) clearCursor(store, 'expenses');
  return clean;
}
