/**
 * What the preview page draws of the workbook: the visible sheets' tabs and a window of one
 * sheet's cells, as Sheets would show them (display values, formulas, formula errors). Plain data,
 * sent as JSON; the page never sees the workbook itself.
 */
import { columnToLetters } from '../runtime/a1-notation';
import { chartViews, type ChartView } from './chart-view';
import { displayValue } from '../runtime/number-format';
import {
  findSheet,
  getCell,
  lastColumn,
  lastRow,
  type Sheet,
  type Workbook,
} from '../runtime/workbook';

export interface CellView {
  /** The displayed text. */
  readonly text: string;
  readonly formula?: string;
  /** A formula's error message (`#ERROR!`, `#REF!`), shown on hover as Sheets does. */
  readonly error?: string;
  readonly note?: string;
  /** Numbers and dates sit on the right of their cell, as in Sheets. */
  readonly numeric?: boolean;
  readonly bold?: boolean;
  readonly background?: string;
}

export interface SheetView {
  readonly name: string;
  readonly rows: number;
  readonly columns: number;
  /** Rows that hold data; `rows` may be fewer when the window cuts them. */
  readonly dataRows: number;
  readonly frozenRows: number;
  readonly columnLetters: readonly string[];
  /** Pixel widths of the columns a script sized (null: the grid's default; 0: hidden). */
  readonly columnWidths: readonly (number | null)[];
  /** cells[r][c] is the cell at row r+1, column c+1. */
  readonly cells: readonly (readonly CellView[])[];
  /** The sheet's embedded charts, drawn over the grid. */
  readonly charts: readonly ChartView[];
}

export interface WorkbookView {
  readonly name: string;
  readonly sheets: readonly string[];
  readonly activeSheet: string;
}

/** Empty rows and columns shown past the data, so there is room to type. */
const SPARE_ROWS = 20;
const SPARE_COLUMNS = 2;
const MIN_ROWS = 50;
const MIN_COLUMNS = 10;

export function workbookView(workbook: Workbook): WorkbookView {
  const visible = workbook.sheets.filter((s) => !s.hidden);
  const active = workbook.sheets.find((s) => s.id === workbook.activeSheetId);
  return {
    name: workbook.name,
    sheets: visible.map((s) => s.name),
    activeSheet: active && !active.hidden ? active.name : (visible[0]?.name ?? ''),
  };
}

function cellView(sheet: Sheet, row: number, column: number, timeZone: string): CellView {
  const cell = getCell(sheet, row, column);
  if (!cell) return { text: '' };
  return {
    text: displayValue(cell.value, cell.format, timeZone),
    ...(cell.formula ? { formula: cell.formula } : {}),
    ...(cell.error ? { error: cell.error } : {}),
    ...(cell.note ? { note: cell.note } : {}),
    ...(typeof cell.value === 'number' ? { numeric: true } : {}),
    ...(cell.fontWeight === 'bold' ? { bold: true } : {}),
    ...(cell.background ? { background: cell.background } : {}),
  };
}

/** A window of a sheet: its data plus some empty room, at most `maxRows` rows. */
export function sheetView(
  workbook: Workbook,
  name: string,
  maxRows: number,
): SheetView | undefined {
  const sheet = findSheet(workbook, name);
  if (!sheet) return undefined;
  const dataRows = lastRow(sheet);
  const rows = Math.min(sheet.maxRows, maxRows, Math.max(MIN_ROWS, dataRows + SPARE_ROWS));
  const columns = Math.min(
    sheet.maxColumns,
    Math.max(MIN_COLUMNS, lastColumn(sheet) + SPARE_COLUMNS),
  );
  return {
    name: sheet.name,
    rows,
    columns,
    dataRows,
    frozenRows: sheet.frozenRows,
    columnLetters: Array.from({ length: columns }, (_, c) => columnToLetters(c + 1)),
    columnWidths: Array.from({ length: columns }, (_, c) =>
      sheet.hiddenColumns?.[c] ? 0 : (sheet.columnWidths?.[c + 1] ?? null),
    ),
    cells: Array.from({ length: rows }, (_, r) =>
      Array.from({ length: columns }, (_, c) => cellView(sheet, r + 1, c + 1, workbook.timeZone)),
    ),
    charts: chartViews(workbook, sheet),
  };
}
