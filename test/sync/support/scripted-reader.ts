/**
 * A BrexReader over in-memory lists, paged the way Brex pages (`cursor` = offset here), with
 * the filters the sync core uses. Every call is counted, each read of a batch as one.
 */
import {
  BrexError,
  type CardAccount,
  type FirstRead,
  type FirstResult,
  type ListName,
  type Page,
  type UserLimit,
} from '../../../src/brex';
import type { RefreshReader } from '../../../src/ports/brex-reader';

type Refusal = 'cash_not_enabled' | 'budget_management_not_enabled';

export class ScriptedReader implements RefreshReader {
  readonly lists = new Map<ListName, Record<string, unknown>[]>();
  card: CardAccount[] = [];
  readonly calls: string[] = [];
  /** The reads of each batch of first reads, by list name. */
  readonly batches: string[][] = [];
  readonly refused = new Map<ListName, Refusal>();
  readonly monthlyLimits = new Map<string, UserLimit>();

  constructor(private readonly pageSize = 2) {}

  page<K extends ListName>(list: K, query: object, cursor: string | null): Page<never> {
    this.calls.push(list);
    const refusal = this.refused.get(list);
    if (refusal) {
      throw new BrexError({
        kind: refusal,
        operation: list,
        message: `Refused: ${refusal}.`,
        traceId: 'trace-1',
      });
    }
    const q = query as {
      postedAtStart?: string;
      updatedAtStart?: string;
      updatedAtEnd?: string;
      accountId?: string;
    };
    let items = this.lists.get(list) ?? [];
    if (q.accountId) items = items.filter((i) => i.account === q.accountId);
    const postedFrom = q.postedAtStart?.slice(0, 10);
    if (postedFrom) items = items.filter((i) => String(i.posted_at_date) >= postedFrom);
    const updatedFrom = q.updatedAtStart ? Date.parse(`${q.updatedAtStart}Z`) : null;
    if (updatedFrom !== null) {
      items = items.filter((i) => Date.parse(String(i.updated_at)) >= updatedFrom);
    }
    const updatedTo = q.updatedAtEnd ? Date.parse(`${q.updatedAtEnd}Z`) : null;
    if (updatedTo !== null) {
      items = items.filter((i) => Date.parse(String(i.updated_at)) <= updatedTo);
    }
    const start = cursor === null ? 0 : Number(cursor);
    const slice = items.slice(start, start + this.pageSize);
    const next = start + this.pageSize < items.length ? String(start + this.pageSize) : null;
    return { items: slice as never[], cursor, nextCursor: next, traceId: null };
  }

  /** One after another here: only the order of the pages matters to the callers. */
  pageOfEach<K extends ListName>(
    list: K,
    requests: readonly { query: object; cursor: string | null }[],
  ): Page<never>[] {
    return requests.map((r) => this.page(list, r.query, r.cursor));
  }

  cardAccounts(): CardAccount[] {
    this.calls.push('cardAccounts');
    return this.card;
  }

  userLimits(userIds: readonly string[]): UserLimit[] {
    this.calls.push(...userIds.map((id) => `userLimit:${id}`));
    return userIds.map((id) => this.monthlyLimits.get(id) ?? {});
  }

  /** Each read as if alone (and counted so), a refusal in its place. */
  firstReads(reads: readonly FirstRead[]): FirstResult[] {
    this.batches.push(reads.map((read) => read.list));
    return reads.map((read) => {
      try {
        return read.list === 'cardAccounts'
          ? this.cardAccounts()
          : this.page(read.list, read.query, null);
      } catch (error) {
        if (error instanceof BrexError) return error;
        throw error;
      }
    });
  }
}
