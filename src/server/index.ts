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
