/**
 * Approving payments: the only way money leaves from the sheet. For each key the review gave:
 *
 * 1. Refused here, with 0 requests to Brex: a key no staged payment has now (edited since the
 *    review), a problem, the two-person rule (the approver staged it or typed in its row), the
 *    ceiling per payment, the account's daily total (what the add-on sent today plus the payments
 *    before it in this approval), and Brex's daily limits as the review counted them.
 * 2. Already sent (its record holds Brex's transfer): nothing is sent again; its row gets the id.
 * 3. A send that was started and never finished (write-ahead record) is reconciled first: Brex's
 *    transfer list is read once, and a transfer made from that instrument, account, amount and
 *    memo since the record is adopted, unless a row of the sheet already shows it. Otherwise it
 *    is sent again with the same key, which Brex replays rather than paying twice.
 * 4. In batches (send-payments.ts): the write-ahead records in one write, then the batch's
 *    `POST /v1/transfers` together, each with its row's own idempotency key, then the records
 *    (transfer ids), the rows (id and status), the audit rows, and the write-ahead records last.
 *    A kill anywhere between leaves the write-ahead record or the sent record, never a second send.
 *    A payment counts against the ceilings when it joins its batch, before anything is sent.
 *
 * It is over 300 lines because these four steps share one payment's records and must be read in
 * order to see that no path sends money twice; split, each part would need the others' records.
 */
import type { Transfer, CashAccount, Vendor } from '../../brex';
import { BrexError } from '../../brex';
import { utf8Length } from '../../ports/key-value-port';
import { PAYMENT_ACTION, type PaymentOutcome, type PaymentResult } from '../../contract/writeback';
import type { AuditEntry, AuditRecord } from '../audit-entry';
import { InFlightPushes } from '../in-flight';
import { writeMessage } from '../send-change';
import { getWriteBackSettings } from '../settings';
import type { WriteBackDeps } from '../write-back-deps';
import { groupedAmount } from '../amount-text';
import { paymentText } from './payment-row';
import {
  BREX_TRANSFERS_PER_DAY,
  BREX_WIRES_PER_DAY,
  effectiveProblem,
  ownPayment,
} from './payment-review';
import { markPayments } from './payment-marks';
import { paymentSettingsOf } from './payment-settings';
import { ReviewedWorld } from './payment-world';
import { paymentKey, paymentTarget, stagedPayments, type Payment } from './staged-rows';
import { answerOf, shownTransferIds, writeSentRows } from './sent-row';
import { transferOf, requestOf } from './sent-transfer';
import {
  PAYMENTS_PER_BATCH,
  sendPayments,
  UNFINISHED_BYTES,
  type PaymentSend,
  type TransferSends,
} from './send-payments';
import { StagedPayments } from './staging';

/** Brex through the approver's own write credential. */
export interface TransferWrites extends TransferSends {
  vendors(): Vendor[];
  cashAccounts(): CashAccount[];
  transfers(): Transfer[];
}

export interface ApproveDeps extends WriteBackDeps {
  readonly brex: TransferWrites;
  /** The approver's email. */
  readonly user: string;
  readonly timeLeft: () => boolean;
  readonly newUuid: () => string;
}

const NO_REVIEW = `No review of the staged payments was found. Review them (Extensions ▸ Brex), then approve the keys the review gives.`;

