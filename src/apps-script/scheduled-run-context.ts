/**
 * What Google gives a scheduled run of this spreadsheet. An add-on's time-driven trigger holds
 * only the `spreadsheets.currentonly` scope, and Google does not document whether it then has the
 * active spreadsheet, document properties or the document lock: each may be null, or its call may
 * throw. Each is asked once, and anything missing is null.
 */

export interface ScheduledRunContext {
  readonly spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet | null;
  readonly documentProperties: GoogleAppsScript.Properties.Properties | null;
  readonly documentLock: GoogleAppsScript.Lock.Lock | null;
}

function orNull<T>(get: () => T | null | undefined): T | null {
  try {
    return get() ?? null;
  } catch {
    return null;
  }
}

export function scheduledRunContext(): ScheduledRunContext {
  return {
    spreadsheet: orNull(() => SpreadsheetApp.getActiveSpreadsheet()),
    documentProperties: orNull(() => PropertiesService.getDocumentProperties()),
    documentLock: orNull(() => LockService.getDocumentLock()),
  };
}
