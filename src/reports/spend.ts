/**
 * Spend as the dashboard counts it: settled card purchases, refunds and chargebacks (refunds and
 * chargebacks are negative), read from the synced "Brex Card Transactions" sheet. Each transaction
 * takes its expense category from "Brex Expenses" through its Expense ID, so every spend table
 * totals the same transactions; without the expenses the category is unknown.
 */
import { DEFAULT_CURRENCY } from '../cells/currency';
import type { CellValue, TablePort } from '../ports/table-port';
import { localDay } from './calendar';
import { toMinorUnits } from './money';
import { CARD_SOURCE, EXPENSE_SOURCE } from './sources';
import { readSyncedColumns } from './synced-columns';

export interface SpendItem {
  readonly day: string;
  readonly minor: number;
  readonly currency: string;
  readonly merchant: string;
  readonly department: string;
  readonly category: string;
}

export interface SpendData {
  readonly items: readonly SpendItem[];
  /** Whether "Brex Card Transactions" exists, and "Brex Expenses" (categories). */
  readonly transactionsSynced: boolean;
  readonly expensesSynced: boolean;
}

const SPEND_TYPES = new Set(['PURCHASE', 'REFUND', 'CHARGEBACK']);

export const NO_CATEGORY = 'Uncategorized';
export const NO_DEPARTMENT = 'No department';
export const NO_MERCHANT = 'Unknown merchant';

/** Reads the transactions and, for their categories, the expenses' ids and categories. */
export function readSpend(table: TablePort): SpendData {
  const h = CARD_SOURCE.headers;
  const card = readSyncedColumns(table, CARD_SOURCE.sheetName, Object.values(h));
  const categories = readCategories(table);
  if (!card) return { items: [], transactionsSynced: false, expensesSynced: categories !== null };
  const timeZone = table.timeZone();
  const column = (header: string): readonly CellValue[] => card.column(header) ?? [];
  const [posted, amount, currency, type, merchant, department, expenseId] = [
    column(h.posted),
    column(h.amount),
    column(h.currency),
    column(h.type),
    column(h.merchant),
    column(h.department),
    column(h.expenseId),
  ];
  const days = new Map<number, string>();
  const items: SpendItem[] = [];
  for (let i = 0; i < card.rows; i++) {
    // The Type column may show Brex's value or a readable form of it ("Purchase").
    const kind = String(type[i] ?? '')
      .trim()
      .toUpperCase()
      .replace(/ /g, '_');
    if (!SPEND_TYPES.has(kind)) continue;
    const day = localDay(posted[i], timeZone, days);
    const code =
      String(currency[i] ?? '')
        .trim()
        .toUpperCase() || DEFAULT_CURRENCY;
    const minor = toMinorUnits(amount[i], code);
    if (day === null || minor === null) continue;
    items.push({
      day,
      minor,
      currency: code,
      merchant: text(merchant[i]) || NO_MERCHANT,
      department: text(department[i]) || NO_DEPARTMENT,
      category: categories?.get(text(expenseId[i])) || NO_CATEGORY,
    });
  }
  return { items, transactionsSynced: true, expensesSynced: categories !== null };
}

/** Expense id → readable category; null when the expenses are not synced. */
function readCategories(table: TablePort): Map<string, string> | null {
  const h = EXPENSE_SOURCE.headers;
  const sheet = readSyncedColumns(table, EXPENSE_SOURCE.sheetName, [h.id, h.category]);
  if (!sheet) return null;
  const ids = sheet.column(h.id) ?? [];
  const categories = sheet.column(h.category) ?? [];
  const byId = new Map<string, string>();
  ids.forEach((id, i) => {
    const category = text(categories[i]);
    if (id !== '' && category) byId.set(String(id), readable(category));
  });
  return byId;
}

export function text(value: CellValue | undefined): string {
  return value === undefined || value === null ? '' : String(value).trim();
}

/** Pure: Brex's `RECURRING_SOFTWARE_AND_SAAS` → `Recurring software and saas`; other text as is. */
export function readable(value: string): string {
  if (!/^[A-Z0-9_]+$/.test(value)) return value;
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Pure: the currencies spent in, most transactions first (ties by code). */
export function currenciesByUse(items: readonly SpendItem[]): string[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.currency, (counts.get(item.currency) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([c]) => c);
}
