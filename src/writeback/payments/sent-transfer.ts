/**
 * Telling Brex's transfer of a payment whose answer was lost. Brex's transfer echoes neither the
 * idempotency key nor any reference of ours (payments API: `Transfer` has no such field), so a
 * transfer is the payment's when it has exactly what was sent, from the day the send began on:
 * instrument, account, amount, description and external memo. The approval adopts it before
 * sending again; the refresh writes it into the staged row instead of adding a row of its own.
 */
import type { Transfer } from '../../brex';
import type { PaymentDraft } from './payment-row';

/** What an approval sent for a payment, as its write-ahead record keeps it. */
export interface SentRequest {
  readonly instrumentId: string;
  readonly accountId: string;
  /** USD minor units. */
  readonly amount: number;
  readonly description: string;
  readonly memo: string;
}

/** Pure: what a payment sends, as its write-ahead record keeps it. */
export function requestOf(draft: PaymentDraft): SentRequest {
  return {
    instrumentId: draft.instrumentId,
    accountId: draft.account?.id ?? '',
    amount: draft.amount ?? 0,
    description: draft.description,
    memo: draft.memo,
  };
}

/** Pure: the first transfer made from `sent` on or after `startedAt`'s day; null when none. */
export function transferOf(
  sent: SentRequest,
  startedAt: string,
  transfers: readonly Transfer[],
): Transfer | null {
  const since = startedAt.slice(0, 10);
  return (
    transfers.find((t) => {
      const counterparty = t.counterparty as { payment_instrument_id?: string } | null | undefined;
      return (
        counterparty?.payment_instrument_id === sent.instrumentId &&
        (t.originating_account as { id?: string }).id === sent.accountId &&
        t.amount.amount === sent.amount &&
        (t.external_memo ?? '') === sent.memo &&
        (t.description ?? '') === sent.description &&
        String(t.created_at ?? '') >= since
      );
    }) ?? null
  );
}
