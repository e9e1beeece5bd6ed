/**
 * The composition root of the write-back: builds it over the Apps Script adapters for the entry
 * points in src/server/index.ts. Pushing uses the acting user's own write credential (user
 * properties), never the spreadsheet's read connection. The spend-limit functions are aliases
 * of the general ones, kept for scripts that call them.
 */
import type {
  ChangeResult,
  ConflictChoice,
  ConflictResolved,
  ChangesReview,
  DiscardResult,
  PendingCount,
  DiscardedChanges,
  PushResult,
  ReviewedChange,
  RevertResult,
  SpendLimitReview,
  WriteBackSettings,
} from '../contract/writeback';
import { readConnection, readWriteCredential, type Connection } from '../sync/connection';
import { keyOf, viewOf } from '../writeback/action';
import { chooseForChange } from '../writeback/choose';
import { discardChanges } from '../writeback/discard';
import { markEditedRows, mayTouchAmounts, type EditedBlock } from '../writeback/edit-marks';
import { SPEND_LIMITS_SHEET } from '../writeback/pending-changes';
import { countChanges } from '../writeback/pending-count';
import { pushChanges, type Pushed } from '../writeback/push';
import { resolveConflict } from '../writeback/resolve';
import { revertEntry } from '../writeback/revert';
import { baseLimit } from '../writeback/actions/spend-limit-base-limit';
import { readChanges, reviewChanges } from '../writeback/review';
import {
  checkWriteBackSettings,
  getWriteBackSettings,
  saveWriteBackSettings,
  settingsAuditEntry,
} from '../writeback/settings';
import { TypedBy } from '../writeback/typed-by';
import { legacyKeys, legacyResult, legacyView } from '../writeback/spend-limit-alias';
import type { BrexWrites, PushDeps, WriteBackDeps } from '../writeback/write-back-deps';
import { newUuid } from './apps-script-clock';
import { appsScriptBrexClient } from './brex-client';
import { AuditLogSheet } from './audit-log-sheet';
import { RangeMarks } from './cell-marks-range';
import { EditedSheet } from './edited-sheet';
import { documentStore, readOnceStore, userStore } from './properties-store';
import { SpreadsheetTable } from './spreadsheet-table';
import { paymentWrites } from './payment-writes';
import { teamWrites } from './team-writes';

/** Leaves a push well inside Apps Script's 6 minutes, with time to log what happened… */
const CALL_BUDGET_MS = 300_000;
/** …and starts no change after this, so the last one's answer and bookkeeping fit too. */
const SEND_BUDGET_MS = 240_000;
const LOCK_WAIT_MS = 10_000;
/** The review reads Brex only for pushes whose answer was lost, and briefly. */
const REVIEW_READ_MS = 20_000;

export const NO_CREDENTIAL =
  'You have no Brex write credential of your own, and pushing uses only the pusher\u2019s own. Add your own Brex token with the budgets scope under \u201cYour write credential\u201d in Extensions \u25b8 Brex \u25b8 Review changes, then push again.';

function deps(): WriteBackDeps {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  return {
    table: new SpreadsheetTable(spreadsheet),
    store: readOnceStore(documentStore()),
    marks: new RangeMarks(spreadsheet),
    audit: new AuditLogSheet(spreadsheet),
    now: () => new Date(),
  };
}

/** Brex through one user's credential: whole lists for the conflict check, and the writes. */
function brexWrites(credential: Connection, deadline: number): BrexWrites {
  const client = appsScriptBrexClient(credential.token, credential.environment, deadline);
  return {
    spendLimits: () => client.collect('spendLimits', {}, { stopWhen: () => false }).items,
    updateSpendLimit: (id, changes, idempotencyKey) =>
      client.updateSpendLimit(id, changes, { idempotencyKey }),
    archiveSpendLimit: (id, idempotencyKey) => client.archiveSpendLimit(id, { idempotencyKey }),
    createSpendLimit: (request, idempotencyKey) =>
      client.createSpendLimit(request, { idempotencyKey }),
    ...teamWrites(client),
    ...paymentWrites(client),
  };
}

