/**
 * The scheduled refresh over ScriptApp: one time-driven trigger per user per spreadsheet (the
 * add-on limit), its owner recorded in document properties (src/schedule/schedule.ts).
 */
import type { RefreshSummary } from '../sync/refresh';
import {
  isLiveTrigger,
  parseScheduleRequest,
  readSchedule,
  runOutcome,
  scheduleStatus,
  triggerTiming,
  writeLastRun,
  writeSchedule,
  type ScheduledRun,
  type ScheduleStatus,
} from '../schedule/schedule';
import { documentStore } from './properties-store';

/** The entry point in src/server/index.ts that every schedule trigger runs. */
export const SCHEDULE_HANDLER = 'runScheduledRefresh';

/** The Google account this execution runs as: the sidebar's user, or a trigger's creator. */
function runningAs(): string {
  return Session.getEffectiveUser().getEmail();
}

function requireUser(): string {
  const email = runningAs();
  if (!email) {
    throw new Error(
      'Google did not tell the add-on who you are, so the schedule cannot name its owner. Reload the spreadsheet, open the sidebar again and accept the authorization prompt.',
    );
  }
  return email;
}

export function getScheduleService(): ScheduleStatus {
  return scheduleStatus(documentStore(), runningAs());
}

/**
 * Replaces this user's schedule trigger in this spreadsheet and records it as the live one. Another
 * editor's trigger cannot be deleted from here: it retires itself when it next fires.
 */
export function setScheduleService(input: unknown): ScheduleStatus {
  const request = parseScheduleRequest(input);
  const me = requireUser();
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const store = documentStore();
  for (const trigger of ScriptApp.getUserTriggers(spreadsheet)) {
    if (trigger.getHandlerFunction() === SCHEDULE_HANDLER) ScriptApp.deleteTrigger(trigger);
  }
  const timing = triggerTiming(request);
  if (!timing) {
    writeSchedule(store, null);
    return scheduleStatus(store, me);
  }
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const clock = ScriptApp.newTrigger(SCHEDULE_HANDLER).timeBased();
  const timed =
    'everyHours' in timing
      ? clock.everyHours(timing.everyHours)
      : clock.atHour(timing.atHour).everyDays(1);
  const trigger = timed.inTimezone(timeZone).create();
  writeSchedule(store, {
    kind: request.kind as Exclude<typeof request.kind, 'off'>,
    hour: 'atHour' in timing ? timing.atHour : null,
    timeZone,
    owner: me,
    triggerId: trigger.getUniqueId(),
    since: new Date().toISOString(),
  });
  return scheduleStatus(store, me);
}

/** Another editor takes the current schedule over: same timing, their trigger, their account. */
export function takeOverScheduleService(): ScheduleStatus {
  const record = readSchedule(documentStore());
  if (!record) {
    throw new Error(
      'There is no schedule to take over. Choose how often to refresh under Schedule.',
    );
  }
  return setScheduleService({ kind: record.kind, hour: record.hour });
}

export interface ScheduledWork {
  /** One execution of the incremental, resumable refresh. */
  readonly refresh: () => RefreshSummary;
  readonly refreshFormulas: () => unknown;
}

function retire(triggerId: string | undefined): void {
  for (const trigger of ScriptApp.getProjectTriggers()) {
    if (trigger.getUniqueId() === triggerId) ScriptApp.deleteTrigger(trigger);
  }
}

/**
 * A schedule trigger fired. A replaced trigger removes itself and does nothing; the live one runs
 * one execution of the refresh, then refreshes the formulas, and records how it went (add-on
 * triggers send no failure emails, so the sidebar shows it).
 */
export function runScheduledRefreshService(
  event: { readonly triggerUid?: string } | undefined,
  work: ScheduledWork,
): ScheduledRun | null {
  const store = documentStore();
  const me = runningAs();
  const triggerId = event?.triggerUid;
  if (!isLiveTrigger(readSchedule(store), me, triggerId)) {
    retire(triggerId);
    return null;
  }
  const at = new Date().toISOString();
  let run: ScheduledRun;
  try {
    const summary = work.refresh();
    // Formulas read Brex on their own, so they refresh whatever the sheets' outcome; a run that
    // found another refresh holding the spreadsheet did nothing and leaves them too.
    if (!summary.busy) work.refreshFormulas();
    run = { at, by: me, ...runOutcome(summary) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    writeLastRun(store, { at, by: me, outcome: 'failed', message });
    throw error;
  }
  writeLastRun(store, run);
  return run;
}
