/**
 * A sheet's basic filter, as Sheets keeps it: one range per sheet whose first row is the header,
 * criteria per column, and the rows they hide. Pure data and grid operations; the Apps Script
 * surface over it is filter-service.ts.
 *
 * Which rows are hidden is worked out from the cells as they are now, so a row whose value stops
 * matching hides at once, and a new value nobody listed in `hiddenValues` shows (Sheets keeps the
 * hidden values, not the visible ones). Hidden rows are still there for getValues, setValues and a
 * sort: the filter only changes what a person sees.
 */
import type { GridRect } from './a1-notation';
import type { CriteriaSpec, FilterRecord } from './filter-range';
import { displayValue } from './number-format';
import { getCell, isEmptyCell, sortRows, type Cell, type Sheet } from './workbook';

export { CONDITIONS, type Condition, type CriteriaSpec, type FilterRecord } from './filter-range';

export const MESSAGES = {
  exists: "You can't create a filter in a sheet that already has a filter.",
  outside: (column: number) =>
    `The column position ${column} is outside the range of the filter. Use a column between the filter range's first and last column.`,
  removed: 'The filter has been removed.',
};

/** Whether one cell meets one column's criteria. */
export function meets(cell: Cell | undefined, spec: CriteriaSpec, timeZone: string): boolean {
  const shown = displayValue(cell?.value, cell?.format, timeZone);
  if (spec.hiddenValues?.includes(shown)) return false;
  if (!spec.condition) return true;
  const [first] = spec.condition.values;
  const value = cell?.value;
  switch (spec.condition.type) {
    case 'CELL_EMPTY':
      return isEmptyCell(cell);
    case 'CELL_NOT_EMPTY':
      return !isEmptyCell(cell);
    case 'TEXT_EQ':
      return shown.toLowerCase() === String(first).toLowerCase();
    case 'TEXT_CONTAINS':
      return shown.toLowerCase().includes(String(first).toLowerCase());
    case 'NUMBER_EQ':
      return typeof value === 'number' && value === Number(first);
    case 'NUMBER_GREATER_THAN':
      return typeof value === 'number' && value > Number(first);
    case 'NUMBER_LESS_THAN':
      return typeof value === 'number' && value < Number(first);
  }
}

/** Whether the sheet's filter hides this 1-based row. */
export function isRowHiddenByFilter(sheet: Sheet, row: number, timeZone: string): boolean {
  const filter = sheet.filter;
  if (!filter) return false;
  const { range } = filter;
  if (row <= range.row || row >= range.row + range.rows) return false;
  return Object.entries(filter.criteria).some(
    ([column, spec]) => !meets(getCell(sheet, row, Number(column)), spec, timeZone),
  );
}

export function createFilter(sheet: Sheet, range: GridRect): FilterRecord {
  if (sheet.filter) throw new Error(MESSAGES.exists);
  sheet.filter = { range: { ...range }, criteria: {} };
  return sheet.filter;
}

function filterOf(sheet: Sheet): FilterRecord {
  if (!sheet.filter) throw new Error(MESSAGES.removed);
  return sheet.filter;
}

function checkColumn(filter: FilterRecord, column: number): void {
  const { range } = filter;
  if (!Number.isInteger(column) || column < range.column || column >= range.column + range.columns)
    throw new Error(MESSAGES.outside(column));
}

export function setColumnCriteria(sheet: Sheet, column: number, spec: CriteriaSpec): void {
  const filter = filterOf(sheet);
  checkColumn(filter, column);
  filter.criteria[column] = spec;
}

export function removeColumnCriteria(sheet: Sheet, column: number): void {
  const filter = filterOf(sheet);
  checkColumn(filter, column);
  filter.criteria = Object.fromEntries(
    Object.entries(filter.criteria).filter(([key]) => Number(key) !== column),
  );
}

export function columnCriteria(sheet: Sheet, column: number): CriteriaSpec | null {
  const filter = filterOf(sheet);
  checkColumn(filter, column);
  return filter.criteria[column] ?? null;
}

/** `Filter.sort`: whole rows of the filter range below its header, hidden rows included. */
export function sortFilter(sheet: Sheet, column: number, ascending: boolean): GridRect {
  const filter = filterOf(sheet);
  checkColumn(filter, column);
  const { range } = filter;
  const body = {
    row: range.row + 1,
    column: range.column,
    rows: range.rows - 1,
    columns: range.columns,
  };
  if (body.rows > 0) sortRows(sheet, body, [{ column, ascending }]);
  return body;
}
