/**
 * What every write-back entry point stands on: the write-back's ports over the active spreadsheet,
 * the document lock, and the message for a person without their own write credential.
 */
import type { WriteBackDeps } from '../writeback/write-back-deps';
import { listOfScopes } from '../writeback/write-scopes';
import { AuditLogSheet } from './audit-log-sheet';
import { RangeMarks } from './cell-marks-range';
import { documentStore, readOnceStore } from './properties-store';
import { SpreadsheetTable } from './spreadsheet-table';

const LOCK_WAIT_MS = 10_000;

/** Refuses a push without the pusher's own credential, naming the scopes `scopes` (all when []). */
export function noCredential(scopes: readonly string[] = []): string {
  const needed =
    scopes.length > 0
      ? `with the ${listOfScopes(scopes)} scope${scopes.length > 1 ? 's' : ''}`
      : 'with the scope of each kind of change you push (budgets for spend limits, cards, users, departments, locations, vendors, transfers for vendor payments, expenses.card for expense memos)';
  return `You have no Brex write credential of your own, and pushing uses only the pusher\u2019s own. Add your own Brex token ${needed} under \u201cYour write credential\u201d in Extensions \u25b8 Brex \u25b8 Review changes, then push again.`;
}
export const NO_CREDENTIAL = noCredential();

export function writeBackDeps(): WriteBackDeps {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  return {
    table: new SpreadsheetTable(spreadsheet),
    store: readOnceStore(documentStore()),
    marks: new RangeMarks(spreadsheet),
    audit: new AuditLogSheet(spreadsheet),
    now: () => new Date(),
  };
}

export function withLock<T>(work: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    throw new Error(
      'Another push, refresh or discard of this spreadsheet is running. Wait for it to finish, then try again.',
    );
  }
  try {
    return work();
  } finally {
    lock.releaseLock();
  }
}
