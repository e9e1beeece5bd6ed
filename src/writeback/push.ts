/**
 * Pushing changes to Brex, for every action alike:
 *
 * 1. The changes asked for are found by key. A key names its change's fingerprint, so an edit
 *    made after the review, by anyone, or a row that moved away from its id, no longer matches:
 *    it is refused and must be reviewed again. Without keys, every valid change that needs no
 *    confirmation is pushed; irreversible actions and creations go only when their keys are named.
 * 2. Refused changes are not sent; they get a result and an audit row.
 * 3. Brex's current records are read for the conflict check, one list read per data set
 *    (`memoizedReads`), never one request per change. Each action judges its change against
 *    them (`check`): a value changed in Brex since the sync is a conflict, and nothing is sent.
 * 4. In batches of `FLUSH_EVERY`: write-ahead records of the batch in one write, then its
 *    requests together (`send-change.ts`).
 * 5. After each batch, the audit rows are appended in one write, then Brex's answers go into
 *    the rows and last-synced values, then the write-ahead records are cleared. In that order a kill loses no audit row: a change whose answer was not settled is
 *    still pending, is sent again with its key, and `AuditedAhead` keeps its row from being
 *    written twice. Audit rows are reserved before anything is sent, so a full spreadsheet stops
 *    the push first.
 * 6. A change not started before the execution's time runs out is "deferred": the next push sends
 *    it. A push killed in between leaves only write-ahead records, which the next push completes.
 *
 * It is a little over 300 lines because these steps share one batch's state (its records, its
 * audit rows, what is settled), and the order between them is what makes a kill safe.
 */
import type { PushOutcome } from '../contract/writeback';
import { keyOf, targetKey, type Change, type WriteAction } from './action';
import type { AuditEntry } from './audit-entry';
import { Conflicts } from './conflicts';
import { AuditedAhead, InFlightPushes } from './in-flight';
import { WRITE_ACTIONS } from './actions';
import { markChanges, readChanges } from './review';
import { sendChanges, writeMessage, type Ready, type SendOutcome } from './send-change';
import type { BrexWrites, PushDeps } from './write-back-deps';
import { BrexError } from '../brex';

/**
 * Changes are sent in batches this size (records in one write, requests in one paced fetchAll),
 * and each batch's answers settled and audited before the next, so a kill loses little.
 */
export const FLUSH_EVERY = 50;

/** One change's push result, with what the entry points and aliases show of it. */
export interface Pushed {
  readonly key: string;
  readonly change: Change | null;
  readonly outcome: PushOutcome;
  readonly message: string;
  readonly brexId: string | null;
  readonly traceId: string | null;
  readonly idempotencyKey: string | null;
  /** Brex's current record (for a conflict), or its answer (pushed). */
  readonly current?: unknown;
  /** Brex's answer is known (or nothing was sent after reading it): the write-ahead record goes. */
  readonly settled?: boolean;
}

/** Which changes to push: keys as reviewed, or null for every valid unconfirmed change. */
export function pushChanges(deps: PushDeps, keys: readonly string[] | null): Pushed[] {
  // Keys start with their action's id: only the sheets of those actions are read (and marked),
  // not every action's sheet, whose reads would cost more than the changes' requests.
  const sheets = keys && sheetsOf(keys);
  const found = readChanges(deps, sheets ?? undefined).changes;
  const byKey = new Map(found.map((change) => [keyOf(change), change]));
  const asked =
    keys ??
    found
      .filter((c) => c.problem === null && c.action.confirmation === 'none')
      .map((c) => keyOf(c));
  if (asked.length > 0) deps.audit.reserve(asked.length);
  const sendable = asked
    .map((key) => byKey.get(key))
    .filter((change): change is Change => change !== undefined && change.problem === null);
  const current = readCurrent(deps, sendable);

  const flush = new Flush(deps);
  const results: Pushed[] = [];
  for (const batch of batches(asked, byKey)) {
    for (const pushed of pushBatch(deps, batch, byKey, found, current)) {
      results.push(pushed);
      flush.add(pushed, deps);
    }
    flush.done();
  }
  markChanges(deps, readChanges(deps, sheets ?? undefined));
  return results;
}

