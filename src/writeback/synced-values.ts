/**
 * The last-synced values of every spend limit: what an edited cell is compared with, and what
 * Brex's value must still be for a push to go ahead. Kept in document properties, where no person
 * can edit them (a hidden sheet can be unhidden and typed into), keyed by Brex id so sorting the
 * sheet changes nothing. Properties hold 9 KB per value, so the entries are spread over numbered
 * chunks; the refresh rewrites them after writing the rows (`refresh-hooks.ts`), and a push
 * updates the entries of the limits it changed from Brex's answers.
 */
import type { SpendLimit } from '../brex';
import { DEFAULT_CURRENCY } from '../cells/currency';
import { readJson, writeJson, type KeyValuePort } from '../ports/key-value-port';
import { jsonChunks } from './json-chunks';

export interface SyncedLimit {
  readonly id: string;
  /** Base limit in minor units. */
  readonly amount: number;
  readonly currency: string;
  readonly status: string;
  readonly period: string;
  /** Spent this period, in minor units of `currency`; null when Brex sent none in it. */
  readonly spent: number | null;
  /** `YYYY-MM-DD`, or null for an open-ended limit. */
  readonly endDate: string | null;
  /** Brex's name (cut to NAME_CHARS): what reviews and audit rows call the limit. */
  readonly name: string;
  /** Digest of the row's identity cells as the sync wrote them (`row-identity.ts`); '' unknown. */
  readonly identity: string;
}

/** Renders a limit's identity cells as the sync writes them, digested (the data set knows how). */
export type IdentityOf = (limit: SpendLimit) => string;

type Packed = [
  string,
  number,
  string,
  string,
  string,
  number | null,
  string | null,
  string?,
  string?,
];

interface Index {
  readonly chunks: number;
  readonly syncedAt: string;
}

const INDEX_KEY = 'writeback.synced';
const chunkKey = (n: number): string => `writeback.synced.${n}`;
/** A chunk's JSON stays under this many characters: under the 9 KB of a property value. */
const CHUNK_CHARS = 8000;
/** Leaves most of the store's 500 KB to the sync's own state. */
const MAX_ENTRIES = 2400;
/** Longer names are cut in the stored entry (the identity digest covers the whole name). */
const NAME_CHARS = 80;

/** Pure: the values a spend limit had when it was read; null when it has no base limit. */
export function syncedLimitOf(limit: SpendLimit, identityOf: IdentityOf): SyncedLimit | null {
  const base = limit.authorization_settings?.base_limit;
  if (!base || typeof base.amount !== 'number') return null;
  const currency = base.currency || DEFAULT_CURRENCY;
  const spent = limit.current_period_balance?.amount_spent;
  return {
    id: limit.id,
    amount: base.amount,
    currency,
    status: limit.status,
    period: limit.period_recurrence_type,
    spent:
      spent && typeof spent.amount === 'number' && (spent.currency || currency) === currency
        ? spent.amount
        : null,
    endDate: limit.end_date ?? null,
    name: String(limit.name ?? '').slice(0, NAME_CHARS),
    identity: identityOf(limit),
  };
}

export class SyncedValues {
  private constructor(
    private readonly store: KeyValuePort,
    private readonly entries: Map<string, SyncedLimit>,
  ) {}

  static read(store: KeyValuePort): SyncedValues {
    const index = readJson<Index>(store, INDEX_KEY);
    const entries = new Map<string, SyncedLimit>();
    for (let n = 0; n < (index?.chunks ?? 0); n += 1) {
      for (const packed of readJson<Packed[]>(store, chunkKey(n)) ?? []) {
        const [id, amount, currency, status, period, spent, endDate, name, identity] = packed;
        entries.set(id, {
          id,
          amount,
          currency,
          status,
          period,
          spent,
          endDate,
          name: name ?? '',
          identity: identity ?? '',
        });
      }
    }
    return new SyncedValues(store, entries);
  }

  /**
   * Replaces every entry with what a whole read of Brex returned, pending edits included: an edit
   * is then compared with what Brex has now, and a review made before the read no longer pushes
   * (its fingerprint named the old value).
   */
  static record(
    store: KeyValuePort,
    limits: readonly SpendLimit[],
    now: Date,
    identityOf: IdentityOf,
  ): void {
    const entries = new Map<string, SyncedLimit>();
    for (const limit of limits) {
      const synced = syncedLimitOf(limit, identityOf);
      if (synced) entries.set(synced.id, synced);
    }
    new SyncedValues(store, entries).save(now);
  }

  get(id: string): SyncedLimit | undefined {
    return this.entries.get(id);
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** Stores Brex's answers to a push as the new last-synced values of those limits, in one save. */
  update(limits: readonly SpendLimit[], now: Date, identityOf: IdentityOf): void {
    for (const limit of limits) {
      const synced = syncedLimitOf(limit, identityOf);
      if (synced) this.entries.set(synced.id, synced);
    }
    if (limits.length > 0) this.save(now);
  }

  /**
   * Takes the names (and so the row identities) of renamed limits from Brex's answers, leaving
   * their amounts as last synced: a base-limit edit pending on the row is still compared with them.
   */
  rename(limits: readonly SpendLimit[], now: Date, identityOf: IdentityOf): void {
    const renamed = limits.flatMap((limit) => {
      const entry = this.entries.get(limit.id);
      return entry
        ? [
            {
              ...entry,
              name: String(limit.name ?? '').slice(0, NAME_CHARS),
              identity: identityOf(limit),
            },
          ]
        : [];
    });
    for (const entry of renamed) this.entries.set(entry.id, entry);
    if (renamed.length > 0) this.save(now);
  }

  private save(now: Date): void {
    if (this.entries.size > MAX_ENTRIES) {
      throw new Error(
        `This account has ${this.entries.size} spend limits, more than the ${MAX_ENTRIES} the write-back can track. Edit spend limits in Brex's dashboard instead.`,
      );
    }
    const packed: Packed[] = [...this.entries.values()].map((e) => [
      e.id,
      e.amount,
      e.currency,
      e.status,
      e.period,
      e.spent,
      e.endDate,
      e.name,
      e.identity,
    ]);
    const before = readJson<Index>(this.store, INDEX_KEY)?.chunks ?? 0;
    const parts = jsonChunks(packed, CHUNK_CHARS);
    const chunks = parts.length;
    // Chunks first, index last: a run killed in between leaves entries that are each whole.
    parts.forEach((part, n) => writeJson(this.store, chunkKey(n), part));
    writeJson(this.store, INDEX_KEY, { chunks, syncedAt: now.toISOString() } satisfies Index);
    for (let n = chunks; n < before; n += 1) this.store.delete(chunkKey(n));
  }
}
