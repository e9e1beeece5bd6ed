/** Opens the sidebar built into dist/sidebar.html and the Help dialog; the menu's toasts. */
import { START_ATTRIBUTE, type SidebarStart } from '../contract/sidebar-start';

export const SIDEBAR_TITLE = 'Brex';

/** `start` tells the page what to do first (refresh at once, show the review). */
export function openSidebarService(start: SidebarStart = 'overview'): void {
  let html = HtmlService.createHtmlOutputFromFile('sidebar');
  // The built page says nothing (`data-start=""`), which it reads as the overview.
  if (start !== 'overview') {
    html = HtmlService.createHtmlOutput(
      html.getContent().replace(`${START_ATTRIBUTE}=""`, `${START_ATTRIBUTE}="${start}"`),
    );
  }
  SpreadsheetApp.getUi().showSidebar(html.setTitle(SIDEBAR_TITLE));
}

/** Brex's own pages on tokens and scopes: where a newcomer gets what step 1 asks for. */
const BREX_TOKEN_DOCS = 'https://developer.brex.com/docs/authentication';
const BREX_SCOPES_DOCS = 'https://developer.brex.com/guides/roles_permissions_scopes';

/** A first-run guide: the four things a newcomer does, in order, and where to read more. */
const HELP_HTML = `
<div style="font:13px/1.5 Arial,sans-serif;color:#202124">
  <ol style="padding-left:20px;margin:0">
    <li><b>Connect.</b> In Brex, create a <i>read-only</i> token (Developer ▸ Settings), then paste it in
    Extensions ▸ Brex ▸ Open sidebar ▸ Connect. Every editor's formulas and the schedule read with it.</li>
    <li><b>Refresh.</b> Click Refresh now: each data set lands in its own "Brex …" sheet. Your own columns,
    notes and formulas beside the data are kept.</li>
    <li><b>A formula.</b> Type <code>=BREX_BALANCES()</code> in any cell; Extensions ▸ Brex ▸ Refresh formulas
    makes formulas ask Brex again.</li>
    <li><b>An edit.</b> Change a cell in a synced sheet (a card's Status, a spend limit's Base limit), then
    Extensions ▸ Brex ▸ Review changes. The first time, you add your own write credential (a token with the
    scopes of what you change: budgets for spend limits, cards, users…); nothing goes to Brex before you push.</li>
  </ol>
  <p style="margin:10px 0 0">Brex docs: <a href="${BREX_TOKEN_DOCS}" target="_blank" rel="noopener">creating a token</a>,
  <a href="${BREX_SCOPES_DOCS}" target="_blank" rel="noopener">scopes</a>.</p>
</div>`;

export function openHelpService(): void {
  const html = HtmlService.createHtmlOutput(HELP_HTML).setWidth(460).setHeight(340);
  SpreadsheetApp.getUi().showModelessDialog(html, 'Brex for Google Sheets: getting started');
}

/** Says that Refresh formulas ran: the formulas recalculate out of sight. */
export function toastFormulasRefreshedService(): void {
  SpreadsheetApp.getActiveSpreadsheet().toast(
    "Brex formulas that take 'Brex Settings'!B1 as their last argument ask Brex again now.",
    'Formulas refreshed',
  );
}