export function approvePayments(deps: ApproveDeps, keys: readonly string[]): PaymentResult[] {
  completeInterrupted(deps);
  const world = ReviewedWorld.read(deps.store);
  const payments = world ? stagedPayments({ ...deps, user: '' }, world, { stage: false }) : [];
  const byKey = new Map(payments.map((p) => [paymentKey(p), p]));
  const settings = paymentSettingsOf(getWriteBackSettings(deps.store));
  const records = new StagedPayments(deps.store);
  const day = deps.now().toISOString().slice(0, 10);
  const dailyTotals = new Map(Object.entries(records.sentOn(day)));
  const counts = { transfers: world?.last24h ?? 0, wires: world?.wires24h ?? 0 };
  let transfers: Transfer[] | null = null;
  // Transfers a row already shows are that row's: another payment with the same fields cannot
  // adopt them (two equal payments to one vendor on one day are two transfers).
  let taken: Set<string> | null = null;
  const results: (PaymentResult | null)[] = [];
  deps.audit.reserve(keys.length);
  // Payments to send, with their places in `results`; their amounts are counted against the
  // ceilings when they join the batch, and given back if Brex refuses them.
  let batch: { payment: Payment; at: number }[] = [];
  let batchBytes = 0;
  const sendBatch = (): void => {
    const sends = sendPayments(
      deps,
      deps.brex,
      batch.map((b) => b.payment),
    );
    const settled = settleBatch(
      deps,
      batch.map((b) => b.payment),
      sends,
    );
    batch.forEach(({ payment, at }, n) => {
      results[at] = settled[n] as PaymentResult;
      const transferId = settled[n]?.transferId;
      if (transferId) taken?.add(transferId);
      if (sends[n]?.kind === 'failed') count(payment, -1);
    });
    batch = [];
    batchBytes = 0;
  };
  const count = (payment: Payment, sign: 1 | -1): void => {
    const account = payment.draft.account?.id ?? '';
    dailyTotals.set(account, (dailyTotals.get(account) ?? 0) + sign * (payment.draft.amount ?? 0));
    counts.transfers += sign;
    if (payment.draft.method === 'INTERNATIONAL_WIRE') counts.wires += sign;
  };

  for (const key of keys) {
    const payment = byKey.get(key);
    if (!payment || !world) {
      results.push(notPending(key, world ? payments : null));
      continue;
    }
    const refusal = refusalOf(deps, payment, settings, dailyTotals, counts);
    if (refusal) {
      results.push(finish(deps, payment, 'refused', refusal, null, null));
      continue;
    }
    if (!deps.timeLeft()) {
      const message =
        'Not sent yet: this approval stopped before Apps Script\u2019s time limit. Approve again to send it.';
      results.push(result(payment, 'deferred', message, null, null));
      continue;
    }
    if (payment.inFlight) {
      try {
        transfers ??= deps.brex.transfers();
      } catch (error) {
        // Its write-ahead record stays: the next approval checks again.
        const message = `Brex's transfers could not be read to check whether this payment was already made, so nothing was sent. ${writeMessage(error)}`;
        const traceId = error instanceof BrexError ? error.traceId : null;
        results.push(audited(deps, payment, 'failed', message, null, traceId));
        continue;
      }
      taken ??= shownTransferIds(deps.table);
      const free = transfers.filter((t) => !taken?.has(t.id));
      const made = madeBefore(deps, payment, free);
      if (made) {
        taken.add(made.id);
        results.push(settle(deps, payment, made, null, 'already_sent'));
        continue;
      }
    }
    count(payment, 1);
    batch.push({ payment, at: results.length });
    results.push(null);
    batchBytes += utf8Length(paymentText(payment.draft)) + 120;
    if (batch.length >= PAYMENTS_PER_BATCH || batchBytes >= UNFINISHED_BYTES) sendBatch();
  }
  if (batch.length > 0) sendBatch();
  // A sent row is no longer pending: its mark goes, the others' stay.
  const settled = new Set(results.flatMap((r) => (r?.transferId ? [r.key] : [])));
  if (settled.size > 0)
    markPayments(
      deps,
      payments.filter((p) => !settled.has(paymentKey(p))),
    );
  return results as PaymentResult[];
}

function refusalOf(
  deps: ApproveDeps,
  payment: Payment,
  settings: ReturnType<typeof paymentSettingsOf>,
  dailyTotals: Map<string, number>,
  counts: { transfers: number; wires: number },
): string | null {
  const problem = effectiveProblem(payment, settings);
  if (problem) return problem;
  const own = settings.twoPersonRule ? ownPayment(payment, deps.user) : null;
  if (own) return own;
  if (deps.user === '') {
    return 'Google did not say who you are, so the two-person rule cannot be checked. Open the spreadsheet signed in to your Google account, then approve again. Nothing was sent.';
  }
  const amount = payment.draft.amount ?? 0;
  const account = payment.draft.account;
  const total = (dailyTotals.get(account?.id ?? '') ?? 0) + amount;
  if (total > settings.dailyAccountCeiling) {
    return `${account?.name ?? ''} would send ${groupedAmount(total, 'USD')} USD today with this payment, over its daily total of ${groupedAmount(settings.dailyAccountCeiling, 'USD')} USD. Nothing was sent. Approve it tomorrow, or have the daily total raised in the write-back settings.`;
  }
  if (counts.transfers >= BREX_TRANSFERS_PER_DAY) {
    return `Brex allows ${BREX_TRANSFERS_PER_DAY.toLocaleString('en-US')} transfers per 24 hours, and they are used. Nothing was sent. Approve it tomorrow.`;
  }
  if (payment.draft.method === 'INTERNATIONAL_WIRE' && counts.wires >= BREX_WIRES_PER_DAY) {
    return `Brex allows ${BREX_WIRES_PER_DAY} international wires per 24 hours, and they are used. Nothing was sent. Approve it tomorrow.`;
  }
  return null;
}

