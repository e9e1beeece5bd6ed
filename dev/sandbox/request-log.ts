/** The sandbox's record of every Brex API request it answered, for tests to assert on. */

export interface LoggedRequest {
  readonly seq: number;
  readonly method: string;
  readonly path: string;
  /** Query parameters; repeated keys keep every value. */
  readonly query: Record<string, string[]>;
  /** Request headers, lower-cased, with `authorization` removed: a token never reaches the log. */
  readonly headers: Record<string, string>;
  /** Which token kind was used (`full`, `readonly`, …), or null for an unknown or missing token. */
  readonly token: string | null;
  readonly status: number;
  /** Injected fault, if any (`rate429`, `err5xx`, `slow`, `truncate`, `lost`, `applied5xx`), or `rate_limit` past Brex's limit. */
  readonly fault: string | null;
  /** True when the response was replayed for a repeated Idempotency-Key. */
  readonly replayed: boolean;
  /** Contract violations found in strict mode (request and response). */
  readonly violations: string[];
  /** The request's body as sent ('' for none), so a test can see exactly what a write asked for. */
  readonly body: string;
}

export function queryRecord(query: URLSearchParams): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of query) (out[key] ??= []).push(value);
  return out;
}

export function safeHeaders(headers: Record<string, string | string[] | undefined>) {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === 'authorization' || value === undefined) continue;
    out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
