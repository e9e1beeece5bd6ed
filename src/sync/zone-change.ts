/**
 * Following a change of the spreadsheet's time zone. Sheets keeps a date-time cell as wall-clock
 * time in the zone it was written in, so after the zone changes every timestamp the sync wrote
 * earlier shows the old zone's wall time, while rows written afterwards show the new one's. The
 * first refresh after a change writes every date-time column of the synced sheets again, as the
 * same instants in the new zone. (Calendar dates are wall dates in any zone and stay as they are.)
 */
import { DATETIME_FORMAT } from '../cells/columns';
import type { DataSet } from '../data-sets/data-set';
import { findHeader } from '../cells/header';
import type { KeyValuePort } from '../ports/key-value-port';
import type { CellValue, TablePort } from '../ports/table-port';
import { zoneOffset } from '../cells/time-zone';

const ZONE_KEY = 'sync.timeZone';

export interface ZoneChange {
  readonly from: string;
  readonly to: string;
  /** Date-time cells written again. */
  readonly cells: number;
  /** What the Sync Log says about it. */
  readonly note: string;
}

/** Pure: a date-time cell read in `to` that was written in `from` → the instant it stood for. */
export function reZoned(read: Date, from: string, to: string): Date {
  const wall = read.getTime() + zoneOffset(read.getTime(), to);
  let instant = wall - zoneOffset(wall, from);
  instant = wall - zoneOffset(instant, from);
  return new Date(instant);
}

/**
 * Re-renders the date-time columns of `dataSets`' sheets when the zone moved since the last
 * refresh; null when it did not (or on the first refresh, which only records the zone).
 */
export function followTimeZone(
  table: TablePort,
  store: KeyValuePort,
  dataSets: readonly DataSet[],
): ZoneChange | null {
  const to = table.timeZone();
  const from = store.get(ZONE_KEY);
  if (from === to) return null;
  // Recorded (and committed) first: a run stopped midway leaves some cells in the old zone's wall
  // time, as they were, but never shifts a cell twice.
  store.set(ZONE_KEY, to);
  store.commit?.();
  if (!from) return null;
  let cells = 0;
  for (const dataSet of dataSets) cells += reRender(table, dataSet, from, to);
  return {
    from,
    to,
    cells,
    note: `The spreadsheet's time zone changed from ${from} to ${to}: ${cells} date-time cells were shown again in ${to}.`,
  };
}

function reRender(table: TablePort, dataSet: DataSet, from: string, to: string): number {
  const columns = dataSet.columns.filter((c) => c.type === 'datetime');
  const size = columns.length > 0 ? table.usedSize(dataSet.sheetName) : null;
  if (!size || size.rows < 2) return 0;
  const header = table.readBlock(dataSet.sheetName, 1, 1, 1, size.columns)[0] ?? [];
  let cells = 0;
  for (const column of columns) {
    const index = findHeader(header, column.header);
    if (index === null) continue;
    const values = table.readBlock(dataSet.sheetName, 2, index + 1, size.rows - 1, 1);
    const next: CellValue[][] = values.map(([value]) => {
      if (!(value instanceof Date)) return [value ?? ''];
      cells += 1;
      return [reZoned(value, from, to)];
    });
    table.writeBlock(dataSet.sheetName, {
      row: 2,
      column: index + 1,
      values: next,
      numberFormats: next.map(() => [DATETIME_FORMAT]),
    });
  }
  return cells;
}
