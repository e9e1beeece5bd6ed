/**
 * The review: every action's pending changes as they are now, validated, with their cells marked.
 * Reading the review is how marks are brought up to date (after an edit, a push, a discard).
 */
import type { CellValue } from '../ports/table-port';
import { targetKey, type Change } from './action';
import { WRITE_ACTIONS } from './actions';
import { type Mark, planMarks } from './cell-marks';
import { Conflicts } from './conflicts';
import type { WriteBackDeps } from './write-back-deps';

/** The pending changes, and the sheets they were read from (by name; null when absent). */
export interface ChangesNow {
  readonly changes: Change[];
  readonly sheets: ReadonlyMap<string, CellValue[][] | null>;
}

/**
 * Every action's pending changes (only the actions of these sheets, when given), each sheet read
 * once.
 */
export function readChanges(deps: WriteBackDeps, only?: ReadonlySet<string>): ChangesNow {
  const sheets = new Map<string, CellValue[][] | null>();
  const changes: Change[] = [];
  for (const action of WRITE_ACTIONS) {
    if (only && !only.has(action.sheet)) continue;
    if (!sheets.has(action.sheet)) sheets.set(action.sheet, deps.table.readAll(action.sheet));
    const grid = sheets.get(action.sheet);
    if (!grid || grid.length < 2) continue;
    const column = action.cellColumn(grid[0] ?? []);
    const formats = column ? deps.marks.numberFormats(action.sheet, column, grid.length) : [];
    changes.push(...action.find(deps, { grid }, formats));
  }
  const conflicts = new Conflicts(deps.store);
  return {
    changes: changes.map((change) => ({ ...change, conflict: conflicts.get(targetKey(change)) })),
    sheets,
  };
}

/**
 * Highlights pending cells, notes refused ones, and clears the marks of cells no longer pending:
 * one read and at most one write of each action's column. Actions that share a column (a card's
 * "Status": lock and terminate) mark it together.
 */
export function markChanges(deps: WriteBackDeps, now: ChangesNow): void {
  const marked = new Set<string>();
  for (const action of WRITE_ACTIONS) {
    // Only the sheets read: a push marks the sheets of the changes it was asked for.
    if (!now.sheets.has(action.sheet)) continue;
    const grid = now.sheets.get(action.sheet);
    const column = grid ? action.cellColumn(grid[0] ?? []) : null;
    if (!grid || grid.length < 2 || column === null) continue;
    if (marked.has(`${action.sheet}:${column}`)) continue;
    marked.add(`${action.sheet}:${column}`);
    const own = now.changes.filter(
      (change) => change.action.sheet === action.sheet && change.column === column,
    );
    const planned = planMarks(deps.marks.read(action.sheet, column, grid.length), marksOf(own));
    if (planned) deps.marks.write(action.sheet, column, planned);
  }
}

/** Pure: each change's mark, by sheet row: pending when valid, refused with the reason otherwise. */
export function marksOf(changes: readonly Change[]): Map<number, Mark> {
  const marks = new Map<number, Mark>();
  for (const change of changes) {
    marks.set(
      change.row,
      change.problem === null ? { kind: 'pending' } : { kind: 'refused', why: change.problem },
    );
  }
  return marks;
}

/**
 * The pending changes, validated, after bringing the marks up to date; the conflicts of changes
 * no longer pending are forgotten.
 */
export function reviewChanges(deps: WriteBackDeps): Change[] {
  const now = readChanges(deps);
  markChanges(deps, now);
  new Conflicts(deps.store).keepOnly(new Set(now.changes.map(targetKey)));
  return now.changes;
}
