/**
 * The add-on's entry points, and nothing else. The build turns every export below into a
 * top-level function of dist/Code.js, with the JSDoc written here (see dev/build/entry-points.ts).
 * Keep this file free of top-level statements: Apps Script runs the whole bundle on every
 * execution, including onOpen in AuthMode.NONE, where any service call would kill the menu.
 */
import { buildAddonMenu } from '../apps-script/menu';
import { openHelp, openSidebar } from '../apps-script/sidebar';
import {
  connectionStatusService,
  connectService,
  disconnectService,
  refreshNowService,
  saveSyncSettingsService,
  syncHealthService,
  syncSettingsService,
  type SyncHealthReport,
} from '../apps-script/sync-service';
import {
  discardService,
  openReviewSidebar,
  pushService,
  revertService,
  reviewService,
  saveWriteBackSettingsService,
  writeBackSettingsService,
} from '../apps-script/writeback-service';
import type {
  DiscardResult,
  PushResult,
  RevertResult,
  SpendLimitReview,
  WriteBackSettings,
} from '../contract/writeback';
import type { ConnectInput, ConnectionStatus } from '../sync/connection';
import type { RefreshSummary } from '../sync/refresh';
import type { SyncSettings } from '../sync/settings';

/** Adds the Extensions ▸ Brex menu when the spreadsheet opens. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildAddonMenu(SpreadsheetApp.getUi());
}

/** Runs when the add-on is installed from inside a spreadsheet: the menu appears at once. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

/** Menu ▸ Open sidebar. */
export function showSidebar(): void {
  openSidebar();
}

/** Menu ▸ Help. */
export function showHelp(): void {
  openHelp();
}

/**
 * Menu ▸ Refresh now, the scheduled refresh's work and the sidebar's refresh: runs one execution
 * of the refresh for the chosen data sets (all by default) and returns a summary. When `done` is
 * false the refresh stopped before the time limit; calling again continues it.
 */
export function refreshNow(dataSets?: string[]): RefreshSummary {
  return refreshNowService(dataSets);
}

/** Sidebar: sync health per data set (last success, counts, last error with Brex's trace id). */
export function getSyncHealth(): SyncHealthReport {
  return syncHealthService();
}

/** Sidebar: the chosen data sets and history start (`YYYY-MM-DD`). */
export function getSyncSettings(): SyncSettings {
  return syncSettingsService();
}

/** Sidebar: saves the chosen data sets and history start. */
export function saveSyncSettings(settings: SyncSettings): SyncSettings {
  return saveSyncSettingsService(settings);
}

/** Sidebar: checks a Brex token with one call and connects this spreadsheet to Brex. */
export function connect(input: ConnectInput): ConnectionStatus {
  return connectService(input);
}

/** Sidebar: removes the spreadsheet's Brex connection and this user's write credential. */
export function disconnect(): ConnectionStatus {
  return disconnectService();
}

/** Sidebar: who the spreadsheet is connected as (never the token, at most its last four characters). */
export function getConnectionStatus(): ConnectionStatus {
  return connectionStatusService();
}

/** Menu ▸ Review spend-limit changes: opens the sidebar on the review of edited spend limits. */
export function showReviewSidebar(): void {
  openReviewSidebar();
}

/**
 * The edited "Base limit" cells of the "Brex Spend Limits" sheet (compared with the last sync),
 * each with its validation result and consequences; brings the cells' pending marks up to date.
 */
export function reviewSpendLimitChanges(): SpendLimitReview {
  return reviewService();
}

/**
 * Pushes the listed spend-limit changes to Brex (every valid one when `ids` is omitted) with the
 * acting user's own write credential, and returns one result per change. Every attempt is
 * recorded in the "Brex Audit Log" sheet.
 */
export function pushSpendLimitChanges(ids?: string[]): PushResult[] {
  return pushService(ids);
}

/** Restores the listed edited limits (all when `ids` is omitted) to the values of the last sync. */
export function discardSpendLimitChanges(ids?: string[]): DiscardResult {
  return discardService(ids);
}

/**
 * "Revert" on a "Brex Audit Log" row: stages the inverse of that push (the limit's cell gets the
 * old amount back) for review. `entry` is the audit row number or the push's idempotency key.
 */
export function revertAuditEntry(entry: number | string): RevertResult {
  return revertService(entry);
}

/** Sidebar: the write-back's ceilings (an edit above its currency's ceiling is refused). */
export function getWriteBackSettings(): WriteBackSettings {
  return writeBackSettingsService();
}

/** Sidebar: saves the write-back's ceilings. */
export function saveWriteBackSettings(settings: WriteBackSettings): WriteBackSettings {
  return saveWriteBackSettingsService(settings);
}
