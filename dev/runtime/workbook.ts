/**
 * The spreadsheet's state: sheets of cells (value and formula kept apart, note, number format,
 * background), protections, frozen rows, the time zone. Pure data and grid operations; the
 * Apps Script surface over it is spreadsheet-service.ts.
 */
import { cellA1, rectsIntersect, type GridRect } from './a1-notation';
import { typeValue } from './cell-typing';
import {
  filterColumnsDeleted,
  filterColumnsInserted,
  filterColumnsMoved,
  filterRowsDeleted,
  filterRowsInserted,
  type FilterRecord,
} from './filter-range';
import { MESSAGES, NEW_SHEET_COLUMNS, NEW_SHEET_ROWS, SPREADSHEET_CELLS } from './limits';
import { isDateFormat, type CellValue } from './number-format';

export interface Cell {
  value?: CellValue;
  formula?: string;
  note?: string;
  format?: string;
  background?: string;
  fontWeight?: string;
  /** The formula's error message, shown by Sheets on hover (`#ERROR!`, `#REF!`). */
  error?: string;
  /** A1 of the formula cell whose array result spilled into this cell. */
  spilledFrom?: string;
  /**
   * The format came from a spilled value (a Date shows as a date), not from a person: Sheets
   * drops it with the value, so a later number in that cell is not shown as a date.
   */
  autoFormat?: boolean;
}

export interface Protection {
  readonly id: string;
  /** The protected range; the whole sheet when absent. */
  range?: GridRect;
  description: string;
  warningOnly: boolean;
  editors: string[];
}

/** An embedded chart as Sheets keeps it: type, data ranges, options and anchor (chart-service.ts). */
export interface ChartRecord {
  readonly id: number;
  type: string;
  ranges: (GridRect & { readonly sheetId: number })[];
  options: Record<string, unknown>;
  position: { row: number; column: number; offsetX: number; offsetY: number };
  /** Header rows of the ranges; -1 lets Sheets guess, as the builder's default. */
  numHeaders: number;
}

/** Developer metadata on one whole column (developer-metadata.ts serves it). */
export interface ColumnMetadata {
  readonly id: number;
  readonly key: string;
  readonly value: string;
  readonly visibility: string;
  column: number;
}

export interface Sheet {
  readonly id: number;
  name: string;
  hidden: boolean;
  frozenRows: number;
  frozenColumns: number;
  maxRows: number;
  maxColumns: number;
  tabColor?: string;
  /** 0-based columns hidden by the user (or a script's hideColumns). */
  hiddenColumns?: boolean[];
  /** rows[r][c] is the cell at row r+1, column c+1; missing entries are empty cells. */
  rows: (Cell | undefined)[][];
  protections: Protection[];
  charts?: ChartRecord[];
  /** Widths in pixels of the columns a script sized, by 1-based column. */
  columnWidths?: Record<number, number>;
  /** Developer metadata on whole columns (developer-metadata.ts). */
  columnMetadata?: ColumnMetadata[];
  /** The sheet's basic filter (filters.ts). */
  filter?: FilterRecord;
}

export interface Workbook {
  readonly id: string;
  name: string;
  timeZone: string;
  locale: string;
  owner: string;
  sheets: Sheet[];
  activeSheetId: number;
  nextSheetId: number;
}

let protectionCounter = 0;

export function createSheet(workbook: Workbook, name: string, index?: number): Sheet {
  if (workbook.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
    throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
  }
  ensureCellBudget(workbook, NEW_SHEET_ROWS * NEW_SHEET_COLUMNS);
  const sheet: Sheet = {
    id: workbook.nextSheetId++,
    name,
    hidden: false,
    frozenRows: 0,
    frozenColumns: 0,
    maxRows: NEW_SHEET_ROWS,
    maxColumns: NEW_SHEET_COLUMNS,
    rows: [],
    protections: [],
  };
  workbook.sheets.splice(index ?? workbook.sheets.length, 0, sheet);
  return sheet;
}

