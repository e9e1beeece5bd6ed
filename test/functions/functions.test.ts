import { BrexError } from '../../src/brex';
import {
  brexBalance,
  brexBalances,
  brexCards,
  brexExpenseCategories,
  brexExpenses,
  brexSpend,
  brexTransactions,
  brexUsers,
  type CustomFunction,
} from '../../src/functions';
import { Lookups } from '../../src/data-sets/lookups';
import {
  cardTransaction,
  cashTransaction,
  demoReader,
  expense,
  type FakeReader,
} from './support/fake-reader';
import { expenseWindows } from '../../src/functions/expense-period';

const UTC = 'UTC';

function call(fn: CustomFunction<unknown>, reader: FakeReader, ...raw: unknown[]) {
  const args = fn.parse(raw, { timeZone: UTC, historyStart: () => '2026-01-01' });
  const now = Date.parse('2026-03-15T12:00:00Z');
  return fn.compute(args, { reader, lookups: new Lookups(reader), timeZone: UTC, now });
}

const column = (grid: unknown, header: string) => {
  const [head, ...rows] = grid as unknown[][];
  const index = (head as string[]).indexOf(header);
  return rows.map((row) => row[index]);
};

describe('BREX_TRANSACTIONS', () => {
  function reader() {
    const r = demoReader();
    r.lists.set('cardTransactions', [
      cardTransaction('t3', '2026-01-20', 1500, '=IMPORTXML("http://x","//a")'),
      cardTransaction('t2', '2026-01-10', 250),
      cardTransaction('t1', '2025-12-30', 999),
    ]);
    r.lists.set('cashTransactions', [
      cashTransaction('c2', 'cash_1', '2026-01-15', -70000),
      cashTransaction('c1', 'cash_2', '2026-01-05', 100),
    ]);
    return r;
  }

  it('returns card transactions from the start date, with joined names, amounts in dollars and merchants as text', () => {
    const grid = call(brexTransactions, reader(), '2026-01-01');

    expect(column(grid, 'Brex ID')).toEqual(['t3', 't2']);
    expect(column(grid, 'Amount')).toEqual([15, 2.5]);
    expect(column(grid, 'Card holder')).toEqual(['Ada Lovelace', 'Ada Lovelace']);
    expect(column(grid, 'Department')).toEqual(['Finance', 'Finance']);
    expect(column(grid, 'Merchant')[0]).toBe('=IMPORTXML("http://x","//a")');
    expect(column(grid, 'Posted date')[0]).toEqual(new Date('2026-01-20T00:00:00Z'));
  });

  it('keeps transactions up to the end date only', () => {
    const grid = call(brexTransactions, reader(), '2026-01-01', '2026-01-15');

    expect(column(grid, 'Brex ID')).toEqual(['t2']);
  });

  it('reads every cash account for "cash", one for its id, and both kinds newest first for "all"', () => {
    expect(column(call(brexTransactions, reader(), '2026-01-01', '', 'cash'), 'Brex ID')).toEqual([
      'c2',
      'c1',
    ]);
    expect(column(call(brexTransactions, reader(), '2026-01-01', '', 'cash_2'), 'Brex ID')).toEqual(
      ['c1'],
    );
    const all = call(brexTransactions, reader(), '2026-01-01', '', 'ALL');
    expect(column(all, 'Brex ID')).toEqual(['t3', 'c2', 't2', 'c1']);
    expect(column(all, 'Account')).toEqual(['', 'Operating', '', 'Reserve']);
  });

  it('shows the chosen columns in the chosen order', () => {
    const grid = call(brexTransactions, reader(), '2026-01-01', '', '', 'Amount, Brex ID');

    expect(grid).toEqual([
      ['Amount', 'Brex ID'],
      [15, 't3'],
      [2.5, 't2'],
    ]);
  });

  it('names an unknown cash account and lists the known ones', () => {
    expect(() => call(brexTransactions, reader(), '2026-01-01', '', 'cash_9')).toThrow(
      'BREX_TRANSACTIONS: account must be "card", "cash", "all" or a cash account id; got "cash_9". Cash accounts: cash_1 (Operating), cash_2 (Reserve).',
    );
  });

  it('shows card transactions alone for "all" when the company has no Brex Cash', () => {
    const r = reader();
    r.refuse = {
      list: 'cashAccounts',
      error: new BrexError({
        kind: 'cash_not_enabled',
        operation: 'listAccounts',
        message: 'No cash.',
      }),
    };

    expect(column(call(brexTransactions, r, '2026-01-01', '', 'all'), 'Brex ID')).toEqual([
      't3',
      't2',
    ]);
  });

  it('says how many transactions it read and where to look instead when time runs out', () => {
    const r = reader();
    r.pagesBeforeDeadline = 1;

    expect(() => call(brexTransactions, r, '2025-01-01')).toThrow(
      'BREX_TRANSACTIONS: More than 2 transactions from 2025-01-01: use the Brex Card Transactions sheet (Extensions ▸ Brex ▸ Refresh now) or a later start date.',
    );
  });

  it('asks Brex only for transactions posted from the start date', () => {
    const r = reader();

    call(brexTransactions, r, '2026-01-01');

    expect(r.queries.find((q) => q.list === 'cardTransactions')?.query).toMatchObject({
      postedAtStart: '2026-01-01T00:00:00',
    });
  });
});

