/**
 * The small lists a refresh is about to read one data set after another (departments, users,
 * cards, spend limits, budgets, vendors, accounts…), asked of Brex together: their first pages in
 * one parallel batch (`fetchAll`, each request still paced under Brex's limit by the client's
 * rate limiter), then handed out as each data set reads them. A list longer than a page reads its
 * other pages as before; a refusal is handed out in its place, so the data set that reads it
 * fails (or is unavailable) exactly as if it had read alone.
 */
import {
  BrexError,
  SendingRefused,
  type CardAccount,
  type FirstRead,
  type FirstResult,
  type ListItem,
  type ListName,
  type ListQuery,
  type Page,
  type UserLimit,
} from '../brex';
import type { RefreshReader } from '../ports/brex-reader';
import type { DataSet } from '../data-sets/data-set';

export class ReadAhead implements RefreshReader {
  private readonly pages = new Map<string, Page<unknown> | BrexError>();
  private cardAccountsAhead: CardAccount[] | BrexError | null = null;

  constructor(private readonly reader: RefreshReader) {}

  /** Reads the first reads of these data sets in one batch (nothing when fewer than two). */
  readFirst(dataSets: readonly DataSet[]): void {
    const keys = new Set<string>();
    const reads = dataSets
      .flatMap((d) => (d.read === 'whole' ? (d.firstReads ?? []) : []))
      .filter((read) => !keys.has(keyOf(read)) && keys.add(keyOf(read)));
    if (reads.length < 2) return;
    let results: FirstResult[];
    try {
      results = this.reader.firstReads(reads);
    } catch (error) {
      // A batch that could not go out (the deadline, the day's fetch quota) is no failure of its
      // own: each data set then reads alone, and meets that in its own place.
      if (error instanceof BrexError || error instanceof SendingRefused) return;
      throw error;
    }
    reads.forEach((read, index) => {
      const result = results[index];
      // A page size Brex refused is for the data set's own read, which asks again smaller.
      if (result === undefined || (result instanceof BrexError && result.kind === 'bad_request')) {
        return;
      }
      if (read.list === 'cardAccounts') {
        if (result instanceof BrexError || Array.isArray(result)) this.cardAccountsAhead = result;
      } else if (!Array.isArray(result)) {
        this.pages.set(keyOf(read), result);
      }
    });
  }

  page<K extends ListName>(list: K, query: ListQuery<K>, cursor: string | null): Page<ListItem<K>> {
    const key = keyOf({ list, query });
    const ahead = cursor === null ? this.pages.get(key) : undefined;
    if (ahead === undefined) return this.reader.page(list, query, cursor);
    this.pages.delete(key);
    if (ahead instanceof BrexError) throw ahead;
    // Filed under this list and query: its items are this list's.
    return ahead as Page<ListItem<K>>;
  }

  cardAccounts(): CardAccount[] {
    const ahead = this.cardAccountsAhead;
    if (ahead === null) return this.reader.cardAccounts();
    this.cardAccountsAhead = null;
    if (ahead instanceof BrexError) throw ahead;
    return ahead;
  }

  userLimits(userIds: readonly string[]): (UserLimit | null)[] {
    return this.reader.userLimits(userIds);
  }

  firstReads(reads: readonly FirstRead[]): FirstResult[] {
    return this.reader.firstReads(reads);
  }
}

function keyOf(read: FirstRead | { list: ListName; query: object }): string {
  return read.list === 'cardAccounts' ? read.list : JSON.stringify([read.list, read.query]);
}
