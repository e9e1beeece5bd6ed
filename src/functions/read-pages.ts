/** Reading a whole list inside a custom function's time budget. */
import { BrexError, type Page } from '../brex';
import type { Source } from '../data-sets/data-set';
import { FunctionError } from './arguments';

/**
 * Every item of the sources, page after page. The Brex client refuses to start a call past the
 * deadline; then `tooLarge(itemsReadSoFar)` says what to do instead, rather than a result that
 * is silently cut short.
 */
export function readSources<T>(
  sources: readonly Source<T>[],
  tooLarge: (itemsRead: number) => string,
): T[] {
  const items: T[] = [];
  try {
    for (const source of sources) {
      const seen = new Set<string>();
      let cursor: string | null = null;
      do {
        const page: Page<T> = source.fetch(cursor);
        items.push(...page.items);
        cursor = page.nextCursor;
        if (cursor !== null && seen.has(cursor)) {
          throw new FunctionError(
            'Brex repeated a page cursor, so the list would never end. Try again in a few minutes.',
          );
        }
        if (cursor !== null) seen.add(cursor);
      } while (cursor !== null);
    }
  } catch (error) {
    if (error instanceof BrexError && error.kind === 'deadline_reached') {
      throw new FunctionError(tooLarge(items.length));
    }
    throw error;
  }
  return items;
}

/**
 * Every item of several queries of one list (date windows), read side by side: each round sends
 * the next page of every query not finished yet together (`fetch`), until none has more. The
 * items come in the queries' order. Out of time, `tooLarge(itemsReadSoFar)` says what to do.
 */
export function readWindows<Q, T>(
  queries: readonly Q[],
  fetch: (requests: { query: Q; cursor: string | null }[]) => Page<T>[],
  tooLarge: (itemsRead: number) => string,
): T[] {
  const windows = queries.map((query) => ({
    query,
    cursor: null as string | null,
    items: [] as T[],
    seen: new Set<string>(),
    done: false,
  }));
  try {
    for (let open = windows; open.length > 0; open = open.filter((w) => !w.done)) {
      const pages = fetch(open.map((w) => ({ query: w.query, cursor: w.cursor })));
      open.forEach((window, i) => {
        const page = pages[i] as Page<T>;
        window.items.push(...page.items);
        window.cursor = page.nextCursor;
        window.done = page.nextCursor === null;
        if (page.nextCursor !== null && window.seen.has(page.nextCursor)) {
          throw new FunctionError(
            'Brex repeated a page cursor, so the list would never end. Try again in a few minutes.',
          );
        }
        if (page.nextCursor !== null) window.seen.add(page.nextCursor);
      });
    }
  } catch (error) {
    if (error instanceof BrexError && error.kind === 'deadline_reached') {
      throw new FunctionError(tooLarge(windows.reduce((n, w) => n + w.items.length, 0)));
    }
    throw error;
  }
  return windows.flatMap((w) => w.items);
}

/** The message for a list that is small in Brex but did not arrive in time. */
export function answeredTooSlowly(fn: string, sheetName: string): () => string {
  return () =>
    `${fn}: Brex did not answer within the formula's time limit. Try again in a minute, or use the ${sheetName} sheet (Extensions ▸ Brex ▸ Refresh now).`;
}
