/**
 * Sends Brex calls over the HTTP port: bearer auth, the JSON body, an Idempotency-Key on every
 * POST and PUT, the rate limiter (each request of a batch paced), retries with backoff, and the
 * caller's deadline. One call goes through `fetch`; a batch of GETs goes through `fetchAll`, its
 * retryable failures retried together.
 */
import type { BrexError } from './errors';
import {
  SendingRefused,
  type Clock,
  type HttpPort,
  type HttpRequest,
  type HttpResponse,
} from './http-port';
import type { Operation } from './operations';
import { buildQuery, type QueryParams } from './query-string';
import type { RateLimit } from './rate-limiter';
import { TokenBucket } from './rate-limiter';
import {
  deadlineError,
  errorForResponse,
  malformedResponseError,
  networkError,
  traceIdOf,
  type CallContext,
} from './response-errors';
import { isRetryableStatus, retryDelay, type RetryPolicy } from './retry-policy';

export interface BrexCall {
  readonly operation: Operation;
  /** Fills `{id}` in the operation's path. */
  readonly pathId?: string;
  readonly query?: QueryParams;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** For POST and PUT: the key to send; a new one is made when absent. */
  readonly idempotencyKey?: string;
  /** Epoch ms: no request or retry wait may end after it. */
  readonly deadline?: number;
}

export interface Delivered {
  /** The parsed body (undefined when the operation ignores it). */
  readonly data: unknown;
  readonly traceId: string | null;
  /** The key sent with a POST or PUT. */
  readonly idempotencyKey?: string;
}

export interface SenderSettings {
  readonly http: HttpPort;
  readonly clock: Clock;
  readonly random: () => number;
  readonly newUuid: () => string;
  readonly token: string;
  readonly baseUrl: string;
  readonly deadline?: number;
  readonly retry: RetryPolicy;
  readonly rateLimit: RateLimit;
  readonly onRetry?: (retry: RetryNotice) => void;
}

/** A retry about to wait: the attempt that follows the wait, out of how many. */
export interface RetryNotice {
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly waitMs: number;
}

interface Prepared {
  readonly request: HttpRequest;
  readonly context: Omit<CallContext, 'attempts'>;
  readonly deadline: number;
  readonly idempotencyKey?: string;
}

/**
 * What one request of a wave got: a response, the error its wave's transmission threw, or, when
 * it was never sent because its deadline came first, that error.
 */
interface Outcome {
  readonly response?: HttpResponse;
  readonly thrown?: unknown;
  readonly unsent?: BrexError;
}

interface Failure {
  readonly index: number;
  readonly error: BrexError;
  readonly retryAfter?: string;
}

/** A failure whose retry would end after a deadline (`past`: its own). */
interface Late extends Failure {
  readonly past: boolean;
}

export class RequestSender {
  private readonly bucket: TokenBucket;
  /** While set, `send` hands its call here instead of sending it (see write-batch.ts). */
  private intercept: ((call: BrexCall) => Delivered) | null = null;

  constructor(private readonly settings: SenderSettings) {
    this.bucket = new TokenBucket(settings.rateLimit);
  }

  /** Runs `work` with every `send` it makes answered by `answer` instead of the network. */
  intercepted<T>(answer: (call: BrexCall) => Delivered, work: () => T): T {
    this.intercept = answer;
    try {
      return work();
    } finally {
      this.intercept = null;
    }
  }

  send(call: BrexCall): Delivered {
    if (this.intercept) return this.intercept(call);
    const [delivered] = this.deliver([call], (requests) =>
      requests.map((r) => this.settings.http.fetch(r)),
    );
    return delivered as Delivered;
  }

  /** Sends the calls in parallel (`fetchAll`); the results come back in the calls' order. */
  sendAll(calls: readonly BrexCall[]): Delivered[] {
    if (calls.length === 0) return [];
    return this.deliver(
      calls,
      (requests) => this.settings.http.fetchAll(requests),
      false,
    ) as Delivered[];
  }

  /**
   * Like `sendAll`, but each call that fails (after its retries, or at its deadline) gives its
   * error as its result, a write's cut-off answer included, so one call's failure never hides
   * another's answer.
   */
  settleAll(calls: readonly BrexCall[]): (Delivered | BrexError)[] {
    if (calls.length === 0) return [];
    return this.deliver(calls, (requests) => this.settings.http.fetchAll(requests), true);
  }

