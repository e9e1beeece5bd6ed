/**
 * Marks set the moment a person types: the `onEdit` simple trigger re-evaluates only the edited
 * rows of the "Base limit" column against the last-synced values, with the review's own planning
 * (`findPendingChanges`, `marksOf`, `planMarks`), and writes their marks in one batched call each.
 * An edit anywhere else costs one read of the header row at most.
 */
import type { CellValue } from '../ports/table-port';
import { planMarks } from './cell-marks';
import { limitColumns } from './edited-cells';
import { InFlightPushes } from './in-flight';
import { findPendingChanges, SPEND_LIMITS_SHEET } from './pending-changes';
import { marksOf } from './review';
import { getWriteBackSettings } from './settings';
import { SyncedValues } from './synced-values';
import { TypedBy } from './typed-by';
import { utcDay, type WriteBackDeps } from './write-back-deps';

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

/** Pure: whether the edit can touch an amount cell; decided from the sheet name and position. */
export function mayTouchAmounts(edit: EditedBlock): boolean {
  return edit.sheetName === SPEND_LIMITS_SHEET && edit.row + edit.rows - 1 >= 2;
}

/**
 * Sets or clears the pending marks of the edited rows when the edit touches the "Base limit"
 * column (found by header); returns whether it did.
 */
export function markEditedRows(deps: EditMarksDeps, edit: EditedBlock): boolean {
  if (!mayTouchAmounts(edit)) return false;
  const header = deps.sheet.header();
  const columns = limitColumns(header);
  const amountColumn = columns ? columns.amount + 1 : 0;
  if (!columns || amountColumn < edit.column || amountColumn > edit.column + edit.columns - 1) {
    return false;
  }
  const firstRow = Math.max(edit.row, 2);
  const lastRow = edit.row + edit.rows - 1;
  const block = deps.sheet.rows(firstRow, lastRow - firstRow + 1, header.length);
  const edits = findPendingChanges({
    grid: [header, ...block],
    formats: deps.marks.numberFormats(SPEND_LIMITS_SHEET, amountColumn, lastRow, firstRow),
    firstRow,
    synced: SyncedValues.read(deps.store),
    inFlight: new InFlightPushes(deps.store),
    settings: getWriteBackSettings(deps.store),
    today: utcDay(deps.now()),
  });
  const editedIds = block
    .map((cells) => String(cells[columns.id] ?? '').trim())
    .filter((id) => id !== '');
  new TypedBy(deps.store).note(editedIds, deps.user);
  const current = deps.marks.read(SPEND_LIMITS_SHEET, amountColumn, lastRow, firstRow);
  const planned = planMarks(current, marksOf(edits), firstRow);
  if (planned) deps.marks.write(SPEND_LIMITS_SHEET, amountColumn, planned, firstRow);
  return true;
}
