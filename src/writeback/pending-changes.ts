/**
 * Finding the edited limits: every row of the "Brex Spend Limits" sheet whose "Base limit" cell no
 * longer holds the last-synced amount of its spend limit. Rows are matched by Brex id and columns
 * by header, so sorting and moving columns change nothing.
 */
import type { PendingChange, WriteBackSettings } from '../contract/writeback';
import { minorUnitsToAmount } from '../sync/currency';
import { KEY_HEADER } from '../sync/data-set';
import { spendLimits } from '../sync/data-sets/budgets';
import type { CellValue } from '../sync/table-port';
import { amountView } from './amount-text';
import { checkChange } from './check-change';
import type { InFlightPushes } from './in-flight';
import { parseAmount } from './parse-amount';
import type { SyncedValues } from './synced-values';

export const SPEND_LIMITS_SHEET = spendLimits.sheetName;
export const AMOUNT_HEADER = 'Base limit';

/** The columns the write-back reads, as 0-based indexes of the sheet grid. */
export interface LimitColumns {
  readonly id: number;
  readonly amount: number;
  readonly currency: number | null;
  readonly name: number | null;
  readonly period: number | null;
}

/** A pending change, with where it sits and the amount to send when it is valid. */
export interface StagedEdit {
  readonly change: PendingChange;
  /** 1-based sheet row and column of the amount cell. */
  readonly row: number;
  readonly column: number;
  readonly newMinorUnits: number | null;
}

export interface PendingInput {
  readonly grid: readonly (readonly CellValue[])[] | null;
  readonly synced: SyncedValues;
  readonly inFlight: InFlightPushes;
  readonly settings: WriteBackSettings;
  /** `YYYY-MM-DD`. */
  readonly today: string;
}

function headerIndex(header: readonly CellValue[], name: string): number | null {
  const index = header.findIndex(
    (cell) =>
      String(cell ?? '')
        .trim()
        .toLowerCase() === name.toLowerCase(),
  );
  return index < 0 ? null : index;
}

/** Pure: where the write-back's columns are; null when the sheet lacks the id or amount column. */
export function limitColumns(header: readonly CellValue[]): LimitColumns | null {
  const id = headerIndex(header, KEY_HEADER);
  const amount = headerIndex(header, AMOUNT_HEADER);
  if (id === null || amount === null) return null;
  return {
    id,
    amount,
    currency: headerIndex(header, 'Currency'),
    name: headerIndex(header, 'Name'),
    period: headerIndex(header, 'Period'),
  };
}

/** Pure: whether the cell still holds the synced amount (as a number, or as text meaning it). */
function holdsSynced(cell: CellValue, amount: number, currency: string): boolean {
  if (typeof cell === 'number') return cell === minorUnitsToAmount(amount, currency);
  const parsed = parseAmount(cell, currency);
  return parsed.ok && parsed.minorUnits === amount;
}

/** Pure: the pending changes, in sheet order, each validated. */
export function findPendingChanges(input: PendingInput): StagedEdit[] {
  const grid = input.grid ?? [];
  const columns = limitColumns(grid[0] ?? []);
  if (!columns) return [];
  const seen = new Set<string>();
  const edits: StagedEdit[] = [];
  for (let index = 1; index < grid.length; index += 1) {
    const cells = grid[index] as readonly CellValue[];
    const id = String(cells[columns.id] ?? '').trim();
    const synced = id ? input.synced.get(id) : undefined;
    if (!synced || seen.has(id)) continue;
    seen.add(id);
    const amountCell = cells[columns.amount] ?? '';
    const currencyCell = columns.currency === null ? '' : (cells[columns.currency] ?? '');
    const currencyEdited =
      String(currencyCell).trim() !== '' &&
      String(currencyCell).trim().toUpperCase() !== synced.currency.toUpperCase();
    if (!currencyEdited && holdsSynced(amountCell, synced.amount, synced.currency)) continue;
    const check = checkChange(synced, amountCell, currencyCell, input.settings, input.today);
    const inFlight =
      check.minorUnits !== null &&
      input.inFlight.matching(id, synced.amount, check.minorUnits) !== null;
    edits.push({
      row: index + 1,
      column: columns.amount + 1,
      newMinorUnits: check.problem === null ? check.minorUnits : null,
      change: {
        id,
        name: columns.name === null ? '' : String(cells[columns.name] ?? ''),
        row: index + 1,
        currency: synced.currency,
        period: synced.period,
        old: amountView(synced.amount, synced.currency),
        new: check.minorUnits === null ? null : amountView(check.minorUnits, synced.currency),
        typed: String(amountCell),
        problem: check.problem,
        consequences: check.consequences,
        inFlight,
      },
    });
  }
  return edits;
}
