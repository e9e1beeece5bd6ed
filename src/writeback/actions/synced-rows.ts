/**
 * The last-synced fields of cards, users, spend limits, departments and locations: what a card or user action
 * compares an edited cell with, and the directory that names are resolved against (a holder, a
 * manager, a department). Kept in document properties, where no person can edit them, keyed by
 * Brex id, spread over numbered chunks under the 9 KB of a property value. The refresh records
 * them after writing the rows (`team-hooks.ts`); a push updates the entries it changed.
 */
import { readJson, utf8Length, writeJson, type KeyValuePort } from '../../ports/key-value-port';
import { jsonChunks } from '../json-chunks';

/** The fields each set keeps, in the order they are packed. */
export const SYNCED_FIELDS = {
  cards: ['status', 'limitType', 'limit', 'currency', 'name', 'holderId', 'budgetId', 'identity'],
  users: [
    'status',
    'limit',
    'currency',
    'departmentId',
    'locationId',
    'managerId',
    'name',
    'email',
    'identity',
    // The Department and Location cells' text as the rows were written (last, so that entries
    // stored before they were kept read them as '').
    'department',
    'location',
  ],
  expenses: ['memo', 'type', 'name', 'identity'],
  vendors: ['email', 'phone', 'name', 'identity'],
  // A spend limit's name, members and row identity (its base limit lives in `synced-values.ts`).
  limits: ['status', 'members', 'membersCell', 'name', 'identity'],
  departments: ['name'],
  locations: ['name'],
} as const;

export type SyncedSet = keyof typeof SYNCED_FIELDS;
export type SyncedRow<S extends SyncedSet> = { readonly id: string } & {
  readonly [F in (typeof SYNCED_FIELDS)[S][number]]: string;
};

/** Under the 9 KB of a property value even when every character takes three bytes. */
const CHUNK_CHARS = 3000;
/**
 * Document properties hold 500 KB in all, shared with the sync's own state and the write-back's
 * records, so each set has a budget in bytes (counting entries is not enough: a user's entry alone
 * is about 230 bytes). Together they take at most 400 KB; cards get the most, so that a few
 * hundred cards can be locked from one paste.
 */
const SET_BUDGET_BYTES: Record<SyncedSet, number> = {
  cards: 130 * 1024,
  users: 110 * 1024,
  expenses: 60 * 1024,
  limits: 40 * 1024,
  vendors: 30 * 1024,
  departments: 15 * 1024,
  locations: 15 * 1024,
};
const indexKey = (set: SyncedSet): string => `writeback.rows.${set}`;
const chunkKey = (set: SyncedSet, n: number): string => `writeback.rows.${set}.${n}`;

export class SyncedRows<S extends SyncedSet> {
  private constructor(
    private readonly store: KeyValuePort,
    private readonly set: S,
    private readonly entries: Map<string, SyncedRow<S>>,
  ) {}

  static read<S extends SyncedSet>(store: KeyValuePort, set: S): SyncedRows<S> {
    const chunks = readJson<number>(store, indexKey(set)) ?? 0;
    const fields = SYNCED_FIELDS[set];
    const entries = new Map<string, SyncedRow<S>>();
    for (let n = 0; n < chunks; n += 1) {
      for (const packed of readJson<string[][]>(store, chunkKey(set, n)) ?? []) {
        const [id = '', ...values] = packed;
        const entry = Object.fromEntries(fields.map((f, i) => [f, values[i] ?? '']));
        entries.set(id, { ...entry, id } as SyncedRow<S>);
      }
    }
    return new SyncedRows(store, set, entries);
  }

  /** The stored text of a set, as it is: equal stamps mean equal entries (for a cache). */
  static stamp(store: KeyValuePort, set: SyncedSet): (string | null)[] {
    const chunks = readJson<number>(store, indexKey(set)) ?? 0;
    return Array.from({ length: chunks }, (_, n) => store.get(chunkKey(set, n)));
  }

  /** Replaces every entry with what a whole read of Brex returned. */
  static record<S extends SyncedSet>(
    store: KeyValuePort,
    set: S,
    rows: readonly SyncedRow<S>[],
  ): void {
    new SyncedRows(store, set, new Map(rows.map((row) => [row.id, row]))).save();
  }

  get(id: string): SyncedRow<S> | undefined {
    return this.entries.get(id);
  }

  all(): SyncedRow<S>[] {
    return [...this.entries.values()];
  }

  /** Stores these entries (Brex's answers to a push) in one save. */
  update(rows: readonly SyncedRow<S>[]): void {
    for (const row of rows) this.entries.set(row.id, row);
    if (rows.length > 0) this.save();
  }

  /** Forgets these entries (vendors Brex deleted) in one save. */
  remove(ids: readonly string[]): void {
    const gone = ids.filter((id) => this.entries.delete(id));
    if (gone.length > 0) this.save();
  }

  private save(): void {
    const fields = SYNCED_FIELDS[this.set];
    const packed = [...this.entries.values()].map((e) => [
      e.id,
      ...fields.map((f) => (e as Record<string, string>)[f] ?? ''),
    ]);
    const before = readJson<number>(this.store, indexKey(this.set)) ?? 0;
    const parts = jsonChunks(withinBudget(this.set, packed, this.entries), CHUNK_CHARS);
    // Chunks first, index last: a run killed in between leaves entries that are each whole.
    parts.forEach((part, n) => writeJson(this.store, chunkKey(this.set, n), part));
    writeJson(this.store, indexKey(this.set), parts.length);
    for (let n = parts.length; n < before; n += 1) this.store.delete(chunkKey(this.set, n));
  }
}

/**
 * The packed entries that fit the set's budget. Expenses keep their newest (the memo action adds
 * them newest last). Any other set past it is not tracked at all, so no edit of it is sent (it
 * stays unmarked), rather than some rows of a sheet but not others: the refresh that records these
 * values must not fail for a company this large.
 */
function withinBudget<S extends SyncedSet>(
  set: S,
  packed: string[][],
  entries: Map<string, SyncedRow<S>>,
): string[][] {
  const sizes = packed.map((entry) => utf8Length(JSON.stringify(entry)) + 1);
  let bytes = sizes.reduce((a, b) => a + b, 0);
  const budget = SET_BUDGET_BYTES[set];
  if (bytes <= budget) return packed;
  if (set !== 'expenses') {
    entries.clear();
    return [];
  }
  let first = 0;
  while (bytes > budget) bytes -= sizes[first++] ?? 0;
  for (const [id] of packed.slice(0, first)) entries.delete(id ?? '');
  return packed.slice(first);
}
