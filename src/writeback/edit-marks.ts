/**
 * Marks set the moment a person types: the `onEdit` simple trigger re-evaluates only the edited
 * rows of each action column the edit touches, against the last-synced values, with the review's
 * own planning (the action's `find`, `marksOf`, `planMarks`), and writes their marks in one
 * batched call each. An edit anywhere else costs one read of the header row at most.
 */
import type { CellValue } from '../ports/table-port';
import type { WriteAction } from './action';
import { WRITE_ACTIONS } from './actions';
import { planMarks } from './cell-marks';
import { marksOf } from './review';
import { TypedBy } from './typed-by';
import type { WriteBackDeps } from './write-back-deps';

/** The edited block, 1-based, as the edit event's range gives it. */
export interface EditedBlock {
  readonly sheetName: string;
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

/** The edited sheet's cells. */
export interface EditedSheetPort {
  /** The header row (row 1), as wide as the sheet's used columns. */
  header(): CellValue[];
  /** Values of `rows` whole rows from `row` on, `width` columns from column 1. */
  rows(row: number, rows: number, width: number): CellValue[][];
}

export type EditMarksDeps = Pick<WriteBackDeps, 'store' | 'marks' | 'now'> & {
  readonly sheet: EditedSheetPort;
  /** The editor's email as the edit event gives it; '' when Sheets does not say. */
  readonly user: string;
};

/** Pure: whether the edit can touch an action's cells; decided from the sheet name and position. */
export function mayTouchAmounts(edit: EditedBlock): boolean {
  return (
    WRITE_ACTIONS.some((action) => action.sheet === edit.sheetName) && edit.row + edit.rows - 1 >= 2
  );
}

/**
 * Sets or clears the marks of the edited rows in each action column the edit touches (found by
 * header); returns whether it did.
 */
export function markEditedRows(deps: EditMarksDeps, edit: EditedBlock): boolean {
  if (!mayTouchAmounts(edit)) return false;
  const header = deps.sheet.header();
  const touched = WRITE_ACTIONS.flatMap((action) => {
    const column = action.sheet === edit.sheetName ? action.cellColumn(header) : null;
    return column !== null && column >= edit.column && column <= edit.column + edit.columns - 1
      ? [{ action, column }]
      : [];
  });
  if (touched.length === 0) return false;
  const firstRow = Math.max(edit.row, 2);
  const lastRow = edit.row + edit.rows - 1;
  const block = deps.sheet.rows(firstRow, lastRow - firstRow + 1, header.length);
  for (const column of new Set(touched.map((t) => t.column))) {
    const sharing = touched.filter((t) => t.column === column).map((t) => t.action);
    markColumn(deps, sharing, column, edit, [header, ...block], firstRow, lastRow);
  }
  return true;
}

function markColumn(
  deps: EditMarksDeps,
  actions: readonly WriteAction[],
  column: number,
  edit: EditedBlock,
  grid: CellValue[][],
  firstRow: number,
  lastRow: number,
): void {
  const formats = deps.marks.numberFormats(edit.sheetName, column, lastRow, firstRow);
  const changes = actions.flatMap((action) => action.find(deps, { grid, firstRow }, formats));
  new TypedBy(deps.store).note(
    changes.map((change) => change.targetId).filter((id) => id !== ''),
    deps.user,
  );
  const current = deps.marks.read(edit.sheetName, column, lastRow, firstRow);
  const planned = planMarks(current, marksOf(changes), firstRow);
  if (planned) deps.marks.write(edit.sheetName, column, planned, firstRow);
}
