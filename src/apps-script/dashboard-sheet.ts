/**
 * The "Brex Dashboard" sheet over SpreadsheetApp: made once with its inputs, bold headers and
 * native charts (EmbeddedChartBuilder), each chart anchored beside its table; its tables are
 * rewritten by updateDashboard (src/reports/dashboard.ts) after every finished refresh.
 */
import { inputBlock, updateDashboard } from '../reports/dashboard';
import {
  chartPlacements,
  columnRangeA1,
  CHART_HEIGHT,
  CHART_WIDTH,
  DASHBOARD_SHEET,
  headerRowOf,
  SECTIONS,
  TABLE_COLUMNS,
  type ChartPlacement,
} from '../reports/layout';
import { documentStore } from './properties-store';
import { SpreadsheetTable } from './spreadsheet-table';

export interface DashboardResult {
  readonly created: boolean;
  readonly chartsAdded: number;
  readonly message: string;
}

/** How long "Create dashboard" waits for a running refresh (which rewrites the same cells). */
const LOCK_WAIT_MS = 10_000;
const HEADER_BACKGROUND = '#e8eaed';
const BAR_COLOR = '#1a73e8';
const LABEL_WIDTH = 230;
const VALUE_WIDTH = 120;

/** Menu ▸ Create dashboard: makes the sheet and its charts if missing, then fills the tables. */
export function createDashboardService(): DashboardResult {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    return {
      created: false,
      chartsAdded: 0,
      message: 'A refresh is running. The dashboard is updated when it ends; try again after it.',
    };
  }
  try {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const table = new SpreadsheetTable(spreadsheet);
    let sheet = spreadsheet.getSheetByName(DASHBOARD_SHEET);
    const created = sheet === null;
    if (sheet === null) {
      sheet = spreadsheet.insertSheet(DASHBOARD_SHEET, 0);
      table.writeBlock(DASHBOARD_SHEET, inputBlock());
      styleHeadings(sheet);
    }
    updateDashboard(table, Date.now(), documentStore());
    const chartsAdded = addMissingCharts(sheet);
    sheet.activate();
    const message = created
      ? 'The Brex Dashboard sheet is ready. Every refresh updates it.'
      : 'The Brex Dashboard is up to date.';
    spreadsheet.toast(message, 'Brex');
    return { created, chartsAdded, message };
  } finally {
    lock.releaseLock();
  }
}

/**
 * Titles and table headers in bold, headers shaded, the label column wide enough for merchant and
 * limit names: set once, since a refresh writes values only (and a person may restyle).
 */
function styleHeadings(sheet: GoogleAppsScript.Spreadsheet.Sheet): void {
  sheet.setColumnWidth(1, LABEL_WIDTH);
  sheet.setColumnWidths(2, TABLE_COLUMNS - 1, VALUE_WIDTH);
  sheet.getRange(1, 1).setFontWeight('bold');
  sheet.getRange(3, 1, 2, 1).setFontWeight('bold');
  for (const section of SECTIONS) {
    sheet.getRange(section.row, 1).setFontWeight('bold');
    const header = sheet.getRange(headerRowOf(section), 1, 1, TABLE_COLUMNS);
    header.setFontWeight('bold');
    header.setBackground(HEADER_BACKGROUND);
  }
}

/**
 * Inserts the charts the sheet lacks. A chart is the add-on's when it reads exactly a table's
 * ranges, wherever a person moved it, so creating the dashboard again adds none twice; charts
 * a person made are never touched.
 */
function addMissingCharts(sheet: GoogleAppsScript.Spreadsheet.Sheet): number {
  const present = new Set(
    sheet.getCharts().map((chart) =>
      chart
        .getRanges()
        .map((range) => range.getA1Notation())
        .join(','),
    ),
  );
  let added = 0;
  for (const placement of chartPlacements()) {
    const ranges = placement.columns.map((column) => columnRangeA1(placement, column));
    if (present.has(ranges.join(','))) continue;
    sheet.insertChart(buildChart(sheet, placement, ranges));
    added += 1;
  }
  return added;
}

function buildChart(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  placement: ChartPlacement,
  ranges: readonly string[],
): GoogleAppsScript.Spreadsheet.EmbeddedChart {
  const builder = sheet
    .newChart()
    .setChartType(Charts.ChartType[placement.kind])
    .setNumHeaders(1)
    .setPosition(placement.anchorRow, placement.anchorColumn, 0, 0)
    .setOption('title', placement.title)
    .setOption('width', CHART_WIDTH)
    .setOption('height', CHART_HEIGHT);
  for (const a1 of ranges) builder.addRange(sheet.getRange(a1));
  if (placement.kind === 'PIE') builder.setOption('legend', { position: 'right' });
  else {
    builder.setOption('legend', { position: 'none' });
    builder.setOption('colors', [BAR_COLOR]);
    if (placement.axisFormat) {
      const axis = placement.kind === 'BAR' ? 'hAxis' : 'vAxis';
      builder.setOption(axis, { format: placement.axisFormat });
    }
  }
  return builder.build();
}
