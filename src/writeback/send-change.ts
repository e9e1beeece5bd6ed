/**
 * Sending changes, after their actions found Brex still holding what they were made against:
 * write-ahead ("pushing target T from A to B with key K" stored first, a batch's records in one
 * write), then the requests with their keys, a batch's together.
 * An answer that was lost keeps the record, so the next push of the same change reuses K and Brex
 * replays its first answer instead of applying the change twice. An action that sees Brex still
 * holding the old value asks for a fresh key instead (`Verdict.freshKey`): K's request was never
 * applied, or was undone since, and Brex would only replay K's stale answer.
 */
import { BrexError } from '../brex';
import type { PushOutcome } from '../contract/writeback';
import { targetKey, type Change, type Sent } from './action';
import { InFlightPushes, type InFlightPush } from './in-flight';
import { missingScopeMessage } from './write-scopes';
import { writeEach, type PushDeps } from './write-back-deps';

/**
 * Errors after which the change (or a payment) may have been applied: the write-ahead record
 * stays, and the next run reconciles it.
 */
export const OUTCOME_UNKNOWN = new Set([
  'malformed_response',
  'network',
  'server_error',
  'rate_limited',
  'deadline_reached',
]);

export interface SendOutcome {
  readonly outcome: PushOutcome;
  readonly message: string;
  readonly brexId: string | null;
  readonly traceId: string | null;
  readonly idempotencyKey: string;
  /** Brex's answer, for the action to settle; absent unless pushed. */
  readonly answer?: unknown;
  /** The write-ahead record can go: Brex's answer is known. */
  readonly settled: boolean;
}

/** A change its action found still sendable, with Brex's current record of its target. */
export interface Ready {
  readonly change: Change;
  readonly current: unknown;
  /** Send with a new key, not an unfinished record's (`Verdict.freshKey`). */
  readonly freshKey: boolean;
}

/**
 * Sends a batch of changes: every change's write-ahead record stored first, in one write, then
 * their requests together (`writeEach`: one paced `fetchAll`), each answer or error its own. A
 * batch must not name one target twice (its record would be both changes').
 */
export function sendChanges(deps: PushDeps, batch: readonly Ready[]): SendOutcome[] {
  const inFlight = new InFlightPushes(deps.store);
  const records = batch.map(({ change, freshKey }) => {
    const target = targetKey(change);
    const to = change.to as string;
    const record = freshKey ? null : inFlight.matching(target, change.from, to);
    return {
      id: target,
      from: change.from,
      to,
      idempotencyKey: record?.idempotencyKey ?? deps.newUuid(),
      user: deps.user,
      startedAt: deps.now().toISOString(),
    };
  });
  inFlight.begin(records);
  const settled = writeEach(
    deps.brex,
    batch.map(({ change, current }, index) => () => {
      const key = (records[index] as InFlightPush).idempotencyKey;
      return change.action.send(deps, change, current, key);
    }),
  );
  return settled.map((result, index) => {
    const { change } = batch[index] as Ready;
    const key = (records[index] as InFlightPush).idempotencyKey;
    return result.ok ? sentOutcome(result.value, key) : failedOutcome(change, result.error, key);
  });
}

function sentOutcome(sent: Sent<unknown>, key: string): SendOutcome {
  return {
    outcome: 'pushed',
    message: sent.message,
    brexId: sent.brexId,
    traceId: sent.result.traceId,
    idempotencyKey: key,
    answer: sent.result.value,
    settled: true,
  };
}

function failedOutcome(change: Change, error: unknown, key: string): SendOutcome {
  const brexError = error instanceof BrexError ? error : null;
  const unknown = brexError !== null && OUTCOME_UNKNOWN.has(brexError.kind);
  return {
    outcome: unknown ? 'unknown' : 'failed',
    message: unknown
      ? `The change was sent but Brex's answer did not arrive (${brexError.message}) Push again to finish it: the same idempotency key makes Brex apply it at most once.`
      : writeMessage(error, change.action.id),
    brexId: change.targetId || null,
    traceId: brexError?.traceId ?? null,
    idempotencyKey: key,
    settled: !unknown,
  };
}

/**
 * What to tell the person when Brex refuses a write, naming the credential or the scope to fix:
 * the scope of the call Brex refused, else that of the action (`actionId`).
 */
export function writeMessage(error: unknown, actionId?: string): string {
  if (error instanceof BrexError) {
    if (error.kind === 'missing_scope') return missingScopeMessage(error.scope, actionId);
    if (error.kind === 'invalid_token' || error.kind === 'expired_token') {
      return `${error.message} Your own write credential is the one Brex refused.`;
    }
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
