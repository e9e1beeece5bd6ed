/**
 * The preview page: a spreadsheet window over the local runtime's workbook. It polls the server's
 * state, redraws the sheet when an execution changed something (and while any runs, so a refresh
 * fills the sheets before your eyes), and sends menu clicks and cell edits to the server.
 */
import { h, replaceChildren } from '../../../src/sidebar/dom';
import type { CallOutcome, SessionState } from '../preview-session';
import type { SheetView } from '../sheet-view';
import { drawCharts } from './charts';
import { FormulaHelp } from './formula-help';
import { Grid } from './grid';
import { MenuBar } from './menus';
import { Panels } from './panels';
import { getJson, postJson } from './post-json';

const POLL_MS = 700;
const MORE_ROWS = 1000;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

let state: SessionState | null = null;
let sheetName = '';
let windowRows = 200;
let shownSheet = '';
let followedActive = '';
let working = 0;

const status = byId('status');
const more = byId('more');
const tabs = byId('tabs');
const panels = new Panels({
  sidebar: byId('sidebar'),
  sidebarTitle: byId('sidebar-title'),
  sidebarFrame: byId<HTMLIFrameElement>('sidebar-frame'),
  sidebarClose: byId('sidebar-close'),
  dialogs: byId('dialogs'),
  toasts: byId('toasts'),
});

const grid = new Grid(
  {
    table: byId<HTMLTableElement>('grid'),
    scroller: byId('grid-scroll'),
    editor: byId<HTMLInputElement>('cell-editor'),
    nameBox: byId<HTMLInputElement>('name-box'),
    formulaBar: byId<HTMLInputElement>('formula-input'),
  },
  (cell, value) => {
    const sheet = sheetName;
    void perform(postJson('/api/edit', { sheet, cell, value }) as Promise<CallOutcome>).finally(
      () => grid.settle(cell),
    );
  },
);

// Sheets' formula help while a Brex formula is typed, in a cell or in the formula bar.
const formulaHelp = new FormulaHelp(byId('formula-help'));
for (const input of [
  byId<HTMLInputElement>('cell-editor'),
  byId<HTMLInputElement>('formula-input'),
]) {
  for (const event of ['input', 'keyup', 'focus']) {
    input.addEventListener(event, () => formulaHelp.follow(input));
  }
  input.addEventListener('blur', () => formulaHelp.hide());
}

const menuBar = new MenuBar(byId('menubar'), (functionName, label) => {
  void perform(postJson('/api/call', { functionName, args: [] }) as Promise<CallOutcome>, label);
});

/** Runs a request that executes the bundle; a failure shows as Sheets shows a script error. */
async function perform(request: Promise<CallOutcome>, label?: string): Promise<void> {
  working += 1;
  showStatus(label);
  try {
    const outcome = await request;
    if (!outcome.ok) panels.toast(outcome.message, 'error');
  } catch (error) {
    panels.toast((error as Error).message, 'error');
  } finally {
    working -= 1;
    await refresh(true);
  }
}

function showStatus(label?: string): void {
  const busy = working > 0 || (state?.busy ?? 0) > 0;
  status.textContent = busy ? (label ? `Running ${label}…` : 'Working…') : '';
}

function showTabs(names: readonly string[]): void {
  replaceChildren(
    tabs,
    ...names.map((name) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          'aria-selected': name === sheetName ? 'true' : 'false',
          onclick: () => {
            if (name === sheetName) return;
            sheetName = name;
            windowRows = 200;
            void postJson('/api/activate', { sheet: name }).then(() => refresh(true));
          },
        },
        name,
      ),
    ),
  );
}

function showMore(view: SheetView): void {
  if (view.dataRows <= view.rows) {
    replaceChildren(more);
    return;
  }
  replaceChildren(
    more,
    `Showing rows 1–${view.rows} of ${view.dataRows}.`,
    h(
      'button',
      {
        type: 'button',
        onclick: () => {
          windowRows = view.rows + MORE_ROWS;
          void refresh(true);
        },
      },
      `Show ${MORE_ROWS} more`,
    ),
  );
}

let lastSheetJson = '';
let refreshing = false;

/** Reads the state; redraws the sheet when something may have changed. */
async function refresh(force = false): Promise<void> {
  if (refreshing && !force) return;
  refreshing = true;
  try {
    const next = (await getJson('/api/state')) as SessionState;
    const changed = force || !state || next.version !== state.version || next.busy > 0;
    state = next;
    byId('doc-title').textContent = next.workbook.name;
    byId('acting-as').textContent = `Signed in as ${next.actingAs}`;
    menuBar.show(next.menus);
    panels.follow(next);
    // Follow the active sheet when the bundle changes it (a refresh creating its sheets).
    if (next.workbook.activeSheet !== followedActive) {
      followedActive = next.workbook.activeSheet;
      if (followedActive) sheetName = followedActive;
    }
    // Sheets a refresh adds appear as tabs; the person stays on the sheet they are on.
    if (!next.workbook.sheets.includes(sheetName)) sheetName = next.workbook.sheets[0] ?? '';
    showTabs(next.workbook.sheets);
    if (changed || sheetName !== shownSheet) {
      const json = JSON.stringify(
        await getJson(`/api/sheet?name=${encodeURIComponent(sheetName)}&rows=${windowRows}`),
      );
      if (json !== lastSheetJson || sheetName !== shownSheet) {
        lastSheetJson = json;
        shownSheet = sheetName;
        const view = JSON.parse(json) as SheetView;
        grid.show(view);
        drawCharts(byId('grid-scroll'), byId<HTMLTableElement>('grid'), view.charts);
        showMore(view);
      }
    }
    showStatus();
  } catch (error) {
    status.textContent = `The preview server is not answering (${(error as Error).message}). Is \`npm start\` still running?`;
  } finally {
    refreshing = false;
  }
}

void refresh(true);
setInterval(() => void refresh(), POLL_MS);
