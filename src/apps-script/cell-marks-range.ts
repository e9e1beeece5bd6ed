/**
 * The write-back's marks over SpreadsheetApp: pending marks one read and one write per column,
 * marks of read-only columns one read and one write per block of adjacent columns.
 */
import type { ColumnMarks, MarksPort } from '../writeback/cell-marks';
import type { BlockMarks, BlockMarksPort } from '../writeback/read-only-columns';

export class RangeMarks implements MarksPort {
  constructor(private readonly spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet) {}

  read(sheetName: string, column: number, lastRow: number, firstRow = 2): ColumnMarks {
    const range = this.range(sheetName, column, firstRow, lastRow);
    if (!range) return { backgrounds: [], notes: [] };
    return {
      backgrounds: range.getBackgrounds().map((row) => String(row[0] ?? '')),
      notes: range.getNotes().map((row) => String(row[0] ?? '')),
    };
  }

  numberFormats(sheetName: string, column: number, lastRow: number, firstRow = 2): string[] {
    const range = this.range(sheetName, column, firstRow, lastRow);
    return range ? range.getNumberFormats().map((row) => String(row[0] ?? '')) : [];
  }

  write(sheetName: string, column: number, marks: ColumnMarks, firstRow = 2): void {
    const range = this.range(sheetName, column, firstRow, firstRow + marks.backgrounds.length - 1);
    if (!range) return;
    range.setBackgrounds(marks.backgrounds.map((background) => [background]));
    range.setNotes(marks.notes.map((note) => [note]));
  }

  private range(
    sheetName: string,
    column: number,
    firstRow: number,
    lastRow: number,
  ): GoogleAppsScript.Spreadsheet.Range | null {
    const sheet = this.spreadsheet.getSheetByName(sheetName);
    if (!sheet || lastRow < firstRow) return null;
    return sheet.getRange(firstRow, column, lastRow - firstRow + 1, 1);
  }
}

export class RangeBlocks implements BlockMarksPort {
  constructor(private readonly spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet) {}

  read(sheetName: string, row: number, column: number, rows: number, columns: number): BlockMarks {
    const sheet = this.spreadsheet.getSheetByName(sheetName);
    if (!sheet || rows < 1 || columns < 1) return { backgrounds: [], notes: [] };
    const range = sheet.getRange(row, column, rows, columns);
    return {
      backgrounds: range.getBackgrounds().map((cells) => cells.map(String)),
      notes: range.getNotes().map((cells) => cells.map(String)),
    };
  }

  write(sheetName: string, row: number, column: number, marks: BlockMarks): void {
    const sheet = this.spreadsheet.getSheetByName(sheetName);
    const columns = marks.backgrounds[0]?.length ?? 0;
    if (!sheet || marks.backgrounds.length === 0 || columns === 0) return;
    const range = sheet.getRange(row, column, marks.backgrounds.length, columns);
    range.setBackgrounds(marks.backgrounds);
    range.setNotes(marks.notes);
  }
}
