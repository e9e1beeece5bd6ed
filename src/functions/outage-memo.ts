/**
 * A failure every formula would meet again: the token refused, Brex unreachable or failing, the
 * rate limit still hit after the client's retries. The first formula to meet it notes it in the
 * document cache for a short while, and the sheet's other formulas show it at once instead of
 * each asking Brex and waiting out its retries, which would only prolong the wait or the rate
 * limit. Noted per connection, so connecting a working token is used at once.
 */
import { BrexError, type BrexErrorKind } from '../brex';
import type { CachePort } from './result-cache';

/** How long each kind of failure is shown without asking Brex again. */
const OUTAGES: Partial<Record<BrexErrorKind, { readonly seconds: number; readonly when: string }>> =
  {
    invalid_token: { seconds: 300, when: 'within 5 minutes' },
    expired_token: { seconds: 300, when: 'within 5 minutes' },
    rate_limited: { seconds: 60, when: 'in a minute' },
    server_error: { seconds: 30, when: 'in 30 seconds' },
    network: { seconds: 30, when: 'in 30 seconds' },
  };

const KEY_PREFIX = 'brexfn-outage:';

export class OutageMemo {
  constructor(private readonly cache: CachePort) {}

  /** The message of a failure noted for this connection, or null. */
  get(connectionId: string): string | null {
    const key = KEY_PREFIX + connectionId;
    return this.cache.getAll([key])[key] ?? null;
  }

  /** Notes `error` when it is one that every formula would meet. */
  note(connectionId: string, error: unknown): void {
    if (!(error instanceof BrexError)) return;
    const outage = OUTAGES[error.kind];
    if (!outage) return;
    const message = `${error.message} (Formulas ask Brex again ${outage.when}, or at once after you connect again.)`;
    this.cache.putAll({ [KEY_PREFIX + connectionId]: message }, outage.seconds);
  }
}