/** A transfer Brex made from this payment before its record was finished; null when none. */
function madeBefore(
  deps: ApproveDeps,
  payment: Payment,
  transfers: readonly Transfer[],
): Transfer | null {
  const record = new InFlightPushes(deps.store).get(paymentTarget(payment.record?.key ?? ''));
  return transferOf(requestOf(payment.draft), record?.startedAt ?? '', transfers);
}

/**
 * A batch's answers: Brex's transfers into the records (one write), the rows, the audit log
 * (one append); then the write-ahead records of the payments whose fate is known go. A payment
 * whose answer was lost keeps them, and the next approval reconciles it.
 */
function settleBatch(
  deps: ApproveDeps,
  payments: readonly Payment[],
  sends: readonly PaymentSend[],
): PaymentResult[] {
  const keyOf = (payment: Payment): string => payment.record?.key as string;
  const sent = payments.flatMap((payment, n) => {
    const send = sends[n] as PaymentSend;
    return send.kind === 'sent' ? [{ payment, transfer: send.transfer }] : [];
  });
  const rows = new Map(
    sent.map(({ payment, transfer }) => [
      keyOf(payment),
      { transferId: transfer.id, status: String(transfer.status), answer: answerOf(transfer) },
    ]),
  );
  new StagedPayments(deps.store).sentAll(
    sent.map(({ payment, transfer }) => ({
      key: keyOf(payment),
      transfer: { id: transfer.id, status: String(transfer.status), answer: answerOf(transfer) },
      sent: { accountId: payment.draft.account?.id ?? '', amount: payment.draft.amount ?? 0 },
    })),
    deps.now(),
  );
  writeSentRows(deps.table, rows);
  const results = payments.map((payment, n): PaymentResult => {
    const send = sends[n] as PaymentSend;
    if (send.kind === 'sent') {
      const message = `Sent: Brex transfer ${send.transfer.id}, ${String(send.transfer.status)}.`;
      return result(payment, 'sent', message, send.transfer, send.traceId);
    }
    const traceId = send.error instanceof BrexError ? send.error.traceId : null;
    return result(payment, send.kind, send.message, null, traceId);
  });
  deps.audit.append(
    results.map((r, n) => {
      const payment = payments[n] as Payment;
      const send = sends[n] as PaymentSend;
      const transfer = send.kind === 'sent' ? send.transfer : null;
      return auditEntry(deps, payment, r.outcome, r.message, transfer, r.traceId);
    }),
  );
  const known = payments.filter((_, n) => sends[n]?.kind !== 'unknown').map(keyOf);
  new StagedPayments(deps.store).finishAll(known);
  const inFlight = new InFlightPushes(deps.store);
  for (const key of known) inFlight.finish(paymentTarget(key));
  return results;
}

/** Brex's transfer into the record, the row and the audit log; then the write-ahead record goes. */
function settle(
  deps: ApproveDeps,
  payment: Payment,
  transfer: Transfer,
  traceId: string | null,
  outcome: 'sent' | 'already_sent',
): PaymentResult {
  const key = payment.record?.key as string;
  const status = String(transfer.status);
  const answer = answerOf(transfer);
  new StagedPayments(deps.store).sent(key, { id: transfer.id, status, answer }, deps.now(), {
    accountId: payment.draft.account?.id ?? '',
    amount: payment.draft.amount ?? 0,
  });
  writeSentRows(deps.table, new Map([[key, { transferId: transfer.id, status, answer }]]));
  const message =
    outcome === 'sent'
      ? `Sent: Brex transfer ${transfer.id}, ${status}.`
      : `Already sent before (Brex transfer ${transfer.id}, ${status}): found in Brex's transfers, not sent again.`;
  const done = audited(deps, payment, outcome, message, transfer, traceId);
  new StagedPayments(deps.store).finish(key);
  new InFlightPushes(deps.store).finish(paymentTarget(key));
  return done;
}

/** A refusal or failure: audited, and any write-ahead record goes (nothing was created). */
function finish(
  deps: ApproveDeps,
  payment: Payment,
  outcome: PaymentOutcome,
  message: string,
  transfer: Transfer | null,
  error: unknown,
): PaymentResult {
  const traceId = error instanceof BrexError ? error.traceId : null;
  const done = audited(deps, payment, outcome, message, transfer, traceId);
  if (outcome === 'failed' && payment.record) {
    new StagedPayments(deps.store).finish(payment.record.key);
    new InFlightPushes(deps.store).finish(paymentTarget(payment.record.key));
  }
  return done;
}

