/**
 * The scheduled refresh over ScriptApp: one time-driven trigger per user per spreadsheet (the
 * add-on limit), its owner recorded in document properties (src/schedule/schedule.ts).
 */
import type { RefreshSummary } from '../sync/refresh';
import {
  isLiveTrigger,
  NOTHING_DONE,
  parseScheduleRequest,
  readRuns,
  readSchedule,
  recordRun,
  runOutcome,
  scheduleStatus,
  triggerTiming,
  writeSchedule,
  type ScheduledRun,
  type ScheduleStatus,
} from '../schedule/schedule';
import { scheduledRunContext } from './scheduled-run-context';
import { documentStore, propertiesStore, userStore } from './properties-store';

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

/** Where a trigger without document properties records its runs: its owner's user properties. */
const ownRunsKey = (triggerId: string) => `schedule.runs.${triggerId}`;

export function getScheduleService(): ScheduleStatus {
  const store = documentStore();
  const me = runningAs();
  const record = readSchedule(store);
  const own = record?.owner === me ? readRuns(userStore(), ownRunsKey(record.triggerId)) : [];
  return scheduleStatus(store, me, own);
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
    if (trigger.getHandlerFunction() !== SCHEDULE_HANDLER) continue;
    userStore().delete(ownRunsKey(trigger.getUniqueId()));
    ScriptApp.deleteTrigger(trigger);
  }
  const timing = triggerTiming(request);
  if (!timing) {
    writeSchedule(store, null);
    return getScheduleService();
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
  return getScheduleService();
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

export const NO_SPREADSHEET =
  'Google started the scheduled refresh without access to this spreadsheet, so nothing was refreshed. Use Refresh now while the spreadsheet is open, and turn the schedule off until this add-on can run it.';
export const NO_DOCUMENT_PROPERTIES =
  "Google started the scheduled refresh without this spreadsheet's settings, so it could not read the Brex connection and nothing was refreshed. Use Refresh now while the spreadsheet is open, and turn the schedule off until this add-on can run it.";
export const NO_DOCUMENT_LOCK =
  "Google started the scheduled refresh without this spreadsheet's lock, so it could not make sure no other refresh was running, and nothing was refreshed. Use Refresh now while the spreadsheet is open, and turn the schedule off until this add-on can run it.";

/**
 * A schedule trigger fired. It runs with the add-on's `spreadsheets.currentonly` scope, and Google
 * does not document whether a time-driven trigger then has the active spreadsheet, document
 * properties or the document lock (`SpreadsheetApp.openById` would need the full `spreadsheets`
 * scope). So each is checked: without document properties the run is recorded in the owner's
 * user properties, which the sidebar shows them; without the spreadsheet or the lock it is
 * recorded as failed. A replaced trigger removes itself and does nothing; the live one runs one
 * execution of the refresh, then refreshes the formulas, and records how it went.
 */
export function runScheduledRefreshService(
  event: { readonly triggerUid?: string } | undefined,
  work: ScheduledWork,
): ScheduledRun | null {
  const me = runningAs();
  const triggerId = event?.triggerUid;
  const context = scheduledRunContext();
  const failed = (message: string): ScheduledRun => ({
    at: new Date().toISOString(),
    by: me,
    outcome: 'failed',
    message,
    did: NOTHING_DONE,
  });
  if (!context.documentProperties) {
    const run = failed(NO_DOCUMENT_PROPERTIES);
    if (triggerId) recordRun(userStore(), run, ownRunsKey(triggerId));
    return run;
  }
  const store = propertiesStore(context.documentProperties);
  if (!isLiveTrigger(readSchedule(store), me, triggerId)) {
    retire(triggerId);
    return null;
  }
  const missing = !context.spreadsheet
    ? NO_SPREADSHEET
    : !context.documentLock
      ? NO_DOCUMENT_LOCK
      : null;
  if (missing) {
    const run = failed(missing);
    recordRun(store, run);
    return run;
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
    recordRun(store, { ...failed(message), at });
    throw error;
  }
  recordRun(store, run);
  return run;
}