export function createWorkbook(
  options: { name?: string; timeZone?: string; owner?: string } = {},
): Workbook {
  const workbook: Workbook = {
    id: `local-${Math.random().toString(36).slice(2, 12)}`,
    name: options.name ?? 'Untitled spreadsheet',
    timeZone: options.timeZone ?? 'Etc/UTC',
    locale: 'en_US',
    owner: options.owner ?? 'owner@example.com',
    sheets: [],
    activeSheetId: 0,
    nextSheetId: 0,
  };
  workbook.activeSheetId = createSheet(workbook, 'Sheet1').id;
  return workbook;
}

export function gridCells(workbook: Workbook): number {
  return workbook.sheets.reduce((sum, s) => sum + s.maxRows * s.maxColumns, 0);
}

export function ensureCellBudget(workbook: Workbook, added: number): void {
  if (gridCells(workbook) + added > SPREADSHEET_CELLS) throw new Error(MESSAGES.cells);
}

export function findSheet(workbook: Workbook, name: string): Sheet | undefined {
  return workbook.sheets.find((s) => s.name === name);
}

export function sheetById(workbook: Workbook, id: number): Sheet {
  const sheet = workbook.sheets.find((s) => s.id === id);
  if (!sheet) throw new Error('The sheet has been deleted.');
  return sheet;
}

export function getCell(sheet: Sheet, row: number, column: number): Cell | undefined {
  return sheet.rows[row - 1]?.[column - 1];
}

export function cellFor(sheet: Sheet, row: number, column: number): Cell {
  const cells = (sheet.rows[row - 1] ??= []);
  return (cells[column - 1] ??= {});
}

export function isEmptyCell(cell: Cell | undefined): boolean {
  return !cell || ((cell.value === undefined || cell.value === '') && !cell.formula);
}

export function checkInside(sheet: Sheet, rect: GridRect): void {
  if (
    rect.row < 1 ||
    rect.column < 1 ||
    rect.rows < 1 ||
    rect.columns < 1 ||
    rect.row + rect.rows - 1 > sheet.maxRows ||
    rect.column + rect.columns - 1 > sheet.maxColumns
  ) {
    throw new Error(MESSAGES.outside);
  }
}

/** Writes one value as Sheets types it: a formula, or a typed value with its implied format. */
export function writeValue(
  sheet: Sheet,
  row: number,
  column: number,
  input: unknown,
  timeZone: string,
): void {
  const cell = cellFor(sheet, row, column);
  const typed = typeValue(input, cell.format, timeZone);
  delete cell.error;
  delete cell.spilledFrom;
  if (typed.formula !== undefined) {
    cell.formula = typed.formula;
    cell.value = 'Loading...';
    return;
  }
  delete cell.formula;
  if (typed.value === undefined) delete cell.value;
  else cell.value = typed.value;
  if (typed.format && !(isDateFormat(typed.format) && isDateFormat(cell.format)))
    cell.format = typed.format;
}

export function lastRow(sheet: Sheet): number {
  for (let r = sheet.rows.length; r >= 1; r--) {
    if (sheet.rows[r - 1]?.some((c) => !isEmptyCell(c))) return r;
  }
  return 0;
}

/** Drops the rows at the end that hold nothing at all, so that `lastRow` stays quick after a clear. */
export function dropEmptyTail(sheet: Sheet): void {
  while (sheet.rows.length > 0) {
    const cells = sheet.rows[sheet.rows.length - 1];
    if (cells?.some((cell) => cell && Object.values(cell).some((v) => v !== undefined))) return;
    sheet.rows.pop();
  }
}

export function lastColumn(sheet: Sheet): number {
  let last = 0;
  for (const cells of sheet.rows) {
    if (!cells) continue;
    for (let c = cells.length; c > last; c--) {
      if (!isEmptyCell(cells[c - 1])) {
        last = c;
        break;
      }
    }
  }
  return last;
}

export function insertRows(workbook: Workbook, sheet: Sheet, before: number, count: number): void {
  ensureCellBudget(workbook, count * sheet.maxColumns);
  if (sheet.rows.length >= before)
    sheet.rows.splice(before - 1, 0, ...new Array<Cell[]>(count).fill([]).map(() => []));
  sheet.maxRows += count;
  filterRowsInserted(sheet, before, count);
}

