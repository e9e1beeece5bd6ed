/**
 * Results kept in the document's cache, so that an identical call sends no request. A cache value
 * holds at most 100 KB, so a result is cut into chunks under a manifest key; the manifest names
 * the chunks' generation, so chunks left by an older write are never mixed with newer ones, and a
 * missing or altered chunk is a miss, never a wrong answer.
 */
import { decodeResult, encodeResult, type FunctionResult } from './result';

/** The document cache (CacheService.getDocumentCache() in Apps Script). */
export interface CachePort {
  getAll(keys: readonly string[]): Readonly<Record<string, string>>;
  putAll(values: Readonly<Record<string, string>>, ttlSeconds: number): void;
}

/** Apps Script's limit is 100 KB per value; encoded results are ASCII, so chars are bytes. */
export const CHUNK_CHARS = 100_000;
/** Apps Script keys may have 250 characters; a hashed key stays far below. */
const KEY_PREFIX = 'brexfn:';

interface Manifest {
  readonly generation: string;
  readonly chunks: number;
  readonly length: number;
}

export class ResultCache {
  constructor(
    private readonly cache: CachePort,
    /** A new id per write (e.g. the time and a random part). */
    private readonly newGeneration: () => string,
  ) {}

  /** The cached result under `key` (a short, hashed key), or null. */
  get(key: string): FunctionResult | null {
    const manifestKey = KEY_PREFIX + key;
    const raw = this.cache.getAll([manifestKey])[manifestKey];
    const manifest = raw === undefined ? null : parseManifest(raw);
    if (!manifest) return null;
    const keys = chunkKeys(key, manifest);
    const found = this.cache.getAll(keys);
    const parts = keys.map((k) => found[k]);
    if (parts.some((part) => part === undefined)) return null;
    const text = parts.join('');
    return text.length === manifest.length ? decodeResult(text) : null;
  }

  put(key: string, result: FunctionResult, ttlSeconds: number): void {
    const text = encodeResult(result);
    const manifest: Manifest = {
      generation: this.newGeneration(),
      chunks: Math.max(1, Math.ceil(text.length / CHUNK_CHARS)),
      length: text.length,
    };
    const values: Record<string, string> = {};
    chunkKeys(key, manifest).forEach((k, i) => {
      values[k] = text.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS);
    });
    // One putAll writes the chunks and the manifest together.
    values[KEY_PREFIX + key] = JSON.stringify(manifest);
    this.cache.putAll(values, ttlSeconds);
  }
}

function chunkKeys(key: string, manifest: Manifest): string[] {
  return Array.from(
    { length: manifest.chunks },
    (_, i) => `${KEY_PREFIX}${key}:${manifest.generation}:${i}`,
  );
}

function parseManifest(raw: string): Manifest | null {
  try {
    const m = JSON.parse(raw) as Partial<Manifest>;
    const valid =
      typeof m.generation === 'string' &&
      Number.isInteger(m.chunks) &&
      (m.chunks as number) > 0 &&
      Number.isInteger(m.length);
    return valid ? (m as Manifest) : null;
  } catch {
    return null;
  }
}
