/** Column widths: `Sheet.setColumnWidth(s)` and `getColumnWidth`, in pixels (Sheets' default 100). */
import { fail, op, type Execution, type Host, type ServiceTable } from './host';
import { sheetById } from './workbook';

export const DEFAULT_COLUMN_WIDTH = 100;

interface SheetHandle {
  readonly sheetId: number;
}

export function createColumnWidthService(host: Host): ServiceTable {
  const wb = host.workbook;
  const set = (x: Execution, h: SheetHandle, first: number, count: number, width: number) => {
    host.count(x, 'spreadsheetCalls');
    const sheet = sheetById(wb, h.sheetId);
    if (!Number.isInteger(first) || first < 1 || first + count - 1 > sheet.maxColumns)
      fail('The coordinates of the range are outside the dimensions of the sheet.');
    if (!(width >= 0)) fail('Invalid argument: width');
    sheet.columnWidths ??= {};
    for (let c = first; c < first + count; c++) sheet.columnWidths[c] = Math.round(width);
  };
  return {
    'Sheet.setColumnWidth': op('write', (x, h: SheetHandle, column: number, width: number) =>
      set(x, h, column, 1, width),
    ),
    'Sheet.setColumnWidths': op(
      'write',
      (x, h: SheetHandle, column: number, count: number, width: number) =>
        set(x, h, column, count, width),
    ),
    'Sheet.getColumnWidth': op(
      'read',
      (_x, h: SheetHandle, column: number) =>
        sheetById(wb, h.sheetId).columnWidths?.[column] ?? DEFAULT_COLUMN_WIDTH,
    ),
  };
}
