/**
 * A BrexReader over in-memory lists, paged two items at a time, recording every query; it can
 * run out of time after a number of pages, as the Brex client does at its deadline.
 */
import {
  BrexError,
  type CardAccount,
  type ListName,
  type Page,
  type UserLimit,
} from '../../../src/brex';
import type { BrexReader } from '../../../src/ports/brex-reader';

export class FakeReader implements BrexReader {
  readonly lists = new Map<ListName, Record<string, unknown>[]>();
  card: CardAccount[] = [];
  readonly queries: Array<{ list: ListName; query: Record<string, unknown> }> = [];
  /** Pages served before every further call reaches the deadline. */
  pagesBeforeDeadline = Infinity;
  refuse: { list: ListName; error: BrexError } | null = null;

  page<K extends ListName>(list: K, query: object, cursor: string | null): Page<never> {
    if (this.queries.length >= this.pagesBeforeDeadline) {
      throw new BrexError({
        kind: 'deadline_reached',
        operation: list,
        message: 'Out of time.',
      });
    }
    this.queries.push({ list, query: query as Record<string, unknown> });
    if (this.refuse?.list === list) throw this.refuse.error;
    const q = query as {
      postedAtStart?: string;
      accountId?: string;
      purchasedAtStart?: string;
      purchasedAtEnd?: string;
    };
    let items = this.lists.get(list) ?? [];
    if (q.accountId) items = items.filter((i) => i.account === q.accountId);
    const purchased = (i: Record<string, unknown>) => Date.parse(String(i.purchased_at));
    const from = q.purchasedAtStart ? Date.parse(`${q.purchasedAtStart}Z`) : null;
    const to = q.purchasedAtEnd ? Date.parse(`${q.purchasedAtEnd}Z`) : null;
    if (from !== null) items = items.filter((i) => !(purchased(i) < from));
    if (to !== null) items = items.filter((i) => !(purchased(i) > to));
    if (q.postedAtStart) {
      const day = q.postedAtStart.slice(0, 10);
      items = items.filter((i) => String(i.posted_at_date) >= day);
    }
    const start = cursor === null ? 0 : Number(cursor);
    const next = start + 2 < items.length ? String(start + 2) : null;
    return {
      items: items.slice(start, start + 2) as never[],
      cursor,
      nextCursor: next,
      traceId: null,
    };
  }

  /** One after another here: only the order of the pages matters to the callers. */
  pageOfEach<K extends ListName>(
    list: K,
    requests: readonly { query: object; cursor: string | null }[],
  ): Page<never>[] {
    return requests.map((r) => this.page(list, r.query, r.cursor));
  }

  cardAccounts(): CardAccount[] {
    this.queries.push({ list: 'cashAccounts', query: { cardAccounts: true } });
    return this.card;
  }

  /** No user has a monthly limit here. */
  userLimits(userIds: readonly string[]): UserLimit[] {
    return userIds.map(() => ({}));
  }
}

export const usd = (amount: number) => ({ amount, currency: 'USD' });

export function cardTransaction(id: string, posted: string, amount: number, merchant = 'Shop') {
  return {
    id,
    card_id: 'card_1',
    description: `Purchase ${id}`,
    amount: usd(amount),
    initiated_at_date: posted,
    posted_at_date: posted,
    type: 'PURCHASE',
    merchant: { raw_descriptor: merchant, mcc: '5734', country: 'USA' },
    expense_id: `exp_${id}`,
  };
}

export function cashTransaction(id: string, account: string, posted: string, amount: number) {
  return {
    id,
    account,
    description: `Cash ${id}`,
    amount: usd(amount),
    initiated_at_date: posted,
    posted_at_date: posted,
    type: 'PAYMENT',
    transfer_id: null,
  };
}

export function expense(id: string, purchased: string, cents: number, extra: object = {}) {
  return {
    id,
    purchased_at: purchased,
    updated_at: purchased,
    category: 'RESTAURANTS',
    status: 'APPROVED',
    payment_status: 'CLEARED',
    expense_type: 'CARD',
    original_amount: usd(cents),
    billing_amount: usd(cents),
    merchant: { raw_descriptor: 'Cafe' },
    user_id: 'user_1',
    department_id: 'dept_1',
    memo: null,
    receipts: [],
    ...extra,
  };
}

/** A company with one card, two users, one department and two cash accounts. */
export function demoReader(): FakeReader {
  const reader = new FakeReader();
  reader.lists.set('users', [
    {
      id: 'user_1',
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ada@example.com',
      department_id: 'dept_1',
    },
    {
      id: 'user_2',
      first_name: 'Alan',
      last_name: 'Turing',
      email: 'alan@example.com',
      department_id: null,
    },
  ]);
  reader.lists.set('departments', [{ id: 'dept_1', name: 'Finance' }]);
  reader.lists.set('cards', [
    {
      id: 'card_1',
      card_name: 'Travel',
      last_four: '4242',
      owner: { type: 'USER', user_id: 'user_1' },
    },
  ]);
  reader.lists.set('cashAccounts', [
    {
      id: 'cash_1',
      name: 'Operating',
      primary: true,
      current_balance: usd(500000),
      available_balance: usd(450000),
    },
    {
      id: 'cash_2',
      name: 'Reserve',
      primary: false,
      current_balance: usd(100),
      available_balance: usd(100),
    },
  ]);
  reader.card = [
    {
      id: 'cuacc_1',
      status: 'ACTIVE',
      current_balance: usd(12345),
      available_balance: usd(987655),
      account_limit: usd(1000000),
      current_statement_period: { start_date: '2026-01-01', end_date: '2026-01-31' },
    } as unknown as CardAccount,
  ];
  return reader;
}
