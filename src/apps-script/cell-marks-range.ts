/** The write-back's pending marks over SpreadsheetApp: one read and one write per column. */
import type { ColumnMarks, MarksPort } from '../writeback/cell-marks';

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
