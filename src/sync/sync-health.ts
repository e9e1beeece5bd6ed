/**
 * Sync health per data set (last success, counts, last error with Brex's trace id), kept in
 * document properties for the sidebar, and one row per data set and run in the "Brex Sync Log"
 * sheet. The log is appended to, oldest first: a run writes its rows in one block below the
 * others, and no row a person is reading moves.
 */
import { TEXT_FORMAT, DATETIME_FORMAT } from '../cells/columns';
import type { DataSetId } from '../data-sets/data-set';
import { dataSetById } from '../data-sets';
import { readJson, writeJson, type KeyValuePort } from '../ports/key-value-port';
import type { CellValue, TablePort } from '../ports/table-port';

export type DataSetState = 'never' | 'in_progress' | 'ok' | 'error' | 'unavailable';

/** Counts of the refresh in progress, or of the last one, and its last error. */
export interface RunCounts {
  readonly pages: number;
  readonly rows: number;
  readonly added: number;
  readonly updated: number;
  readonly removed: number;
  /** The last error, or why the data set is unavailable. */
  readonly message: string | null;
  readonly traceId: string | null;
}

export interface DataSetHealth extends RunCounts {
  readonly id: DataSetId;
  readonly state: DataSetState;
  /** ISO time of the last complete refresh of this data set. */
  readonly lastSuccess: string | null;
  /** ISO time of the last run that touched it. */
  readonly lastRun: string | null;
}

export const LOG_SHEET = 'Brex Sync Log';
const LOG_HEADER = [
  'Time',
  'Data set',
  'Result',
  'Added',
  'Updated',
  'Removed',
  'Message',
  'Trace ID',
];
const LOG_WIDTHS = [140, 150, 100, 70, 70, 70, 420, 200];

/** What a data set's state reads as in the log. */
const RESULTS: Readonly<Record<DataSetState, string>> = {
  never: 'Not synced',
  in_progress: 'In progress',
  ok: 'OK',
  error: 'Error',
  unavailable: 'Not available',
};

const HEALTH_PREFIX = 'sync.health.';
const healthKey = (id: DataSetId): string => `${HEALTH_PREFIX}${id}`;

/** The keys a refresh's progress lives in: what the sidebar polls while the refresh runs. */
export const isHealthKey = (key: string): boolean => key.startsWith(HEALTH_PREFIX);

export function readHealth(store: KeyValuePort, id: DataSetId): DataSetHealth {
  return (
    readJson<DataSetHealth>(store, healthKey(id)) ?? {
      id,
      state: 'never',
      lastSuccess: null,
      lastRun: null,
      pages: 0,
      rows: 0,
      added: 0,
      updated: 0,
      removed: 0,
      message: null,
      traceId: null,
    }
  );
}

export function writeHealth(store: KeyValuePort, health: DataSetHealth): void {
  writeJson(store, healthKey(health.id), health);
}

/** Enough for weeks of hourly refreshes of every data set, far under Sheets' cell limit. */
export const LOG_MAX_ROWS = 500;

/**
 * Appends one row per finished data set to the log sheet, in one block, first deleting the
 * oldest rows (in one call) so that it keeps the newest `maxRows`.
 */
export function appendLog(
  table: TablePort,
  at: Date,
  entries: readonly DataSetHealth[],
  maxRows = LOG_MAX_ROWS,
): void {
  if (entries.length === 0) return;
  table.ensureSheet(LOG_SHEET, {
    columns: LOG_HEADER.length,
    layout: LOG_WIDTHS.map((width) => ({ width })),
  });
  let grid = table.readAll(LOG_SHEET) ?? [];
  const excess = Math.min(grid.length - 1 + entries.length - maxRows, grid.length - 1);
  if (excess > 0) {
    table.deleteRows(LOG_SHEET, 2, excess);
    grid = [grid[0] as CellValue[], ...grid.slice(1 + excess)];
  }
  if (grid.length === 0) {
    table.writeBlock(LOG_SHEET, {
      row: 1,
      column: 1,
      values: [LOG_HEADER],
      numberFormats: [LOG_HEADER.map(() => TEXT_FORMAT)],
    });
  }
  const values: CellValue[][] = entries.map((h) => [
    at,
    dataSetById(h.id)?.title ?? h.id,
    RESULTS[h.state],
    h.added,
    h.updated,
    h.removed,
    h.message ?? '',
    h.traceId ?? '',
  ]);
  const formats = entries.map(() => [
    DATETIME_FORMAT,
    TEXT_FORMAT,
    TEXT_FORMAT,
    '0',
    '0',
    '0',
    TEXT_FORMAT,
    TEXT_FORMAT,
  ]);
  table.writeBlock(LOG_SHEET, {
    row: Math.max(grid.length, 1) + 1,
    column: 1,
    values,
    numberFormats: formats,
  });
}
