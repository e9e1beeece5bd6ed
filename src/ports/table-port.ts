/**
 * The sync core's view of a spreadsheet: named sheets holding a header row and data rows.
 * The Apps Script adapter (src/apps-script/spreadsheet-table.ts) implements it over
 * SpreadsheetApp ranges; tests use an in-memory table. Rows and columns are 1-based, as in Sheets.
 */

/** What a cell holds, as `Range.getValues()` returns it ('' for an empty cell). */
export type CellValue = string | number | boolean | Date;

/**
 * A header row as the port reads it: its cells and, when the sheet has any, the add-on's tag on
 * each column by 0-based index (Sheets' developer metadata: the column's own header as the add-on
 * wrote it). A tag moves with its column and survives a renamed header; a person cannot make one.
 */
export type HeaderRow = readonly CellValue[] & { readonly tags?: readonly (string | undefined)[] };

/**
 * Gives a header row its tags in place, kept off its enumerable cells so that comparisons and
 * JSON see only the cells (a copy of the row drops them). Returns the row.
 */
export function withColumnTags<T extends CellValue[]>(row: T, tags: (string | undefined)[]): T {
  Object.defineProperty(row, 'tags', { value: tags, configurable: true, writable: true });
  return row;
}

/** Key of the developer metadata that tags the add-on's columns. */
export const COLUMN_TAG_KEY = 'brex.column';

export interface CellBlock {
  /** 1-based sheet row of the block's first row. */
  readonly row: number;
  /** 1-based sheet column of the block's first column. */
  readonly column: number;
  readonly values: readonly (readonly CellValue[])[];
  /**
   * One number format per cell (`@` for text), set before the values so text stays text. Absent:
   * the cells keep their column's format, set once when the column was made (`columnFormats`).
   */
  readonly numberFormats?: readonly (readonly string[])[];
  /**
   * The format each of the block's columns was made with, so a sheet made without can get it;
   * null for a column whose cells each carry their own (amounts).
   */
  readonly columnFormats?: readonly (string | null)[];
  /** Cells of the block that need a format other than their column's, in runs down a column. */
  readonly formatRuns?: readonly FormatRun[];
}

/** `rows` cells down one column (1-based, from `row`), all of one number format. */
export interface FormatRun {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly format: string;
}

export interface SheetOptions {
  readonly columns: number;
  readonly hidden?: boolean;
  /**
   * The sheet's columns from A on: each given its number format for every row below the header
   * (rows added later inherit it); a visible sheet's also sized (in pixels) and hidden.
   */
  readonly layout?: readonly ColumnLayout[];
}

export interface ColumnLayout {
  readonly width: number;
  readonly hidden?: boolean;
  /** The number format of the column's rows below the header, set when the column is made. */
  readonly format?: string;
}

export interface TablePort {
  /** The spreadsheet's IANA time zone, in which dates are shown. */
  timeZone(): string;
  /**
   * Every value of the sheet's used range, header row first (with its `tags`, see HeaderRow);
   * null when the sheet does not exist. `readBlock` from row 1 gives its first row's tags too.
   */
  readAll(sheetName: string): CellValue[][] | null;
  /** The sheet's used range: its last row and column with content; null when it does not exist. */
  usedSize(sheetName: string): { readonly rows: number; readonly columns: number } | null;
  /** The values of one block of the sheet (1-based, within its used range), in one call. */
  readBlock(
    sheetName: string,
    row: number,
    column: number,
    rows: number,
    columns: number,
  ): CellValue[][];
  /**
   * Creates the sheet with a frozen, bold and shaded header row and its columns sized as `layout`
   * says (or hidden when `hidden`), if it does not exist yet, `columns` wide: a width is set only
   * here, so a width a person changes is never set again. Sheets makes 26 columns, and every cell of the grid, empty or not, counts
   * toward the spreadsheet's 10 million (a sheet grows wider when a write needs it).
   */
  ensureSheet(sheetName: string, options: SheetOptions): void;
  /**
   * Formats header cells added to an existing sheet from `column` (1-based) on as a new sheet's
   * are (bold, shaded), sizes their columns and sets their number formats: once, when made.
   */
  formatNewColumns(sheetName: string, column: number, layout: readonly ColumnLayout[]): void;
  /**
   * Makes sure the sheet can grow to `lastRow` × `lastColumn` within the spreadsheet's cell limit,
   * before anything is written; throws SpreadsheetFullError when it cannot.
   */
  reserve(sheetName: string, lastRow: number, lastColumn: number): void;
  /** Writes one contiguous block: one number-format call and one value call, no more. */
  writeBlock(sheetName: string, block: CellBlock): void;
  /** Tags each 0-based column with its header (HeaderRow), in the order given, one call each. */
  tagColumns(sheetName: string, columns: readonly { header: string; index: number }[]): void;
  /** Deletes `count` rows from the 1-based `row` on, in one call; the rows below move up. */
  deleteRows(sheetName: string, row: number, count: number): void;
}

/** Google Sheets' limit on the cells of all sheets of a spreadsheet together. */
export const SPREADSHEET_CELL_LIMIT = 10_000_000;

/** A write would take the spreadsheet past its cell limit: nothing of it was written. */
export class SpreadsheetFullError extends Error {
  /** `then` ends the advice: what else frees room, and what to run again. */
  constructor(
    readonly sheetName: string,
    readonly needed: number,
    readonly free: number,
    then = 'or choose fewer data sets or a later history start, then refresh again.',
  ) {
    super(
      `The spreadsheet is too full for the ${sheetName} rows: they need ${needed} more cells and ` +
        `only ${Math.max(0, free)} of Google Sheets' ${SPREADSHEET_CELL_LIMIT} remain. Delete unused sheets, rows ` +
        `or columns, ${then}`,
    );
    this.name = 'SpreadsheetFullError';
  }
}