describe('BREX_BALANCES and BREX_BALANCE', () => {
  it('lists card and cash accounts with balances in dollars', () => {
    const grid = call(brexBalances, demoReader());

    expect(column(grid, 'Kind')).toEqual(['Card', 'Cash', 'Cash']);
    expect(column(grid, 'Current balance')).toEqual([123.45, 5000, 1]);
  });

  it('returns one number: the card by default, the primary cash account, or one by id', () => {
    expect(call(brexBalance, demoReader())).toBe(123.45);
    expect(call(brexBalance, demoReader(), 'card', 'available')).toBe(9876.55);
    expect(call(brexBalance, demoReader(), 'Cash', 'available')).toBe(4500);
    expect(call(brexBalance, demoReader(), 'cash_2')).toBe(1);
  });

  it('names an unknown account', () => {
    expect(() => call(brexBalance, demoReader(), 'cash_9')).toThrow(
      'BREX_BALANCE: account must be "card", "cash" (the primary cash account) or a cash account id; got "cash_9". Cash accounts: cash_1 (Operating), cash_2 (Reserve).',
    );
  });

  it('says when the company has no cash account', () => {
    const reader = demoReader();
    reader.lists.set('cashAccounts', []);

    expect(() => call(brexBalance, reader, 'cash')).toThrow(
      'BREX_BALANCE: this Brex account has no cash account. Use account "card".',
    );
  });
});

