/**
 * What Brex has that a payment row names, read once per review: vendors with their payment
 * instruments, cash accounts, and the recent transfers (duplicates, Brex's daily limits). The
 * review keeps the part its rows named (the vendors they resolved to, the cash accounts, and the counts)
 * in document properties, so that an approval sends
 * exactly the instruments and accounts the review showed, and refuses what it must without a
 * single request to Brex.
 */
import type { CashAccount, Transfer, Vendor } from '../../brex';
import type { PaymentMethod } from '../../contract/writeback';
import { readJson, writeJson, type KeyValuePort } from '../../ports/key-value-port';

export interface VendorEntry {
  readonly id: string;
  readonly name: string;
  readonly instruments: readonly { readonly method: PaymentMethod; readonly id: string }[];
}

export interface AccountEntry {
  readonly id: string;
  readonly name: string;
}

/** A transfer in Brex, as the duplicate check and the limits read it. */
export interface RecentTransfer {
  readonly id: string;
  readonly vendorId: string;
  readonly amount: number;
  /** `YYYY-MM-DD` (Brex gives the day, not the time). */
  readonly createdOn: string;
  readonly status: string;
  readonly method: string;
  readonly accountId: string;
}

export interface PaymentWorld {
  readonly vendors: readonly VendorEntry[];
  readonly accounts: readonly AccountEntry[];
  /** Transfers of the last 7 days to the vendors named (all of them, in a fresh read). */
  readonly transfers: readonly RecentTransfer[];
  /** Transfers (and international wires) Brex shows created in the last 24 hours; this month. */
  readonly last24h: number;
  readonly wires24h: number;
  readonly thisMonth: number;
  /** When Brex was read (ISO). */
  readonly readAt: string;
}

/** Brex's reads a review makes, through the read connection. */
export interface PaymentReads {
  vendors(): Vendor[];
  cashAccounts(): CashAccount[];
  transfers(): Transfer[];
}

const DAY_MS = 86_400_000;
const METHODS: readonly PaymentMethod[] = ['ACH', 'DOMESTIC_WIRE', 'CHEQUE', 'INTERNATIONAL_WIRE'];

/** Pure: Brex's lists → the world a review judges payment rows in. */
export function paymentWorld(
  vendors: readonly Vendor[],
  accounts: readonly CashAccount[],
  transfers: readonly Transfer[],
  now: Date,
): PaymentWorld {
  const recent = transfers.map(recentOf);
  // Brex gives a transfer's day only: "the last 24 hours" counts today's and yesterday's.
  const since = new Date(now.getTime() - DAY_MS).toISOString().slice(0, 10);
  const lastDay = recent.filter((t) => t.createdOn >= since);
  const week = new Date(now.getTime() - 7 * DAY_MS).toISOString().slice(0, 10);
  return {
    vendors: vendors.map((v) => ({
      id: v.id,
      name: (v.company_name ?? '').trim(),
      instruments: (v.payment_accounts ?? []).flatMap((a) => {
        const details = a.details as { type?: string; payment_instrument_id?: string };
        const method = METHODS.find((m) => m === details.type);
        return method && details.payment_instrument_id
          ? [{ method, id: details.payment_instrument_id }]
          : [];
      }),
    })),
    accounts: accounts.map((a) => ({ id: a.id, name: (a.name ?? '').trim() })),
    transfers: recent.filter((t) => t.createdOn >= week),
    last24h: lastDay.length,
    wires24h: lastDay.filter((t) => t.method === 'INTERNATIONAL_WIRE').length,
    thisMonth: recent.filter((t) => t.createdOn.slice(0, 7) === now.toISOString().slice(0, 7))
      .length,
    readAt: now.toISOString(),
  };
}

function recentOf(t: Transfer): RecentTransfer {
  const counterparty = t.counterparty as { id?: string } | null | undefined;
  return {
    id: t.id,
    vendorId: counterparty?.id ?? '',
    amount: t.amount.amount ?? 0,
    createdOn: String(t.created_at ?? t.process_date ?? ''),
    status: String(t.status),
    method: String(t.payment_type),
    accountId: (t.originating_account as { id?: string }).id ?? '',
  };
}

/** Pure: the world cut to what these rows name, small enough for one document property. */
export function namedPart(world: PaymentWorld, vendorNames: ReadonlySet<string>): PaymentWorld {
  return {
    ...world,
    vendors: world.vendors.filter((v) => vendorNames.has(v.name.toLowerCase())),
    // Cash accounts are few, and a refusal lists them all.
    accounts: world.accounts,
    // The approval judges limits by the counts; the duplicates were the review's to show.
    transfers: [],
  };
}

const KEY = 'payments.reviewed';

/** The named part of the last review's world, for the approval. */
export const ReviewedWorld = {
  read: (store: KeyValuePort): PaymentWorld | null => readJson<PaymentWorld>(store, KEY),
  write: (store: KeyValuePort, world: PaymentWorld): void => writeJson(store, KEY, world),
};
