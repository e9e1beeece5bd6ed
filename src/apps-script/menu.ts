/** The add-on menu under Extensions ▸ Brex. */

export interface MenuItem {
  readonly label: string;
  /** Name of the global entry point the item runs. */
  readonly functionName: string;
}

export const MENU_ITEMS: readonly MenuItem[] = [
  { label: 'Open sidebar', functionName: 'showSidebar' },
  { label: 'Refresh now', functionName: 'showRefreshSidebar' },
  { label: 'Refresh formulas', functionName: 'refreshFormulas' },
  { label: 'Review changes', functionName: 'showReviewSidebar' },
  { label: 'Create dashboard', functionName: 'createDashboard' },
  { label: 'Help', functionName: 'showHelp' },
];

/**
 * Builds the menu. Safe in every auth mode: in AuthMode.NONE an add-on may only add menu items,
 * so nothing here reads properties or the document, and every item is there before authorization.
 */
export function buildAddonMenuService(ui: GoogleAppsScript.Base.Ui): void {
  const menu = ui.createAddonMenu();
  for (const item of MENU_ITEMS) menu.addItem(item.label, item.functionName);
  menu.addToUi();
}
