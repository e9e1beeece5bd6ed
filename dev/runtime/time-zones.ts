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
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(epochMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const utc = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1);
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    millisecond: ((epochMs % 1000) + 1000) % 1000,
    weekday: new Date(utc).getUTCDay(),
  };
}

function offsetAt(epochMs: number, timeZone: string): number {
  const w = wallTime(epochMs, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
  return asUtc - epochMs;
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
