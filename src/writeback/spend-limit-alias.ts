/**
 * The spend-limit functions of the first write-back (review, push and discard of "Base limit"
 * cells, by spend-limit id), as thin aliases of the general ones: their arguments become change
 * keys, and the general results their spend-limit shapes.
 */
import type { SpendLimit } from '../brex';
import type { PendingChange, PushResult, ReviewedChange } from '../contract/writeback';
import type { Change } from './action';
import { baseLimit } from './actions/spend-limit-base-limit';
import { amountView } from './amount-text';
import type { LimitEdit } from './pending-changes';
import type { Pushed } from './push';

/** Pure: reviewed limits → the keys of their base-limit changes. */
export function legacyKeys(reviewed: readonly ReviewedChange[]): string[] {
  return reviewed.map((r) => `${baseLimit.id}:${r.id}:${r.fingerprint}`);
}

function isLimitChange(change: Change | null): change is Change<LimitEdit> {
  return change?.action === baseLimit;
}

/** Pure: the base-limit changes as the spend-limit review shows them. */
export function legacyView(changes: readonly Change[]): PendingChange[] {
  return changes.filter(isLimitChange).map((change) => change.detail.view);
}

/** Pure: a push result as the spend-limit push gives it. */
export function legacyResult(pushed: Pushed): PushResult {
  const change = isLimitChange(pushed.change) ? pushed.change : null;
  const view = change?.detail.view;
  const id = view?.id ?? pushed.key.split(':')[1] ?? pushed.key;
  const base =
    pushed.outcome === 'conflict'
      ? (pushed.current as SpendLimit | undefined)?.authorization_settings?.base_limit
      : undefined;
  return {
    id,
    outcome: pushed.outcome,
    message:
      pushed.outcome === 'not_pending'
        ? `No pending change for spend limit ${id}. Edit its "Base limit" cell first, then review.`
        : pushed.message,
    old: view?.old ?? null,
    new: view?.new ?? null,
    brex: base ? amountView(base.amount, base.currency || 'USD') : null,
    currency: view?.currency ?? null,
    traceId: pushed.traceId,
    idempotencyKey: pushed.idempotencyKey,
  };
}