/**
 * Pure: the keys in runs of at most `FLUSH_EVERY`, a run ending before a target it already has
 * (two changes of one target cannot share a batch: the second would find the first's record).
 */
function batches(asked: readonly string[], byKey: ReadonlyMap<string, Change>): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  let targets = new Set<string>();
  for (const key of asked) {
    const change = byKey.get(key);
    const target = change ? targetKey(change) : null;
    if (run.length === FLUSH_EVERY || (target !== null && targets.has(target))) {
      runs.push(run);
      run = [];
      targets = new Set();
    }
    run.push(key);
    if (target !== null) targets.add(target);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** One batch: each change judged, then the ones to send sent together (`sendChanges`). */
function pushBatch(
  deps: PushDeps,
  keys: readonly string[],
  byKey: ReadonlyMap<string, Change>,
  found: readonly Change[],
  current: ReadonlyMap<Change, unknown>,
): Pushed[] {
  const judged = keys.map((key): Pushed | Ready => {
    const change = byKey.get(key);
    if (!change) {
      return notPending(
        key,
        found.find((c) => sameTarget(c, key)),
      );
    }
    return judge(deps, key, change, current);
  });
  const ready = judged.filter((j): j is Ready => !('outcome' in j));
  const sent = sendChanges(deps, ready);
  return judged.map((j) => {
    if ('outcome' in j) return j;
    const outcome = sent[ready.indexOf(j)] as SendOutcome;
    const { change } = j;
    return {
      key: keyOf(change),
      change,
      outcome: outcome.outcome,
      message: outcome.message,
      brexId: outcome.brexId,
      traceId: outcome.traceId,
      idempotencyKey: outcome.idempotencyKey,
      current: outcome.answer,
      settled: outcome.settled,
    };
  });
}

/** Pure: the sheets of the actions these keys name (`keyOf`: the action's id first). */
function sheetsOf(keys: readonly string[]): Set<string> {
  return new Set(
    WRITE_ACTIONS.filter((action) => keys.some((key) => key.startsWith(`${action.id}:`))).map(
      (action) => action.sheet,
    ),
  );
}

/** What becomes of a change before anything is sent: its result, or ready to send. */
function judge(
  deps: PushDeps,
  key: string,
  change: Change,
  current: ReadonlyMap<Change, unknown>,
): Pushed | Ready {
  const base = { key, change, brexId: change.targetId || null, traceId: null };
  if (change.problem !== null || change.to === null) {
    const message = change.problem ?? 'The new value cannot be read. Type it again.';
    return { ...base, outcome: 'refused', message, idempotencyKey: null };
  }
  if (!deps.timeLeft()) {
    const message = `Not sent yet: this push stopped before Apps Script's time limit. Push again to send it.`;
    return { ...base, outcome: 'deferred', message, idempotencyKey: null };
  }
  const brex = current.get(change);
  if (brex instanceof Error) {
    const traceId = brex instanceof BrexError ? brex.traceId : null;
    const message = writeMessage(brex, change.action.id);
    return { ...base, outcome: 'failed', message, traceId, idempotencyKey: null, settled: true };
  }
  const verdict = change.action.check(deps, change, brex);
  if (verdict.kind !== 'send') {
    const { kind: outcome, message } = verdict;
    return { ...base, outcome, message, idempotencyKey: null, current: brex, settled: true };
  }
  return { change, current: brex, freshKey: verdict.freshKey === true };
}

/** A key no pending change has: its change was edited since the review, or there is none. */
function notPending(key: string, edited: Change | undefined): Pushed {
  const base = { key, brexId: null, traceId: null, idempotencyKey: null };
  if (!edited) {
    const message = `No pending change has this key (${key}). Edit the cell first, then review.`;
    return { ...base, change: null, outcome: 'not_pending', message };
  }
  const message = `The change to "${edited.targetName}" is no longer the one you reviewed: the cell, its row or the last-synced value changed since your review. Nothing was sent. Review again, then push.`;
  return { ...base, change: edited, brexId: edited.targetId || null, outcome: 'refused', message };
}

/** Pure: whether a key names this change's target (with another fingerprint). */
function sameTarget(change: Change, key: string): boolean {
  return key.startsWith(`${targetKey(change)}:`) && change.targetId !== '';
}

/** Brex's current record of each change to send: one read per list, however many changes. */
function readCurrent(deps: PushDeps, changes: readonly Change[]): Map<Change, unknown> {
  const brex = memoizedReads(deps.brex);
  const current = new Map<Change, unknown>();
  const byAction = new Map<WriteAction, Change[]>();
  for (const change of changes) {
    byAction.set(change.action, [...(byAction.get(change.action) ?? []), change]);
  }
  for (const [action, own] of byAction) {
    const read = action.readCurrent(
      brex,
      own.map((c) => c.targetId),
    );
    for (const change of own) current.set(change, read.get(change.targetId));
  }
  return current;
}

/** The port with its list reads made once per push, however many actions read the same list. */
export function memoizedReads(brex: BrexWrites): BrexWrites {
  let limits: ReturnType<BrexWrites['spendLimits']> | null = null;
  return {
    ...brex,
    spendLimits: () => (limits ??= brex.spendLimits()),
  };
}

/** Settles, audits and clears a batch's pushed changes (see FLUSH_EVERY). */
class Flush {
  private audit: AuditEntry[] = [];
  private answers = new Map<WriteAction, unknown[]>();
  private finished: string[] = [];
  private auditedKeys: string[] = [];
  private logged: Set<string> | null = null;
  private readonly conflicts: Conflicts;
  private readonly auditedAhead: AuditedAhead;

  constructor(private readonly deps: PushDeps) {
    this.conflicts = new Conflicts(deps.store);
    this.auditedAhead = new AuditedAhead(deps.store);
  }

  add(pushed: Pushed, deps: PushDeps): void {
    const { change } = pushed;
    if (pushed.outcome === 'not_pending' || pushed.outcome === 'deferred' || !change) return;
    const pushedKey = pushed.outcome === 'pushed' ? pushed.idempotencyKey : null;
    // Audited by a push killed before it settled the answer (Brex replayed it this time), unless
    // that push was killed between marking the key and appending its row.
    if (!this.auditedAhead.has(pushedKey) || !this.inLog(pushedKey)) {
      this.audit.push(auditEntry(deps, change, pushed));
    }
    if (pushedKey) this.auditedKeys.push(pushedKey);
    if (pushed.outcome === 'pushed') {
      this.answers.set(change.action, [...(this.answers.get(change.action) ?? []), pushed.current]);
    }
    if (pushed.settled) this.finished.push(targetKey(change));
    if (pushed.outcome === 'conflict') this.conflicts.note(targetKey(change), pushed.message);
    if (pushed.outcome === 'pushed') this.conflicts.forget(targetKey(change));
  }

  /** The keys of the log's "pushed" rows, read once, and only after a kill. */
  private inLog(key: string | null): boolean {
    this.logged ??= new Set(
      this.deps.audit
        .read()
        .filter((r) => r.result === 'pushed')
        .map((r) => r.idempotencyKey),
    );
    return key !== null && this.logged.has(key);
  }

  /**
   * The keys are marked, then the audit rows appended, then rows and last-synced values settled,
   * then the records go: a run killed between the mark and the rows is found out by `inLog`.
   */
  done(): void {
    this.auditedAhead.add(this.auditedKeys);
    if (this.audit.length > 0) this.deps.audit.append(this.audit);
    for (const [action, answers] of this.answers) action.settle(this.deps, answers);
    const inFlight = new InFlightPushes(this.deps.store);
    for (const target of this.finished) inFlight.finish(target);
    this.auditedAhead.remove(this.auditedKeys);
    this.auditedKeys = [];
    this.audit = [];
    this.answers = new Map();
    this.finished = [];
  }
}

function auditEntry(deps: PushDeps, change: Change, pushed: Pushed): AuditEntry {
  const audited = change.action.audited(change);
  return {
    time: deps.now().toISOString(),
    user: deps.user,
    typedBy: deps.typedBy(change.targetId),
    brexId: change.targetId || pushed.brexId || '',
    targetName: change.targetName,
    old: audited.old,
    new: audited.new,
    currency: audited.currency,
    result: pushed.outcome,
    message: pushed.message,
    traceId: pushed.traceId ?? '',
    idempotencyKey: pushed.idempotencyKey ?? '',
    action: change.action.id,
  };
}
