/**
 * A sheet as a test or the CLI looks at it: values (as getValues returns them), display values or
 * formulas, trimmed to the rows and columns that hold anything.
 */
import { displayValue } from './number-format';
import { readCellValue } from './spreadsheet-service';
import { findSheet, getCell, type Cell, type Sheet, type Workbook } from './workbook';

export interface SheetViews {
  values(sheetName: string): unknown[][];
  displayValues(sheetName: string): string[][];
  formulas(sheetName: string): string[][];
}

export function sheetViews(workbook: Workbook): SheetViews {
  const sheetNamed = (name: string) => {
    const sheet = findSheet(workbook, name);
    if (!sheet)
      throw new Error(
        `No sheet named "${name}". Sheets: ${workbook.sheets.map((s) => s.name).join(', ')}.`,
      );
    return sheet;
  };
  const table = <T>(name: string, read: (sheet: Sheet, r: number, c: number) => T): T[][] => {
    const sheet = sheetNamed(name);
    const holds = (cell: Cell | undefined) =>
      Boolean(cell && (cell.formula || (cell.value !== undefined && cell.value !== '')));
    let rows = 0;
    let columns = 0;
    // From the bottom right: the last row that holds anything, then only the cells right of the
    // widest row so far (a test reads a sheet of thousands of rows many times).
    for (let r = sheet.rows.length - 1; r >= 0; r -= 1) {
      const cells = sheet.rows[r];
      if (!cells) continue;
      for (let c = cells.length - 1; c >= columns; c -= 1) {
        if (!holds(cells[c])) continue;
        columns = c + 1;
        rows ||= r + 1;
        break;
      }
    }
    return Array.from({ length: rows }, (_, r) =>
      Array.from({ length: columns }, (_, c) => read(sheet, r + 1, c + 1)),
    );
  };
  return {
    values: (name) => table(name, (s, r, c) => readCellValue(getCell(s, r, c), workbook.timeZone)),
    displayValues: (name) =>
      table(name, (s, r, c) => {
        const cell = getCell(s, r, c);
        return displayValue(cell?.value, cell?.format, workbook.timeZone);
      }),
    formulas: (name) => table(name, (s, r, c) => getCell(s, r, c)?.formula ?? ''),
  };
}
