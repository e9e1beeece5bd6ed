/**
 * Reverting an audited push: its action stages the inverse in the target's cells, pending review
 * like any edit. Actions without an inverse (an archive, a termination) say so.
 */
import type { RevertResult } from '../contract/writeback';
import { actionById } from './actions';
import type { AuditRecord } from './audit-entry';
import { markChanges, readChanges } from './review';
import type { WriteBackDeps } from './write-back-deps';

/** Rows written before the log named actions are base-limit changes, the only action then. */
const BEFORE_ACTIONS = 'spend_limit.base_limit';

/** `entry` is the audit row number or the push's idempotency key. */
export function revertEntry(deps: WriteBackDeps, entry: number | string): RevertResult {
  const record = findEntry(deps.audit.read(), entry);
  const action = actionById(record.action || BEFORE_ACTIONS);
  if (!action?.revert) {
    throw new Error(
      `Audit row ${record.row} records a change that cannot be undone from the sheet (${action?.label ?? record.action}). Make the change in Brex's dashboard instead.`,
    );
  }
  const result = action.revert(deps, record);
  markChanges(deps, readChanges(deps));
  return result;
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
