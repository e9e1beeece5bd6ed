/** The sheet an edit event names, read over SpreadsheetApp: one range read per call. */
import type { EditedSheetPort } from '../writeback/edit-marks';
import type { CellValue } from '../ports/table-port';
import { withTags } from './column-tags';

export class EditedSheet implements EditedSheetPort {
  constructor(private readonly sheet: GoogleAppsScript.Spreadsheet.Sheet) {}

  header(): CellValue[] {
    const width = this.sheet.getLastColumn();
    if (width < 1) return [];
    const values = this.sheet.getRange(1, 1, 1, width).getValues() as CellValue[][];
    return withTags(this.sheet, values, 1)[0] ?? [];
  }

  rows(row: number, rows: number, width: number): CellValue[][] {
    if (rows < 1 || width < 1) return [];
    return this.sheet.getRange(row, 1, rows, width).getValues() as CellValue[][];
  }
}
