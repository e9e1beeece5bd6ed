/** Apps Script's and Google Sheets' limits, as the runtime enforces them. */

export interface ExecutionLimits {
  /** Budget of an ordinary execution (menu, sidebar call, trigger), in milliseconds. */
  readonly executionMs: number;
  /** Budget of a custom function, in milliseconds. */
  readonly customFunctionMs: number;
  /** Budget of a simple trigger (`onOpen`, `onEdit`, `onInstall`), in milliseconds. */
  readonly simpleTriggerMs: number;
  /** Stop the execution when it reaches its n-th service call (the call is not carried out). */
  readonly killAtCall?: number;
}

export const DEFAULT_LIMITS: ExecutionLimits = {
  executionMs: 6 * 60 * 1000,
  customFunctionMs: 30 * 1000,
  simpleTriggerMs: 30 * 1000,
};

/** The entry points Sheets runs as simple triggers, each within `simpleTriggerMs`. */
export const SIMPLE_TRIGGERS: readonly string[] = [
  'onOpen',
  'onEdit',
  'onInstall',
  'onSelectionChange',
];

export const PROPERTY_VALUE_BYTES = 9 * 1024;
export const PROPERTY_STORE_BYTES = 500 * 1024;
export const CACHE_VALUE_BYTES = 100 * 1024;
export const CACHE_KEY_CHARS = 250;
export const CACHE_MAX_TTL_SECONDS = 6 * 60 * 60;
export const CACHE_DEFAULT_TTL_SECONDS = 600;
/** Past 1,000 items a cache keeps the 900 farthest from expiry (Cache.put's reference). */
export const CACHE_MAX_ITEMS = 1000;
export const CACHE_ITEMS_KEPT = 900;
/** Executions one user may have running at once. */
export const SIMULTANEOUS_EXECUTIONS = 30;
/** UrlFetch calls per user and day: a consumer account's quota (Workspace: 100,000). */
export const URL_FETCH_PER_DAY = 20_000;
/** The longest URL UrlFetchApp sends (its reference: "up to 2,082 characters"; quotas: 2 kB). */
export const URL_FETCH_URL_CHARS = 2082;
export const CELL_CHARS = 50_000;
export const SPREADSHEET_CELLS = 10_000_000;
export const NEW_SHEET_ROWS = 1000;
export const NEW_SHEET_COLUMNS = 26;
/** Add-on time-driven triggers may run at most hourly. */
export const TRIGGER_MIN_INTERVAL_MS = 60 * 60 * 1000;

export const MESSAGES = {
  timeout: 'Exceeded maximum execution time',
  propertyValue: 'Argument too large: value',
  propertyStore:
    'You have exceeded the property storage quota. Please remove some properties and try again.',
  cacheValue: 'Argument too large: value',
  cacheKey: 'Argument too large: key',
  cacheTtl: 'Invalid argument: expirationInSeconds',
  urlFetchQuota: 'Service invoked too many times for one day: urlfetch.',
  urlLength: 'Limit Exceeded: URLFetch URL Length.',
  simultaneous: 'There are too many scripts running simultaneously for this Google user account.',
  lockTimeout: 'Lock timeout: another process was holding the lock for too long.',
  cellChars: `Your input contains more than the maximum of ${CELL_CHARS} characters in a single cell.`,
  cells: `This action would increase the number of cells in the workbook above the limit of ${SPREADSHEET_CELLS} cells.`,
  outside: 'The coordinates of the range are outside the dimensions of the sheet.',
  noUi: 'Cannot call SpreadsheetApp.getUi() from this context.',
  tooManyTriggers: (kind: string) =>
    `This add-on has created too many ${kind} triggers in this document for this Google user account.`,
  triggerInterval: 'Add-ons may not create time-based triggers that run more often than hourly.',
  rowsMismatch: (data: number, range: number) =>
    `The number of rows in the data does not match the number of rows in the range. The data has ${data} but the range has ${range}.`,
  columnsMismatch: (data: number, range: number) =>
    `The number of columns in the data does not match the number of columns in the range. The data has ${data} but the range has ${range}.`,
  permission: (what: string) => `You do not have permission to call ${what}`,
  notWhitelisted: (url: string) =>
    `The URL ${url} has not been whitelisted in the script manifest. Add its prefix to urlFetchWhitelist in appsscript.json.`,
} as const;
