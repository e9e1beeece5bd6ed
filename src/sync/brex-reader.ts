/**
 * What the sync core reads from Brex: one page of a list at a time, and the card accounts (a bare
 * array). `clientReader` adapts the Brex client; tests may hand in a scripted reader.
 */
import {
  BrexError,
  type BrexClient,
  type CardAccount,
  type ListItem,
  type ListName,
  type ListQuery,
  type Page,
  type UserLimit,
} from '../brex';

const NO_LIMIT = { monthly_limit: null, monthly_available: null } as unknown as UserLimit;

export interface BrexReader {
  page<K extends ListName>(list: K, query: ListQuery<K>, cursor: string | null): Page<ListItem<K>>;
  cardAccounts(): CardAccount[];
  /** Each user's monthly limit (Brex has no list of them), read in parallel; in the ids' order. */
  userLimits(userIds: readonly string[]): UserLimit[];
}

/** Every call stops starting (and retrying) at `deadline`, so a refresh ends before Apps Script's wall. */
export function clientReader(client: BrexClient, deadline: number): BrexReader {
  return {
    page(list, query, cursor) {
      const next = client.pages(list, query, { cursor, deadline }).next();
      if (next.done) throw new Error(`Brex returned no page for ${list}. Try the refresh again.`);
      return next.value;
    },
    cardAccounts: () => client.listCardAccounts({ deadline }),
    userLimits: (userIds) => {
      try {
        return client.getEach('userLimit', userIds, { deadline });
      } catch (error) {
        if (!(error instanceof BrexError && error.kind === 'not_found')) throw error;
        // One user Brex has no limit for must not empty the whole sheet: read them one by one,
        // and show a limit Brex cannot find as none (blank cells).
        return userIds.map((id) => {
          try {
            return client.get('userLimit', id, { deadline });
          } catch (inner) {
            if (inner instanceof BrexError && inner.kind === 'not_found') return NO_LIMIT;
            throw inner;
          }
        });
      }
    },
  };
}
