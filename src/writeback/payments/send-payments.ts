/**
 * Sending a batch of approved payments, never one twice: every payment's write-ahead record
 * (the unfinished list and its in-flight record) stored first, in one write; then their
 * `POST /v1/transfers`, each with the row's own idempotency key, together (one paced fetchAll);
 * then, for the batch at once, Brex's transfers into the staged records, the rows, the audit log,
 * and the write-ahead records last. A kill before the records leaves nothing sent; after them,
 * the next approval reconciles each (Brex's transfer list, else the same key, which Brex replays);
 * after the transfers are recorded, `completeInterrupted` finishes the rows and audit rows.
 */
import type { CreateTransferRequest, Settled, Transfer, WriteResult } from '../../brex';
import { BrexError } from '../../brex';
import { writeJsonAll } from '../../ports/key-value-port';
import { InFlightPushes } from '../in-flight';
import { OUTCOME_UNKNOWN, writeMessage } from '../send-change';
import { writeEach, type WriteBackDeps } from '../write-back-deps';
import { paymentText } from './payment-row';
import { requestOf } from './sent-transfer';
import { paymentTarget, type Payment } from './staged-rows';
import { StagedPayments } from './staging';

/** Brex as the approval sends: one transfer, or many together (`writeEach`). */
export interface TransferSends {
  createTransfer(request: CreateTransferRequest, idempotencyKey: string): WriteResult<Transfer>;
  writeEach?<T>(writes: readonly (() => T)[]): Settled<T>[];
}

/** What became of one payment of a batch. */
export type PaymentSend =
  | { readonly kind: 'sent'; readonly transfer: Transfer; readonly traceId: string | null }
  | { readonly kind: 'unknown' | 'failed'; readonly message: string; readonly error: unknown };

/** Payments up to this many, or these bytes of unfinished entries, share a batch. */
export const PAYMENTS_PER_BATCH = 25;
export const UNFINISHED_BYTES = 6_000;

/** The write-ahead records of the batch in one write, then its transfers together. */
export function sendPayments(
  deps: Pick<WriteBackDeps, 'store' | 'now'> & { readonly user: string },
  brex: TransferSends,
  payments: readonly Payment[],
): PaymentSend[] {
  const staged = new StagedPayments(deps.store);
  const entries = payments.map((payment) => ({
    key: payment.record?.key as string,
    text: paymentText(payment.draft),
    vendor: payment.draft.vendor?.name ?? payment.draft.vendorName,
    request: requestOf(payment.draft),
  }));
  const records = payments.map((payment) => ({
    id: paymentTarget(payment.record?.key as string),
    from: '',
    to: payment.fingerprint,
    idempotencyKey: payment.record?.key as string,
    user: deps.user,
    startedAt: deps.now().toISOString(),
  }));
  writeJsonAll(
    deps.store,
    new Map<string, unknown>([...staged.beginning(entries), ...InFlightPushes.entries(records)]),
  );
  const answers = writeEach(
    brex,
    payments.map(
      (payment) => () => brex.createTransfer(request(payment), payment.record?.key as string),
    ),
  );
  return answers.map((answer): PaymentSend => {
    if (answer.ok)
      return { kind: 'sent', transfer: answer.value.value, traceId: answer.value.traceId };
    const { error } = answer;
    const brexError = error instanceof BrexError ? error : null;
    if (brexError && OUTCOME_UNKNOWN.has(brexError.kind)) {
      const message = `The payment was sent but Brex's answer did not arrive (${brexError.message}) Approve it again to finish: its own idempotency key makes Brex create it at most once.`;
      return { kind: 'unknown', message, error };
    }
    // Brex refused it: nothing was created, and the record goes.
    return {
      kind: 'failed',
      message: `Brex refused the payment, nothing was sent: ${writeMessage(error)}`,
      error,
    };
  });
}

function request(payment: Payment): CreateTransferRequest {
  const { draft } = payment;
  return {
    counterparty: { type: 'VENDOR', payment_instrument_id: draft.instrumentId },
    amount: { amount: draft.amount as number, currency: 'USD' },
    description: draft.description,
    external_memo: draft.memo,
    originating_account: { type: 'BREX_CASH', id: draft.account?.id as string },
  } as CreateTransferRequest;
}
