/**
 * Staged payments in the review: finds them (staging the new ones), marks their rows, reads Brex
 * only when there is one, keeps the named part of what it read for the approval, and judges them.
 */
import type { ChangeView, PaymentsSummary } from '../../contract/writeback';
import type { AuditLogPort } from '../audit-entry';
import type { MarksPort } from '../cell-marks';
import { getWriteBackSettings } from '../settings';
import { completeInterrupted } from './approve';
import { reviewPayments } from './payment-review';
import { markPayments } from './payment-marks';
import { paymentSettingsOf } from './payment-settings';
import { namedPart, ReviewedWorld, type PaymentWorld } from './payment-world';
import { stagedPayments, type StagingDeps } from './staged-rows';
import { StagedPayments } from './staging';

const NOTHING_READ: PaymentWorld = {
  vendors: [],
  accounts: [],
  transfers: [],
  last24h: 0,
  wires24h: 0,
  thisMonth: 0,
  readAt: '',
};

export interface PaymentsInReview {
  readonly views: ChangeView[];
  readonly summary: PaymentsSummary | null;
}

/** The staged payments, staged and judged; `read` reads Brex (and may throw). */
export function paymentsInReview(
  deps: StagingDeps & { readonly audit: AuditLogPort; readonly marks: MarksPort },
  read: () => PaymentWorld,
): PaymentsInReview {
  completeInterrupted(deps);
  if (stagedPayments(deps, NOTHING_READ, { stage: false }).length === 0) {
    markPayments(deps, []);
    return { views: [], summary: null };
  }
  let world: PaymentWorld;
  let unread: string | null = null;
  try {
    world = read();
  } catch (error) {
    world = NOTHING_READ;
    unread = `Brex's vendors, accounts and transfers could not be read, so this payment cannot be checked (${error instanceof Error ? error.message : String(error)}). Check the connection in Extensions ▸ Brex, then review again.`;
  }
  const payments = stagedPayments(deps, world, { stage: true }).map((p) =>
    unread ? { ...p, problem: unread } : p,
  );
  markPayments(deps, payments);
  ReviewedWorld.write(
    deps.store,
    namedPart(world, new Set(payments.map((p) => p.draft.vendorName.toLowerCase()))),
  );
  const now = deps.now();
  const reviewed = reviewPayments(
    payments,
    world,
    paymentSettingsOf(getWriteBackSettings(deps.store)),
    deps.user,
    new StagedPayments(deps.store).sentOn(now.toISOString().slice(0, 10)),
    now,
  );
  return { views: reviewed.views, summary: reviewed.summary };
}
