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
    this.sheets.set(sheetName, sheet);
  }

  formatNewColumns(sheetName: string, column: number, layout: readonly ColumnLayout[]): void {
    const sheet = this.sheet(sheetName);
    if (!sheet || layout.length === 0) return;
    styleHeader(sheet, column, layout.length);
    sizeColumns(sheet, column, layout);
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
    growTo(sheet, block.row + block.values.length - 1, block.column + width - 1);
    const range = sheet.getRange(block.row, block.column, block.values.length, width);
    // The format first: a string written into a plain-text cell stays text, never a formula.
    range.setNumberFormats(block.numberFormats as string[][]);
    range.setValues(block.values as CellValue[][]);
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
