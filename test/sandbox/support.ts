/** Helpers for sandbox tests: an HTTP client for the sandbox and full paging. */
import type { Sandbox } from '../../dev/sandbox';

export { at } from '../../dev/sandbox/at';

/** The value, or a thrown error naming what was missing. */
export function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`Expected ${what}.`);
  return value;
}

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: unknown;
}

export async function call(
  sandbox: { url: string },
  token: string | null,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

/** A listed object: its id (`budget_id` for budgets). */
export type Listed = { id?: string; budget_id?: string | null };

const MAX_REQUESTS = 5000;

/**
 * Follows next_cursor to the end (from `start` if given); retries faulted pages (429, 5xx, cut
 * bodies) up to `retries` times. Gives up after 5000 requests so a cursor loop cannot hang a test.
 */
export async function pageAll(
  sandbox: Sandbox | { url: string },
  token: string,
  path: string,
  { retries = 0, start = null }: { retries?: number; start?: string | null } = {},
): Promise<{ items: Listed[]; requests: number }> {
  const items: Listed[] = [];
  let cursor: string | null = start;
  let requests = 0;
  while (requests < MAX_REQUESTS) {
    const separator = path.includes('?') ? '&' : '?';
    const url: string = cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path;
    let reply: Reply | null = null;
    for (let attempt = 0; attempt <= retries; attempt++) {
      requests++;
      reply = await call(sandbox, token, 'GET', url);
      if (reply.status === 200 && reply.body !== undefined) break;
    }
    if (!reply || reply.status !== 200 || reply.body === undefined) {
      throw new Error(`GET ${url} failed: ${reply?.status} ${reply?.text.slice(0, 200)}`);
    }
    const page = reply.body as { next_cursor: string | null; items: { id?: string }[] };
    items.push(...page.items);
    if (!page.next_cursor) return { items, requests };
    cursor = page.next_cursor;
  }
  throw new Error(`GET ${path} did not reach the last page in ${MAX_REQUESTS} requests.`);
}

let keys = 0;

/** A Brex write with the full token and a fresh Idempotency-Key (or the one given). */
export function write(
  sandbox: { url: string; token: string },
  method: 'POST' | 'PUT',
  path: string,
  body?: unknown,
  key = `test-key-${++keys}`,
): Promise<Reply> {
  return call(sandbox, sandbox.token, method, path, {
    body,
    headers: { 'Idempotency-Key': key },
  });
}

/** Brex's 400 error body with a message matching `pattern`. */
export function refusal(pattern: RegExp): unknown {
  return { type: 'BAD_REQUEST', message: expect.stringMatching(pattern) as unknown };
}
