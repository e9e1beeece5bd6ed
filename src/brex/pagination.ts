/**
 * Brex pages with `cursor` + `limit` and answers `{next_cursor, items}`. `pages` is the primitive:
 * a lazy iterator that fetches one page per step, so a caller can write a page, checkpoint its
 * `nextCursor` and stop, then resume later from that cursor. `collectPages` gathers on top of it
 * and insists on a bound, so no call reads an unbounded history by accident.
 */
import { BrexError } from './errors';
import type { Operation } from './operations';
import { repeatedCursorError } from './response-errors';
import type { Delivered } from './request-sender';

export interface Page<T> {
  readonly items: T[];
  /** The cursor this page was fetched with (null for the first page). */
  readonly cursor: string | null;
  /** The cursor of the next page; null on the last page. */
  readonly nextCursor: string | null;
  readonly traceId: string | null;
  /** Set when Brex refused the list's largest page and a smaller one was read instead. */
  readonly pageSize?: { readonly largest: number; readonly used: number };
}

/** Stop after `maxItems` (whole pages, so the result stays resumable) or when `stopWhen` says so. */
export type CollectBound<T> =
  | { readonly maxItems: number; readonly stopWhen?: (page: Page<T>) => boolean }
  | { readonly maxItems?: number; readonly stopWhen: (page: Page<T>) => boolean };

export interface Collected<T> {
  readonly items: T[];
  /** Where to resume; null when the list was read to its end. */
  readonly nextCursor: string | null;
}

/** Yields page after page from `startCursor` until Brex reports no next page. */
export function* pages<T>(
  operation: Operation,
  fetchPage: (cursor: string | null) => Page<T>,
  startCursor: string | null = null,
): Generator<Page<T>, void, undefined> {
  const seen = new Set<string>(startCursor === null ? [] : [startCursor]);
  let cursor = startCursor;
  for (;;) {
    const page = fetchPage(cursor);
    const next = page.nextCursor;
    // Checked before the page is handed out, so a looping cursor is never checkpointed.
    if (next !== null && seen.has(next)) throw repeatedCursorError(operation, next, page.traceId);
    yield page;
    if (next === null) return;
    seen.add(next);
    cursor = next;
  }
}

export function collectPages<T>(source: Iterable<Page<T>>, bound: CollectBound<T>): Collected<T> {
  const { maxItems, stopWhen } = bound;
  if (maxItems !== undefined && !(Number.isInteger(maxItems) && maxItems > 0)) {
    throw new RangeError(`maxItems must be a positive whole number, not ${maxItems}.`);
  }
  const items: T[] = [];
  let nextCursor: string | null = null;
  for (const page of source) {
    items.push(...page.items);
    nextCursor = page.nextCursor;
    if (maxItems !== undefined && items.length >= maxItems) break;
    if (stopWhen?.(page)) break;
  }
  return { items, nextCursor };
}

/** Reads `{next_cursor, items}`; anything else is a malformed answer. */
export function readPage<T>(
  operation: Operation,
  cursor: string | null,
  delivered: Delivered,
): Page<T> {
  const body = delivered.data as { items?: unknown; next_cursor?: unknown } | null;
  if (!body || typeof body !== 'object' || !Array.isArray(body.items)) {
    throw new BrexError({
      kind: 'malformed_response',
      operation: operation.id,
      traceId: delivered.traceId,
      message: `Brex's answer when asked to list ${operation.subject} had no list of items. Try again.`,
    });
  }
  const next =
    typeof body.next_cursor === 'string' && body.next_cursor !== '' ? body.next_cursor : null;
  return { items: body.items as T[], cursor, nextCursor: next, traceId: delivered.traceId };
}
