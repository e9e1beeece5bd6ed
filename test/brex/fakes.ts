/**
 * A scripted HTTP port and a fake clock for the Brex client's tests. The port answers from a script,
 * in order, and logs each request as `METHOD /path?query`; the clock only moves when slept.
 */
import {
  BrexClient,
  type BrexClientOptions,
  type HttpRequest,
  type HttpResponse,
} from '../../src/brex';

export const TOKEN = 'bxt_secret_token_0123456789';
export const BASE_URL = 'https://api.brex.com';
export const START = Date.UTC(2024, 0, 15, 12, 0, 0);

export type Scripted = HttpResponse | { readonly networkError: string };

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResponse {
  return {
    status,
    headers: { 'x-brex-trace-id': `trace-${status}`, ...headers },
    body: JSON.stringify(body),
  };
}

export function page(items: unknown[], nextCursor: string | null = null): HttpResponse {
  return json(200, { next_cursor: nextCursor, items });
}

export function brexError(
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {},
) {
  return json(status, { type, message }, headers);
}

export class ScriptedHttp {
  readonly requests: HttpRequest[] = [];
  /** How many times fetchAll was called. */
  batches = 0;
  private readonly script: Scripted[];

  constructor(script: Scripted[]) {
    this.script = [...script];
  }

  get log(): string[] {
    return this.requests.map(
      (r) => `${r.method.toUpperCase()} ${r.url.replace(/^https?:\/\/[^/]+/, '')}`,
    );
  }

  get unused(): number {
    return this.script.length;
  }

  fetch(request: HttpRequest): HttpResponse {
    this.requests.push(request);
    const next = this.script.shift();
    if (next === undefined) throw new Error(`Unscripted request: ${request.method} ${request.url}`);
    if ('networkError' in next) throw new Error(next.networkError);
    return next;
  }

  /** Like UrlFetchApp.fetchAll: one network failure fails the whole batch. */
  fetchAll(requests: readonly HttpRequest[]): HttpResponse[] {
    this.batches += 1;
    const answers = requests.map(() => this.script.shift());
    this.requests.push(...requests);
    const failed = answers.find((a) => a === undefined || 'networkError' in a);
    if (failed !== undefined)
      throw new Error(failed === undefined ? 'Unscripted request' : failed.networkError);
    return answers as HttpResponse[];
  }
}

export class FakeClock {
  readonly sleeps: number[] = [];
  constructor(private time = START) {}

  now(): number {
    return this.time;
  }

  sleep(milliseconds: number): void {
    this.sleeps.push(milliseconds);
    this.time += milliseconds;
  }
}

/** A client over a scripted port; `random` is 0.5 unless given, so backoff is predictable. */
export function clientFor(script: Scripted[], options: Partial<BrexClientOptions> = {}) {
  const http = new ScriptedHttp(script);
  const clock = new FakeClock();
  let uuids = 0;
  const client = new BrexClient({
    http,
    clock,
    random: () => 0.5,
    newUuid: () => `00000000-0000-4000-8000-${String(++uuids).padStart(12, '0')}`,
    token: TOKEN,
    ...options,
  });
  return { client, http, clock };
}

/** Runs `action` and returns the error it throws (failing when it throws none). */
export function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('Expected an error, but none was thrown.');
}
