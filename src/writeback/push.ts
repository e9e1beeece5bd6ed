/**
 * Pushing reviewed changes to Brex, one spend limit at a time:
 *
 * 1. Refused changes, and changes no longer as their review showed them (fingerprint), are not
 *    sent; they get a result and an audit row.
 * 2. Each limit is read from Brex again. If its base limit is no longer the last-synced value
 *    (changed in Brex's dashboard, or by an earlier push whose answer was lost), nothing is sent:
 *    a conflict shows both values.
 * 3. Write-ahead: "pushing A → B with key K" is stored, then the PUT is sent with key K. The body
 *    holds the base limit only (`spend-limit-body.ts`); any other field Brex's answer changed is
 *    named in the audit row.
 * 4. Brex's answer becomes the new last-synced value and refreshes the row; an answer that was
 *    lost keeps the record, so the next push reuses K and Brex replays instead of applying twice.
 * 5. Every attempt is appended to the audit log, in one write, before the records are cleared;
 *    its rows are reserved before anything is sent, so a full spreadsheet stops the push first.
 */
import { BrexError, type SpendLimit } from '../brex';
import type { AmountView, PushOutcome, PushResult, ReviewedChange } from '../contract/writeback';
import { toCell, type Cell } from '../cells/columns';
import { DEFAULT_CURRENCY } from '../cells/currency';
import { spendLimitIdentity, spendLimits } from '../data-sets/budgets';
import type { Lookups } from '../data-sets/lookups';
import { findHeader } from '../cells/header';
import { toBlocks } from '../cells/blocks';
import { amountView, plainAmount } from './amount-text';
import { amountChange, otherChanges } from './spend-limit-body';
import type { AuditEntry } from './audit-entry';
import { closedProblem } from './check-change';
import { InFlightPushes, type InFlightPush } from './in-flight';
import { limitColumns } from './edited-cells';
import { SPEND_LIMITS_SHEET, type StagedEdit } from './pending-changes';
import { currentEdits, markEdits } from './review';
import type { SyncedValues } from './synced-values';
import { utcDay, type PushDeps } from './write-back-deps';

/** Errors after which the change may have been applied: the write-ahead record stays. */
const OUTCOME_UNKNOWN = new Set([
  'malformed_response',
  'network',
  'server_error',
  'rate_limited',
  'deadline_reached',
]);

/**
 * Pushes the reviewed changes; one result per change. A change is sent only while its fingerprint
 * (`row-identity.ts`) is the one its review handed out: an edit made after the review, by anyone,
 * or a row that moved away from its id, is refused and must be reviewed again.
 */
export function pushChanges(deps: PushDeps, reviewed: readonly ReviewedChange[]): PushResult[] {
  const current = currentEdits(deps);
  const byId = new Map(current.edits.map((edit) => [edit.change.id, edit]));
  const results: PushResult[] = [];
  const audit: AuditEntry[] = [];
  const finished: string[] = [];
  const toSend: StagedEdit[] = [];
  const fingerprints = new Map(reviewed.map((r) => [r.id, r.fingerprint]));
  const order = [...fingerprints.keys()];
  // Room for every audit row first: a full spreadsheet stops the push before Brex is asked.
  if (order.length > 0) deps.audit.reserve(order.length);

  for (const id of order) {
    const edit = byId.get(id);
    if (!edit) {
      results.push(
        result(
          id,
          'not_pending',
          `No pending change for spend limit ${id}. Edit its "Base limit" cell first, then review.`,
        ),
      );
    } else if (edit.change.fingerprint !== fingerprints.get(id)) {
      const message = `The change to "${edit.change.name}" is no longer the one you reviewed: the cell, its row or the limit's last-synced value changed since your review. Nothing was sent. Review again, then push.`;
      results.push(fromEdit(edit, 'refused', message));
      audit.push(entry(deps, edit, 'refused', message));
    } else if (edit.change.problem !== null || edit.newMinorUnits === null) {
      const message = edit.change.problem ?? 'The new limit cannot be read. Type a number.';
      results.push(fromEdit(edit, 'refused', message));
      audit.push(entry(deps, edit, 'refused', message));
    } else {
      toSend.push(edit);
    }
  }

  const inFlight = new InFlightPushes(deps.store);
  const pushed: SpendLimit[] = [];
  const brexNow = toSend.length > 0 ? deps.brex.read(toSend.map((e) => e.change.id)) : [];
  toSend.forEach((edit, index) => {
    const outcome = pushOne(
      deps,
      edit,
      brexNow[index] as SpendLimit | Error,
      current.synced,
      inFlight,
    );
    results.push(outcome.result);
    audit.push(outcome.audit);
    if (outcome.settled) finished.push(edit.change.id);
    if (outcome.value) pushed.push(outcome.value);
  });

  // Results and audit rows follow the order the changes were asked for.
  const rank = (id: string): number => order.indexOf(id);
  results.sort((a, b) => rank(a.id) - rank(b.id));
  audit.sort((a, b) => rank(a.spendLimitId) - rank(b.spendLimitId));

  if (pushed.length > 0) refreshRows(deps, pushed);
  if (audit.length > 0) deps.audit.append(audit);
  for (const id of finished) inFlight.finish(id);
  markEdits(deps, currentEdits(deps));
  return results;
}

