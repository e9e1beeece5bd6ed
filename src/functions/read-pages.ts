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

/** The message for a list that is small in Brex but did not arrive in time. */
export function answeredTooSlowly(fn: string, sheetName: string): () => string {
  return () =>
    `${fn}: Brex did not answer within the formula's time limit. Try again in a minute, or use the ${sheetName} sheet (Extensions ▸ Brex ▸ Refresh now).`;
}
