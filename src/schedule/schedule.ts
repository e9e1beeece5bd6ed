/**
 * The scheduled refresh, as data. Apps Script triggers run as the user who created them and only
 * that user can delete one, so the spreadsheet records whose trigger is the live one: any editor
 * may take the schedule over (their own trigger replaces the record), and a trigger that finds it
 * is no longer the recorded one removes itself the next time it fires.
 */
import { readJson, writeJson, type KeyValuePort } from '../ports/key-value-port';
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

/**
 * One scheduled run: when, as whom, what it did and how it ended (a failure's message says why
 * and what to do). The newest runs are kept in document properties for the sidebar, since add-on
 * triggers send no failure email.
 */
export interface ScheduledRun {
  readonly at: string;
  readonly by: string;
  readonly outcome: 'done' | 'continues' | 'skipped' | 'failed';
  readonly message: string;
  /** What it did, e.g. "Read 2 data sets: 12 rows added, 3 updated, none removed." */
  readonly did: string;
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
  /** The newest runs first (at most RUNS_KEPT). */
  readonly runs: readonly ScheduledRun[];
}

const RECORD_KEY = 'schedule';
const RUNS_KEY = 'schedule.runs';
/** How many runs are kept: a day of hourly runs would not fit in one 9-KB property. */
export const RUNS_KEPT = 10;
/** Well under a property's 9 KB, whatever the messages. */
const RUNS_MAX_CHARS = 8000;
const MESSAGE_MAX_CHARS = 500;

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

export function readRuns(store: KeyValuePort, key = RUNS_KEY): ScheduledRun[] {
  return readJson<ScheduledRun[]>(store, key) ?? [];
}

/** Adds a run before the others, keeping the newest that fit in one property. */
export function recordRun(store: KeyValuePort, run: ScheduledRun, key = RUNS_KEY): void {
  const cut = (text: string) =>
    text.length > MESSAGE_MAX_CHARS ? `${text.slice(0, MESSAGE_MAX_CHARS - 1)}…` : text;
  const runs = [{ ...run, message: cut(run.message), did: cut(run.did) }, ...readRuns(store, key)];
  let kept = runs.slice(0, RUNS_KEPT);
  while (kept.length > 1 && JSON.stringify(kept).length > RUNS_MAX_CHARS) kept = kept.slice(0, -1);
  writeJson(store, key, kept);
}

/** Newest first, from any number of lists. */
export function newestRuns(...lists: readonly ScheduledRun[][]): ScheduledRun[] {
  return lists
    .flat()
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, RUNS_KEPT);
}

/**
 * The sidebar's view. `ownRuns` are runs the asking user's trigger could record only in their own
 * user properties (Google gave it no document properties).
 */
export function scheduleStatus(
  store: KeyValuePort,
  me: string,
  ownRuns: readonly ScheduledRun[] = [],
): ScheduleStatus {
  const record = readSchedule(store);
  const runs = newestRuns(readRuns(store), [...ownRuns]);
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
    lastRun: runs[0] ?? null,
    runs,
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
export function runOutcome(
  summary: RefreshSummary,
): Pick<ScheduledRun, 'outcome' | 'message' | 'did'> {
  const did = describeWork(summary);
  if (summary.busy) return { outcome: 'skipped', message: summary.message, did };
  const failed = summary.dataSets.find((d) => d.state === 'error');
  if (failed) {
    return {
      outcome: 'failed',
      message: `${failed.title}: ${failed.message ?? summary.message}`,
      did,
    };
  }
  if (summary.dataSets.length === 0) return { outcome: 'failed', message: summary.message, did };
  return { outcome: summary.done ? 'done' : 'continues', message: summary.message, did };
}

export const NOTHING_DONE = 'Nothing was refreshed.';

/** What a refresh did, in one sentence. */
export function describeWork(summary: RefreshSummary): string {
  // The data sets this run read a page of; one in error is named by the run's message.
  const read = summary.dataSets.filter((d) => d.state !== 'error' && d.pages > 0);
  if (read.length === 0) return NOTHING_DONE;
  const sum = (key: 'added' | 'updated' | 'removed') => read.reduce((n, d) => n + d[key], 0);
  return `Read ${read.length} data set${read.length === 1 ? '' : 's'}: ${sum('added')} rows added, ${sum('updated')} updated, ${sum('removed')} removed.`;
}
