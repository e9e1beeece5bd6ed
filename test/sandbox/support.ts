/** Helpers for sandbox tests: an HTTP client for the sandbox and full paging. */
import type { Sandbox } from '../../dev/sandbox';

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

/** Follows next_cursor to the end; retries faulted pages (429, 5xx, cut bodies) up to `retries`. */
export async function pageAll(
  sandbox: Sandbox | { url: string },
  token: string,
  path: string,
  retries = 0,
): Promise<{ items: { id?: string; budget_id?: string }[]; requests: number }> {
  const items: { id?: string; budget_id?: string }[] = [];
  let cursor: string | null = null;
  let requests = 0;
  for (;;) {
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
}
