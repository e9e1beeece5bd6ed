/**
 * Staging without pushing: discarding edits (the cells get the last-synced values back) and
 * reverting an audited push (the cell gets the inverse change, pending review like any edit).
 */
import type { DiscardResult, RevertResult } from '../contract/writeback';
import { toCell } from '../cells/columns';
import type { CellBlock } from '../ports/table-port';
import type { AuditRecord } from './audit-entry';
import { parseAmount } from './parse-amount';
import { limitColumns } from './edited-cells';
import { SPEND_LIMITS_SHEET } from './pending-changes';
import { currentEdits, markEdits } from './review';
import type { WriteBackDeps } from './write-back-deps';

/** Restores the listed pending changes (all when `ids` is omitted) to the last-synced values. */
export function discardChanges(deps: WriteBackDeps, ids?: readonly string[]): DiscardResult {
  const current = currentEdits(deps);
  const columns = limitColumns(current.grid?.[0] ?? []);
  const chosen = current.edits.filter((e) => !ids || ids.includes(e.change.id));
  if (!columns || chosen.length === 0) return { restored: [] };
  const timeZone = deps.table.timeZone();
  for (const edit of chosen) {
    const synced = current.synced.get(edit.change.id);
    if (!synced) continue;
    const cell = toCell('money', { amount: synced.amount, currency: synced.currency }, timeZone);
    deps.table.writeBlock(
      SPEND_LIMITS_SHEET,
      single(edit.row, columns.amount + 1, cell.value, cell.numberFormat),
    );
    if (columns.currency !== null) {
      deps.table.writeBlock(
        SPEND_LIMITS_SHEET,
        single(edit.row, columns.currency + 1, synced.currency, '@'),
      );
    }
  }
  markEdits(deps, currentEdits(deps));
  return { restored: chosen.map((e) => e.change.id) };
}

/**
 * Stages the inverse of an audited push: the limit's cell gets the entry's old amount back, to be
 * reviewed and pushed like any edit. `entry` is the audit row number or the push's idempotency key.
 */
export function revertEntry(deps: WriteBackDeps, entry: number | string): RevertResult {
  const record = findEntry(deps.audit.read(), entry);
  const current = currentEdits(deps);
  const synced = current.synced.get(record.spendLimitId);
  const columns = limitColumns(current.grid?.[0] ?? []);
  const rowIndex = (current.grid ?? []).findIndex(
    (cells, index) =>
      index > 0 &&
      columns !== null &&
      String(cells[columns.id] ?? '').trim() === record.spendLimitId,
  );
  if (!synced || !columns || rowIndex < 0) {
    throw new Error(
      `Spend limit ${record.spendLimitId} is not in the "${SPEND_LIMITS_SHEET}" sheet. Refresh the spend limits, then revert again.`,
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
      `Spend limit "${record.spendLimitName}" has changed since audit row ${record.row} (it no longer holds ${record.new} ${record.currency}). Edit its cell by hand if it should still go back to ${record.old}.`,
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
  markEdits(deps, currentEdits(deps));
  return {
    id: record.spendLimitId,
    message: `"${record.spendLimitName}" is staged to go back from ${record.new} to ${record.old} ${record.currency}. Review and push it to apply.`,
  };
}

function findEntry(records: readonly AuditRecord[], entry: number | string): AuditRecord {
  const record =
    typeof entry === 'number'
      ? records.find((r) => r.row === entry)
      : records.find((r) => r.idempotencyKey === entry && r.result === 'pushed');
  if (!record) {
    throw new Error(
      `There is no audit entry ${String(entry)}. Give a row number of the "Brex Audit Log" sheet.`,
    );
  }
  if (record.result !== 'pushed') {
    throw new Error(
      `Audit row ${record.row} records a push that did not change Brex (${record.result}), so there is nothing to revert. Choose a row whose result is "pushed".`,
    );
  }
  return record;
}

function single(
  row: number,
  column: number,
  value: CellBlock['values'][number][number],
  format: string,
): CellBlock {
  return { row, column, values: [[value]], numberFormats: [[format]] };
}
