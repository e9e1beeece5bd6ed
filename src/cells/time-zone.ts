/**
 * Dates in the spreadsheet's time zone. Sheets stores a date as a local wall-clock time; Apps
 * Script hands it over as the `Date` of that wall-clock time in the spreadsheet's zone. A Brex
 * calendar date (`2026-01-15`) therefore becomes the instant of local midnight in that zone.
 * Intl (available in Apps Script's V8) supplies the zone's offsets, daylight saving included.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Pure: the zone's offset from UTC at an instant, in milliseconds (local − UTC). */
export function zoneOffset(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const local = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return local - Math.floor(instant / 1000) * 1000;
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** Pure: `YYYY-MM-DD` → the instant of that day's midnight in `timeZone`; null when malformed. */
export function calendarDateToDate(text: string, timeZone: string): Date | null {
  const match = CALENDAR_DATE.exec(text);
  if (!match) return null;
  const wall = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  let instant = wall - zoneOffset(wall, timeZone);
  // Near a daylight-saving switch the first guess can be off by the switch; one correction fixes it.
  instant = wall - zoneOffset(instant, timeZone);
  return new Date(instant);
}

/** Pure: an ISO 8601 timestamp → its instant; null when malformed. */
export function timestampToDate(text: string): Date | null {
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time);
}

/** Pure: an instant → `YYYY-MM-DDTHH:MM:SS` in UTC, the form Brex's date filters accept. */
export function toBrexFilterTime(instant: number): string {
  return new Date(instant).toISOString().slice(0, 19);
}

/** Pure: `YYYY-MM-DD` of the calendar day an instant falls on in `timeZone`. */
export function dayIn(instant: number, timeZone: string): string {
  return new Date(instant + zoneOffset(instant, timeZone)).toISOString().slice(0, 10);
}
