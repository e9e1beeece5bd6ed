/**
 * Staged payments: a payment row gets its key when it is first seen staged (a review by a person
 * signed in), with who staged it, and keeps both forever. The key is the row's idempotency key for
 * every approval, retry and resume, so Brex can create its transfer at most once. The row shows
 * them in "Payment key" and "Staged by"; the record here, in document properties, is what the
 * two-person rule trusts (a cell anyone can retype is not), and what says the row was sent. It
 * also keeps who typed the row, as `onEdit` noted them: the rule refuses them as approvers too.
 */
import { readJson, writeJson, writeJsonAll, type KeyValuePort } from '../../ports/key-value-port';
import type { TransferAnswer } from './sent-row';
import type { SentRequest } from './sent-transfer';

export interface StagedPayment {
  readonly key: string;
  readonly stagedBy: string;
  readonly stagedAt: string;
  /** Who typed the row's cells before it was staged or reviewed again (payment-typists.ts). */
  readonly typedBy?: readonly string[];
  /** Set once Brex answered: the transfer, its status then, and what was sent. */
  readonly transferId?: string;
  readonly status?: string;
  readonly sentAt?: string;
  readonly accountId?: string;
  readonly amount?: number;
  /** What the row shows of Brex's answer until a refresh (sent-row.ts). */
  readonly answer?: TransferAnswer;
}

/** A payment whose send began and whose bookkeeping (row, audit row) is not finished. */
export interface Unfinished {
  readonly key: string;
  /** What the audit row says was sent, and to whom. */
  readonly text: string;
  readonly vendor: string;
  /** What was sent (absent in records of an older version): how a refresh tells its transfer. */
  readonly request?: SentRequest;
}

const recordKey = (key: string): string => `payments.staged.${key}`;
const SENT_DAYS = 'payments.sentDays';
const UNFINISHED = 'payments.unfinished';

export class StagedPayments {
  constructor(private readonly store: KeyValuePort) {}

  get(key: string): StagedPayment | null {
    return key ? readJson<StagedPayment>(this.store, recordKey(key)) : null;
  }

  stage(record: StagedPayment): void {
    writeJson(this.store, recordKey(record.key), record);
  }

  /** Records Brex's transfer for the row, and adds it to its account's total of the day. */
  sent(
    key: string,
    transfer: { id: string; status: string; answer?: TransferAnswer },
    at: Date,
    sent: Sent,
  ): void {
    this.sentAll([{ key, transfer, sent }], at);
  }

  /**
   * Records Brex's transfers for many rows, and adds them to their accounts' totals of the day,
   * in one write.
   */
  sentAll(
    sends: readonly {
      key: string;
      transfer: { id: string; status: string; answer?: TransferAnswer };
      sent: Sent;
    }[],
    at: Date,
  ): void {
    const day = at.toISOString().slice(0, 10);
    const today = { ...this.sentOn(day) };
    const values = new Map<string, unknown>();
    for (const { key, transfer, sent } of sends) {
      const record = this.get(key);
      if (!record || record.transferId) continue;
      values.set(recordKey(key), {
        ...record,
        transferId: transfer.id,
        status: transfer.status,
        sentAt: at.toISOString(),
        accountId: sent.accountId,
        amount: sent.amount,
        ...(transfer.answer ? { answer: transfer.answer } : {}),
      });
      today[sent.accountId] = (today[sent.accountId] ?? 0) + sent.amount;
    }
    if (values.size === 0) return;
    // Only today's totals matter for the daily ceiling: older days go.
    values.set(SENT_DAYS, { [day]: today });
    writeJsonAll(this.store, values);
  }

  /** Payments whose send began and whose row and audit row may not be written yet. */
  unfinished(): Unfinished[] {
    return readJson<Unfinished[]>(this.store, UNFINISHED) ?? [];
  }

  /** The value that adds these to the unfinished payments, for the caller to write with others. */
  beginning(entries: readonly Unfinished[]): Map<string, Unfinished[]> {
    const keys = new Set(entries.map((e) => e.key));
    const others = this.unfinished().filter((u) => !keys.has(u.key));
    return new Map([[UNFINISHED, [...others, ...entries]]]);
  }

  finish(key: string): void {
    this.finishAll([key]);
  }

  finishAll(keys: readonly string[]): void {
    const others = this.unfinished().filter((u) => !keys.includes(u.key));
    if (others.length === 0) this.store.delete(UNFINISHED);
    else writeJson(this.store, UNFINISHED, others);
  }

  /** What the add-on sent from each account on this UTC day, in minor units. */
  sentOn(day: string): Readonly<Record<string, number>> {
    return readJson<Record<string, Record<string, number>>>(this.store, SENT_DAYS)?.[day] ?? {};
  }
}

export interface Sent {
  readonly accountId: string;
  readonly amount: number;
}
