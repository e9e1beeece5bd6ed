/** Reading the expenses purchased in a period, for the expense functions. */
import type { Expense, ExpenseStatus } from '../brex';
import { listSource } from '../data-sets/data-set';
import { calendarDateToDate, toBrexFilterTime } from '../cells/time-zone';
import type { ComputeContext } from './custom-function';
import { readSources } from './read-pages';
import type { Grid } from './result';

export interface ExpensePeriod {
  readonly start: string;
  readonly end: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Pure: the period named in one more header cell after the columns ("Period: 2026-01-01 to
 * today"), so that a total never reads without the days it covers, and the column headers stay
 * as the synced sheets name them. A start left blank is the history start.
 */
export function withPeriod(grid: Grid, period: ExpensePeriod): Grid {
  const [header, ...rows] = grid;
  if (!header) return grid;
  const label = `Period: ${period.start} to ${period.end ?? 'today'}`;
  return [[...header, label], ...rows.map((row) => [...row, ''])];
}

/** Pure: the period's days, from midnight to midnight in the spreadsheet's zone, as Brex filters. */
export function purchasedBetween(period: ExpensePeriod, timeZone: string) {
  const start = calendarDateToDate(period.start, timeZone)?.getTime() ?? 0;
  const nextDay =
    period.end === null
      ? null
      : calendarDateToDate(
          new Date(Date.parse(`${period.end}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10),
          timeZone,
        );
  return {
    purchasedAtStart: toBrexFilterTime(start),
    ...(nextDay ? { purchasedAtEnd: toBrexFilterTime(nextDay.getTime() - 1000) } : {}),
  };
}

/** Every expense purchased in the period (optionally of these statuses), merchant names expanded. */
export function readExpenses(
  fn: string,
  period: ExpensePeriod,
  statuses: readonly ExpenseStatus[],
  context: ComputeContext,
): Expense[] {
  const query = {
    ...purchasedBetween(period, context.timeZone),
    expand: ['merchant'],
    ...(statuses.length ? { statuses: [...statuses] } : {}),
  };
  const source = listSource('expenses', (cursor) => context.reader.page('expenses', query, cursor));
  return readSources(
    [source],
    (count) =>
      `${fn}: More than ${count} expenses from ${period.start}: use the Brex Expenses sheet (Extensions ▸ Brex ▸ Refresh now) or a later start date.`,
  );
}
