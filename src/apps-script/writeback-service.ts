/**
 * The composition root of the write-back: builds it over the Apps Script adapters for the entry
 * points in src/server/index.ts. Pushing uses the acting user's own write credential (user
 * properties), never the spreadsheet's read connection. The spend-limit functions are aliases
 * of the general ones, kept for scripts that call them. It is about 300 lines because it wires
 * every write-back entry point, each a few lines over the same deps.
 */
import { PAYMENT_ACTION } from '../contract/writeback';
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
import { keyOf, viewOf, type Change } from '../writeback/action';
import { chooseForChange } from '../writeback/choose';
import { discardChanges } from '../writeback/discard';
import { markEditedRows, mayTouchMarks, type EditedBlock } from '../writeback/edit-marks';
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
import { TRANSFERS_SHEET } from '../writeback/payments/payment-row';
import { PaymentTypists } from '../writeback/payments/payment-typists';
import { unmarkClearedRows } from '../writeback/payments/payment-marks';
import { TypedBy } from '../writeback/typed-by';
import { scopesOfActions } from '../writeback/write-scopes';
import { legacyKeys, legacyResult, legacyView } from '../writeback/spend-limit-alias';
import type { BrexWrites, PushDeps } from '../writeback/write-back-deps';
import { newUuid } from './apps-script-clock';
import { appsScriptBrexClient } from './brex-client';
import { RangeBlocks, RangeMarks } from './cell-marks-range';
import { EditedSheet } from './edited-sheet';
import { documentStore, userStore } from './properties-store';
import { paymentsInReviewService } from './payment-service';
import { paymentWrites } from './payment-writes';
import { teamWrites } from './team-writes';
import { NO_CREDENTIAL, noCredential, withLock, writeBackDeps } from './writeback-base';

export { NO_CREDENTIAL };

/** Leaves a push well inside Apps Script's 6 minutes, with time to log what happened… */
const CALL_BUDGET_MS = 300_000;
/** …and starts no change after this, so the last one's answer and bookkeeping fit too. */
const SEND_BUDGET_MS = 240_000;
/** The review reads Brex only for pushes whose answer was lost, and briefly. */
const REVIEW_READ_MS = 20_000;

const PUSH_NEVER_PAYS =
  'A push never sends a payment. Nothing was sent. Approve payments in the sidebar\u2019s payment section (approvePayments), as a second person with their own write credential.';

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
    writeEach: (writes) => client.writeEach(writes),
    ...teamWrites(client),
    ...paymentWrites(client),
  };
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

/** Whether this person can push; if not, what to add, naming the scopes of `changes`. */
function credentialHelp(changes: readonly Change[]): {
  canPush: boolean;
  credentialHelp: string | null;
} {
  const canPush = readWriteCredential(userStore()) !== null;
  const scopes = scopesOfActions(changes.map((change) => change.action.id));
  return { canPush, credentialHelp: canPush ? null : noCredential(scopes) };
}

export function reviewChangesService(): ChangesReview {
  const changes = reviewChanges({ ...writeBackDeps(), brexAmounts });
  const payments = withLock(() => paymentsInReviewService(writeBackDeps()));
  return {
    changes: [...changes.map(viewOf), ...payments.views],
    ...credentialHelp(changes),
    ...(payments.summary ? { payments: payments.summary } : {}),
  };
}

/** The review's choice (a termination's reason) goes into the row; then the review as it now is. */
export function chooseForChangeService(key: string, value: string): ChangesReview {
  withLock(() => chooseForChange(writeBackDeps(), key, value));
  return reviewChangesService();
}

/** The sidebar's poll: the sheets only, no Brex read, nothing written. */
export function pendingCountService(): PendingCount {
  return countChanges(writeBackDeps());
}

/** The spend-limit alias: the base-limit changes. */
export function reviewService(): SpendLimitReview {
  const changes = reviewChanges({ ...writeBackDeps(), brexAmounts });
  return {
    sheetName: SPEND_LIMITS_SHEET,
    changes: legacyView(changes),
    ...credentialHelp(changes),
  };
}

