/**
 * The basic filter over SpreadsheetApp: `Range.createFilter`/`getFilter`, `Sheet.getFilter` and
 * `isRowHiddenByFilter`, and the `Filter` class. Criteria arrive as the plain spec the worker's
 * FilterCriteriaBuilder built (filter-criteria.ts). Each call counts as a spreadsheet call.
 */
import type { GridRect } from './a1-notation';
import { fail, op, remote, type Execution, type Host, type ServiceTable } from './host';
import {
  CONDITIONS,
  MESSAGES,
  columnCriteria,
  createFilter,
  isRowHiddenByFilter,
  removeColumnCriteria,
  setColumnCriteria,
  sortFilter,
  type CriteriaSpec,
} from './filters';
import { blockingProtection, sheetById, type Sheet } from './workbook';

interface SheetHandle {
  readonly sheetId: number;
}

interface RangeHandle extends GridRect {
  readonly sheetId: number;
}

/** Sheets' errors come back to the bundle as Apps Script exceptions. */
function sheetsCall<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    return fail((error as Error).message);
  }
}

function criteriaFrom(input: unknown): CriteriaSpec {
  const spec = input as CriteriaSpec | null | undefined;
  const condition = spec?.condition;
  if (!spec || typeof spec !== 'object' || (condition && !CONDITIONS.includes(condition.type)))
    fail(
      "The parameters (null) don't match the method signature for SpreadsheetApp.Filter.setColumnFilterCriteria.",
    );
  return {
    ...(spec.hiddenValues ? { hiddenValues: spec.hiddenValues.map(String) } : {}),
    ...(condition ? { condition: { type: condition.type, values: [...condition.values] } } : {}),
  };
}

export function createFilterService(host: Host): ServiceTable {
  const wb = host.workbook;
  const meta = (x: Execution) => host.count(x, 'spreadsheetCalls');
  const filterRef = (sheet: Sheet) =>
    sheet.filter ? remote('Filter', { sheetId: sheet.id }) : null;
  const filtered = (h: SheetHandle): Sheet => {
    const sheet = sheetById(wb, h.sheetId);
    if (!sheet.filter) fail(MESSAGES.removed);
    return sheet;
  };

  return {
    'Range.createFilter': op('write', (x, h: RangeHandle) => {
      meta(x);
      const sheet = sheetById(wb, h.sheetId);
      const { row, column, rows, columns } = h;
      sheetsCall(() => createFilter(sheet, { row, column, rows, columns }));
      return filterRef(sheet);
    }),
    'Range.getFilter': op('read', (x, h: RangeHandle) => {
      meta(x);
      return filterRef(sheetById(wb, h.sheetId));
    }),
    'Sheet.getFilter': op('read', (x, h: SheetHandle) => {
      meta(x);
      return filterRef(sheetById(wb, h.sheetId));
    }),
    'Sheet.isRowHiddenByFilter': op('read', (x, h: SheetHandle, row: number) => {
      meta(x);
      const sheet = sheetById(wb, h.sheetId);
      if (!Number.isInteger(row) || row < 1 || row > sheet.maxRows)
        fail('The coordinates of the range are outside the dimensions of the sheet.');
      return isRowHiddenByFilter(sheet, row, wb.timeZone);
    }),
    'Filter.getRange': op('read', (x, h: SheetHandle) => {
      meta(x);
      const sheet = filtered(h);
      return remote('Range', { sheetId: sheet.id, ...sheet.filter?.range });
    }),
    'Filter.remove': op('write', (x, h: SheetHandle) => {
      meta(x);
      delete filtered(h).filter;
    }),
    'Filter.getColumnFilterCriteria': op('read', (x, h: SheetHandle, column: number) => {
      meta(x);
      return sheetsCall(() => columnCriteria(filtered(h), Number(column)));
    }),
    'Filter.setColumnFilterCriteria': op(
      'write',
      (x, h: SheetHandle, column: number, criteria: unknown) => {
        meta(x);
        const sheet = filtered(h);
        sheetsCall(() => setColumnCriteria(sheet, Number(column), criteriaFrom(criteria)));
        return remote('Filter', h);
      },
    ),
    'Filter.removeColumnFilterCriteria': op('write', (x, h: SheetHandle, column: number) => {
      meta(x);
      const sheet = filtered(h);
      sheetsCall(() => removeColumnCriteria(sheet, Number(column)));
      return remote('Filter', h);
    }),
    'Filter.sort': op('write', (x, h: SheetHandle, column: number, ascending: boolean) => {
      meta(x);
      const sheet = filtered(h);
      const range = sheet.filter?.range as GridRect;
      if (blockingProtection(wb, sheet, x.user, range))
        fail(
          'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
        );
      const body = sheetsCall(() => sortFilter(sheet, Number(column), ascending !== false));
      x.changes.push({ sheetId: sheet.id, ...body });
      return remote('Filter', h);
    }),
  };
}
