import type { KeyValuePort } from '../../../src/ports/key-value-port';

/** Document properties in memory. */
export class MemoryStore implements KeyValuePort {
  readonly values = new Map<string, string>();

  get(key: string): string | null {
    return this.values.get(key) ?? null;
  }

  set(key: string, value: string): void {
    this.values.set(key, value);
  }

  delete(key: string): void {
    this.values.delete(key);
  }
}
