/**
 * Wall-clock time in a named time zone, and Sheets' date serial numbers (days since 1899-12-30 in
 * the spreadsheet's time zone). A date in a cell is such a serial: changing the spreadsheet's
 * time zone changes the instant it stands for, as in Sheets.
 */

export interface WallTime {
  readonly year: number;
  /** 1-12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  /** 0 = Sunday */
  readonly weekday: number;
}

const DAY_MS = 86_400_000;
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

export function wallTime(epochMs: number, timeZone: string): WallTime {
  // The UTC fields of the instant moved by the zone's offset are the zone's wall-clock fields.
  const d = new Date(epochMs + offsetAt(epochMs, timeZone));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
  };
}

/** The zone's offset from UTC at `epochMs` (ms), as Intl's formatter reads the clocks there. */
function measuredOffset(epochMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(epochMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return asUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

const HOUR_MS = 3_600_000;
/** By zone: the offset of each UTC hour the offset holds through (measured at both ends). */
const steadyHours = new Map<string, Map<number, number>>();
const MAX_STEADY_HOURS = 200_000;

/**
 * The offset at `epochMs`. formatToParts costs more than a synced sheet's whole write of a date
 * cell, and a zone's offset changes only a few times a year, so an hour whose offset is the
 * same at its first and its last millisecond is remembered; an hour with a change in it is
 * measured at the instant itself.
 */
function offsetAt(epochMs: number, timeZone: string): number {
  let hours = steadyHours.get(timeZone);
  if (!hours) {
    hours = new Map();
    steadyHours.set(timeZone, hours);
  }
  const hour = Math.floor(epochMs / HOUR_MS);
  const known = hours.get(hour);
  if (known !== undefined) return known;
  const first = measuredOffset(hour * HOUR_MS, timeZone);
  if (measuredOffset(hour * HOUR_MS + HOUR_MS - 1, timeZone) !== first)
    return measuredOffset(epochMs, timeZone);
  if (hours.size >= MAX_STEADY_HOURS) hours.clear();
  hours.set(hour, first);
  return first;
}

/** The instant at which the clocks of `timeZone` show the given wall time (as UTC fields). */
export function instantOfWallTime(wallAsUtcMs: number, timeZone: string): number {
  let guess = wallAsUtcMs - offsetAt(wallAsUtcMs, timeZone);
  guess = wallAsUtcMs - offsetAt(guess, timeZone);
  return guess;
}

export function epochToSerial(epochMs: number, timeZone: string): number {
  const offset = offsetAt(epochMs, timeZone);
  return (epochMs + offset - SERIAL_EPOCH) / DAY_MS;
}

export function serialToEpoch(serial: number, timeZone: string): number {
  return instantOfWallTime(SERIAL_EPOCH + Math.round(serial * DAY_MS), timeZone);
}
