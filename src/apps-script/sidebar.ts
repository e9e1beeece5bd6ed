/** Opens the sidebar built into dist/sidebar.html, and the Help dialog. */
import { START_ATTRIBUTE, type SidebarStart } from '../contract/sidebar-start';

export const SIDEBAR_TITLE = 'Brex';

/** `start` tells the page what to do first (refresh at once, show the review). */
export function openSidebar(start: SidebarStart = 'overview'): void {
  let html = HtmlService.createHtmlOutputFromFile('sidebar');
  // The built page says nothing (`data-start=""`), which it reads as the overview.
  if (start !== 'overview') {
    html = HtmlService.createHtmlOutput(
      html.getContent().replace(`${START_ATTRIBUTE}=""`, `${START_ATTRIBUTE}="${start}"`),
    );
  }
  SpreadsheetApp.getUi().showSidebar(html.setTitle(SIDEBAR_TITLE));
}

const HELP_HTML = `
<div style="font:13px/1.5 Arial,sans-serif;color:#202124">
  <p><b>Open sidebar</b>: connect a Brex token, choose data sets, refresh, schedule and check sync health.</p>
  <p><b>Refresh now</b> opens the sidebar and refreshes the chosen data sets, showing progress.
  <b>Refresh formulas</b> re-runs the BREX_ formulas. <b>Review spend-limit changes</b> shows the
  edited limits before anything goes back to Brex.</p>
  <p>Data sets land in sheets named "Brex …". Add your own columns, notes and formulas anywhere:
  refreshes only write the add-on's own columns.</p>
  <p>Formulas such as <code>=BREX_BALANCES()</code> work in any cell once the spreadsheet is connected.</p>
</div>`;

export function openHelp(): void {
  const html = HtmlService.createHtmlOutput(HELP_HTML).setWidth(400).setHeight(260);
  SpreadsheetApp.getUi().showModelessDialog(html, 'Brex for Google Sheets');
}
