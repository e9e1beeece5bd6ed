/**
 * A token bucket that keeps one execution under Brex's 1,000 requests per 60 s. Any 60-second
 * window admits at most `burst + refill per minute` requests, so the defaults (burst 50, refill
 * 15 per second) allow at most 950. Each execution has its own bucket (Apps Script keeps no memory
 * between executions), starting full: any 60 s holds at most 900 plus 50 per execution started
 * in it, so a refresh resumed by the next execution stays within 1,000; 429 handling covers
 * executions that overlap.
 */

export interface RateLimit {
  /** Requests that may go out at once after a quiet spell. */
  readonly burst: number;
  /** Requests per second, sustained. */
  readonly perSecond: number;
}

export const defaultRateLimit: RateLimit = { burst: 50, perSecond: 15 };

export class TokenBucket {
  private tokens: number;
  private updatedAt: number | undefined;

  constructor(private readonly limit: RateLimit) {
    this.tokens = limit.burst;
  }

  /** Milliseconds until a token is free (0 when one is free now). */
  waitTime(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 1000) / this.limit.perSecond);
  }

  /** Spends a token; call only when `waitTime` is 0. */
  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }

  private refill(now: number): void {
    if (this.updatedAt !== undefined) {
      const earned = ((now - this.updatedAt) * this.limit.perSecond) / 1000;
      this.tokens = Math.min(this.limit.burst, this.tokens + earned);
    }
    this.updatedAt = now;
  }
}
