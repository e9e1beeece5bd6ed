/**
 * Where an item becomes cells: a data set's row, or a tally's, is turned into one cell per column
 * (typed, in the spreadsheet's time zone) and keyed by header, ready for the upsert.
 */
import { toCell, type Cell, type ColumnDefinition, type FieldValue } from '../cells/columns';
import type { DataSet } from '../data-sets/data-set';
import type { Lookups } from '../data-sets/lookups';
import type { RecordRow } from './upsert-plan';

/** Pure: a row's fields → its record, one cell per column; `status` goes in its status cell. */
export function toRecord(
  columns: readonly ColumnDefinition[],
  id: string,
  fields: Readonly<Record<string, FieldValue>>,
  timeZone: string,
  status?: string,
): RecordRow {
  const cells: Record<string, Cell> = {};
  for (const column of columns)
    cells[column.header] = toCell(column.type, fields[column.header], timeZone);
  return status ? { id, cells, status } : { id, cells };
}

/** The records of a data set's items (of the rows it shows: a tally's totals, not its items). */
export function recordsOf(
  dataSet: DataSet,
  items: readonly unknown[],
  lookups: Lookups,
  timeZone: string,
): RecordRow[] {
  return items.map((item) =>
    toRecord(
      dataSet.columns,
      dataSet.idOf(item),
      dataSet.row(item, lookups),
      timeZone,
      dataSet.read === 'whole' ? dataSet.rowNote?.(item) : undefined,
    ),
  );
}
