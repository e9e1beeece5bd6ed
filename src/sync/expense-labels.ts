/**
 * What a card transaction shows of its expense (category, spend limit), read from the Brex
 * Expenses sheet as the refresh left it. A refresh reads the expenses before the card
 * transactions, so the sheet already holds this run's expenses; reading it costs no Brex request.
 * Without that sheet (Expenses not chosen) the two cells stay blank.
 */
import { KEY_HEADER } from './data-set';
import type { TablePort } from './table-port';

export interface ExpenseLabels {
  readonly category: string;
  readonly spendLimit: string;
}

export const EXPENSES_SHEET = 'Brex Expenses';

/** The Brex Expenses sheet's labels by expense id; empty when the sheet does not exist. */
export function readExpenseLabels(table: TablePort): Map<string, ExpenseLabels> {
  const labels = new Map<string, ExpenseLabels>();
  const size = table.usedSize(EXPENSES_SHEET);
  if (!size || size.rows < 2 || size.columns === 0) return labels;
  const header = (table.readBlock(EXPENSES_SHEET, 1, 1, 1, size.columns)[0] ?? []).map((h) =>
    String(h).trim().toLowerCase(),
  );
  const column = (name: string): CellColumn =>
    readColumn(table, header.indexOf(name.toLowerCase()), size.rows);
  const ids = column(KEY_HEADER);
  const categories = column('Category');
  const limits = column('Spend limit');
  ids.forEach((id, index) => {
    if (id) labels.set(id, { category: categories[index] ?? '', spendLimit: limits[index] ?? '' });
  });
  return labels;
}

type CellColumn = string[];

function readColumn(table: TablePort, index: number, rows: number): CellColumn {
  if (index < 0) return [];
  return table
    .readBlock(EXPENSES_SHEET, 2, index + 1, rows - 1, 1)
    .map((cells) => String(cells[0] ?? '').trim());
}
