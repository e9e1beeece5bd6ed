/**
 * The scheduled refresh, as data. Apps Script triggers run as the user who created them and only
 * that user can delete one, so the spreadsheet records whose trigger is the live one: any editor
 * may take the schedule over (their own trigger replaces the record), and a trigger that finds it
 * is no longer the recorded one removes itself the next time it fires.
 */
import { readJson, writeJson, type KeyValuePort } from '../sync/key-value-port';
import type { RefreshSummary } from '../sync/refresh';

export const SCHEDULE_KINDS = ['off', 'hourly', 'every6h', 'daily'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

/** What the sidebar asks for; `hour` (0–23, the spreadsheet's time zone) only for `daily`. */
export interface ScheduleRequest {
  readonly kind: ScheduleKind;
  readonly hour?: number | null;
}

/** How a time-driven trigger is built for a schedule. */
export type TriggerTiming = { readonly everyHours: 1 | 6 } | { readonly atHour: number };

/** The live schedule, in document properties. */
export interface ScheduleRecord {
  readonly kind: Exclude<ScheduleKind, 'off'>;
  readonly hour: number | null;
  readonly timeZone: string;
  /** The Google account whose trigger runs it. */
  readonly owner: string;
  readonly triggerId: string;
  readonly since: string;
}

/** How the last scheduled run ended, in document properties. */
export interface ScheduledRun {
  readonly at: string;
  readonly by: string;
  readonly outcome: 'done' | 'continues' | 'skipped' | 'failed';
  readonly message: string;
}

/** Plain JSON for the sidebar. */
export interface ScheduleStatus {
  readonly kind: ScheduleKind;
  readonly hour: number | null;
  readonly timeZone: string | null;
  readonly description: string;
  readonly owner: string | null;
  /** True when the schedule runs as the user asking. */
  readonly ownedByMe: boolean;
  readonly lastRun: ScheduledRun | null;
}

const RECORD_KEY = 'schedule';
const LAST_RUN_KEY = 'schedule.lastRun';

/** Checks what the sidebar sent; anything else gets a message naming the fix. */
export function parseScheduleRequest(input: unknown): ScheduleRequest {
  const kind = (input as { kind?: unknown } | null)?.kind;
  if (typeof kind !== 'string' || !(SCHEDULE_KINDS as readonly string[]).includes(kind)) {
    throw new Error(`Unknown schedule "${String(kind)}". Choose off, hourly, every6h or daily.`);
  }
  if (kind !== 'daily') return { kind: kind as ScheduleKind };
  const hour = (input as { hour?: unknown }).hour;
  if (typeof hour !== 'number' || !Number.isInteger(hour) || hour < 0 || hour > 23) {
    throw new Error(
      `A daily schedule needs an hour from 0 to 23, not "${String(hour)}". Pick the hour to refresh at.`,
    );
  }
  return { kind: 'daily', hour };
}

export function triggerTiming(request: ScheduleRequest): TriggerTiming | null {
  switch (request.kind) {
    case 'off':
      return null;
    case 'hourly':
      return { everyHours: 1 };
    case 'every6h':
      return { everyHours: 6 };
    case 'daily':
      return { atHour: request.hour ?? 0 };
  }
}

const pad = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

/** Apps Script fires a daily trigger somewhere within its hour, so the hour is given as a window. */
export function describeSchedule(
  kind: ScheduleKind,
  hour: number | null,
  timeZone: string | null,
): string {
  switch (kind) {
    case 'off':
      return 'Off: data refreshes only when someone clicks Refresh now.';
    case 'hourly':
      return 'Every hour.';
    case 'every6h':
      return 'Every 6 hours.';
    case 'daily': {
      const h = hour ?? 0;
      return `Every day between ${pad(h)} and ${pad((h + 1) % 24)}${timeZone ? ` (${timeZone})` : ''}.`;
    }
  }
}

export function readSchedule(store: KeyValuePort): ScheduleRecord | null {
  return readJson<ScheduleRecord>(store, RECORD_KEY);
}

export function writeSchedule(store: KeyValuePort, record: ScheduleRecord | null): void {
  if (record) writeJson(store, RECORD_KEY, record);
  else store.delete(RECORD_KEY);
}

export function readLastRun(store: KeyValuePort): ScheduledRun | null {
  return readJson<ScheduledRun>(store, LAST_RUN_KEY);
}

export function writeLastRun(store: KeyValuePort, run: ScheduledRun): void {
  writeJson(store, LAST_RUN_KEY, run);
}

export function scheduleStatus(store: KeyValuePort, me: string): ScheduleStatus {
  const record = readSchedule(store);
  const kind = record?.kind ?? 'off';
  const hour = record?.hour ?? null;
  const timeZone = record?.timeZone ?? null;
  return {
    kind,
    hour,
    timeZone,
    description: describeSchedule(kind, hour, timeZone),
    owner: record?.owner ?? null,
    ownedByMe: record !== null && record.owner === me,
    lastRun: readLastRun(store),
  };
}

/**
 * A trigger fires: it runs only while it is the schedule's recorded trigger, owned by the user it
 * runs as. Otherwise it was replaced (or the schedule turned off) and should remove itself.
 */
export function isLiveTrigger(
  record: ScheduleRecord | null,
  runningAs: string,
  triggerId: string | undefined,
): boolean {
  return record !== null && record.owner === runningAs && record.triggerId === triggerId;
}

/**
 * How a scheduled run went, from the refresh's summary. A data set that failed makes the run
 * failed, with that data set's message (which names the fix); nothing to refresh (not connected,
 * nothing chosen) too.
 */
export function runOutcome(summary: RefreshSummary): Pick<ScheduledRun, 'outcome' | 'message'> {
  if (summary.busy) return { outcome: 'skipped', message: summary.message };
  const failed = summary.dataSets.find((d) => d.state === 'error');
  if (failed) {
    return { outcome: 'failed', message: `${failed.title}: ${failed.message ?? summary.message}` };
  }
  if (summary.dataSets.length === 0) return { outcome: 'failed', message: summary.message };
  return { outcome: summary.done ? 'done' : 'continues', message: summary.message };
}