interface OneOutcome {
  readonly result: PushResult;
  readonly audit: AuditEntry;
  /** The write-ahead record (if any) can go: Brex's answer is known. */
  readonly settled: boolean;
  readonly value?: SpendLimit;
}

function pushOne(
  deps: PushDeps,
  edit: StagedEdit,
  brex: SpendLimit | Error,
  synced: SyncedValues,
  inFlight: InFlightPushes,
): OneOutcome {
  const { id, currency } = edit.change;
  const last = synced.get(id);
  const target = edit.newMinorUnits as number;
  if (brex instanceof Error || !last) {
    const message =
      brex instanceof Error
        ? writeMessage(brex)
        : 'The spend limit has no synced value. Refresh, then edit again.';
    return failure(
      deps,
      edit,
      'failed',
      message,
      brex instanceof BrexError ? brex.traceId : null,
      null,
    );
  }
  const base = brex.authorization_settings?.base_limit;
  const brexAmount = base?.amount ?? null;
  const brexCurrency = base?.currency || DEFAULT_CURRENCY;
  const record = inFlight.matching(id, last.amount, target);
  const closed = closedProblem(brex.status, brex.end_date ?? null, utcDay(deps.now()));
  if (closed) return failure(deps, edit, 'refused', closed, null, null);
  const ours = record !== null && brexAmount === target;
  if (brexCurrency !== last.currency || (brexAmount !== last.amount && !ours)) {
    const shown = brexAmount === null ? null : amountView(brexAmount, brexCurrency);
    const earlier = inFlight.get(id);
    const now = `Brex now has ${shown ? `${shown.text} ${brexCurrency}` : 'no base limit'} for this spend limit, not the ${edit.change.old.text} ${currency} of the last sync`;
    const message =
      earlier && earlier.from === last.amount && earlier.to === brexAmount
        ? `${now}: an earlier push by ${earlier.user} (${edit.change.old.text} → ${shown?.text ?? ''} ${currency}), whose answer was lost, was applied. Nothing was sent. Discard your edit to keep Brex's value, or refresh and edit again.`
        : `${now}: it was changed in Brex since. Nothing was sent. Refresh to see Brex's value, then edit again if needed.`;
    return failure(deps, edit, 'conflict', message, null, shown);
  }

  const key = record?.idempotencyKey ?? deps.newUuid();
  const started: InFlightPush = {
    id,
    from: last.amount,
    to: target,
    currency,
    idempotencyKey: key,
    user: deps.user,
    startedAt: deps.now().toISOString(),
  };
  inFlight.begin(started);
  try {
    const sent = deps.brex.update(id, amountChange(target, brexCurrency), key);
    synced.update(sent.value, deps.now(), spendLimitIdentity);
    const also = otherChanges(brex, sent.value);
    const message = `Changed from ${edit.change.old.text} to ${amountView(target, currency).text} ${currency}.${also.length > 0 ? ` Brex also changed: ${also.join(', ')}.` : ''}`;
    return {
      result: { ...fromEdit(edit, 'pushed', message), traceId: sent.traceId, idempotencyKey: key },
      audit: {
        ...entry(deps, edit, 'pushed', message),
        traceId: sent.traceId ?? '',
        idempotencyKey: key,
      },
      settled: true,
      value: sent.value,
    };
  } catch (error) {
    const brexError = error instanceof BrexError ? error : null;
    const unknown = brexError !== null && OUTCOME_UNKNOWN.has(brexError.kind);
    const message = unknown
      ? `The change was sent but Brex's answer did not arrive (${brexError.message}) Push again to finish it: the same idempotency key makes Brex apply it at most once.`
      : writeMessage(error);
    const outcome = failure(
      deps,
      edit,
      unknown ? 'unknown' : 'failed',
      message,
      brexError?.traceId ?? null,
      null,
    );
    return {
      result: { ...outcome.result, idempotencyKey: key },
      audit: { ...outcome.audit, idempotencyKey: key },
      settled: !unknown,
    };
  }
}