export function deleteRows(sheet: Sheet, start: number, count: number): void {
  if (start < 1 || start + count - 1 > sheet.maxRows) throw new Error(MESSAGES.outside);
  if (count >= sheet.maxRows) {
    throw new Error('You can’t delete all the rows on the sheet.');
  }
  sheet.rows.splice(start - 1, count);
  sheet.maxRows -= count;
  filterRowsDeleted(sheet, start, count);
}

export function insertColumns(
  workbook: Workbook,
  sheet: Sheet,
  before: number,
  count: number,
): void {
  ensureCellBudget(workbook, count * sheet.maxRows);
  for (const cells of sheet.rows)
    if (cells && cells.length >= before) cells.splice(before - 1, 0, ...new Array(count));
  if (sheet.hiddenColumns && sheet.hiddenColumns.length >= before)
    sheet.hiddenColumns.splice(before - 1, 0, ...new Array<boolean>(count));
  shiftWidths(sheet, before, count);
  sheet.maxColumns += count;
  shiftForInsert(sheet, before, count);
}

/** Sheets' width of a column nobody sized. */
export const DEFAULT_COLUMN_WIDTH = 100;

export function columnWidth(sheet: Sheet, column: number): number {
  return sheet.columnWidths?.[column] ?? DEFAULT_COLUMN_WIDTH;
}

/** Widths move with their columns when columns are inserted (`by` > 0) or deleted. */
function shiftWidths(sheet: Sheet, from: number, by: number): void {
  if (!sheet.columnWidths) return;
  const moved: Record<number, number> = {};
  for (const [key, width] of Object.entries(sheet.columnWidths)) {
    const column = Number(key);
    moved[column >= from ? column + by : column] = width;
  }
  sheet.columnWidths = moved;
}

/** Sheets refuses columns outside the grid, as it refuses such a range. */
export function checkColumns(sheet: Sheet, column: number, count: number): void {
  if (!Number.isInteger(column) || !Number.isInteger(count) || column < 1 || count < 1)
    throw new Error(MESSAGES.outside);
  if (column + count - 1 > sheet.maxColumns) throw new Error(MESSAGES.outside);
}

export function setColumnWidths(sheet: Sheet, column: number, count: number, width: number): void {
  checkColumns(sheet, column, count);
  if (!(Number.isFinite(width) && width >= 0)) throw new Error(`Invalid width: ${String(width)}.`);
  sheet.columnWidths ??= {};
  for (let c = column; c < column + count; c++) sheet.columnWidths[c] = Math.round(width);
}

export function setColumnsHidden(
  sheet: Sheet,
  column: number,
  count: number,
  hidden: boolean,
): void {
  checkColumns(sheet, column, count);
  sheet.hiddenColumns ??= [];
  for (let c = column; c < column + count; c++) sheet.hiddenColumns[c - 1] = hidden;
}

export function deleteColumns(sheet: Sheet, start: number, count: number): void {
  if (start < 1 || start + count - 1 > sheet.maxColumns) throw new Error(MESSAGES.outside);
  if (count >= sheet.maxColumns) throw new Error('You can’t delete all the columns on the sheet.');
  for (const cells of sheet.rows) cells?.splice(start - 1, count);
  sheet.hiddenColumns?.splice(start - 1, count);
  if (sheet.columnWidths) {
    const kept = Object.entries(sheet.columnWidths).filter(
      ([key]) => Number(key) < start || Number(key) >= start + count,
    );
    sheet.columnWidths = Object.fromEntries(kept);
    shiftWidths(sheet, start + count, -count);
  }
  sheet.maxColumns -= count;
  shiftForDelete(sheet, start, count);
}

/**
 * Moves columns [start, start+count) to before the 1-based column `destination` (counted before
 * the move), as `Sheet.moveColumns` does: cells and column metadata go along.
 */
export function moveColumns(sheet: Sheet, start: number, count: number, destination: number): void {
  if (start < 1 || start + count - 1 > sheet.maxColumns || destination < 1)
    throw new Error(MESSAGES.outside);
  if (destination > sheet.maxColumns + 1) throw new Error(MESSAGES.outside);
  if (destination >= start && destination <= start + count) return;
  for (const cells of sheet.rows) {
    if (!cells) continue;
    const moved: (Cell | undefined)[] = [];
    const width = sheet.maxColumns;
    for (let c = 1; c <= width; c++)
      moved[movedColumn(c, start, count, destination) - 1] = cells[c - 1];
    cells.length = 0;
    moved.forEach((cell, i) => {
      if (cell) cells[i] = cell;
    });
  }
  for (const m of sheet.columnMetadata ?? [])
    m.column = movedColumn(m.column, start, count, destination);
  filterColumnsMoved(sheet, (column) => movedColumn(column, start, count, destination));
}

