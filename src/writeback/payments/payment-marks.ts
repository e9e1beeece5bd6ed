/**
 * The marks of staged payment rows, as every action's pending cells have them (cell-marks.ts): the
 * row's "Vendor" cell is highlighted while the payment waits for approval (staged, or sent with no
 * answer yet), or coloured refused with a note saying why. A row sent, or cleared, loses its mark
 * at the next review or approval. One read and at most one write of the column.
 */
import { findHeader } from '../../cells/header';
import type { MarksPort } from '../cell-marks';
import { planMarks, type Mark } from '../cell-marks';
import type { TablePort } from '../../ports/table-port';
import { TRANSFERS_SHEET, VENDOR } from './payment-row';
import type { Payment } from './staged-rows';

/** Marks `payments`, the rows staged now, and clears the marks of every other row. */
export function markPayments(
  deps: { readonly table: TablePort; readonly marks: MarksPort },
  payments: readonly Payment[],
): void {
  const size = deps.table.usedSize(TRANSFERS_SHEET);
  if (!size || size.rows < 2) return;
  const header = deps.table.readBlock(TRANSFERS_SHEET, 1, 1, 1, size.columns)[0] ?? [];
  const column = findHeader(header, VENDOR);
  if (column === null) return;
  const marks = new Map<number, Mark>(
    payments.map((p) => [
      p.row,
      p.problem === null ? { kind: 'pending' } : { kind: 'refused', why: p.problem },
    ]),
  );
  const planned = planMarks(deps.marks.read(TRANSFERS_SHEET, column + 1, size.rows), marks);
  if (planned) deps.marks.write(TRANSFERS_SHEET, column + 1, planned);
}
