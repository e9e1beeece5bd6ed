/**
 * The marks of staged payment rows, as every action's pending cells have them (cell-marks.ts): the
 * row's "Vendor" cell is highlighted while the payment waits for approval (staged, or sent with no
 * answer yet), or coloured refused with a note saying why. A row sent loses its mark at the
 * approval, any other row no longer staged at the next review: one read and at most one write of
 * the column. A row a person clears loses it at once (`onEdit`): clearing the last rows shrinks the
 * sheet's used range, which is all a review reads.
 */
import { KEY_HEADER, findHeader, headerText } from '../../cells/header';
import {
  NOTE_PREFIX,
  PENDING_BACKGROUND,
  REFUSED_BACKGROUND,
  planMarks,
  type Mark,
  type MarksPort,
} from '../cell-marks';
import type { EditedBlock, EditedSheetPort } from '../edit-marks';
import type { TablePort } from '../../ports/table-port';
import { PAYMENT_INPUTS, TRANSFERS_SHEET, VENDOR } from './payment-row';
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

/** `onEdit`: the edited rows of "Brex Transfers" left with no Brex ID and no payment cell lose their mark. */
export function unmarkClearedRows(
  deps: { readonly sheet: EditedSheetPort; readonly marks: MarksPort },
  edit: EditedBlock,
): void {
  const first = Math.max(edit.row, 2);
  const last = edit.row + edit.rows - 1;
  if (edit.sheetName !== TRANSFERS_SHEET || last < first) return;
  const header = deps.sheet.header();
  const vendor = findHeader(header, VENDOR);
  const id = findHeader(header, KEY_HEADER);
  if (vendor === null || id === null) return;
  const inputs = PAYMENT_INPUTS.flatMap((name) => findHeader(header, name) ?? []);
  const cleared = deps.sheet
    .rows(first, last - first + 1, header.length)
    .map((cells) => [id, ...inputs].every((column) => headerText(cells[column]) === ''));
  if (!cleared.includes(true)) return;
  const current = deps.marks.read(TRANSFERS_SHEET, vendor + 1, last, first);
  const ours = new Set([PENDING_BACKGROUND, REFUSED_BACKGROUND]);
  const backgrounds = current.backgrounds.map((b, i) =>
    cleared[i] && ours.has(String(b).toLowerCase()) ? '#ffffff' : b,
  );
  const notes = current.notes.map((n, i) =>
    cleared[i] && String(n).startsWith(NOTE_PREFIX) ? '' : n,
  );
  const changed =
    backgrounds.some((b, i) => b !== current.backgrounds[i]) ||
    notes.some((n, i) => n !== current.notes[i]);
  if (changed) deps.marks.write(TRANSFERS_SHEET, vendor + 1, { backgrounds, notes }, first);
}
