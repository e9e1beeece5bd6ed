/**
 * The last-synced values of every spend limit: what an edited cell is compared with, and what
 * Brex's value must still be for a push to go ahead. Kept in document properties, where no person
 * can edit them (a hidden sheet can be unhidden and typed into), keyed by Brex id so sorting the
 * sheet changes nothing. Properties hold 9 KB per value, so the entries are spread over numbered
 * chunks; the refresh rewrites them after writing the rows (src/sync/data-sets/budgets.ts), and a
 * push updates its own entry from Brex's response.
 */
import type { SpendLimit } from '../brex';
import { DEFAULT_CURRENCY } from '../sync/currency';
import { readJson, writeJson, type KeyValuePort } from '../sync/key-value-port';

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
}

type Packed = [string, number, string, string, string, number | null, string | null];

interface Index {
  readonly chunks: number;
  readonly syncedAt: string;
}

const INDEX_KEY = 'writeback.synced';
const chunkKey = (n: number): string => `writeback.synced.${n}`;
/** About 110 bytes per entry at most: 60 entries stay well under the 9 KB of a property. */
const ENTRIES_PER_CHUNK = 60;
/** Leaves most of the store's 500 KB to the sync's own state. */
const MAX_ENTRIES = 2400;

/** Pure: the values a spend limit had when it was read; null when it has no base limit. */
export function syncedLimitOf(limit: SpendLimit): SyncedLimit | null {
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
        const [id, amount, currency, status, period, spent, endDate] = packed;
        entries.set(id, { id, amount, currency, status, period, spent, endDate });
      }
    }
    return new SyncedValues(store, entries);
  }

  /**
   * Replaces every entry with what a whole read of Brex returned, except those of `kept` (limits
   * with an edit still pending), which stay what the person edited against.
   */
  static record(
    store: KeyValuePort,
    limits: readonly SpendLimit[],
    now: Date,
    kept: ReadonlySet<string> = new Set(),
  ): void {
    const previous = kept.size > 0 ? SyncedValues.read(store) : null;
    const entries = new Map<string, SyncedLimit>();
    for (const limit of limits) {
      const synced = (kept.has(limit.id) && previous?.get(limit.id)) || syncedLimitOf(limit);
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

  /** Stores Brex's answer to a push as the new last-synced value of that one limit. */
  update(limit: SpendLimit, now: Date): void {
    const synced = syncedLimitOf(limit);
    if (!synced) return;
    this.entries.set(synced.id, synced);
    this.save(now);
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
    ]);
    const before = readJson<Index>(this.store, INDEX_KEY)?.chunks ?? 0;
    const chunks = Math.ceil(packed.length / ENTRIES_PER_CHUNK);
    // Chunks first, index last: a run killed in between leaves entries that are each whole.
    for (let n = 0; n < chunks; n += 1) {
      writeJson(
        this.store,
        chunkKey(n),
        packed.slice(n * ENTRIES_PER_CHUNK, (n + 1) * ENTRIES_PER_CHUNK),
      );
    }
    writeJson(this.store, INDEX_KEY, { chunks, syncedAt: now.toISOString() } satisfies Index);
    for (let n = chunks; n < before; n += 1) this.store.delete(chunkKey(n));
  }
}
