/**
 * Calendar days and months in the spreadsheet's time zone, as plain `YYYY-MM-DD` and `YYYY-MM`
 * strings, which compare in date order.
 */
import { isDate } from '../cells/columns';
import type { CellValue } from '../ports/table-port';
import { zoneOffset } from '../cells/time-zone';

/**
 * Pure: the local day of a date cell (Apps Script hands a date as the instant of its wall-clock
 * time in the spreadsheet's zone); null for a blank or non-date cell. `memo` caches the zone
 * offset per instant: 100,000 transactions fall on a few hundred distinct days.
 */
export function localDay(
  value: CellValue | undefined,
  timeZone: string,
  memo?: Map<number, string>,
): string | null {
  if (!isDate(value)) return null;
  const instant = value.getTime();
  if (Number.isNaN(instant)) return null;
  const known = memo?.get(instant);
  if (known) return known;
  const day = new Date(instant + zoneOffset(instant, timeZone)).toISOString().slice(0, 10);
  memo?.set(instant, day);
  return day;
}

/** Pure: today's date in the zone. */
export function today(now: number, timeZone: string): string {
  return new Date(now + zoneOffset(now, timeZone)).toISOString().slice(0, 10);
}

/** Pure: `YYYY-MM` moved by `months` (negative goes back). */
export function addMonths(month: string, months: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Pure: `YYYY-MM-DD` moved by `days`. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Pure: the last day of a `YYYY-MM` month. */
export function lastDayOf(month: string): string {
  return addDays(`${addMonths(month, 1)}-01`, -1);
}

const MONTH_NAMES = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/** Pure: `2026-03` → `Mar 2026`. */
export function monthLabel(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? '?'} ${month.slice(0, 4)}`;
}
