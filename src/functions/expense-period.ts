/** Reading the expenses purchased in a period, for the expense functions. */
import type { Expense, ExpenseStatus } from '../brex';
import { calendarDateToDate, dayIn, toBrexFilterTime } from '../cells/time-zone';
import type { ComputeContext } from './custom-function';
import { readWindows } from './read-pages';
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

/**
 * Date windows read side by side: a long history takes one page of every window per round trip
 * (`fetchAll`), so a formula's time grows with the pages of its busiest window, not with all its
 * pages. Within Brex's burst (the client paces past it), and few enough that a window's last,
 * partly full page costs little.
 */
export const EXPENSE_WINDOWS = 16;

/** Pure: `YYYY-MM-DD` plus a number of days. */
function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Pure: the period cut into at most `EXPENSE_WINDOWS` runs of whole days, oldest first, each as
 * Brex's purchase filters. An open period (no end) runs to `today`, its newest window left open
 * so that an expense bought since still counts.
 */
export function expenseWindows(period: ExpensePeriod, timeZone: string, today: string) {
  const last = period.end ?? (today > period.start ? today : period.start);
  const days = Math.round((Date.parse(last) - Date.parse(period.start)) / DAY_MS) + 1;
  const size = Math.ceil(days / EXPENSE_WINDOWS);
  const windows: ExpensePeriod[] = [];
  for (let from = 0; from < days; from += size) {
    const end = from + size >= days ? period.end : addDays(period.start, from + size - 1);
    windows.push({ start: addDays(period.start, from), end });
  }
  return windows.map((window) => purchasedBetween(window, timeZone));
}

/** Every expense purchased in the period (optionally of these statuses), merchant names expanded. */
export function readExpenses(
  fn: string,
  period: ExpensePeriod,
  statuses: readonly ExpenseStatus[],
  context: ComputeContext,
): Expense[] {
  const today = dayIn(context.now, context.timeZone);
  const windows = expenseWindows(period, context.timeZone, today).map((window) => ({
    ...window,
    expand: ['merchant' as const],
    ...(statuses.length ? { statuses: [...statuses] } : {}),
  }));
  return readWindows(
    windows,
    (requests) => context.reader.pageOfEach('expenses', requests),
    (count) =>
      `${fn}: More than ${count} expenses from ${period.start}: use the Brex Expenses sheet (Extensions ▸ Brex ▸ Refresh now) or a later start date.`,
  );
}
