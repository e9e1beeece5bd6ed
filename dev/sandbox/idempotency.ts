/**
 * Replays the first response for a repeated Idempotency-Key on the same path, as Brex does, so a
 * retried write is never applied twice.
 */
export interface StoredResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export class IdempotencyStore {
  private readonly responses = new Map<string, StoredResponse>();

  get(method: string, path: string, key: string): StoredResponse | undefined {
    return this.responses.get(`${method} ${path} ${key}`);
  }

  remember(method: string, path: string, key: string, response: StoredResponse): void {
    this.responses.set(`${method} ${path} ${key}`, response);
  }

  clear(): void {
    this.responses.clear();
  }
}
