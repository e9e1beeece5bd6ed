/**
 * Query strings as Brex reads them: array parameters repeat their key (`status[]=A&status[]=B`,
 * brackets literal, as the specs name them), values are percent-encoded, and date-times are UTC
 * `YYYY-MM-DDTHH:MM:SS` without a zone suffix (community clients report that Brex refuses one).
 */
import { BrexError } from './errors';

export type QueryParams = ReadonlyArray<readonly [name: string, value: string]>;

/** A moment: a Date, epoch milliseconds, or an ISO 8601 text (a text without zone is UTC). */
export type DateInput = Date | number | string;

export function buildQuery(params: QueryParams): string {
  if (params.length === 0) return '';
  return '?' + params.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
}

/** Pairs for an optional scalar parameter. */
export function single(
  name: string,
  value: string | number | boolean | undefined | null,
): QueryParams {
  return value === undefined || value === null ? [] : [[name, String(value)]];
}

/** Pairs for an optional array parameter: one pair per value, the key repeated. */
export function repeated(name: string, values: readonly string[] | undefined): QueryParams {
  return (values ?? []).map((value) => [name, value] as const);
}

/** Pairs for an optional date-time filter, in Brex's format. */
export function dateTime(
  name: string,
  value: DateInput | undefined,
  operation: string,
): QueryParams {
  return value === undefined ? [] : [[name, toBrexDateTime(value, operation)]];
}

const ZONELESS = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/;

/** `2024-03-01T17:05:00`: the moment in UTC, to the second, with no zone suffix. */
export function toBrexDateTime(value: DateInput, operation = 'toBrexDateTime'): string {
  const millis = toMillis(value);
  if (!Number.isFinite(millis)) {
    throw new BrexError({
      kind: 'invalid_input',
      operation,
      message: `"${String(value)}" is not a date and time Brex can filter by. Use a date such as 2024-01-31 or 2024-01-31T08:00:00Z.`,
    });
  }
  return new Date(millis).toISOString().slice(0, 19);
}

function toMillis(value: DateInput): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  const text = value.trim();
  // Date.parse reads a zoneless date-time as local time; Brex's zoneless texts are UTC.
  if (ZONELESS.test(text)) return Date.parse(text.length === 10 ? `${text}T00:00:00Z` : `${text}Z`);
  return /[zZ]$|[+-]\d{2}:?\d{2}$/.test(text) ? Date.parse(text) : NaN;
}
