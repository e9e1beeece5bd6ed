/** Expenses (read incrementally by update time) and spend per expense category. */
import type { Expense, Money } from '../brex';
import { defineIncremental, listSource, type WindowRequest } from './data-set';
import { KEY_HEADER } from '../cells/header';
import { readable } from '../cells/readable-values';
import { columns, KEY_COLUMN } from './columns';
import { receiptStatus } from './receipt-status';

/** Brex caps expense pages at 100 items; Brex's expand values add the merchant's name. */
const EXPAND = ['merchant'];
/**
 * An update can show in Brex's list a little after its `updated_at`, so each refresh reads again
 * from an hour before the latest update it saw. Not a day: at 100,000 transactions a year, a day
 * of updates is a thousand expenses, ten pages re-read by every refresh.
 */
const LOOKBACK_DAYS = 1 / 24;

export const expenses = defineIncremental<Expense>({
  id: 'expenses',
  title: 'Expenses',
  sheetName: 'Brex Expenses',
  columns: columns([
    ['Purchased at', 'datetime'],
    ['Merchant', 'text', { width: 200 }],
    ['Billing amount', 'money'],
    ['Billing currency', 'text', { width: 110 }],
    ['User', 'text'],
    ['Category', 'text', { width: 210 }],
    ['Spend limit', 'text'],
    ['Department', 'text'],
    ['Memo', 'text', { width: 200 }],
    ['Receipt', 'text', { width: 100 }],
    ['Status', 'text', { width: 100 }],
    ['Payment status', 'text', { width: 110 }],
    ['Type', 'text', { width: 90 }],
    ['Original amount', 'money'],
    ['Original currency', 'text', { width: 120 }],
    ['Receipts', 'number', { width: 70 }],
    ['Updated at', 'datetime'],
    KEY_COLUMN,
  ]),
  incremental: { cursorValue: (e) => e.updated_at, lookbackDays: LOOKBACK_DAYS },
  sources: ({ reader, since }) => [
    listSource('expenses', (cursor) =>
      reader.page('expenses', { updatedAtStart: since, expand: EXPAND }, cursor),
    ),
  ],
  windowPages: ({ reader }, requests) =>
    reader.pageOfEach(
      'expenses',
      requests.map((r) => windowQuery(r, EXPAND)),
    ),
  idOf: (e) => e.id,
  row: (e, lookups) => ({
    [KEY_HEADER]: e.id,
    'Purchased at': e.purchased_at,
    Category: readable(e.category),
    Status: readable(e.status),
    'Payment status': readable(e.payment_status),
    Type: readable(e.expense_type),
    'Original amount': e.original_amount,
    'Original currency': currencyOf(e.original_amount),
    'Billing amount': e.billing_amount,
    'Billing currency': currencyOf(e.billing_amount),
    Merchant: e.merchant?.raw_descriptor,
    User: lookups.userName(e.user_id),
    Department: lookups.departmentName(e.department_id),
    'Spend limit': lookups.spendLimitName(e.budget_id),
    Memo: e.memo,
    Receipt: receiptStatus(e, lookups.receiptThreshold),
    Receipts: e.receipts?.length ?? 0,
    'Updated at': e.updated_at,
  }),
});

/** Pure: a date window of expenses by update time (Brex filters `updated_at` at both ends). */
function windowQuery({ start, end, cursor }: WindowRequest, expand?: string[]) {
  return { query: { updatedAtStart: start, updatedAtEnd: end ?? undefined, expand }, cursor };
}

function currencyOf(money: Money | null | undefined): string {
  return money ? money.currency || 'USD' : '';
}

interface CategoryTotal {
  readonly id: string;
  readonly category: string;
  readonly currency: string;
  readonly count: number;
  readonly spend: number;
  readonly periodStart: string;
  readonly periodEnd: string;
}

/** Where each expense read counts: kept per expense, so a changed one moves between totals. */
const TALLY_COLUMNS = columns([
  [KEY_HEADER, 'text'],
  ['Category', 'text'],
  ['Currency', 'text'],
  ['Amount', 'number'],
  ['Purchased at', 'text'],
]);

