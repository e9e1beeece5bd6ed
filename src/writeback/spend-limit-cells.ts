/**
 * The base-limit action's cells: a discarded change gets the last-synced amount back, and the
 * inverse of an audited push is staged in the limit's cell, pending review like any edit.
 */
import type { RevertResult } from '../contract/writeback';
import { toCell } from '../cells/columns';
import type { CellBlock } from '../ports/table-port';
import type { AuditRecord } from './audit-entry';
import { parseAmount } from './parse-amount';
import { limitColumns } from './edited-cells';
import { SPEND_LIMITS_SHEET, type LimitChange } from './pending-changes';
import { SyncedValues } from './synced-values';
import type { WriteBackDeps } from './write-back-deps';

/** Restores these changes' cells to the last-synced values. */
export function restoreLimits(deps: WriteBackDeps, changes: readonly LimitChange[]): void {
  const grid = deps.table.readAll(SPEND_LIMITS_SHEET);
  const columns = limitColumns(grid?.[0] ?? []);
  if (!columns || changes.length === 0) return;
  const synced = SyncedValues.read(deps.store);
  const timeZone = deps.table.timeZone();
  for (const edit of changes) {
    const last = synced.get(edit.targetId);
    if (!last) continue;
    const cell = toCell('money', { amount: last.amount, currency: last.currency }, timeZone);
    deps.table.writeBlock(
      SPEND_LIMITS_SHEET,
      single(edit.row, columns.amount + 1, cell.value, cell.numberFormat),
    );
    if (columns.currency !== null) {
      deps.table.writeBlock(
        SPEND_LIMITS_SHEET,
        single(edit.row, columns.currency + 1, last.currency, '@'),
      );
    }
  }
}

/**
 * Stages the inverse of an audited push: the limit's cell gets the entry's old amount back, to be
 * reviewed and pushed like any edit.
 */
export function stageLimitInverse(deps: WriteBackDeps, record: AuditRecord): RevertResult {
  const grid = deps.table.readAll(SPEND_LIMITS_SHEET);
  const synced = SyncedValues.read(deps.store).get(record.brexId);
  const columns = limitColumns(grid?.[0] ?? []);
  const rowIndex = (grid ?? []).findIndex(
    (cells, index) =>
      index > 0 && columns !== null && String(cells[columns.id] ?? '').trim() === record.brexId,
  );
  if (!synced || !columns || rowIndex < 0) {
    throw new Error(
      `Spend limit ${record.brexId} is not in the "${SPEND_LIMITS_SHEET}" sheet. Refresh the spend limits, then revert again.`,
    );
  }
  const before = parseAmount(record.old, record.currency);
  const after = parseAmount(record.new, record.currency);
  if (!before.ok || !after.ok) {
    throw new Error(
      `Audit row ${record.row} does not hold readable amounts. Edit the limit's cell by hand instead.`,
    );
  }
  if (synced.amount !== after.minorUnits) {
    throw new Error(
      `Spend limit "${record.targetName}" has changed since audit row ${record.row} (it no longer holds ${record.new} ${record.currency}). Edit its cell by hand if it should still go back to ${record.old}.`,
    );
  }
  const cell = toCell(
    'money',
    { amount: before.minorUnits, currency: record.currency },
    deps.table.timeZone(),
  );
  deps.table.writeBlock(
    SPEND_LIMITS_SHEET,
    single(rowIndex + 1, columns.amount + 1, cell.value, cell.numberFormat),
  );
  return {
    id: record.brexId,
    message: `"${record.targetName}" is staged to go back from ${record.new} to ${record.old} ${record.currency}. Review and push it to apply.`,
  };
}

function single(
  row: number,
  column: number,
  value: CellBlock['values'][number][number],
  format: string,
): CellBlock {
  return { row, column, values: [[value]], numberFormats: [[format]] };
}
