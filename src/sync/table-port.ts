/**
 * The sync core's view of a spreadsheet: named sheets holding a header row and data rows.
 * The Apps Script adapter (src/apps-script/spreadsheet-table.ts) implements it over
 * SpreadsheetApp ranges; tests use an in-memory table. Rows and columns are 1-based, as in Sheets.
 */

/** What a cell holds, as `Range.getValues()` returns it ('' for an empty cell). */
export type CellValue = string | number | boolean | Date;

export interface CellBlock {
  /** 1-based sheet row of the block's first row. */
  readonly row: number;
  /** 1-based sheet column of the block's first column. */
  readonly column: number;
  readonly values: readonly (readonly CellValue[])[];
  /** One number format per cell (`@` for text), set before the values so text stays text. */
  readonly numberFormats: readonly (readonly string[])[];
}

export interface TablePort {
  /** The spreadsheet's IANA time zone, in which dates are shown. */
  timeZone(): string;
  /** Every value of the sheet's used range, header row first; null when the sheet does not exist. */
  readAll(sheetName: string): CellValue[][] | null;
  /** Creates the sheet with a frozen header row (hidden when `hidden`), if it does not exist yet. */
  ensureSheet(sheetName: string, options?: { readonly hidden?: boolean }): void;
  /** Writes one contiguous block: one number-format call and one value call, no more. */
  writeBlock(sheetName: string, block: CellBlock): void;
  /** Deletes `count` rows from the 1-based `row` on, in one call; the rows below move up. */
  deleteRows(sheetName: string, row: number, count: number): void;
}