function withLock<T>(work: () => T): T {
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

/**
 * Brex's base limits of the limits whose last push got no answer, read with the spreadsheet's read
 * connection (a read, never a write); an empty map when it cannot be read.
 */
function brexAmounts(ids: readonly string[]): Map<string, number | null> {
  const connection = readConnection(documentStore());
  if (!connection) return new Map();
  const client = appsScriptBrexClient(
    connection.token,
    connection.environment,
    Date.now() + REVIEW_READ_MS,
  );
  try {
    const limits = client.getEach('spendLimit', ids);
    return new Map(limits.map((l) => [l.id, l.authorization_settings?.base_limit?.amount ?? null]));
  } catch {
    return new Map();
  }
}

function credentialHelp(): { canPush: boolean; credentialHelp: string | null } {
  const canPush = readWriteCredential(userStore()) !== null;
  return { canPush, credentialHelp: canPush ? null : NO_CREDENTIAL };
}

export function reviewChangesService(): ChangesReview {
  return { changes: reviewChanges({ ...deps(), brexAmounts }).map(viewOf), ...credentialHelp() };
}

/** The review's choice (a termination's reason) goes into the row; then the review as it now is. */
export function chooseForChangeService(key: string, value: string): ChangesReview {
  withLock(() => chooseForChange(deps(), key, value));
  return reviewChangesService();
}

/** The sidebar's poll: the sheets only, no Brex read, nothing written. */
export function pendingCountService(): PendingCount {
  return countChanges(deps());
}

/** The spend-limit alias: the base-limit changes. */
export function reviewService(): SpendLimitReview {
  const changes = reviewChanges({ ...deps(), brexAmounts });
  return { sheetName: SPEND_LIMITS_SHEET, changes: legacyView(changes), ...credentialHelp() };
}

/** Runs `work` under the lock with Brex through the acting user's own write credential. */
function withCredential<T>(work: (deps: PushDeps) => T): T {
  const credential = readWriteCredential(userStore());
  if (!credential) throw new Error(NO_CREDENTIAL);
  const started = Date.now();
  return withLock(() => {
    const base = deps();
    // Read from the push's one read of document properties, not once a change.
    const typedBy = new TypedBy(base.store);
    return work({
      ...base,
      brex: brexWrites(credential, started + CALL_BUDGET_MS),
      timeLeft: () => Date.now() < started + SEND_BUDGET_MS,
      user: Session.getActiveUser().getEmail() || credential.email,
      typedBy: (id) => typedBy.get(id),
      newUuid,
    });
  });
}

function push(keys: readonly string[] | null): Pushed[] {
  return withCredential((pushDeps) => pushChanges(pushDeps, keys));
}

export function resolveConflictService(key: string, choice: ConflictChoice): ConflictResolved {
  return withCredential((pushDeps) => {
    const resolved = resolveConflict(pushDeps, key, choice);
    return {
      change: resolved.change && viewOf(resolved.change),
      message: resolved.message,
    };
  });
}

export function pushChangesService(keys?: readonly string[]): ChangeResult[] {
  return push(keys ?? null).map((pushed) => ({
    key: pushed.key,
    action: pushed.change?.action.id ?? '',
    outcome: pushed.outcome,
    message: pushed.message,
    brexId: pushed.brexId,
    traceId: pushed.traceId,
    idempotencyKey: pushed.idempotencyKey,
  }));
}

/** The spend-limit alias: each reviewed limit id with its fingerprint. */
export function pushService(reviewed: readonly ReviewedChange[]): PushResult[] {
  return push(legacyKeys(reviewed)).map(legacyResult);
}

export function discardChangesService(keys?: readonly string[]): DiscardedChanges {
  return withLock(() => ({ restored: discardChanges(deps(), keys).map(keyOf) }));
}

/** The spend-limit alias: limit ids (all base-limit changes when omitted). */
export function discardService(ids?: readonly string[]): DiscardResult {
  return withLock(() => {
    const all = readChanges(deps()).changes.filter((c) => c.action.id === baseLimit.id);
    const chosen = all.filter((c) => !ids || ids.includes(c.targetId));
    if (chosen.length === 0) return { restored: [] };
    return { restored: discardChanges(deps(), chosen.map(keyOf)).map((c) => c.targetId) };
  });
}

export function revertService(entry: number | string): RevertResult {
  return withLock(() => revertEntry(deps(), entry));
}

export function writeBackSettingsService(): WriteBackSettings {
  return getWriteBackSettings(documentStore());
}

/**
 * Ceilings govern money, so only a person holding their own write credential may change them, and
 * every change is an audit row (old → new, who) written before the new settings take effect.
 */
export function saveWriteBackSettingsService(settings: WriteBackSettings): WriteBackSettings {
  const credential = readWriteCredential(userStore());
  if (!credential) {
    throw new Error(
      `Only a person who can push may change the write-back ceilings. ${NO_CREDENTIAL.replace(', then push again.', ', then change them again.')}`,
    );
  }
  return withLock(() => {
    const store = documentStore();
    const before = getWriteBackSettings(store);
    const clean = checkWriteBackSettings(settings);
    if (JSON.stringify(before) === JSON.stringify(clean)) return clean;
    const audit = deps().audit;
    audit.reserve(1);
    audit.append([
      settingsAuditEntry(before, clean, Session.getActiveUser().getEmail() || credential.email),
    ]);
    return saveWriteBackSettings(store, clean);
  });
}

/**
 * The `onEdit` simple trigger's work (AuthMode.LIMITED: the document and properties, no fetch):
 * marks the edited spend-limit amounts pending, or refused, or clears them. An edit in another
 * sheet reads nothing but the sheet's name.
 */
export function markEditService(range: GoogleAppsScript.Spreadsheet.Range, user: string): void {
  const sheet = range.getSheet();
  const edit: EditedBlock = {
    sheetName: sheet.getName(),
    row: range.getRow(),
    column: range.getColumn(),
    rows: range.getNumRows(),
    columns: range.getNumColumns(),
  };
  if (!mayTouchAmounts(edit)) return;
  markEditedRows(
    {
      sheet: new EditedSheet(sheet),
      store: documentStore(),
      marks: new RangeMarks(SpreadsheetApp.getActiveSpreadsheet()),
      now: () => new Date(),
      user,
    },
    edit,
  );
}
