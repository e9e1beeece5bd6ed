/**
 * Marks set the moment a person types: the `onEdit` simple trigger re-evaluates only the edited
 * rows of each action column the edit touches, against the last-synced values, with the review's
 * own planning (the action's `find`, `marksOf`, `planMarks`), and writes their marks in one
 * batched call each. An edit in a synced sheet's read-only column is marked as not sent
 * (`read-only-columns.ts`). An edit in a person's own column costs one read of the header row.
 * A paste of any number of rows costs the same few calls: Apps Script gives a simple trigger 30 s.
 */
import { findHeader } from '../cells/header';
import type { CellValue } from '../ports/table-port';
import type { WriteAction } from './action';
import { WRITE_ACTIONS } from './actions';
import { planMarks } from './cell-marks';
import {
  columnRuns,
  dataSetOfSheet,
  planReadOnly,
  readOnlyColumns,
  readOnlyNote,
  syncedRows,
  type BlockMarksPort,
} from './read-only-columns';
import { flagSheet } from './restore-marks';
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
  /** The marks of blocks of cells, for read-only columns. */
  readonly blocks: BlockMarksPort;
  /** The editor's email as the edit event gives it; '' when Sheets does not say. */
  readonly user: string;
};

/** Pure: whether the edit can touch marks: it is in a data row of an action's or a synced sheet. */
export function mayTouchMarks(edit: EditedBlock): boolean {
  const marked =
    WRITE_ACTIONS.some((action) => action.sheet === edit.sheetName) ||
    dataSetOfSheet(edit.sheetName) !== undefined;
  return marked && edit.row + edit.rows - 1 >= 2;
}

/**
 * Sets or clears the marks of the edited rows: in each action column whose action reads a column
 * the edit touches (found by header; a new row's action reads every column of a row without a
 * Brex ID), and in the read-only columns it touches; returns whether it did.
 */
export function markEditedRows(deps: EditMarksDeps, edit: EditedBlock): boolean {
  if (!mayTouchMarks(edit)) return false;
  const header = deps.sheet.header();
  const inEdit = (column: number): boolean =>
    column >= edit.column && column <= edit.column + edit.columns - 1;
  const touched = WRITE_ACTIONS.flatMap((action) => {
    const column = action.sheet === edit.sheetName ? action.cellColumn(header) : null;
    if (column === null) return [];
    const readsEdit =
      action.reads === 'new row' ||
      action.reads.some((name) => inEdit((findHeader(header, name) ?? -1) + 1));
    return readsEdit ? [{ action, column }] : [];
  });
  const readOnly = readOnlyColumns(edit.sheetName, header).filter(inEdit);
  if (touched.length === 0 && readOnly.length === 0) return false;
  const firstRow = Math.max(edit.row, 2);
  const lastRow = edit.row + edit.rows - 1;
  const block = deps.sheet.rows(firstRow, lastRow - firstRow + 1, header.length);
  const synced = syncedRows(header, block);
  // A creation is read only from a row without a Brex ID: none in the block, nothing to find.
  const columns = touched.filter((t) => t.action.reads !== 'new row' || synced.includes(false));
  for (const column of new Set(columns.map((t) => t.column))) {
    const sharing = columns.filter((t) => t.column === column).map((t) => t.action);
    markColumn(deps, sharing, column, edit, [header, ...block], firstRow, lastRow);
  }
  if (readOnly.length > 0) markReadOnly(deps, edit.sheetName, readOnly, firstRow, synced);
  return true;
}

/**
 * Marks the edited cells of synced rows in read-only columns (one read and at most one write of
 * backgrounds and of notes per run of adjacent columns), and notes that the sheet has such marks
 * for the refresh that restores them.
 */
function markReadOnly(
  deps: EditMarksDeps,
  sheetName: string,
  columns: readonly number[],
  firstRow: number,
  synced: readonly boolean[],
): void {
  if (!synced.includes(true)) return;
  const note = readOnlyNote(sheetName);
  for (const [first, last] of columnRuns(columns)) {
    const width = last - first + 1;
    const current = deps.blocks.read(sheetName, firstRow, first, synced.length, width);
    const planned = planReadOnly(current, synced, note);
    if (planned) deps.blocks.write(sheetName, firstRow, first, planned);
  }
  flagSheet(deps.store, sheetName);
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