/** Columns `before` and right of it move right by `count`, metadata and filter along. */
export function shiftForInsert(sheet: Sheet, before: number, count: number): void {
  filterColumnsInserted(sheet, before, count);
  for (const m of sheet.columnMetadata ?? []) if (m.column >= before) m.column += count;
}

/** Metadata and filter criteria on deleted columns go with them; columns right of them move left. */
export function shiftForDelete(sheet: Sheet, start: number, count: number): void {
  filterColumnsDeleted(sheet, start, count);
  if (!sheet.columnMetadata) return;
  sheet.columnMetadata = sheet.columnMetadata.filter(
    (m) => m.column < start || m.column >= start + count,
  );
  for (const m of sheet.columnMetadata) if (m.column >= start + count) m.column -= count;
}

/** Columns [start, start+count) move to before the 1-based column `destination` (as it was). */
export function movedColumn(column: number, start: number, count: number, destination: number) {
  const end = start + count;
  if (column >= start && column < end) {
    const target = destination > start ? destination - count : destination;
    return target + (column - start);
  }
  if (destination > start && column >= end && column < destination) return column - count;
  if (destination < start && column >= destination && column < start) return column + count;
  return column;
}

/** Sheets' ascending order: numbers, then text (case-insensitive), then booleans; blanks last. */
function compareCells(a: Cell | undefined, b: Cell | undefined): number {
  const rank = (c: Cell | undefined) =>
    isEmptyCell(c) ? 3 : typeof c?.value === 'number' ? 0 : typeof c?.value === 'boolean' ? 2 : 1;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return (a?.value as number) - (b?.value as number);
  if (ra === 1) return String(a?.value).toLowerCase().localeCompare(String(b?.value).toLowerCase());
  if (ra === 2) return Number(a?.value) - Number(b?.value);
  return 0;
}

export interface SortSpec {
  readonly column: number;
  readonly ascending: boolean;
}

export function sortRows(sheet: Sheet, rect: GridRect, specs: readonly SortSpec[]): void {
  const rows: (Cell | undefined)[][] = [];
  for (let r = 0; r < rect.rows; r++) {
    const cells = sheet.rows[rect.row - 1 + r] ?? [];
    rows.push(cells.slice(rect.column - 1, rect.column - 1 + rect.columns));
  }
  rows.sort((x, y) => {
    for (const spec of specs) {
      const a = x[spec.column - rect.column];
      const b = y[spec.column - rect.column];
      const blank = Number(isEmptyCell(a)) - Number(isEmptyCell(b));
      if (blank !== 0) return blank; // blanks last in both directions
      const order = compareCells(a, b);
      if (order !== 0) return spec.ascending ? order : -order;
    }
    return 0;
  });
  rows.forEach((cells, r) => {
    const target = (sheet.rows[rect.row - 1 + r] ??= []);
    for (let c = 0; c < rect.columns; c++) target[rect.column - 1 + c] = cells[c];
  });
}

export function newProtection(range?: GridRect): Protection {
  protectionCounter += 1;
  return {
    id: `protection-${protectionCounter}`,
    range,
    description: '',
    warningOnly: false,
    editors: [],
  };
}

/** The protection that keeps `user` from writing `rect`, if any (the owner writes everywhere). */
export function blockingProtection(
  workbook: Workbook,
  sheet: Sheet,
  user: string,
  rect: GridRect,
): Protection | undefined {
  if (user === workbook.owner) return undefined;
  return sheet.protections.find(
    (p) =>
      !p.warningOnly && !p.editors.includes(user) && (!p.range || rectsIntersect(p.range, rect)),
  );
}

export function cellLabel(sheet: Sheet, row: number, column: number): string {
  return `${sheet.name}!${cellA1(row, column)}`;
}