export const expenseCategories = defineIncremental<CategoryTotal, Expense>({
  id: 'expense_categories',
  title: 'Expense categories',
  sheetName: 'Brex Expense Categories',
  // The key (category and currency) only matches rows: hidden, and never shown by a formula.
  columns: columns([
    ['Category', 'text', { width: 200 }],
    ['Spend', 'money'],
    ['Currency', 'text', { width: 70 }],
    ['Expense count', 'number', { width: 110 }],
    ['Period start', 'date'],
    ['Period end', 'date'],
    [KEY_HEADER, 'text', { width: 200, hidden: true }],
  ]),
  // Read like the expenses, by update time: a quiet refresh reads one page, not every expense.
  incremental: { cursorValue: (e) => e.updated_at, lookbackDays: LOOKBACK_DAYS },
  follows: 'expenses',
  sources: ({ reader, since }) => [
    listSource('expenses', (cursor) => reader.page('expenses', { updatedAtStart: since }, cursor)),
  ],
  windowPages: ({ reader }, requests) =>
    reader.pageOfEach(
      'expenses',
      requests.map((r) => windowQuery(r)),
    ),
  tally: {
    sheetName: 'Brex Expense Tally',
    columns: TALLY_COLUMNS,
    row: (e) => {
      const share = shareOf(e);
      return {
        [KEY_HEADER]: e.id,
        Category: share.category,
        Currency: share.currency,
        Amount: share.amount,
        'Purchased at': e.purchased_at,
      };
    },
    totals: (kept, { historyStart, refresh }) => {
      const from = Date.parse(`${historyStart}T00:00:00Z`);
      const shares = kept
        .filter((k) => Date.parse(String(k['Purchased at'])) >= from)
        .map((k) => ({
          category: String(k.Category),
          currency: String(k.Currency),
          amount: Number(k.Amount) || 0,
        }));
      const period = { start: historyStart, end: refresh?.today ?? '' };
      // A category the sheet shows keeps its row, at zero, when its last expense leaves it.
      return totalsOf(shares, period, [...(refresh?.shown ?? [])]);
    },
  },
  idOf: (c) => c.id,
  row: (c) => ({
    [KEY_HEADER]: c.id,
    Category: readable(c.category),
    Currency: c.currency,
    'Expense count': c.count,
    Spend: { amount: c.spend, currency: c.currency },
    'Period start': c.periodStart,
    'Period end': c.periodEnd,
  }),
});

interface Share {
  readonly category: string;
  readonly currency: string;
  /** Minor units of `currency`. */
  readonly amount: number;
}

/** Pure: where an expense counts: its category and its billing amount (else original amount). */
function shareOf(expense: Expense): Share {
  const money = expense.billing_amount ?? expense.original_amount;
  return {
    category: String(expense.category ?? 'UNCATEGORIZED'),
    currency: money?.currency || 'USD',
    amount: money?.amount ?? 0,
  };
}

interface Period {
  readonly start: string;
  /** `YYYY-MM-DD`; '' when the period runs on (a formula without an end date). */
  readonly end: string;
}

/**
 * Pure: expense count and billed spend per category and billing currency, the categories with
 * expenses only. Sums stay in integer minor units.
 */
export function totalsPerCategory(items: readonly Expense[], period: Period): CategoryTotal[] {
  return totalsOf(items.map(shareOf), period, []);
}

/** `kept` ids (`CATEGORY:CURRENCY`) are listed at zero when no expense counts in them any more. */
function totalsOf(
  shares: readonly Share[],
  period: Period,
  kept: readonly string[],
): CategoryTotal[] {
  const totals = new Map<string, CategoryTotal>();
  const add = (category: string, currency: string, count: number, spend: number): void => {
    const id = `${category}:${currency}`;
    const current = totals.get(id);
    totals.set(id, {
      id,
      category,
      currency,
      count: (current?.count ?? 0) + count,
      spend: (current?.spend ?? 0) + spend,
      periodStart: period.start,
      periodEnd: period.end,
    });
  };
  for (const share of shares) add(share.category, share.currency, 1, share.amount);
  for (const id of kept) {
    const split = id.lastIndexOf(':');
    if (split > 0 && !totals.has(id)) add(id.slice(0, split), id.slice(split + 1), 0, 0);
  }
  return [...totals.values()].sort(
    (a, b) => b.spend - a.spend || readable(a.category).localeCompare(readable(b.category)),
  );
}