/** What to tell the person when Brex refuses a write, naming the credential or scope to fix. */
function writeMessage(error: unknown): string {
  if (error instanceof BrexError) {
    if (error.kind === 'missing_scope') {
      return `Your Brex token lacks the "budgets" scope, which changing a spend limit needs. Create a token with the budgets scope in Brex under Developer ▸ Settings, then connect it in Extensions ▸ Brex ▸ Open sidebar ▸ Connect.`;
    }
    if (error.kind === 'invalid_token' || error.kind === 'expired_token') {
      return `${error.message} Your own write credential is the one Brex refused.`;
    }
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

function failure(
  deps: PushDeps,
  edit: StagedEdit,
  outcome: PushOutcome,
  message: string,
  traceId: string | null,
  brex: AmountView | null,
): OneOutcome {
  return {
    result: { ...fromEdit(edit, outcome, message), brex, traceId },
    audit: { ...entry(deps, edit, outcome, message), traceId: traceId ?? '' },
    settled: true,
  };
}

function result(id: string, outcome: PushOutcome, message: string): PushResult {
  return {
    id,
    outcome,
    message,
    old: null,
    new: null,
    brex: null,
    currency: null,
    traceId: null,
    idempotencyKey: null,
  };
}

function fromEdit(edit: StagedEdit, outcome: PushOutcome, message: string): PushResult {
  const { change } = edit;
  return {
    ...result(change.id, outcome, message),
    old: change.old,
    new: change.new,
    currency: change.currency,
  };
}

function entry(
  deps: PushDeps,
  edit: StagedEdit,
  outcome: PushOutcome,
  message: string,
): AuditEntry {
  const { change } = edit;
  return {
    time: deps.now().toISOString(),
    user: deps.user,
    typedBy: deps.typedBy(change.id),
    spendLimitId: change.id,
    spendLimitName: change.name,
    old: plainAmount(change.old.minorUnits, change.currency),
    new: change.new ? plainAmount(change.new.minorUnits, change.currency) : change.typed,
    currency: change.currency,
    result: outcome,
    message,
    traceId: '',
    idempotencyKey: '',
  };
}

/** The columns a base-limit change can alter; names and members are left as the sync wrote them. */
const REFRESHED = ['Status', 'Period', 'Base limit', 'Spent this period', 'Remaining', 'Currency'];

/** Names are not refreshed, so the row function gets lookups that are never consulted. */
const NO_LOOKUPS = {
  userNames: () => '',
  departmentName: () => '',
} as unknown as Lookups;

/** Writes Brex's answers into their rows, found by id, in as few blocks as the rows allow. */
function refreshRows(deps: PushDeps, limits: readonly SpendLimit[]): void {
  const grid = deps.table.readAll(SPEND_LIMITS_SHEET);
  const columns = limitColumns(grid?.[0] ?? []);
  if (!grid || !columns) return;
  const rowOf = new Map<string, number>();
  grid.forEach((cells, index) => {
    const id = String(cells[columns.id] ?? '').trim();
    if (index > 0 && id && !rowOf.has(id)) rowOf.set(id, index);
  });
  const timeZone = deps.table.timeZone();
  const writes = new Map<number, Map<number, Cell>>();
  for (const limit of limits) {
    const row = rowOf.get(limit.id);
    if (row === undefined) continue;
    const fields = spendLimits.row(limit, NO_LOOKUPS);
    const cells = new Map<number, Cell>();
    for (const column of spendLimits.columns) {
      const position = findHeader(grid[0] ?? [], column.header);
      if (!REFRESHED.includes(column.header) || position === null) continue;
      cells.set(position, toCell(column.type, fields[column.header], timeZone));
    }
    writes.set(row, cells);
  }
  for (const block of toBlocks(writes)) deps.table.writeBlock(SPEND_LIMITS_SHEET, block);
}
