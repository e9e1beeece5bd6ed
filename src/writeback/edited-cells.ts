/**
 * Which rows of the "Brex Spend Limits" sheet hold an edit: an amount cell that no longer holds
 * the last-synced amount, or a currency cell naming another currency. Shared by the review and by
 * the refresh, which leaves an edited cell alone until it is pushed or discarded. Rows are matched
 * by Brex id and columns by exact header text (`src/cells/header.ts`), so sorting and moving columns change nothing.
 */
import { minorUnitsToAmount } from '../cells/currency';
import { KEY_HEADER } from '../cells/header';
import { findHeader } from '../cells/header';
import type { CellValue } from '../ports/table-port';
import { parseAmount } from './parse-amount';
import { identityOf } from './row-identity';
import type { SyncedLimit, SyncedValues } from './synced-values';

export const AMOUNT_HEADER = 'Base limit';
export const CURRENCY_HEADER = 'Currency';

/** The columns the write-back reads, as 0-based indexes of the sheet grid. */
export interface LimitColumns {
  readonly id: number;
  readonly amount: number;
  readonly currency: number | null;
  readonly name: number | null;
  readonly period: number | null;
}

/** Pure: where the write-back's columns are; null when the sheet lacks the id or amount column. */
export function limitColumns(header: readonly CellValue[]): LimitColumns | null {
  const id = findHeader(header, KEY_HEADER);
  const amount = findHeader(header, AMOUNT_HEADER);
  if (id === null || amount === null) return null;
  return {
    id,
    amount,
    currency: findHeader(header, CURRENCY_HEADER),
    name: findHeader(header, 'Name'),
    period: findHeader(header, 'Period'),
  };
}

/** Pure: whether the cell still holds the synced amount (as a number, or as text meaning it). */
function holdsSynced(cell: CellValue, amount: number, currency: string): boolean {
  if (typeof cell === 'number') return cell === minorUnitsToAmount(amount, currency);
  const parsed = parseAmount(cell, currency);
  return parsed.ok && parsed.minorUnits === amount;
}

/**
 * Pure: whether the row's identity cells (name, period) still read as the last sync wrote them
 * for its id; false when a column is missing or the entry predates identities.
 */
export function identityHolds(
  cells: readonly CellValue[],
  columns: LimitColumns,
  synced: SyncedLimit,
): boolean {
  if (columns.name === null || columns.period === null || synced.identity === '') return false;
  return identityOf([cells[columns.name], cells[columns.period]]) === synced.identity;
}

/** Pure: whether a row's amount or currency cell differs from the limit's last-synced values. */
export function isEdited(
  cells: readonly CellValue[],
  columns: LimitColumns,
  synced: SyncedLimit,
): boolean {
  const currencyCell = columns.currency === null ? '' : (cells[columns.currency] ?? '');
  const currencyEdited =
    String(currencyCell).trim() !== '' &&
    String(currencyCell).trim().toUpperCase() !== synced.currency.toUpperCase();
  return (
    currencyEdited || !holdsSynced(cells[columns.amount] ?? '', synced.amount, synced.currency)
  );
}

/**
 * Pure: the limits whose row holds an edit (the first row of each id counts), each with whether
 * the row's identity cells still hold (`identityHolds`).
 */
export function editedLimits(
  grid: readonly (readonly CellValue[])[],
  synced: SyncedValues,
): Map<string, boolean> {
  const columns = limitColumns(grid[0] ?? []);
  const edited = new Map<string, boolean>();
  if (!columns) return edited;
  const seen = new Set<string>();
  for (let index = 1; index < grid.length; index += 1) {
    const cells = grid[index] as readonly CellValue[];
    const id = String(cells[columns.id] ?? '').trim();
    const limit = id ? synced.get(id) : undefined;
    if (!limit || seen.has(id)) continue;
    seen.add(id);
    if (isEdited(cells, columns, limit)) edited.set(id, identityHolds(cells, columns, limit));
  }
  return edited;
}
