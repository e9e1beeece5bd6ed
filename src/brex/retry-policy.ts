/**
 * When to try a request again and how long to wait first. Brex recommends exponential backoff
 * with jitter on 429; 5xx gateway errors and network failures are transient in the same way.
 * "Full jitter" waits a random time between 0 and the exponential ceiling, which spreads retries
 * of several executions apart. A `Retry-After` header, when Brex sends one, wins.
 */

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** The ceiling of the first retry's wait; it doubles with every retry. */
  readonly baseDelayMs: number;
  /** The ceiling no wait goes above (a longer Retry-After is still honoured). */
  readonly maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 32000,
};

const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/**
 * Milliseconds to wait before retry number `retry` (1 for the first retry).
 * `retryAfter` is the header's raw value: seconds, or an HTTP date.
 */
export function retryDelay(
  policy: RetryPolicy,
  retry: number,
  random: () => number,
  now: number,
  retryAfter?: string,
): number {
  const requested = retryAfter === undefined ? undefined : parseRetryAfter(retryAfter, now);
  if (requested !== undefined) return requested;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

function parseRetryAfter(value: string, now: number): number | undefined {
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