/**
 * Runs `work` under the lock with Brex through the acting user's own write credential; without
 * one, says which scopes the changes of `keys` need (a key starts with its action's id).
 */
function withCredential<T>(work: (deps: PushDeps) => T, keys: readonly string[] = []): T {
  const credential = readWriteCredential(userStore());
  if (!credential) {
    throw new Error(noCredential(scopesOfActions(keys.map((key) => key.split(':')[0] ?? ''))));
  }
  const started = Date.now();
  return withLock(() => {
    const base = writeBackDeps();
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
  return withCredential((pushDeps) => pushChanges(pushDeps, keys), keys ?? []);
}

export function resolveConflictService(key: string, choice: ConflictChoice): ConflictResolved {
  return withCredential(
    (pushDeps) => {
      const resolved = resolveConflict(pushDeps, key, choice);
      return {
        change: resolved.change && viewOf(resolved.change),
        message: resolved.message,
      };
    },
    [key],
  );
}

export function pushChangesService(keys?: readonly string[]): ChangeResult[] {
  // A push never sends money: payments go only through `approvePayments`.
  const payments = (keys ?? []).filter((key) => key.startsWith(`${PAYMENT_ACTION}:`));
  const others = keys?.filter((key) => !payments.includes(key));
  const refused = payments.map((key) => ({
    key,
    action: PAYMENT_ACTION,
    outcome: 'refused' as const,
    message: PUSH_NEVER_PAYS,
    brexId: null,
    traceId: null,
    idempotencyKey: null,
  }));
  if (others !== undefined && others.length === 0) return refused;
  return [...refused, ...pushed(others ?? null)];
}

function pushed(keys: readonly string[] | null): ChangeResult[] {
  return push(keys).map((pushed) => ({
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
  return withLock(() => ({ restored: discardChanges(writeBackDeps(), keys).map(keyOf) }));
}

/** The spend-limit alias: limit ids (all base-limit changes when omitted). */
export function discardService(ids?: readonly string[]): DiscardResult {
  return withLock(() => {
    const all = readChanges(writeBackDeps()).changes.filter((c) => c.action.id === baseLimit.id);
    const chosen = all.filter((c) => !ids || ids.includes(c.targetId));
    if (chosen.length === 0) return { restored: [] };
    return { restored: discardChanges(writeBackDeps(), chosen.map(keyOf)).map((c) => c.targetId) };
  });
}

export function revertService(entry: number | string): RevertResult {
  return withLock(() => revertEntry(writeBackDeps(), entry));
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
    const audit = writeBackDeps().audit;
    audit.reserve(1);
    audit.append([
      settingsAuditEntry(before, clean, Session.getActiveUser().getEmail() || credential.email),
    ]);
    return saveWriteBackSettings(store, clean);
  });
}

/**
 * The `onEdit` simple trigger's work (AuthMode.LIMITED: the document and properties, no fetch):
 * marks the edited spend-limit amounts pending, or refused, or clears them, and notes who typed
 * in "Brex Transfers" rows (the two-person rule refuses them as approvers of those payments). An
 * edit in another sheet reads nothing but the sheet's name.
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
  if (edit.sheetName === TRANSFERS_SHEET) {
    new PaymentTypists(documentStore()).note(Math.max(edit.row, 2), edit.row + edit.rows - 1, user);
  }
  if (!mayTouchMarks(edit)) return;
  const marks = new RangeMarks(SpreadsheetApp.getActiveSpreadsheet());
  markEditedRows(
    {
      sheet: new EditedSheet(sheet),
      store: documentStore(),
      marks,
      blocks: new RangeBlocks(SpreadsheetApp.getActiveSpreadsheet()),
      now: () => new Date(),
      user,
    },
    edit,
  );
  unmarkClearedRows({ sheet: new EditedSheet(sheet), marks }, edit);
}
