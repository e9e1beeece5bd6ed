/** Expenses (read incrementally by update time) and spend per expense category. */
import type { Expense, Money } from '../../brex';
import { defineDataSet, KEY_HEADER, listSource } from '../data-set';
import { toBrexFilterTime } from '../time-zone';
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
/** Updates can be recorded with a slight delay; one day of overlap costs little. */
const LOOKBACK_DAYS = 1;

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
  sources: ({ reader, historyStart }) => [
    listSource('expenses', (cursor) => {
      const start = toBrexFilterTime(Date.parse(`${historyStart}T00:00:00Z`));
      return reader.page('expenses', { purchasedAtStart: start }, cursor);
    }),
  ],
  summarize: (items, { historyStart }) => totalsPerCategory(items, historyStart),
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

/**
 * Pure: expense count and billed spend per category and billing currency, every Brex category
 * listed (with zero in USD when it has no expense). Sums stay in integer minor units.
 */
export function totalsPerCategory(items: readonly Expense[], periodStart: string): CategoryTotal[] {
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
  for (const expense of items) {
    const money = expense.billing_amount ?? expense.original_amount;
    add(
      String(expense.category ?? 'UNCATEGORIZED'),
      money?.currency || 'USD',
      1,
      money?.amount ?? 0,
    );
  }
  const used = new Set([...totals.values()].map((t) => t.category));
  for (const category of EXPENSE_CATEGORIES) if (!used.has(category)) add(category, 'USD', 0, 0);
  return [...totals.values()].sort((a, b) => a.id.localeCompare(b.id));
}
