/**
 * A list kept in its API order, paged by keyset cursors: a cursor names the last item returned
 * (its sort key and sequence number), so items added or edited while a client pages never shift
 * the pages still to come, and paging returns each item exactly once.
 */
import { at } from './at';

export interface Ordered {
  /** Immutable sort text (a date for dated lists, '' for creation order). */
  readonly sortKey: string;
  /** Creation sequence number, unique within the list. */
  readonly seq: number;
}

export type CursorKey = readonly [string, number];

export class OrderedList<T extends Ordered> {
  private readonly items: T[] = [];

  /** `newestFirst` sorts by sortKey then seq, both descending; otherwise both ascending. */
  constructor(private readonly newestFirst: boolean) {}

  get size(): number {
    return this.items.length;
  }

  all(): readonly T[] {
    return this.items;
  }

  insert(item: T): void {
    this.items.splice(this.firstAfter([item.sortKey, item.seq]), 0, item);
  }

  /** Takes an item out (a deleted vendor); cursors name keys, so later pages do not shift. */
  remove(item: T): void {
    const index = this.items.indexOf(item);
    if (index >= 0) this.items.splice(index, 1);
  }

  /** Bulk load; sorts once instead of inserting one by one. */
  load(items: T[]): void {
    this.items.push(...items);
    this.items.sort((a, b) => this.compare([a.sortKey, a.seq], [b.sortKey, b.seq]));
  }

  /**
   * Up to `limit` items after `after` (or from the start) that pass `accept`, and the cursor key
   * of the last one if any accepted item follows it.
   */
  page(
    after: CursorKey | null,
    limit: number,
    accept: (item: T) => boolean,
  ): { items: T[]; next: CursorKey | null } {
    const out: T[] = [];
    let i = after ? this.firstAfter(after) : 0;
    for (; i < this.items.length && out.length < limit; i++) {
      const item = at(this.items, i);
      if (accept(item)) out.push(item);
    }
    const last = out[out.length - 1];
    if (!last || out.length < limit) return { items: out, next: null };
    for (; i < this.items.length; i++) {
      if (accept(at(this.items, i))) return { items: out, next: [last.sortKey, last.seq] };
    }
    return { items: out, next: null };
  }

  /** Index of the first item strictly after `key` in list order (binary search). */
  private firstAfter(key: CursorKey): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const item = at(this.items, mid);
      if (this.compare([item.sortKey, item.seq], key) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private compare(a: CursorKey, b: CursorKey): number {
    const byKey = a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1];
    return this.newestFirst ? -byKey : byKey;
  }
}

/**
 * A cursor naming `key`, stamped with when it was issued (epoch ms) so that it can expire, and
 * with the list it pages (`list`, a digest of path and filters) so that it pages no other.
 */
export function encodeCursor(key: CursorKey, issuedAt: number, list: string): string {
  return Buffer.from(JSON.stringify([...key, issuedAt, list])).toString('base64url');
}

/**
 * The key a cursor names, when it was issued and the list it pages, or null when it is not one
 * this sandbox issued.
 */
export function decodeCursor(
  cursor: string,
): { key: CursorKey; issuedAt: number; list: string } | null {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      typeof key[0] === 'string' &&
      Number.isInteger(key[1]) &&
      Number.isFinite(key[2]) &&
      typeof key[3] === 'string'
    ) {
      return { key: [key[0], key[1] as number], issuedAt: key[2] as number, list: key[3] };
    }
  } catch {
    // fall through: not a cursor of ours
  }
  return null;
}
