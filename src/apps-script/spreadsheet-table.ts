/** The sync core's table port over the active spreadsheet (SpreadsheetApp ranges). */
import {
  COLUMN_TAG_KEY,
  SPREADSHEET_CELL_LIMIT,
  SpreadsheetFullError,
  type CellBlock,
  type CellValue,
  type ColumnLayout,
  type SheetOptions,
  type TablePort,
} from '../ports/table-port';
import { columnTags, withTags } from './column-tags';

/** The grid of a sheet Sheets inserts: 1,000 rows of 26 columns. */
const NEW_SHEET_CELLS = 1000 * 26;

export class SpreadsheetTable implements TablePort {
  private readonly sheets = new Map<string, GoogleAppsScript.Spreadsheet.Sheet>();
  private zone: string | null = null;
  /** "sheet\ncolumn" of the columns whose format this execution has checked (see writeBlock). */
  private readonly formatted = new Set<string>();
  /** Sheets made by this execution, with every column's format. */
  private readonly made = new Set<string>();

  constructor(private readonly spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet) {}

  /** Asked once per execution: the sync asks for every page it converts. */
  timeZone(): string {
    this.zone ??= this.spreadsheet.getSpreadsheetTimeZone();
    return this.zone;
  }

  readAll(sheetName: string): CellValue[][] | null {
    const sheet = this.sheet(sheetName);
    if (!sheet) return null;
    const rows = sheet.getLastRow();
    const columns = sheet.getLastColumn();
    if (rows === 0 || columns === 0) return [];
    return withTags(sheet, sheet.getRange(1, 1, rows, columns).getValues() as CellValue[][], 1);
  }

  usedSize(sheetName: string): { rows: number; columns: number } | null {
    const sheet = this.sheet(sheetName);
    return sheet ? { rows: sheet.getLastRow(), columns: sheet.getLastColumn() } : null;
  }

  readBlock(
    sheetName: string,
    row: number,
    column: number,
    rows: number,
    columns: number,
  ): CellValue[][] {
    const sheet = this.sheet(sheetName);
    if (!sheet || rows === 0 || columns === 0) return [];
    const values = sheet.getRange(row, column, rows, columns).getValues() as CellValue[][];
    return row === 1 ? withTags(sheet, values, column) : values;
  }

  /** A column tagged with another header (a column of an older layout) gets the new tag. */
  tagColumns(sheetName: string, columns: readonly { header: string; index: number }[]): void {
    const sheet = this.sheet(sheetName);
    if (!sheet) return;
    const tags = new Map(columnTags(sheet).map((t) => [t.column, t]));
    for (const { header, index } of columns) {
      const current = tags.get(index + 1);
      if (current?.value === header) continue;
      current?.metadata.remove();
      sheet
        .getRange(1, index + 1, sheet.getMaxRows(), 1)
        .addDeveloperMetadata(
          COLUMN_TAG_KEY,
          header,
          SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT,
        );
    }
  }

  ensureSheet(sheetName: string, options: SheetOptions): void {
    if (this.sheet(sheetName)) return;
    this.checkRoom(sheetName, NEW_SHEET_CELLS);
    const sheet = this.spreadsheet.insertSheet(sheetName);
    const spare = sheet.getMaxColumns() - Math.max(1, options.columns);
    if (spare > 0) sheet.deleteColumns(sheet.getMaxColumns() - spare + 1, spare);
    if (options.hidden) sheet.hideSheet();
    else formatHeader(sheet, options);
    formatColumns(sheet, 1, 2, options.layout ?? []);
    this.sheets.set(sheetName, sheet);
    this.made.add(sheetName);
  }

  formatNewColumns(sheetName: string, column: number, layout: readonly ColumnLayout[]): void {
    const sheet = this.sheet(sheetName);
    if (!sheet || layout.length === 0) return;
    styleHeader(sheet, column, layout.length);
    sizeColumns(sheet, column, layout);
    formatColumns(sheet, column, 2, layout);
  }

  reserve(sheetName: string, lastRow: number, lastColumn: number): void {
    const sheet = this.sheet(sheetName);
    if (!sheet) return;
    const rows = sheet.getMaxRows();
    const columns = sheet.getMaxColumns();
    this.checkRoom(
      sheetName,
      Math.max(rows, lastRow) * Math.max(columns, lastColumn) - rows * columns,
    );
  }

  writeBlock(sheetName: string, block: CellBlock): void {
    const sheet = this.sheet(sheetName);
    if (!sheet) throw new Error(`The sheet "${sheetName}" is missing. Run the refresh again.`);
    const width = block.values[0]?.length ?? 0;
    if (block.values.length === 0 || width === 0) return;
    if (block.columnFormats && !this.made.has(sheetName))
      this.formatOlderColumns(sheetName, sheet, block);
    // Rows added at the end inherit the last row's formats, as Sheets' insertRowsAfter does.
    growTo(sheet, block.row + block.values.length - 1, block.column + width - 1);
    const range = sheet.getRange(block.row, block.column, block.values.length, width);
    // The format first: a string written into a plain-text cell stays text, never a formula.
    if (block.numberFormats) range.setNumberFormats(block.numberFormats as string[][]);
    for (const run of block.formatRuns ?? [])
      sheet.getRange(run.row, run.column, run.rows, 1).setNumberFormat(run.format);
    range.setValues(block.values as CellValue[][]);
  }

