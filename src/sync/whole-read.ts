/**
 * Reading a data set whole: every page of every source, then one upsert against the whole sheet,
 * so a row Brex no longer lists is marked removed. A long read (users' limits) may write rows as
 * it goes (`writeSome`) and go on in the next run (`unfinished`).
 */
import { findHeader, KEY_HEADER } from '../cells/header';
import { type WholeDataSet, type WholeRefreshState } from '../data-sets/data-set';
import type { CellValue } from '../ports/table-port';
import { pageSizeNote } from './page-fetch';
import { recordsOf } from './records';
import { checkTime, OutOfTime, readContext, refreshState, type Run } from './run-context';
import { succeed } from './run-health';
import { openSheet, writeRows } from './synced-sheet';
import { writeHealth, type DataSetHealth } from './sync-health';

export function readWhole(run: Run, dataSet: WholeDataSet, started: DataSetHealth): DataSetHealth {
  const { rows, deleted, shown } = openSheet(run, dataSet);
  const timeZone = (): string => run.table.timeZone();
  let sheet = rows.grid;
  let health = started;
  const refresh: WholeRefreshState = {
    ...refreshState(run, shown),
    writeSome(items, progress) {
      // Counted as added or updated now; as rows read once, with the whole data set below.
      const records = recordsOf(dataSet, items, run.lookups, timeZone());
      const written = writeRows(run, dataSet, { sheet, records, deleted, complete: false }, health);
      ({ sheet } = written);
      health = { ...written.health, rows: health.rows };
      writeHealth(run.store, health);
      progress();
      run.checkpoint();
    },
  };
  let note: string | null = null;
  const items: unknown[] = [];
  const context = readContext(run, `${run.historyStart}T00:00:00`, refresh);
  for (const source of dataSet.sources(context)) {
    let cursor: string | null = null;
    do {
      checkTime(run);
      const page = source.fetch(cursor);
      items.push(...page.items);
      cursor = page.nextCursor;
      note = pageSizeNote(page) ?? note;
      health = { ...health, pages: health.pages + 1 };
    } while (cursor !== null);
  }
  if (dataSet.order) items.sort((a, b) => dataSet.order?.(a, b) ?? 0);
  // The write-back's hooks, when the composition root gave them, stand in for the data set's own.
  const hooks = run.hooks?.[dataSet.id] as WholeDataSet | undefined;
  const claimed = hooks?.claimRows?.(items, sheet, run.store, new Date(run.now()));
  if (claimed && claimed.size > 0) sheet = withIds(sheet, claimed);
  const keepCells = hooks?.keepCells ?? dataSet.keepCells;
  const keep = keepCells?.(items, sheet, run.store) ?? new Map<string, readonly string[]>();
  const records = recordsOf(dataSet, items, run.lookups, timeZone()).map((r) =>
    keep.has(r.id) ? { ...r, keep: keep.get(r.id) } : r,
  );
  health = writeRows(run, dataSet, { sheet, records, deleted, complete: true }, health).health;
  (hooks?.afterWrite ?? dataSet.afterWrite)?.(
    items,
    run.store,
    new Date(run.now()),
    new Set(keep.keys()),
    run.lookups,
  );
  if (dataSet.unfinished?.(run.store)) {
    // The rows read so far are written; the rest of the read is the next run's.
    writeHealth(run.store, health);
    throw new OutOfTime();
  }
  return succeed(run.store, health, run.now(), note);
}

/** Pure: the sheet with each claimed row showing its item's id, so the upsert writes it there. */
function withIds(sheet: CellValue[][], claimed: ReadonlyMap<string, number>): CellValue[][] {
  const column = findHeader(sheet[0] ?? [], KEY_HEADER);
  if (column === null) return sheet;
  const rows = [...sheet];
  for (const [id, row] of claimed) {
    const cells = [...(rows[row] ?? [])];
    cells[column] = id;
    rows[row] = cells;
  }
  return rows;
}
