/**
 * The period a person picks in the dashboard's Period cell, for the spend by category, department
 * and merchant and the missing receipts. Plain words or dates, so it can be typed without a menu.
 */
import { isDate } from '../cells/columns';
import type { CellValue } from '../ports/table-port';
import { addDays, addMonths, lastDayOf, localDay, monthLabel } from './calendar';

export interface Period {
  /** First and last day, inclusive, `YYYY-MM-DD`. */
  readonly start: string;
  readonly end: string;
  readonly label: string;
}

export const DEFAULT_PERIOD = 'This month';

/** What the Period cell accepts, for the message when it holds something else. */
export const PERIOD_CHOICES =
  'This month, Last month, Last 30 days, Last 90 days, Year to date, Last 12 months, a month (2026-03), a year (2026) or two dates (2026-01-01 to 2026-03-31)';

/** Pure: the cell's value → a period ending no later than `today`; an Error names the choices. */
export function parsePeriod(value: CellValue, today: string, timeZone: string): Period | Error {
  const month = today.slice(0, 7);
  if (isDate(value)) {
    const day = localDay(value, timeZone);
    if (day) return { start: day, end: day, label: day };
  }
  const text = String(value).trim().toLowerCase().replace(/\s+/g, ' ');
  switch (text) {
    case '':
    case 'this month':
      return { start: `${month}-01`, end: today, label: `${monthLabel(month)} so far` };
    case 'last month': {
      const last = addMonths(month, -1);
      return { start: `${last}-01`, end: lastDayOf(last), label: monthLabel(last) };
    }
    case 'last 30 days':
      return { start: addDays(today, -29), end: today, label: 'Last 30 days' };
    case 'last 90 days':
      return { start: addDays(today, -89), end: today, label: 'Last 90 days' };
    case 'year to date':
      return {
        start: `${today.slice(0, 4)}-01-01`,
        end: today,
        label: `${today.slice(0, 4)} so far`,
      };
    case 'last 12 months':
      return { start: `${addMonths(month, -11)}-01`, end: today, label: 'Last 12 months' };
  }
  let match = /^(\d{4})-(\d{2})$/.exec(text);
  if (match && Number(match[2]) >= 1 && Number(match[2]) <= 12) {
    const m = `${match[1]}-${match[2]}`;
    return { start: `${m}-01`, end: lastDayOf(m), label: monthLabel(m) };
  }
  match = /^(\d{4})$/.exec(text);
  if (match) return { start: `${match[1]}-01-01`, end: `${match[1]}-12-31`, label: text };
  match = /^(\d{4}-\d{2}-\d{2}) ?(?:to|–|-) ?(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (match && isDay(match[1]) && isDay(match[2]) && (match[1] as string) <= (match[2] as string))
    return {
      start: match[1] as string,
      end: match[2] as string,
      label: `${match[1]} to ${match[2]}`,
    };
  return new Error(`The Period cell holds "${String(value)}". Type one of: ${PERIOD_CHOICES}.`);
}

function isDay(text: string | undefined): boolean {
  return text !== undefined && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
}
