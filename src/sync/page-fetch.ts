/**
 * One page of a data set's source as a refresh reads it, and what sync health should say of it.
 * Brex does not promise that a cursor saved at a checkpoint still works hours later (nor which
 * status refuses it: 400, 404 or 410), nor that a list keeps its largest page size.
 */
import { BrexError, type Page } from '../brex';
import type { Source } from '../data-sets/data-set';

export interface Fetched<T> {
  readonly page: Page<T>;
  /** True when the cursor was refused and the source's first page read instead. */
  readonly restarted: boolean;
  /** For sync health: a restart, or a smaller page size Brex forced; null when neither. */
  readonly note: string | null;
}

/**
 * The page at `cursor`. When Brex refuses that cursor and `mayRestart`, the source's first page
 * instead: the source's filter starts at `since` (the last date seen minus the lookback), so
 * reading from there again loses nothing, and rows are keyed, so repeating is harmless.
 */
export function fetchPage<T>(
  source: Source<T>,
  cursor: string | null,
  mayRestart: boolean,
  since: string,
): Fetched<T> {
  try {
    const page = source.fetch(cursor);
    return { page, restarted: false, note: pageSizeNote(page) };
  } catch (error) {
    if (cursor === null || !mayRestart || !isRefusedCursor(error)) throw error;
    const page = source.fetch(null);
    return {
      page,
      restarted: true,
      note:
        pageSizeNote(page) ??
        `Brex no longer accepted the saved page cursor, so this list was read again from ${since}.`,
    };
  }
}

/** Pure: what sync health says when Brex refused a list's largest page (see `Page.pageSize`). */
export function pageSizeNote(page: Page<unknown>): string | null {
  if (!page.pageSize) return null;
  const { largest, used } = page.pageSize;
  return `Brex refused pages of ${largest} items, so this list is read ${used} at a time.`;
}

/** Brex refused a page cursor (which status it uses for that is not promised). */
export function isRefusedCursor(error: unknown): boolean {
  return (
    error instanceof BrexError &&
    (error.kind === 'bad_request' || error.kind === 'not_found' || error.status === 410)
  );
}
