/**
 * The pending changes: every edited row of the "Brex Spend Limits" sheet (`edited-cells.ts`),
 * validated, with the amount to send.
 */
import type { PendingChange, WriteBackSettings } from '../contract/writeback';
import { spendLimits } from '../sync/data-sets/budgets';
import type { CellValue } from '../sync/table-port';
import { amountView } from './amount-text';
import { checkChange } from './check-change';
import { isEdited, limitColumns } from './edited-cells';
import type { InFlightPushes } from './in-flight';
import type { SyncedValues } from './synced-values';

export const SPEND_LIMITS_SHEET = spendLimits.sheetName;
/** A pending change, with where it sits and the amount to send when it is valid. */
export interface StagedEdit {
  readonly change: PendingChange;
  /** 1-based sheet row and column of the amount cell. */
  readonly row: number;
  readonly column: number;
  readonly newMinorUnits: number | null;
}

export interface PendingInput {
  /** The header row, then data rows: the whole sheet, or a block of it starting at `firstRow`. */
  readonly grid: readonly (readonly CellValue[])[] | null;
  /** The sheet row of the grid's first data row; 2 (the whole sheet) when omitted. */
  readonly firstRow?: number;
  readonly synced: SyncedValues;
  readonly inFlight: InFlightPushes;
  readonly settings: WriteBackSettings;
  /** `YYYY-MM-DD`. */
  readonly today: string;
}

/** Pure: the pending changes, in sheet order, each validated. */
export function findPendingChanges(input: PendingInput): StagedEdit[] {
  const grid = input.grid ?? [];
  const columns = limitColumns(grid[0] ?? []);
  if (!columns) return [];
  const rowOffset = (input.firstRow ?? 2) - 1;
  const seen = new Set<string>();
  const edits: StagedEdit[] = [];
  for (let index = 1; index < grid.length; index += 1) {
    const cells = grid[index] as readonly CellValue[];
    const id = String(cells[columns.id] ?? '').trim();
    const synced = id ? input.synced.get(id) : undefined;
    if (!synced || seen.has(id)) continue;
    seen.add(id);
    if (!isEdited(cells, columns, synced)) continue;
    const amountCell = cells[columns.amount] ?? '';
    const currencyCell = columns.currency === null ? '' : (cells[columns.currency] ?? '');
    const check = checkChange(synced, amountCell, currencyCell, input.settings, input.today);
    const inFlight =
      check.minorUnits !== null &&
      input.inFlight.matching(id, synced.amount, check.minorUnits) !== null;
    edits.push({
      row: index + rowOffset,
      column: columns.amount + 1,
      newMinorUnits: check.problem === null ? check.minorUnits : null,
      change: {
        id,
        name: columns.name === null ? '' : String(cells[columns.name] ?? ''),
        row: index + rowOffset,
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
