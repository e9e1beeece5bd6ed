import { CHUNK_CHARS, ResultCache, type CachePort } from '../../src/functions/result-cache';
import type { Grid } from '../../src/functions/result';

class MemoryCache implements CachePort {
  readonly values = new Map<string, string>();
  readonly ttls: number[] = [];

  getAll(keys: readonly string[]) {
    const found: Record<string, string> = {};
    for (const key of keys) {
      const value = this.values.get(key);
      if (value !== undefined) found[key] = value;
    }
    return found;
  }

  putAll(values: Readonly<Record<string, string>>, ttlSeconds: number) {
    for (const [key, value] of Object.entries(values)) {
      if (key.length > 250) throw new Error('key too long');
      if (Buffer.byteLength(value, 'utf8') > 100 * 1024) throw new Error('value too large');
      this.values.set(key, value);
    }
    this.ttls.push(ttlSeconds);
  }
}

function newCache() {
  let generation = 0;
  const memory = new MemoryCache();
  return { memory, cache: new ResultCache(memory, () => `g${++generation}`) };
}

const bigGrid = (): Grid => [
  ['Brex ID', 'Merchant', 'Amount', 'Posted date'],
  ...Array.from({ length: 3000 }, (_, i) => [
    `tx_${i}`,
    `Café ${i} — ünïcode`,
    i / 100,
    new Date(Date.UTC(2026, 0, 1 + (i % 28))),
  ]),
];

describe('result-cache', () => {
  it('returns what was put, dates and non-ASCII text included', () => {
    const { cache } = newCache();
    const grid = bigGrid();

    cache.put('k', grid, 900);

    expect(cache.get('k')).toEqual(grid);
  });

  it('cuts a large result into values under 100 KB, written together with the given lifetime', () => {
    const { memory, cache } = newCache();

    cache.put('k', bigGrid(), 900);

    expect(memory.values.size).toBeGreaterThan(3);
    for (const value of memory.values.values())
      expect(value.length).toBeLessThanOrEqual(CHUNK_CHARS);
    expect(memory.ttls).toEqual([900]);
  });

  it('keeps a single number', () => {
    const { cache } = newCache();

    cache.put('k', 1234.56, 60);

    expect(cache.get('k')).toBe(1234.56);
  });

  it('misses when nothing was put', () => {
    expect(newCache().cache.get('k')).toBeNull();
  });

  it('misses, rather than answering wrong, when a chunk was evicted', () => {
    const { memory, cache } = newCache();
    cache.put('k', bigGrid(), 900);
    const chunk = [...memory.values.keys()].find((key) => key.endsWith(':1'));

    memory.values.delete(chunk as string);

    expect(cache.get('k')).toBeNull();
  });

  it('misses when a chunk was altered', () => {
    const { memory, cache } = newCache();
    cache.put('k', bigGrid(), 900);
    const chunk = [...memory.values.keys()].find((key) => key.endsWith(':0')) as string;

    memory.values.set(chunk, (memory.values.get(chunk) as string).slice(1));

    expect(cache.get('k')).toBeNull();
  });

  it('reads the newest write, never chunks of an older one', () => {
    const { cache } = newCache();
    cache.put('k', bigGrid(), 900);

    cache.put('k', [['only row']], 900);

    expect(cache.get('k')).toEqual([['only row']]);
  });
});
