/**
 * The hidden sheet of a tallied data set (the expense categories' "Brex Expense Tally"): one row
 * per item read, replaced when Brex sends the item again, from which the totals the data set
 * shows are computed (see `Tally` in data-set.ts).
 */
import { applyPlan } from './apply-plan';
import { KEY_HEADER } from '../cells/header';
import type { IncrementalDataSet, ReadContext, Tally } from '../data-sets/data-set';
import { clearCursor } from './incremental-cursor';
import { recordsOf, toRecord } from './records';
import type { Run } from './run-context';
import { SheetRows } from './sheet-rows';
import type { CellValue } from '../ports/table-port';
import {
  locateColumns,
  ownHeaders,
  planUpsert,
  readIds,
  type RecordRow,
  type SheetLayout,
} from './upsert-plan';

function tallyLayout(tally: Tally<unknown, unknown>): SheetLayout {
  return { columns: tally.columns, keyHeader: KEY_HEADER, statusHeader: null };
}

/** The tally's sheet; a missing one (never made, or deleted) re-reads from the history start. */
export function openTally(
  run: Run,
  dataSet: IncrementalDataSet,
  tally: Tally<unknown, unknown>,
): SheetRows {
  const existing = SheetRows.open(run.table, tally.sheetName, tallyLayout(tally), false);
  if (existing !== null) return existing;
  clearCursor(run.store, dataSet.id);
  run.table.ensureSheet(tally.sheetName, {
    columns: ownHeaders(tallyLayout(tally)).length,
    hidden: true,
  });
  return SheetRows.empty(run.table, tally.sheetName);
}

/** Keeps each item's row in the tally sheet (replacing its earlier one); true when a row changed. */
export function keepTally(
  run: Run,
  tally: Tally<unknown, unknown>,
  rows: SheetRows,
  items: readonly unknown[],
): boolean {
  const timeZone = run.table.timeZone();
  const records = items.map((item): RecordRow => {
    const fields = tally.row(item);
    return toRecord(tally.columns, String(fields[KEY_HEADER]), fields, timeZone);
  });
  const layout = tallyLayout(tally);
  rows.load(records.map((r) => r.id));
  const plan = planUpsert({
    layout,
    sheet: rows.grid,
    records,
    deletedIds: new Set(),
    complete: false,
  });
  const keyColumn =
    (locateColumns(layout, plan.sheetAfter[0] ?? []).positions.get(KEY_HEADER) ?? 0) + 1;
  applyPlan(run.table, tally.sheetName, plan, keyColumn);
  rows.grid = plan.sheetAfter;
  return plan.added.length + plan.updated.length > 0;
}

/** The records of the totals, computed from every row the tally sheet keeps. */
export function totalsRecords(
  run: Run,
  dataSet: IncrementalDataSet,
  tally: Tally<unknown, unknown>,
  rows: SheetRows,
  context: ReadContext,
): RecordRow[] {
  rows.loadAll();
  const totals = tally.totals(keptRows(tally, rows.grid), context);
  return recordsOf(dataSet, totals, run.lookups, run.table.timeZone());
}

/** Pure: the tally sheet's rows, keyed by the tally's headers. */
function keptRows(
  tally: Tally<unknown, unknown>,
  sheet: readonly (readonly CellValue[])[],
): Record<string, CellValue>[] {
  const layout = tallyLayout(tally);
  const { positions } = locateColumns(layout, sheet[0] ?? []);
  return [...readIds(layout, sheet).values()].map((row) =>
    Object.fromEntries(
      tally.columns.map((c) => {
        const at = positions.get(c.header);
        return [c.header, (at === undefined ? undefined : sheet[row]?.[at]) ?? ''];
      }),
    ),
  );
}
