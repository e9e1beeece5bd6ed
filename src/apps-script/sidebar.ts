/** Opens the sidebar built into dist/sidebar.html. */

export const SIDEBAR_TITLE = 'Brex';

export function openSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('sidebar').setTitle(SIDEBAR_TITLE);
  SpreadsheetApp.getUi().showSidebar(html);
}

const HELP_HTML = `
<div style="font:13px/1.5 Arial,sans-serif;color:#202124">
  <p><b>Open sidebar</b>: connect a Brex token, choose data sets, refresh, schedule and check sync health.</p>
  <p>Data sets land in sheets named "Brex …". Add your own columns, notes and formulas anywhere:
  refreshes only write the add-on's own columns.</p>
  <p>Formulas such as <code>=BREX_BALANCES()</code> work in any cell once the spreadsheet is connected.</p>
</div>`;

export function openHelp(): void {
  const html = HtmlService.createHtmlOutput(HELP_HTML).setWidth(400).setHeight(220);
  SpreadsheetApp.getUi().showModelessDialog(html, 'Brex for Google Sheets');
}
