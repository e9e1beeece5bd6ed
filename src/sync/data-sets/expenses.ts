/** Expenses (read incrementally by update time) and spend per expense category. */
import type { Expense, Money } from '../../brex';
import { defineDataSet, KEY_HEADER, listSource } from '../data-set';
import { columns } from './columns';

/** Brex's expense categories (`Category` in the Expenses API). */
// prettier-ignore
export const EXPENSE_CATEGORIES = [
  'ADVERTISING_AND_MARKETING', 'AIRLINE_EXPENSES', 'BANK_AND_FINANCIAL_FEES', 'BARS_AND_NIGHTLIFE',
  'BOOKS_AND_NEWSPAPERS', 'CAR_RENTAL', 'CHARITY', 'CLOTHING', 'CONFERENCES',
  'CONSULTANT_AND_CONTRACTOR', 'CORPORATE_INSURANCE', 'DIGITAL_GOODS', 'ELECTRONICS',
  'EVENT_EXPENSES', 'FACILITIES_EXPENSES', 'FEES_AND_LICENSES_AND_TAXES', 'FLOWERS',
  'FOOD_DELIVERY', 'FURNITURE', 'GAMBLING', 'GAS_AND_FUEL', 'GENERAL_MERCHANDISE', 'GROCERY',
  'LAUNDRY', 'LEGAL_SERVICES', 'LODGING', 'MEDICAL', 'MEMBERSHIPS_AND_CLUBS', 'OFFICE_SUPPLIES',
  'OTHER_BUSINESS_EXPENSES', 'OTHER_TRAVEL_EXPENSES', 'PARKING_EXPENSES', 'POLITICAL_DONATIONS',
  'PRIVATE_AIR_TRAVEL', 'PUBLIC_TRANSPORTATION', 'RECURRING_SOFTWARE_AND_SAAS', 'RENT',
  'RESTAURANTS', 'RIDESHARE_AND_TAXI', 'SERVERS', 'SHIPPING', 'SOFTWARE_NON_RECURRING',
  'TELEPHONY', 'TOLL_AND_BRIDGE_FEES', 'TRAINING_AND_EDUCATION', 'TRAVEL_WIFI', 'UTILITIES',
  'VEHICLE_EXPENSES',
];

/** Brex caps expense pages at 100 items; Brex's expand values add the merchant's name. */
const EXPAND = ['merchant'];
/**
 * An update can show in Brex's list a little after its `updated_at`, so each refresh reads again
 * from an hour before the latest update it saw. Not a day: at 100,000 transactions a year, a day
 * of updates is a thousand expenses, ten pages re-read by every refresh.
 */
const LOOKBACK_DAYS = 1 / 24;

export const expenses = defineDataSet<Expense>({
  id: 'expenses',
  title: 'Expenses',
  sheetName: 'Brex Expenses',
  columns: columns([
    [KEY_HEADER, 'text'],
    ['Purchased at', 'datetime'],
    ['Category', 'text'],
    ['Status', 'text'],
    ['Payment status', 'text'],
    ['Type', 'text'],
    ['Original amount', 'money'],
    ['Original currency', 'text'],
    ['Billing amount', 'money'],
    ['Billing currency', 'text'],
    ['Merchant', 'text'],
    ['User', 'text'],
    ['Department', 'text'],
    ['Spend limit', 'text'],
    ['Memo', 'text'],
    ['Receipts', 'number'],
    ['Updated at', 'datetime'],
  ]),
  incremental: { cursorValue: (e) => e.updated_at, lookbackDays: LOOKBACK_DAYS },
  sources: ({ reader, since }) => [
    listSource('expenses', (cursor) =>
      reader.page('expenses', { updatedAtStart: since, expand: EXPAND }, cursor),
    ),
  ],
  idOf: (e) => e.id,
  row: (e, lookups) => ({
    [KEY_HEADER]: e.id,
    'Purchased at': e.purchased_at,
    Category: e.category,
    Status: e.status,
    'Payment status': e.payment_status,
    Type: e.expense_type,
    'Original amount': e.original_amount,
    'Original currency': currencyOf(e.original_amount),
    'Billing amount': e.billing_amount,
    'Billing currency': currencyOf(e.billing_amount),
    Merchant: e.merchant?.raw_descriptor,
    User: lookups.userName(e.user_id),
    Department: lookups.departmentName(e.department_id),
    'Spend limit': lookups.spendLimitName(e.budget_id),
    Memo: e.memo,
    Receipts: e.receipts?.length ?? 0,
    'Updated at': e.updated_at,
  }),
});

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
}

/** Where each expense read counts: kept per expense, so a changed one moves between totals. */
const TALLY_COLUMNS = columns([
  [KEY_HEADER, 'text'],
  ['Category', 'text'],
  ['Currency', 'text'],
  ['Amount', 'number'],
  ['Purchased at', 'text'],
]);

export const expenseCategories = defineDataSet<CategoryTotal, Expense>({
  id: 'expense_categories',
  title: 'Expense categories',
  sheetName: 'Brex Expense Categories',
  columns: columns([
    [KEY_HEADER, 'text'],
    ['Category', 'text'],
    ['Currency', 'text'],
    ['Expense count', 'number'],
    ['Spend', 'money'],
    ['Period start', 'date'],
  ]),
  // Read like the expenses, by update time: a quiet refresh reads one page, not every expense.
  incremental: { cursorValue: (e) => e.updated_at, lookbackDays: LOOKBACK_DAYS },
  follows: 'expenses',
  sources: ({ reader, since }) => [
    listSource('expenses', (cursor) => reader.page('expenses', { updatedAtStart: since }, cursor)),
  ],
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
    totals: (kept, { historyStart }) => {
      const from = Date.parse(`${historyStart}T00:00:00Z`);
      const shares = kept
        .filter((k) => Date.parse(String(k['Purchased at'])) >= from)
        .map((k) => ({
          category: String(k.Category),
          currency: String(k.Currency),
          amount: Number(k.Amount) || 0,
        }));
      return totalsOf(shares, historyStart);
    },
  },
  idOf: (c) => c.id,
  row: (c) => ({
    [KEY_HEADER]: c.id,
    Category: c.category,
    Currency: c.currency,
    'Expense count': c.count,
    Spend: { amount: c.spend, currency: c.currency },
    'Period start': c.periodStart,
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

/**
 * Pure: expense count and billed spend per category and billing currency, every Brex category
 * listed (with zero in USD when it has no expense). Sums stay in integer minor units.
 */
export function totalsPerCategory(items: readonly Expense[], periodStart: string): CategoryTotal[] {
  return totalsOf(items.map(shareOf), periodStart);
}

function totalsOf(shares: readonly Share[], periodStart: string): CategoryTotal[] {
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
      periodStart,
    });
  };
  for (const share of shares) add(share.category, share.currency, 1, share.amount);
  const used = new Set([...totals.values()].map((t) => t.category));
  for (const category of EXPENSE_CATEGORIES) if (!used.has(category)) add(category, 'USD', 0, 0);
  return [...totals.values()].sort((a, b) => a.id.localeCompare(b.id));
}