  /**
   * A sheet made before columns got their formats when made has formats only in the rows written
   * then: the first block of an execution that relies on its columns' formats looks at the last
   * row of the grid, and gives each column that has none there its format from the block's first
   * row down. A format a person chose for a column is there, and is kept.
   */
  private formatOlderColumns(
    sheetName: string,
    sheet: GoogleAppsScript.Spreadsheet.Sheet,
    block: CellBlock,
  ): void {
    const formats = block.columnFormats ?? [];
    const unchecked = formats
      .map((format, i) => ({ format, column: block.column + i }))
      .filter(({ column }) => !this.formatted.has(`${sheetName}\n${column}`));
    if (unchecked.length === 0) return;
    for (const { column } of unchecked) this.formatted.add(`${sheetName}\n${column}`);
    const last = sheet.getMaxRows();
    const tail = sheet.getRange(last, block.column, 1, formats.length).getNumberFormats()[0] ?? [];
    const missing = formats.map((format, i) =>
      unchecked.some((u) => u.column === block.column + i) && isUnset(tail[i]) ? format : null,
    );
    formatColumns(
      sheet,
      block.column,
      Math.min(block.row, last),
      missing.map((format) => ({ format })),
    );
  }

  private checkRoom(sheetName: string, added: number): void {
    if (added <= 0) return;
    const used = this.spreadsheet
      .getSheets()
      .reduce((sum, s) => sum + s.getMaxRows() * s.getMaxColumns(), 0);
    if (used + added > SPREADSHEET_CELL_LIMIT)
      throw new SpreadsheetFullError(sheetName, added, SPREADSHEET_CELL_LIMIT - used);
  }

  deleteRows(sheetName: string, row: number, count: number): void {
    if (count > 0) this.sheet(sheetName)?.deleteRows(row, count);
  }

  private sheet(sheetName: string): GoogleAppsScript.Spreadsheet.Sheet | null {
    let sheet = this.sheets.get(sheetName) ?? null;
    if (!sheet) {
      sheet = this.spreadsheet.getSheetByName(sheetName);
      if (sheet) this.sheets.set(sheetName, sheet);
    }
    return sheet;
  }
}

/** A light grey that sets the header apart in print and on screen, as Sheets' own tables do. */
export const HEADER_BACKGROUND = '#e8eaed';

/**
 * A new sheet's header: frozen, bold, shaded; its columns sized (runs of one width in one call)
 * and the hidden ones hidden. Only a sheet just made is formatted, never a person's choices.
 */
function formatHeader(sheet: GoogleAppsScript.Spreadsheet.Sheet, options: SheetOptions): void {
  sheet.setFrozenRows(1);
  styleHeader(sheet, 1, Math.max(1, options.columns));
  sizeColumns(sheet, 1, options.layout ?? []);
}

function styleHeader(sheet: GoogleAppsScript.Spreadsheet.Sheet, column: number, count: number) {
  sheet.getRange(1, column, 1, count).setFontWeight('bold').setBackground(HEADER_BACKGROUND);
}

/** Columns from `first` on, sized as `layout` says (a run of one width in one call), some hidden. */
function sizeColumns(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  first: number,
  layout: readonly ColumnLayout[],
): void {
  let start = 0;
  while (start < layout.length) {
    const width = (layout[start] as ColumnLayout).width;
    let end = start;
    while (end + 1 < layout.length && (layout[end + 1] as ColumnLayout).width === width) end += 1;
    sheet.setColumnWidths(first + start, end - start + 1, width);
    start = end + 1;
  }
  layout.forEach((column, index) => {
    if (column.hidden) sheet.hideColumns(first + index);
  });
}

/** A cell whose number format nobody set: Sheets' "General" (automatic). */
function isUnset(format: string | undefined): boolean {
  return !format || format === 'General';
}

/**
 * Sets each column's number format from row `firstRow` to the end of the grid, one call per run
 * of adjacent columns of one format (Sheets applies one format to a range as a whole). Rows added
 * after the last later inherit it (insertRowsAfter), so blocks of values need no formats.
 */
function formatColumns(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  first: number,
  firstRow: number,
  layout: readonly { readonly format?: string | null }[],
): void {
  const rows = sheet.getMaxRows() - firstRow + 1;
  if (rows < 1) return;
  let start = 0;
  while (start < layout.length) {
    const format = layout[start]?.format;
    let end = start;
    while (end + 1 < layout.length && layout[end + 1]?.format === format) end += 1;
    if (format)
      sheet.getRange(firstRow, first + start, rows, end - start + 1).setNumberFormat(format);
    start = end + 1;
  }
}

/** A range outside the sheet's grid is an error in Sheets: add the rows and columns first. */
function growTo(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  lastRow: number,
  lastColumn: number,
): void {
  const rows = sheet.getMaxRows();
  if (lastRow > rows) sheet.insertRowsAfter(rows, lastRow - rows);
  const columns = sheet.getMaxColumns();
  if (lastColumn > columns) sheet.insertColumnsAfter(columns, lastColumn - columns);
}
