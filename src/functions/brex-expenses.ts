/**
 * =BREX_EXPENSES(start_date, [end_date], [status]) and
 * =BREX_EXPENSE_CATEGORIES([start_date], [end_date]).
 */
import type { ExpenseStatus } from '../brex';
import { expenseCategories, expenses, totalsPerCategory } from '../data-sets/expenses';
import {
  checkPeriod,
  describe,
  FunctionError,
  listOf,
  readDate,
  readRequiredDate,
  readText,
} from './arguments';
import { pickColumns } from './columns-argument';
import { defineFunction } from './custom-function';
import { readExpenses, withPeriod, type ExpensePeriod } from './expense-period';
import { toGrid } from './result';

const EXPENSES = 'BREX_EXPENSES';
// prettier-ignore
const STATUSES: readonly ExpenseStatus[] = [
  'DRAFT', 'SUBMITTED', 'APPROVED', 'OUT_OF_POLICY', 'VOID', 'CANCELED', 'SPLIT', 'SETTLED',
];

interface ExpenseArgs extends ExpensePeriod {
  readonly statuses: readonly ExpenseStatus[];
}

/** Pure: one status, or several separated by commas; blank → every status. */
function readStatuses(raw: unknown): ExpenseStatus[] {
  const text = readText(EXPENSES, 'status', raw, `one of ${listOf(STATUSES)}`) ?? '';
  const wanted = text
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter((s) => s !== '');
  const statuses = wanted.map((status) => {
    const known = STATUSES.find((s) => s === status);
    if (known) return known;
    throw new FunctionError(
      `${EXPENSES}: status must be one of ${listOf(STATUSES)} (several separated by commas); got ${describe(status)}.`,
    );
  });
  return STATUSES.filter((s) => statuses.includes(s));
}

export const brexExpenses = defineFunction<ExpenseArgs>({
  name: EXPENSES,
  arity: 3,
  syncedSheet: expenses.sheetName,
  parse([start, end, status], { timeZone }) {
    const period = {
      start: readRequiredDate(EXPENSES, 'start_date', start, timeZone),
      end: readDate(EXPENSES, 'end_date', end, timeZone),
    };
    checkPeriod(EXPENSES, period.start, period.end);
    return { ...period, statuses: readStatuses(status) };
  },
  compute(args, context) {
    const items = readExpenses(EXPENSES, args, args.statuses, context);
    const rows = items.map((e) => expenses.row(e, context.lookups));
    return withPeriod(toGrid(expenses.columns, rows, context.timeZone), args);
  },
});

const CATEGORIES = 'BREX_EXPENSE_CATEGORIES';
const CATEGORY_COLUMNS = ['Category', 'Currency', 'Expense count', 'Spend'];

export const brexExpenseCategories = defineFunction<ExpensePeriod>({
  name: CATEGORIES,
  arity: 2,
  syncedSheet: expenseCategories.sheetName,
  parse([start, end], { timeZone, historyStart }) {
    const period = {
      start: readDate(CATEGORIES, 'start_date', start, timeZone) ?? historyStart(),
      end: readDate(CATEGORIES, 'end_date', end, timeZone),
    };
    checkPeriod(CATEGORIES, period.start, period.end);
    return period;
  },
  compute(period, context) {
    const items = readExpenses(CATEGORIES, period, [], context);
    const totals = totalsPerCategory(items, { start: period.start, end: period.end ?? '' });
    const rows = totals.map((t) => expenseCategories.row(t, context.lookups));
    const columns = pickColumns(expenseCategories.columns, CATEGORY_COLUMNS);
    return withPeriod(toGrid(columns, rows, context.timeZone), period);
  },
});
