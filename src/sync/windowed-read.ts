/**
 * A long read of one list in date windows side by side. The cursor dates from the filter start to
 * the moment the windows are made are cut into at most `READ_WINDOWS` spans, and each round asks
 * Brex for the next page of every unfinished window together (`fetchAll`; the client paces each
 * request under Brex's limit), so the read takes as many round trips as its busiest window has
 * pages, not as many as all its pages. Expense pages hold at most 100 items, so this is what
 * makes a long expense history fast.
 *
 * A round's pages are written as one batch, then every window's position staged and
 * checkpointed (incremental-read.ts): a run stopped or killed anywhere goes on from the last round
 * it recorded, and a round read again is harmless, rows being keyed by Brex id. The newest
 * window is open (a clock behind Brex's loses nothing). An item updated while the read goes on
 * (for hours, across executions) may move from a window not read yet into one already read; its
 * new date is later than every date read before it moved (the older windows end earlier), so the
 * next refresh, reading from the latest date seen minus the lookback, reads it then. Adjacent
 * windows share their boundary second, so an item updated in it is read twice, never missed.
 */
import type { Page } from '../brex';
import type { WindowRequest } from '../data-sets/data-set';
import { toBrexFilterTime } from '../cells/time-zone';
import type { WindowPosition } from './incremental-cursor';
import { isRefusedCursor } from './page-fetch';
import { checkTime, type Run } from './run-context';

/**
 * Windows read side by side: 16 pages a round stay inside the rate limiter's burst of 50, so a
 * round is never paced, and a window's last, partly full page costs little.
 */
export const READ_WINDOWS = 16;

/** A window spans at least a week: a refresh over a few days reads one page after another. */
const WINDOW_MIN_MS = 7 * 24 * 3_600_000;

/** One round of a windowed read: its pages' items and where the windows stand after it. */
export interface WindowRound<T> {
  readonly items: readonly T[];
  readonly pages: number;
  readonly windows: readonly WindowPosition[];
}

/**
 * Pure: the windows of a read from `since` (a Brex filter time) to `end` (epoch ms), oldest first,
 * in whole seconds, the last one open; null when the span is too short for two of them, or `most`
 * is below two.
 */
export function windowsOf(since: string, end: number, most: number): WindowPosition[] | null {
  const start = Date.parse(`${since}Z`);
  const last = Math.floor(end / 1000) * 1000;
  const count = Math.min(most, Math.floor((last - start) / WINDOW_MIN_MS));
  if (!(count >= 2)) return null;
  const size = Math.ceil((last - start) / count / 1000) * 1000;
  return Array.from({ length: count }, (_, i) => ({
    start: toBrexFilterTime(start + i * size),
    end: i === count - 1 ? null : toBrexFilterTime(start + (i + 1) * size),
    cursor: null,
    done: false,
  }));
}

/**
 * Reads the unfinished windows round after round until every one is done; `take` writes a round
 * and stages the windows as it leaves them. Stops (OutOfTime) before a round past the run's
 * budget. Returns a note for sync health when Brex refused the saved cursors and the unfinished
 * windows were read again from their starts; null otherwise.
 */
export function readWindows<T>(
  run: Run,
  windows: readonly WindowPosition[],
  fetch: (requests: WindowRequest[]) => Page<T>[],
  take: (round: WindowRound<T>) => void,
): string | null {
  let current = [...windows];
  let note: string | null = null;
  for (let open = current.filter((w) => !w.done); open.length > 0;) {
    checkTime(run);
    let pages: Page<T>[];
    try {
      pages = fetch(open.map(({ start, end, cursor }) => ({ start, end, cursor })));
    } catch (error) {
      // Cursors saved hours ago may be refused: the open windows start again, once.
      if (note !== null || !open.some((w) => w.cursor !== null) || !isRefusedCursor(error)) {
        throw error;
      }
      note =
        'Brex no longer accepted the saved page cursors, so the unfinished date windows were read again from their starts.';
      current = current.map((w) => (w.done ? w : { ...w, cursor: null }));
      open = current.filter((w) => !w.done);
      continue;
    }
    const next = pages.values();
    current = current.map((w) => {
      if (w.done) return w;
      const cursor = next.next().value?.nextCursor ?? null;
      return { ...w, cursor, done: cursor === null };
    });
    take({ items: pages.flatMap((p) => p.items), pages: pages.length, windows: current });
    open = current.filter((w) => !w.done);
  }
  return note;
}