function audited(
  deps: ApproveDeps,
  payment: Payment,
  outcome: PaymentOutcome,
  message: string,
  transfer: Transfer | null,
  traceId: string | null,
): PaymentResult {
  deps.audit.append([auditEntry(deps, payment, outcome, message, transfer, traceId)]);
  return result(payment, outcome, message, transfer, traceId);
}

function result(
  payment: Payment,
  outcome: PaymentOutcome,
  message: string,
  transfer: Transfer | null,
  traceId: string | null,
): PaymentResult {
  return {
    key: paymentKey(payment),
    outcome,
    message,
    transferId: transfer?.id ?? null,
    status: transfer ? String(transfer.status) : null,
    traceId,
    idempotencyKey: payment.record?.key ?? null,
  };
}

function auditEntry(
  deps: ApproveDeps,
  payment: Payment,
  outcome: PaymentOutcome,
  message: string,
  transfer: Transfer | null,
  traceId: string | null,
): AuditEntry {
  const audit: Record<PaymentOutcome, AuditEntry['result']> = {
    sent: 'pushed',
    already_sent: 'pushed',
    refused: 'refused',
    failed: 'failed',
    unknown: 'unknown',
    deferred: 'deferred',
    not_pending: 'not_pending',
  };
  return {
    time: deps.now().toISOString(),
    user: deps.user,
    typedBy: payment.record?.stagedBy ?? '',
    brexId: transfer?.id ?? '',
    targetName: payment.draft.vendor?.name ?? payment.draft.vendorName,
    old: '',
    new: paymentText(payment.draft),
    currency: 'USD',
    result: audit[outcome],
    message,
    traceId: traceId ?? '',
    idempotencyKey: payment.record?.key ?? '',
    action: PAYMENT_ACTION,
  };
}

/** A key no staged payment has now: edited since the review, sent, or never staged. */
function notPending(key: string, payments: readonly Payment[] | null): PaymentResult {
  const base = { key, transferId: null, status: null, traceId: null, idempotencyKey: null };
  if (!payments) return { ...base, outcome: 'not_pending', message: NO_REVIEW };
  const staged = /^transfers\.create:([^:]+):/.exec(key)?.[1] ?? '';
  const edited = payments.find((p) => p.record?.key === staged);
  if (edited) {
    return {
      ...base,
      idempotencyKey: staged,
      outcome: 'refused',
      message: `The payment in row ${edited.row} is no longer the one you reviewed: its cells, or what its vendor or account name resolves to, changed since. Nothing was sent. Review again, then approve.`,
    };
  }
  return {
    ...base,
    outcome: 'not_pending',
    message: `No staged payment has this key (${key}): it was sent already, or its row was cleared. Review again.`,
  };
}

/**
 * Completes the bookkeeping of payments Brex created in an approval that was killed before it
 * finished: the row gets the transfer's id and status, the audit log its row. Nothing is sent.
 */
export function completeInterrupted(
  deps: Pick<WriteBackDeps, 'table' | 'store' | 'audit' | 'now'> & { readonly user: string },
): void {
  const records = new StagedPayments(deps.store);
  let log: readonly AuditRecord[] | null = null;
  for (const unfinished of records.unfinished()) {
    const record = records.get(unfinished.key);
    if (!record?.transferId) continue;
    const sent = { transferId: record.transferId, status: record.status ?? '' };
    writeSentRows(deps.table, new Map([[unfinished.key, { ...sent, answer: record.answer }]]));
    // The approver who sent it, as its write-ahead record says; else whoever completes it.
    const approver = new InFlightPushes(deps.store).get(paymentTarget(unfinished.key))?.user;
    // Killed after its audit row and before the records went: the row is not written twice.
    log ??= deps.audit.read();
    const audited = log.some(
      (r) => r.idempotencyKey === unfinished.key && r.brexId === record.transferId,
    );
    if (!audited) {
      deps.audit.reserve(1);
      deps.audit.append([
        {
          time: deps.now().toISOString(),
          user: approver || deps.user,
          typedBy: record.stagedBy,
          brexId: record.transferId,
          targetName: unfinished.vendor,
          old: '',
          new: unfinished.text,
          currency: 'USD',
          result: 'pushed',
          message: `Sent as Brex transfer ${record.transferId} (${sent.status}) by an approval that stopped before its bookkeeping; the row and this audit row are completed now, nothing was sent again.`,
          traceId: '',
          idempotencyKey: unfinished.key,
          action: PAYMENT_ACTION,
        },
      ]);
    }
    records.finish(unfinished.key);
    new InFlightPushes(deps.store).finish(paymentTarget(unfinished.key));
  }
}
