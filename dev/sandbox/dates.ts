/** UTC calendar helpers. Dates are `YYYY-MM-DD` strings, times ISO 8601 with `Z`. */

const DAY_MS = 86_400_000;

/** The UTC date of an instant (epoch ms). */
export function dateOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const shifted = new Map<string, string>();

/** Memoised: generating a big company asks for the same few hundred dates again and again. */
export function addDays(date: string, days: number): string {
  const key = `${date}${days}`;
  let result = shifted.get(key);
  if (result === undefined) {
    result = new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
    shifted.set(key, result);
  }
  return result;
}

export function firstOfMonth(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

export function isDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
}

/**
 * Parses a date-time filter as the client sends it: UTC `YYYY-MM-DDTHH:MM:SS`, optional fraction,
 * no zone suffix (community clients report Brex rejects a suffix). Returns epoch ms or null.
 */
export function parseFilterDateTime(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?$/.test(text)) return null;
  const ms = Date.parse(`${text.slice(0, 23)}Z`);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * `time` (ISO, `Z`) as it may stand when the clock reads `latest` (epoch ms): a time on an
 * earlier day is kept; one on `latest`'s day is squeezed into midnight..`latest` (times keep
 * their order, whole seconds), and a later one becomes `latest`. Brex never stamps the future.
 */
export function notAfter(time: string, latest: number): string {
  const dayStart = latest - (latest % DAY_MS);
  const ms = Date.parse(time);
  if (ms < dayStart) return time;
  const squeezed = dayStart + Math.floor(((ms - dayStart) * (latest - dayStart)) / DAY_MS);
  return new Date(Math.min(squeezed - (squeezed % 1000), latest)).toISOString();
}
