/** =BREX_SPEND(group_by, [start_date], [end_date]): expense spend grouped, in billing amounts. */
import type { Expense } from '../brex';
import { columns } from '../data-sets/columns';
import { expenseCategories, expenses } from '../data-sets/expenses';
import {
  checkPeriod,
  dayInZone,
  FunctionError,
  isBlank,
  listOf,
  readChoice,
  readDate,
  single,
} from './arguments';
import { pickColumns } from './columns-argument';
import { defineFunction, type ComputeContext } from './custom-function';
import { readExpenses, withPeriod, type ExpensePeriod } from './expense-period';
import { toGrid } from './result';

const NAME = 'BREX_SPEND';
const GROUPS = ['department', 'user', 'category', 'merchant', 'month'] as const;
type Group = (typeof GROUPS)[number];

/** The expense row's column each group reads its name from; months come from the purchase time. */
const GROUP_HEADERS: { readonly [G in Group]: string } = {
  department: 'Department',
  user: 'User',
  category: 'Category',
  merchant: 'Merchant',
  month: 'Month',
};
const NO_NAME = '(none)';

interface SpendArgs extends ExpensePeriod {
  readonly groupBy: Group;
}

interface Total {
  readonly group: string;
  readonly currency: string;
  count: number;
  /** Integer minor units, summed exactly. */
  spend: number;
}

export const brexSpend = defineFunction<SpendArgs>({
  name: NAME,
  arity: 3,
  syncedSheet: expenses.sheetName,
  parse([groupBy, start, end], { timeZone, historyStart }) {
    if (isBlank(single(NAME, 'group_by', groupBy))) {
      throw new FunctionError(`${NAME}: group_by is missing. Give one of ${listOf(GROUPS)}.`);
    }
    const group = readChoice(NAME, 'group_by', groupBy, GROUPS, 'category');
    const period = {
      start: readDate(NAME, 'start_date', start, timeZone) ?? historyStart(),
      end: readDate(NAME, 'end_date', end, timeZone),
    };
    checkPeriod(NAME, period.start, period.end);
    return { groupBy: group, ...period };
  },
  compute(args, context) {
    const totals = totalsBy(args.groupBy, readExpenses(NAME, args, [], context), context);
    const columnsShown = [
      ...columns([[GROUP_HEADERS[args.groupBy], 'text']]),
      ...pickColumns(expenseCategories.columns, ['Currency', 'Expense count', 'Spend']),
    ];
    const rows = totals.map((t) => ({
      [GROUP_HEADERS[args.groupBy]]: t.group,
      Currency: t.currency,
      'Expense count': t.count,
      Spend: { amount: t.spend, currency: t.currency },
    }));
    return withPeriod(toGrid(columnsShown, rows, context.timeZone), args);
  },
});

/**
 * Expense count and billed spend (the billing amount, else the original amount: the rule of the
 * Brex Expense Categories sheet) per group and currency. Months run in time order; other groups
 * from the largest spend down.
 */
function totalsBy(group: Group, items: readonly Expense[], context: ComputeContext): Total[] {
  const totals = new Map<string, Total>();
  for (const expense of items) {
    const name =
      group === 'month'
        ? expense.purchased_at
          ? dayInZone(new Date(expense.purchased_at), context.timeZone).slice(0, 7)
          : ''
        : String(expenses.row(expense, context.lookups)[GROUP_HEADERS[group]] ?? '');
    const money = expense.billing_amount ?? expense.original_amount;
    const currency = money?.currency || 'USD';
    const id = `${name}\u0000${currency}`;
    const total = totals.get(id) ?? { group: name || NO_NAME, currency, count: 0, spend: 0 };
    total.count += 1;
    total.spend += money?.amount ?? 0;
    totals.set(id, total);
  }
  const list = [...totals.values()];
  return group === 'month'
    ? list.sort((a, b) => a.group.localeCompare(b.group) || a.currency.localeCompare(b.currency))
    : list.sort((a, b) => b.spend - a.spend || a.group.localeCompare(b.group));
}
