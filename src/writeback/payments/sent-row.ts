/**
 * A sent payment's row, written from Brex's answer as soon as it arrives: its transfer id (the row
 * is then a synced one, which every refresh updates), its status, and the cells Brex filled that
 * the person left blank ("Created at", "Recipient", "Currency", a blank "Payment type", the
 * dates), each formatted as the refresh writes it. What the person typed stays until the refresh.
 */
import type { Transfer } from '../../brex';
import { toBlocks } from '../../cells/blocks';
import { toCell, type Cell } from '../../cells/columns';
import { KEY_HEADER, findHeader, headerText } from '../../cells/header';
import { readable } from '../../cells/readable-values';
import { transfers } from '../../data-sets/payments';
import type { CellValue, TablePort } from '../../ports/table-port';
import { cellsAt } from '../actions/row-cells';
import { PAYMENT_KEY, STATUS, TRANSFERS_SHEET } from './payment-row';

/** The part of Brex's answer a sent row shows before the next refresh. */
export type TransferAnswer = Pick<
  Transfer,
  'created_at' | 'display_name' | 'payment_type' | 'process_date' | 'estimated_delivery_date'
> & { readonly currency?: string };

export interface SentRow {
  readonly transferId?: string;
  readonly status?: string;
  /** Absent in records an older version kept: the refresh then fills the row. */
  readonly answer?: TransferAnswer;
}

/** Pure: what `sentCells` needs of Brex's answer, small enough for the payment's record. */
export function answerOf(transfer: Transfer): TransferAnswer {
  return {
    created_at: transfer.created_at,
    display_name: transfer.display_name,
    payment_type: transfer.payment_type,
    process_date: transfer.process_date,
    estimated_delivery_date: transfer.estimated_delivery_date,
    currency: transfer.amount.currency || 'USD',
  };
}

/**
 * Pure: the cells of a sent payment's row (`cells`, as the sheet has it): Brex's transfer id, its
 * status, and Brex's values for the blank cells its answer fills.
 */
export function sentCells(
  header: readonly CellValue[],
  cells: readonly CellValue[],
  sent: SentRow,
  timeZone: string,
): Map<number, Cell> {
  const written = cellsAt(header, {
    [KEY_HEADER]: { value: sent.transferId ?? '', numberFormat: '@' },
    [STATUS]: { value: readable(sent.status ?? ''), numberFormat: '@' },
  });
  const answer = sent.answer;
  if (!answer) return written;
  const fields: Readonly<Record<string, string | null | undefined>> = {
    'Created at': answer.created_at,
    Recipient: answer.display_name,
    Currency: answer.currency,
    'Payment type': readable(answer.payment_type),
    'Process date': answer.process_date,
    'Estimated delivery': answer.estimated_delivery_date,
  };
  for (const [name, value] of Object.entries(fields)) {
    const column = findHeader(header, name);
    const type = transfers.columns.find((c) => c.header === name)?.type;
    if (column === null || !type || !value || headerText(cells[column]) !== '') continue;
    written.set(column, toCell(type, value, timeZone));
  }
  return written;
}

/**
 * Writes sent payments into their rows (by payment key), found by their keys wherever they moved;
 * a row that already shows its transfer is left alone (a refresh found it first, and its status
 * is newer).
 */
export function writeSentRows(table: TablePort, sent: ReadonlyMap<string, SentRow>): void {
  if (sent.size === 0) return;
  const grid = table.readAll(TRANSFERS_SHEET);
  const header = grid?.[0] ?? [];
  const column = findHeader(header, PAYMENT_KEY);
  const id = findHeader(header, KEY_HEADER);
  if (!grid || column === null) return;
  const writes = new Map<number, Map<number, Cell>>();
  grid.forEach((cells, index) => {
    const row = index > 0 ? sent.get(headerText(cells[column])) : undefined;
    if (!row || (id !== null && headerText(cells[id]) === row.transferId)) return;
    writes.set(index, sentCells(header, cells, row, table.timeZone()));
  });
  for (const block of toBlocks(writes)) table.writeBlock(TRANSFERS_SHEET, block);
}

/** The transfer ids the sheet's rows show in "Brex ID". */
export function shownTransferIds(table: TablePort): Set<string> {
  const grid = table.readAll(TRANSFERS_SHEET) ?? [];
  const id = findHeader(grid[0] ?? [], KEY_HEADER);
  if (id === null) return new Set();
  return new Set(grid.slice(1).flatMap((cells) => headerText(cells[id]) || []));
}
