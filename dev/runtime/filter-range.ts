/**
 * Where a sheet's filter sits, and how it moves when rows and columns are inserted, deleted or
 * moved, as Sheets moves it: rows inserted inside the range widen it, criteria go with their
 * columns, deleting the header row deletes the filter. The filter's behaviour is filters.ts.
 */
import type { GridRect } from './a1-notation';

/** What holds a filter: a sheet (workbook.ts). */
interface Filtered {
  filter?: FilterRecord;
}

/** The conditions of `FilterCriteriaBuilder.when…` the runtime emulates (BooleanCriteria names). */
export const CONDITIONS = [
  'CELL_EMPTY',
  'CELL_NOT_EMPTY',
  'TEXT_CONTAINS',
  'TEXT_EQ',
  'NUMBER_EQ',
  'NUMBER_GREATER_THAN',
  'NUMBER_LESS_THAN',
] as const;
export type Condition = (typeof CONDITIONS)[number];

/** One column's criteria: values to hide (as displayed) and/or a condition a row must meet. */
export interface CriteriaSpec {
  readonly hiddenValues?: readonly string[];
  readonly condition?: { readonly type: Condition; readonly values: readonly unknown[] };
}

export interface FilterRecord {
  /** The filtered range; its first row is the header, never hidden. */
  range: { -readonly [K in keyof GridRect]: GridRect[K] };
  /** Criteria by 1-based sheet column. */
  criteria: Record<number, CriteriaSpec>;
}

/** Rows `before` and below move down by `count`; rows inserted inside the range widen it. */
export function filterRowsInserted(sheet: Filtered, before: number, count: number): void {
  const range = sheet.filter?.range;
  if (!range) return;
  if (before <= range.row) range.row += count;
  else if (before < range.row + range.rows) range.rows += count;
}

/** Deleted rows leave the range; deleting its header row deletes the filter. */
export function filterRowsDeleted(sheet: Filtered, start: number, count: number): void {
  const range = sheet.filter?.range;
  if (!range) return;
  if (start <= range.row && start + count > range.row) {
    delete sheet.filter;
    return;
  }
  const end = range.row + range.rows;
  const overlap = Math.max(0, Math.min(end, start + count) - Math.max(range.row, start));
  if (start < range.row) range.row -= count;
  range.rows -= overlap;
}

/** Columns move by `shift(column)`; a column the shift drops (undefined) takes its criteria along. */
function shiftColumns(sheet: Filtered, shift: (column: number) => number | undefined): void {
  const filter = sheet.filter;
  if (!filter) return;
  const criteria: Record<number, CriteriaSpec> = {};
  for (const [column, spec] of Object.entries(filter.criteria)) {
    const moved = shift(Number(column));
    if (moved !== undefined) criteria[moved] = spec;
  }
  filter.criteria = criteria;
}

export function filterColumnsInserted(sheet: Filtered, before: number, count: number): void {
  const range = sheet.filter?.range;
  if (!range) return;
  shiftColumns(sheet, (c) => (c >= before ? c + count : c));
  if (before <= range.column) range.column += count;
  else if (before < range.column + range.columns) range.columns += count;
}

export function filterColumnsDeleted(sheet: Filtered, start: number, count: number): void {
  const range = sheet.filter?.range;
  if (!range) return;
  shiftColumns(sheet, (c) => (c < start ? c : c >= start + count ? c - count : undefined));
  const end = range.column + range.columns;
  const overlap = Math.max(0, Math.min(end, start + count) - Math.max(range.column, start));
  if (start < range.column) range.column -= Math.min(count, range.column - start);
  range.columns -= overlap;
  if (range.columns < 1) delete sheet.filter;
}

/** Criteria move with their columns; the range keeps its place, as Sheets' does. */
export function filterColumnsMoved(sheet: Filtered, moved: (column: number) => number): void {
  shiftColumns(sheet, moved);
}
