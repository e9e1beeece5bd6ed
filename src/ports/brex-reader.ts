/**
 * What the sync core reads from Brex: one page of a list at a time, and the card accounts (a bare
 * array); a refresh also reads the first pages of several lists at once. `clientReader` adapts
 * the Brex client; tests may hand in a scripted reader.
 */
import type {
  BrexClient,
  CardAccount,
  FirstRead,
  FirstResult,
  ListItem,
  ListName,
  ListQuery,
  Page,
  UserLimit,
} from '../brex';

export interface BrexReader {
  page<K extends ListName>(list: K, query: ListQuery<K>, cursor: string | null): Page<ListItem<K>>;
  cardAccounts(): CardAccount[];
  /**
   * Each user's monthly limit (Brex has no list of them), read in parallel and paced; in the ids'
   * order, null where Brex has none for that user (404).
   */
  userLimits(userIds: readonly string[]): (UserLimit | null)[];
}

/** A refresh's reader: it also reads several lists' first pages at once (see read-ahead.ts). */
export interface RefreshReader extends BrexReader {
  /** In one parallel batch, each request paced; a refusal comes back in its read's place. */
  firstReads(reads: readonly FirstRead[]): FirstResult[];
}

/** Every call stops starting (and retrying) at `deadline`, so a refresh ends before Apps Script's wall. */
export function clientReader(client: BrexClient, deadline: number): RefreshReader {
  return {
    page(list, query, cursor) {
      const next = client.pages(list, query, { cursor, deadline }).next();
      if (next.done) throw new Error(`Brex returned no page for ${list}. Try the refresh again.`);
      return next.value;
    },
    cardAccounts: () => client.listCardAccounts({ deadline }),
    userLimits: (userIds) => client.findEach('userLimit', userIds, { deadline }),
    firstReads: (reads) => client.firstReads(reads, { deadline }),
  };
}
