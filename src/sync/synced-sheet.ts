/**
 * A data set's sheet during a refresh: opened (made when missing, its ids reconciled with those
 * ever written), then written a batch of rows at a time. Rows are written first, their ids
 * remembered after, so a run killed in between finds the rows and remembers them then.
 */
import { applyPlan } from './apply-plan';
import { columnFormat, columnWidth, TEXT_FORMAT } from '../cells/columns';
import { KEY_HEADER } from '../cells/header';
import { STATUS_HEADER, type DataSet, type RowsFromBrex } from '../data-sets/data-set';
import { findHeader } from '../cells/header';
import { clearCursor } from './incremental-cursor';
import type { Run } from './run-context';
import { checkHeader, checkRemovals } from './sheet-checks';
import { SheetRows } from './sheet-rows';
import type { DataSetHealth } from './sync-health';
import type { CellValue, ColumnLayout } from '../ports/table-port';
import {
  locateColumns,
  ownHeaders,
  planUpsert,
  readIds,
  type RecordRow,
  type SheetLayout,
} from './upsert-plan';

const STATUS_WIDTH = 120;

export interface OpenedSheet {
  readonly rows: SheetRows;
  /** Ids written once and no longer in the sheet: a person deleted their rows. */
  readonly deleted: ReadonlySet<string>;
  /** The ids the sheet shows now. */
  readonly shown: ReadonlySet<string>;
}

/** One batch of rows for `writeRows`. */
export interface RowBatch {
  /** The sheet as it is before the batch. */
  readonly sheet: CellValue[][];
  readonly records: readonly RecordRow[];
  readonly deleted: ReadonlySet<string>;
  /** The batch holds every row of the data set: rows it lacks are marked removed. */
  readonly complete: boolean;
}

/** The columns' widths and number formats of a new sheet; the status column last. */
export function sheetLayout(layout: SheetLayout): ColumnLayout[] {
  const own = layout.columns.map((c) => ({
    width: columnWidth(c),
    hidden: c.hidden,
    format: columnFormat(c.type),
  }));
  return layout.statusHeader === null
    ? own
    : [...own, { width: STATUS_WIDTH, format: TEXT_FORMAT }];
}

function layoutOf(dataSet: DataSet): SheetLayout {
  // Only a data set read whole can tell that a row vanished from Brex.
  const statusHeader = dataSet.read === 'whole' ? STATUS_HEADER : null;
  return { columns: dataSet.columns, keyHeader: KEY_HEADER, statusHeader };
}

/** The sheet as it is now (see sheet-rows.ts), and the ids a person deleted from it. */
export function openSheet(run: Run, dataSet: DataSet): OpenedSheet {
  // Totals are compared with every row they replace; a tally's items are rows of its own sheet.
  const whole = dataSet.read === 'whole' || dataSet.tally !== undefined;
  const layout = layoutOf(dataSet);
  let rows = SheetRows.open(run.table, dataSet.sheetName, layout, whole);
  if (rows === null) {
    // A sheet deleted whole (or never made) starts over: nothing in it counts as deleted by hand.
    run.knownIds.forget(dataSet.id);
    if (dataSet.read === 'incremental') clearCursor(run.store, dataSet.id);
    run.table.ensureSheet(dataSet.sheetName, {
      columns: ownHeaders(layout).length,
      layout: sheetLayout(layout),
    });
    rows = SheetRows.empty(run.table, dataSet.sheetName);
  } else if (dataSet.read === 'incremental' && !dataSet.tally && lacksColumns(layout, rows.grid)) {
    // A column the sheet lacks (new in this version, or deleted) would stay blank in every row
    // not read again: read from the history start once, so every row gets it.
    clearCursor(run.store, dataSet.id);
  }
  checkHeader(dataSet.sheetName, rows.grid);
  const present = readIds(layout, rows.grid);
  // Ids in the sheet but not yet remembered: a run stopped between writing rows and remembering them.
  run.knownIds.remember(dataSet.id, present.keys());
  const deleted = new Set([...run.knownIds.of(dataSet.id)].filter((id) => !present.has(id)));
  return { rows, deleted, shown: new Set(present.keys()) };
}

function lacksColumns(layout: SheetLayout, grid: readonly (readonly CellValue[])[]): boolean {
  const header = grid[0] ?? [];
  return header.length > 0 && locateColumns(layout, header).missing.length > 0;
}

/** Writes one batch of rows; returns the sheet as it now is, and `health` counting the batch. */
export function writeRows(
  run: Run,
  dataSet: DataSet,
  batch: RowBatch,
  health: DataSetHealth,
): { sheet: CellValue[][]; health: DataSetHealth } {
  const { sheet, records, complete } = batch;
  const layout = layoutOf(dataSet);
  const plan = planUpsert({ layout, sheet, records, deletedIds: batch.deleted, complete });
  if (complete) checkRemovals(dataSet.sheetName, plan.removed.length, readIds(layout, sheet).size);
  const keyColumn = (findHeader(plan.sheetAfter[0] ?? [], KEY_HEADER) ?? 0) + 1;
  applyPlan(run.table, dataSet.sheetName, plan, keyColumn);
  // A column added to an existing sheet is formatted and sized as a new sheet's are.
  if (plan.headerBlock && (sheet[0]?.length ?? 0) > 0) {
    const added = new Set((plan.headerBlock.values[0] ?? []).map(String));
    const own = ownHeaders(layout);
    const widths = sheetLayout(layout).filter((_, i) => added.has(own[i] ?? ''));
    run.table.formatNewColumns(dataSet.sheetName, plan.headerBlock.column, widths);
  }
  run.knownIds.remember(dataSet.id, plan.added);
  if (run.afterRows) run.afterRows(rowsFromBrex(dataSet, layout, plan.sheetAfter, batch, run));
  return {
    sheet: plan.sheetAfter,
    health: {
      ...health,
      rows: health.rows + records.length,
      added: health.added + plan.added.length,
      updated: health.updated + plan.updated.length,
      removed: health.removed + plan.removed.length,
    },
  };
}

/** Pure: the rows of the sheet after a batch that now hold the batch's records (a person's deleted excepted). */
function rowsFromBrex(
  dataSet: DataSet,
  layout: SheetLayout,
  sheetAfter: CellValue[][],
  batch: RowBatch,
  run: Run,
): RowsFromBrex {
  const ids = readIds(layout, sheetAfter);
  const rows = new Map<number, readonly string[]>();
  for (const record of batch.records) {
    const row = ids.get(record.id);
    if (row !== undefined && !batch.deleted.has(record.id)) rows.set(row, record.keep ?? []);
  }
  return { sheetName: dataSet.sheetName, sheet: sheetAfter, rows, at: new Date(run.now()) };
}