describe('expense functions', () => {
  function reader() {
    const r = demoReader();
    r.lists.set('expenses', [
      expense('e1', '2026-01-03T10:00:00Z', 1000),
      expense('e2', '2026-01-20T10:00:00Z', 2550, {
        category: 'LODGING',
        user_id: 'user_2',
        department_id: null,
      }),
      expense('e3', '2026-02-02T10:00:00Z', 500, { merchant: { raw_descriptor: 'Hotel' } }),
    ]);
    return r;
  }

  it('BREX_EXPENSES asks Brex for the period and statuses, and shows the expense columns', () => {
    const r = reader();

    const grid = call(brexExpenses, r, '2026-01-01', '2026-01-31', 'approved, settled');

    const queries = r.queries.filter((q) => q.list === 'expenses').map((q) => q.query);
    // The month in 16 windows of two days (the last of one), read side by side.
    expect(queries).toHaveLength(16);
    expect(queries[0]).toEqual({
      purchasedAtStart: '2026-01-01T00:00:00',
      purchasedAtEnd: '2026-01-02T23:59:59',
      expand: ['merchant'],
      statuses: ['APPROVED', 'SETTLED'],
    });
    expect(queries.at(-1)).toMatchObject({
      purchasedAtStart: '2026-01-31T00:00:00',
      purchasedAtEnd: '2026-01-31T23:59:59',
    });
    // e3, bought in February, is outside the period (the fake reader filters as Brex does).
    expect(column(grid, 'Billing amount')).toEqual([10, 25.5]);
  });

  it('cuts a period into at most 16 windows of whole days, the newest open when the period is', () => {
    const fortnight = expenseWindows({ start: '2026-03-01', end: '2026-03-15' }, UTC, '2026-03-15');
    const open = expenseWindows(
      { start: '2024-01-01', end: null },
      'America/New_York',
      '2026-03-15',
    );

    expect(fortnight).toHaveLength(15);
    expect(fortnight[14]).toEqual({
      purchasedAtStart: '2026-03-15T00:00:00',
      purchasedAtEnd: '2026-03-15T23:59:59',
    });
    expect(open).toHaveLength(16);
    expect(open[0]?.purchasedAtStart).toBe('2024-01-01T05:00:00');
    expect(open[15]).toEqual({ purchasedAtStart: expect.any(String) });
    // Each window starts the second after the one before ends.
    open.slice(1).forEach((w, i) => {
      const before = Date.parse(`${open[i]?.purchasedAtEnd}Z`);
      expect(Date.parse(`${w.purchasedAtStart}Z`) - before).toBe(1000);
    });
  });

  it('BREX_EXPENSES names an unknown status', () => {
    expect(() => call(brexExpenses, reader(), '2026-01-01', '', 'paid')).toThrow(
      'BREX_EXPENSES: status must be one of "DRAFT", "SUBMITTED", "APPROVED", "OUT_OF_POLICY", "VOID", "CANCELED", "SPLIT" or "SETTLED" (several separated by commas); got "PAID".',
    );
  });

  it('BREX_EXPENSE_CATEGORIES totals billed spend per category that has expenses', () => {
    expect(call(brexExpenseCategories, reader())).toEqual([
      ['Category', 'Currency', 'Expense count', 'Spend', 'Period: 2026-01-01 to today'],
      ['Lodging', 'USD', 1, 25.5, ''],
      ['Restaurants', 'USD', 2, 15, ''],
    ]);
  });

  it('BREX_SPEND groups by user, largest spend first, and by month in time order', () => {
    expect(call(brexSpend, reader(), 'user')).toEqual([
      ['User', 'Currency', 'Expense count', 'Spend', 'Period: 2026-01-01 to today'],
      ['Alan Turing', 'USD', 1, 25.5, ''],
      ['Ada Lovelace', 'USD', 2, 15, ''],
    ]);
    expect(call(brexSpend, reader(), 'Month')).toEqual([
      ['Month', 'Currency', 'Expense count', 'Spend', 'Period: 2026-01-01 to today'],
      ['2026-01', 'USD', 2, 35.5, ''],
      ['2026-02', 'USD', 1, 5, ''],
    ]);
    expect(column(call(brexSpend, reader(), 'department'), 'Department')).toEqual([
      '(none)',
      'Finance',
    ]);
  });

  it('BREX_SPEND names a missing or unknown group', () => {
    expect(() => call(brexSpend, reader(), '')).toThrow(
      'BREX_SPEND: group_by is missing. Give one of "department", "user", "category", "merchant" or "month".',
    );
    expect(() => call(brexSpend, reader(), 'vendor')).toThrow(
      'BREX_SPEND: group_by must be "department", "user", "category", "merchant" or "month"; got "vendor".',
    );
  });
});

describe('whole lists', () => {
  it('BREX_CARDS and BREX_USERS show the sync data sets’ columns with joined names', () => {
    expect(column(call(brexCards, demoReader()), 'Holder')).toEqual(['Ada Lovelace']);
    expect(column(call(brexUsers, demoReader()), 'Department')).toEqual(['Finance', '']);
  });
});
