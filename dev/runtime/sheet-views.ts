/**
 * A sheet as a test or the CLI looks at it: values (as getValues returns them), display values or
 * formulas, trimmed to the rows and columns that hold anything.
 */
import { displayValue } from './number-format';
import { readCellValue } from './spreadsheet-service';
import { findSheet, getCell, type Sheet, type Workbook } from './workbook';

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
    let rows = 0;
    let columns = 0;
    sheet.rows.forEach((cells, r) =>
      cells?.forEach((cell, c) => {
        if (cell && (cell.formula || (cell.value !== undefined && cell.value !== ''))) {
          rows = Math.max(rows, r + 1);
          columns = Math.max(columns, c + 1);
        }
      }),
    );
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
