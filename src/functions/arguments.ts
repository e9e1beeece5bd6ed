/**
 * Reading what a person typed into a formula. Sheets hands a custom function a cell's value (a
 * `Date` for a date, a number, a string, a boolean), a 2-D array for a range, and `undefined` for
 * an argument left out. Each reader returns a normalized value or throws a `FunctionError` whose
 * message names the function, the argument and what it accepts.
 */
import { isDate } from '../cells/columns';
import { zoneOffset } from '../cells/time-zone';

/** A thrown error shows as #ERROR! with this message in the cell's tooltip. */
export class FunctionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FunctionError';
  }
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isBlank(value: unknown): boolean {
  return (
    value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
  );
}

/** Pure: how a value reads in a message, quoted when it is text. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (isDate(value)) return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString();
  return String(value);
}

/**
 * Pure: the one value of an argument that takes one value. A 1×1 range counts as its cell; a
 * larger range is refused rather than silently reduced to its first cell.
 */
export function single(fn: string, name: string, value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const rows = value.length;
  const cols = Array.isArray(value[0]) ? value[0].length : 1;
  if (rows === 1 && cols === 1) return Array.isArray(value[0]) ? value[0][0] : value[0];
  throw new FunctionError(
    `${fn}: ${name} takes one value, not a range of ${rows}×${cols} cells. Point it at a single cell.`,
  );
}

/** Pure: `YYYY-MM-DD` of the calendar day a Sheets date shows, in the spreadsheet's time zone. */
export function dayInZone(date: Date, timeZone: string): string {
  const instant = date.getTime();
  return new Date(instant + zoneOffset(instant, timeZone)).toISOString().slice(0, 10);
}

/** Pure: a Sheets date or an ISO date (`2026-01-31`) → `YYYY-MM-DD`; blank → null. */
export function readDate(fn: string, name: string, raw: unknown, timeZone: string): string | null {
  const value = single(fn, name, raw);
  if (isBlank(value)) return null;
  if (isDate(value) && !Number.isNaN(value.getTime())) return dayInZone(value, timeZone);
  if (typeof value === 'string') {
    const text = value.trim();
    const match = ISO_DAY.exec(text.slice(0, 10));
    const rest = text.slice(10);
    // A full ISO timestamp is accepted for its day; anything else after the day is not.
    if (match && (rest === '' || /^T\d{2}:\d{2}/.test(rest)) && isCalendarDay(match)) {
      return text.slice(0, 10);
    }
  }
  throw new FunctionError(
    `${fn}: ${name} must be a date or an ISO date like 2026-01-31; got ${describe(value)}.`,
  );
}

/** Like `readDate`, for an argument that must be given. */
export function readRequiredDate(fn: string, name: string, raw: unknown, timeZone: string): string {
  const day = readDate(fn, name, raw, timeZone);
  if (day === null) {
    throw new FunctionError(
      `${fn}: ${name} is missing. Give a date or an ISO date like 2026-01-31.`,
    );
  }
  return day;
}

function isCalendarDay(match: RegExpExecArray): boolean {
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** Pure: refuses a period whose start comes after its end. */
export function checkPeriod(fn: string, start: string | null, end: string | null): void {
  if (start !== null && end !== null && start > end) {
    throw new FunctionError(
      `${fn}: start_date ${start} is after end_date ${end}. Give a start_date on or before the end_date.`,
    );
  }
}

/**
 * Pure: one of a fixed set of words, case and surrounding spaces ignored; blank → the default.
 * Returns the choice as listed.
 */
export function readChoice<T extends string>(
  fn: string,
  name: string,
  raw: unknown,
  choices: readonly T[],
  fallback: T,
): T {
  const value = single(fn, name, raw);
  if (isBlank(value)) return fallback;
  const wanted = typeof value === 'string' ? value.trim().toLowerCase() : null;
  const choice = choices.find((c) => c.toLowerCase() === wanted);
  if (choice !== undefined) return choice;
  throw new FunctionError(`${fn}: ${name} must be ${listOf(choices)}; got ${describe(value)}.`);
}

/** Pure: a text argument, trimmed; blank → null. Numbers and dates are refused. */
export function readText(fn: string, name: string, raw: unknown, accepts: string): string | null {
  const value = single(fn, name, raw);
  if (isBlank(value)) return null;
  if (typeof value === 'string') return value.trim();
  throw new FunctionError(`${fn}: ${name} must be ${accepts}; got ${describe(value)}.`);
}

/**
 * Pure: the `refresh` argument, reduced to something that changes when its cell changes. Any
 * value is welcome (a timestamp, a number, a range); it only feeds the cache key.
 */
export function readRefresh(raw: unknown): string {
  if (isBlank(raw)) return '';
  if (isDate(raw)) return String(raw.getTime());
  if (Array.isArray(raw))
    return JSON.stringify(raw.map((r) => (Array.isArray(r) ? r.map(readRefresh) : readRefresh(r))));
  return String(raw);
}

/** Pure: `"a", "b" or "c"`. */
export function listOf(choices: readonly string[]): string {
  const quoted = choices.map((c) => `"${c}"`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}
