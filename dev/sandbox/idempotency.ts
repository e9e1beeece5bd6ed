/**
 * Replays the first response for a repeated Idempotency-Key, as Brex does, so a retried write is
 * never applied twice. A key names one request: sent again with another method, path or body, it
 * is refused. Brex's docs only say a client "must not provide identical idempotency keys for
 * different requests"; replaying the first answer instead would hide such a client's bug.
 */
export interface StoredResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** What a stored key answers for a request: its stored response, or that the key names another. */
export type Remembered =
  | { readonly kind: 'replay'; readonly response: StoredResponse }
  | { readonly kind: 'other_request' };

export class IdempotencyStore {
  private readonly responses = new Map<string, { request: string; response: StoredResponse }>();

  get(method: string, path: string, key: string, body: string): Remembered | undefined {
    const stored = this.responses.get(key);
    if (!stored) return undefined;
    return stored.request === requestOf(method, path, body)
      ? { kind: 'replay', response: stored.response }
      : { kind: 'other_request' };
  }

  remember(method: string, path: string, key: string, body: string, response: StoredResponse) {
    this.responses.set(key, { request: requestOf(method, path, body), response });
  }

  clear(): void {
    this.responses.clear();
  }
}

/** The request a key was used for; the body compared as JSON, whatever its key order or spacing. */
function requestOf(method: string, path: string, body: string): string {
  return `${method} ${path} ${canonical(body)}`;
}

function canonical(body: string): string {
  try {
    return JSON.stringify(sorted(JSON.parse(body)));
  } catch {
    return body.trim();
  }
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
  );
}
