/**
 * Where an incremental data set stands: the last date it has seen (posted date or update time)
 * and, while a refresh is paging through it, the page to continue from. Written only after the
 * rows of the page it follows are in the sheet.
 */
import type { DataSetId } from '../data-sets/data-set';
import { readJson, writeJson, type KeyValuePort } from '../ports/key-value-port';
import { toBrexFilterTime } from '../cells/time-zone';

export interface Paging {
  /** The filter start this refresh pages with (kept, so resumed pages match the first ones). */
  readonly since: string;
  /** The source being read; null before the first and after the last (see `finished`). */
  readonly sourceKey: string | null;
  readonly cursor: string | null;
  /** Every page is read: what is left is the totals (of a tally) and the final cursor. */
  readonly finished?: boolean;
  /** Tallies only: a page of this refresh changed the tally, so the totals are computed again. */
  readonly changed?: boolean;
  /** The latest date seen so far in this refresh. */
  readonly maxSeen: string | null;
  /** The history start this refresh reads back to (`YYYY-MM-DD`). */
  readonly covers?: string;
  /** While the source is read in date windows (see windowed-read.ts): where each stands. */
  readonly windows?: readonly WindowPosition[];
}

/** One date window of a windowed read: its cursor dates (both included; the last has no end). */
export interface WindowPosition {
  readonly start: string;
  readonly end: string | null;
  readonly cursor: string | null;
  readonly done: boolean;
}

export interface CursorState {
  /** The latest date seen by the last complete refresh. */
  readonly last: string | null;
  readonly paging: Paging | null;
  /** The history start the rows read so far reach back to (`YYYY-MM-DD`). */
  readonly covers?: string;
  /** Tallies only: the history start the totals shown were computed from. */
  readonly totalsFrom?: string;
  /** Tallies only: the day the totals shown run through (the period's end). */
  readonly totalsThrough?: string;
}

const DAY_MS = 24 * 3600 * 1000;
const cursorKey = (id: DataSetId): string => `sync.cursor.${id}`;

export function readCursor(store: KeyValuePort, id: DataSetId): CursorState {
  return readJson<CursorState>(store, cursorKey(id)) ?? { last: null, paging: null };
}

export function writeCursor(store: KeyValuePort, id: DataSetId, state: CursorState): void {
  writeJson(store, cursorKey(id), state);
}

export function clearCursor(store: KeyValuePort, id: DataSetId): void {
  store.delete(cursorKey(id));
}

/**
 * Pure: where a new refresh reads from, and the history start it then reaches back to. It reads
 * from the last date seen minus the lookback; from the history start on the first refresh, and
 * again (a backfill, harmless to repeat since rows are keyed) when the start moved earlier than
 * the rows read so far reach.
 */
export function nextPaging(state: CursorState, lookbackDays: number, historyStart: string): Paging {
  const covers = state.covers ?? historyStart;
  const backfill = state.last === null || historyStart < covers;
  return {
    since: nextSince(backfill ? null : state.last, lookbackDays, historyStart),
    sourceKey: null,
    cursor: null,
    maxSeen: state.last,
    covers: backfill ? historyStart : covers,
  };
}

/** Pure: the filter start of a new refresh: the last date seen minus the lookback, or the history start. */
export function nextSince(last: string | null, lookbackDays: number, historyStart: string): string {
  const first = Date.parse(`${historyStart}T00:00:00Z`);
  if (last === null) return toBrexFilterTime(first);
  const seen = Date.parse(last.length === 10 ? `${last}T00:00:00Z` : last);
  if (Number.isNaN(seen)) return toBrexFilterTime(first);
  return toBrexFilterTime(Math.max(first, seen - lookbackDays * DAY_MS));
}

/** Pure: the later of two dates (date or timestamp strings), null-safe. */
export function later(a: string | null, b: string | null | undefined): string | null {
  if (!b) return a;
  if (a === null) return b;
  return Date.parse(b) > Date.parse(a) ? b : a;
}
