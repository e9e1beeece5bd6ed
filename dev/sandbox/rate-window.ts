/**
 * Brex's rate limit, per account (every token of one Brex account together): 1,000 requests in
 * any 60 seconds (developer.brex.com/docs/rate_limits, "per Client ID and Brex account").
 * Every request counts, refused ones included, since Brex does not say that refused ones are free.
 * A request over the limit gets 429 with no `Retry-After`, as Brex documents no such header.
 */

export const BREX_REQUESTS_PER_WINDOW = 1000;
export const WINDOW_MS = 60_000;

export class RateWindow {
  private readonly sent = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly clock: () => number,
  ) {}

  /** Counts a request for `account`; false when it is over the limit. */
  admit(account: string): boolean {
    const now = this.clock();
    const times = (this.sent.get(account) ?? []).filter((t) => now - t < WINDOW_MS);
    times.push(now);
    this.sent.set(account, times);
    return times.length <= this.limit;
  }

  clear(): void {
    this.sent.clear();
  }
}