  private deliver(
    calls: readonly BrexCall[],
    transmit: (requests: HttpRequest[]) => HttpResponse[],
    settle = false,
  ): (Delivered | BrexError)[] {
    const prepared = calls.map((call) => this.prepare(call));
    const results: (Delivered | BrexError)[] = [];
    let pending = prepared.map((_, index) => index);
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      const contextOf = (index: number): CallContext => ({
        ...(prepared[index] as Prepared).context,
        attempts: attempt,
      });
      const outcomes = this.paced(pending, prepared, contextOf, transmit, settle);

      const failures: Failure[] = [];
      pending.forEach((index, position) => {
        const { response, thrown, unsent } = outcomes[position] as Outcome;
        if (unsent) {
          results[index] = unsent;
          return;
        }
        if (response === undefined) {
          failures.push({ index, error: networkError(contextOf(index), thrown) });
          return;
        }
        if (response.status >= 200 && response.status < 300) {
          const call = prepared[index] as Prepared;
          try {
            results[index] = this.accept(call, contextOf(index), response);
          } catch (error) {
            // A body cut off in transit: reading again is safe; a write's fate is the caller's to check.
            if (call.request.method !== 'get') {
              if (!settle) throw error;
              results[index] = error as BrexError;
              return;
            }
            failures.push({ index, error: error as BrexError });
          }
          return;
        }
        const error = errorForResponse(contextOf(index), response);
        if (!isRetryableStatus(response.status)) {
          if (!settle) throw error;
          results[index] = error;
          return;
        }
        failures.push({ index, error, retryAfter: response.headers['retry-after'] });
      });

      if (failures.length === 0) break;
      const first = failures[0] as Failure;
      if (attempt >= this.settings.retry.maxAttempts) {
        if (!settle) throw first.error;
        for (const failure of failures) results[failure.index] = failure.error;
        break;
      }
      const late = this.waitBeforeRetry(attempt, failures, prepared);
      if (late) {
        if (!settle) throw (late.find((f) => f.past) as Late).error;
        for (const { index, error } of late) results[index] = error;
        break;
      }
      pending = failures.map((failure) => failure.index);
    }
    return results;
  }

  private prepare(call: BrexCall): Prepared {
    const { operation } = call;
    const path = operation.path.replace('{id}', encodeURIComponent(call.pathId ?? ''));
    const url = this.settings.baseUrl + path + buildQuery(call.query ?? []);
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.settings.token}`,
      Accept: 'application/json',
    };
    let idempotencyKey: string | undefined;
    if (operation.method === 'post' || operation.method === 'put') {
      // One key per logical call, reused by its retries only: Brex then applies the change once.
      idempotencyKey = call.idempotencyKey ?? this.settings.newUuid();
      headers['Idempotency-Key'] = idempotencyKey;
    }
    let payload: string | undefined;
    if (call.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(call.body);
    }
    const request: HttpRequest =
      payload === undefined
        ? { url, method: operation.method, headers }
        : { url, method: operation.method, headers, payload };
    return {
      request,
      context: { operation, url, pathId: call.pathId, token: this.settings.token },
      deadline: Math.min(call.deadline ?? Infinity, this.settings.deadline ?? Infinity),
      idempotencyKey,
    };
  }

  /**
   * Sends the requests in waves of as many as the rate limiter admits at that moment, so each
   * request leaves when its token is taken: a batch never goes out at once after a long wait,
   * which would put more requests in one 60-s window than the bucket allows.
   */
  private paced(
    pending: readonly number[],
    prepared: readonly Prepared[],
    contextOf: (index: number) => CallContext,
    transmit: (requests: HttpRequest[]) => HttpResponse[],
    settle: boolean,
  ): Outcome[] {
    const outcomes: Outcome[] = [];
    let late: BrexError | null = null;
    while (outcomes.length < pending.length && late === null) {
      const wave: number[] = [];
      do {
        const index = pending[outcomes.length + wave.length] as number;
        late = this.admit(prepared[index] as Prepared, contextOf(index), wave.length === 0);
        if (late && !settle) throw late;
        if (!late) wave.push(index);
      } while (
        late === null &&
        outcomes.length + wave.length < pending.length &&
        this.bucket.waitTime(this.settings.clock.now()) === 0
      );
      if (wave.length === 0) break;
      try {
        const responses = transmit(wave.map((index) => (prepared[index] as Prepared).request));
        outcomes.push(...wave.map((_, position) => ({ response: responses[position] })));
      } catch (thrown) {
        if (thrown instanceof SendingRefused) throw thrown;
        outcomes.push(...wave.map(() => ({ thrown })));
      }
    }
    // A call whose deadline came before its turn is not sent, nor any after it.
    const unsent = pending.slice(outcomes.length);
    return [...outcomes, ...unsent.map((i) => ({ unsent: deadlineError(contextOf(i)) }))];
  }

  /**
   * Waits for the rate limiter (when `mayWait`) and takes a token; gives the deadline's error
   * instead when that wait would pass the deadline.
   */
  private admit(prepared: Prepared, context: CallContext, mayWait: boolean): BrexError | null {
    const { clock } = this.settings;
    const wait = this.bucket.waitTime(clock.now());
    if (clock.now() + wait >= prepared.deadline) return deadlineError(context);
    if (wait > 0 && mayWait) clock.sleep(wait);
    this.bucket.take(clock.now());
    return null;
  }

  private accept(prepared: Prepared, context: CallContext, response: HttpResponse): Delivered {
    const traceId = traceIdOf(response);
    const idempotencyKey = prepared.idempotencyKey;
    if (context.operation.ignoresBody) return { data: undefined, traceId, idempotencyKey };
    try {
      return { data: JSON.parse(response.body) as unknown, traceId, idempotencyKey };
    } catch {
      throw malformedResponseError(context, response);
    }
  }

  /**
   * Sleeps the longest wait any failure asks for; when that wait would pass a call's deadline,
   * sleeps not and gives each failure its deadline's error instead.
   */
  private waitBeforeRetry(
    attempt: number,
    failures: readonly Failure[],
    prepared: readonly Prepared[],
  ): Late[] | null {
    const { clock, random, retry } = this.settings;
    const now = clock.now();
    const wait = Math.max(
      ...failures.map((f) => retryDelay(retry, attempt, random, now, f.retryAfter)),
    );
    if (failures.some((f) => now + wait >= (prepared[f.index] as Prepared).deadline)) {
      return failures.map((failure) => {
        const call = prepared[failure.index] as Prepared;
        const error = deadlineError({ ...call.context, attempts: attempt }, failure.error);
        return { index: failure.index, error, past: now + wait >= call.deadline };
      });
    }
    this.settings.onRetry?.({ attempt: attempt + 1, maxAttempts: retry.maxAttempts, waitMs: wait });
    clock.sleep(wait);
    return null;
  }
}
