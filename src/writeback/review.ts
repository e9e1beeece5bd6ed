/**
 * The review: the pending changes as they are now, validated, with their cells marked. Reading
 * the review is how marks are brought up to date (after an edit, a push, a discard).
 */
import type { CellValue } from '../ports/table-port';
import { type Mark, planMarks } from './cell-marks';
import { limitColumns, type LimitColumns } from './edited-cells';
import { InFlightPushes } from './in-flight';
import { findPendingChanges, SPEND_LIMITS_SHEET, type StagedEdit } from './pending-changes';
import { getWriteBackSettings } from './settings';
import { SyncedValues } from './synced-values';
import { utcDay, type WriteBackDeps } from './write-back-deps';

export interface CurrentEdits {
  readonly grid: CellValue[][] | null;
  readonly synced: SyncedValues;
  readonly edits: StagedEdit[];
}

export function currentEdits(deps: WriteBackDeps): CurrentEdits {
  const grid = deps.table.readAll(SPEND_LIMITS_SHEET);
  const synced = SyncedValues.read(deps.store);
  const columns = limitColumns(grid?.[0] ?? []);
  const formats =
    columns && grid && grid.length > 1
      ? deps.marks.numberFormats(SPEND_LIMITS_SHEET, columns.amount + 1, grid.length)
      : [];
  const inFlight = new InFlightPushes(deps.store);
  const unanswered = idsShown(grid, columns).filter((id) => inFlight.get(id) !== null);
  const edits = findPendingChanges({
    grid,
    formats,
    synced,
    brexAmounts: unanswered.length > 0 ? deps.brexAmounts?.(unanswered) : undefined,
    inFlight,
    settings: getWriteBackSettings(deps.store),
    today: utcDay(deps.now()),
  });
  return { grid, synced, edits };
}

/** Pure: the ids in the sheet's id column. */
function idsShown(grid: CellValue[][] | null, columns: LimitColumns | null): string[] {
  if (!grid || !columns) return [];
  return grid
    .slice(1)
    .map((cells) => String(cells[columns.id] ?? '').trim())
    .filter(Boolean);
}

/** Highlights pending cells, notes refused ones, and clears the marks of cells no longer pending. */
export function markEdits(deps: WriteBackDeps, current: CurrentEdits): void {
  const columns = limitColumns(current.grid?.[0] ?? []);
  const lastRow = current.grid?.length ?? 0;
  if (!columns || lastRow < 2) return;
  const column = columns.amount + 1;
  const planned = planMarks(
    deps.marks.read(SPEND_LIMITS_SHEET, column, lastRow),
    marksOf(current.edits),
  );
  if (planned) deps.marks.write(SPEND_LIMITS_SHEET, column, planned);
}

/** Pure: each edit's mark, by sheet row: pending when valid, refused with the reason otherwise. */
export function marksOf(edits: readonly StagedEdit[]): Map<number, Mark> {
  const marks = new Map<number, Mark>();
  for (const edit of edits) {
    marks.set(
      edit.row,
      edit.change.problem === null
        ? { kind: 'pending' }
        : { kind: 'refused', why: edit.change.problem },
    );
  }
  return marks;
}

/** The pending changes, validated, after bringing the marks up to date. */
export function reviewEdits(deps: WriteBackDeps): StagedEdit[] {
  const current = currentEdits(deps);
  markEdits(deps, current);
  return current.edits;
}
