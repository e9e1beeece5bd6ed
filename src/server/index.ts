/**
 * The add-on's entry points, and nothing else. The build turns every export below into a
 * top-level function of dist/Code.js, with the JSDoc written here (see dev/build/entry-points.ts).
 * Keep this file free of top-level statements: Apps Script runs the whole bundle on every
 * execution, including onOpen in AuthMode.NONE, where any service call would kill the menu.
 */
import { buildAddonMenu } from '../apps-script/menu';
import { openHelp, openSidebar } from '../apps-script/sidebar';

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
