/**
 * Replays the first response for a repeated Idempotency-Key, as Brex does, so a retried write is
 * never applied twice. The key belongs to the request it first came with, method, path and body:
 * Brex says a client "must not provide identical idempotency keys for different requests"
 * (developer.brex.com/docs/idempotency) but not what it does then, nor whether keys are per
 * endpoint. Refusing the key for any other request, on any endpoint, is the stricter reading: if
 * Brex's keys are account-wide, the other request would be taken for a duplicate and dropped.
 */
export interface StoredResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

interface Entry {
  readonly fingerprint: string;
  readonly response: StoredResponse;
}

/** What a key recalls: nothing yet, the stored answer, or a different request's key. */
export type Recalled =
  | { readonly kind: 'new' }
  | { readonly kind: 'replay'; readonly response: StoredResponse }
  | { readonly kind: 'other_request' };

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  recall(method: string, path: string, key: string, rawBody: string): Recalled {
    const entry = this.entries.get(key);
    if (!entry) return { kind: 'new' };
    if (entry.fingerprint !== fingerprint(method, path, rawBody)) return { kind: 'other_request' };
    return { kind: 'replay', response: entry.response };
  }

  remember(
    method: string,
    path: string,
    key: string,
    rawBody: string,
    response: StoredResponse,
  ): void {
    this.entries.set(key, { fingerprint: fingerprint(method, path, rawBody), response });
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * The request's meaning: method, path and the body as JSON with its keys sorted, so spacing and
 * key order do not count.
 */
function fingerprint(method: string, path: string, rawBody: string): string {
  return `${method} ${path} ${bodyMeaning(rawBody)}`;
}

function bodyMeaning(rawBody: string): string {
  const text = rawBody.trim();
  if (text === '') return '';
  try {
    return JSON.stringify(JSON.parse(text), (_key, value: unknown) =>
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
        : value,
    );
  } catch {
    return text;
  }
}
