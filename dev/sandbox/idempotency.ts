/**
 * Replays the first response for a repeated Idempotency-Key on the same path, as Brex does, so a
 * retried write is never applied twice. The key belongs to the request it first came with: the
 * same key with a different body is refused (Brex does not document that case; refusing it is
 * the stricter reading, and a client that reuses a key for another edit must fail here).
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
    const entry = this.entries.get(`${method} ${path} ${key}`);
    if (!entry) return { kind: 'new' };
    if (entry.fingerprint !== fingerprint(rawBody)) return { kind: 'other_request' };
    return { kind: 'replay', response: entry.response };
  }

  remember(
    method: string,
    path: string,
    key: string,
    rawBody: string,
    response: StoredResponse,
  ): void {
    this.entries.set(`${method} ${path} ${key}`, { fingerprint: fingerprint(rawBody), response });
  }

  clear(): void {
    this.entries.clear();
  }
}

/** The body's meaning: JSON with its keys sorted, so spacing and key order do not count. */
function fingerprint(rawBody: string): string {
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
