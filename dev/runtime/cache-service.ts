/**
 * CacheService: document, user and script caches on the runtime's clock. 100 KB per value,
 * keys of at most 250 characters, TTL of at most 6 hours (default 10 minutes). A write that takes
 * a cache past 1,000 items leaves the 900 farthest from expiry, as Cache.put's reference says.
 */
import { fail, op, remote, type Execution, type Host, type ServiceTable } from './host';
import {
  CACHE_DEFAULT_TTL_SECONDS,
  CACHE_ITEMS_KEPT,
  CACHE_KEY_CHARS,
  CACHE_MAX_ITEMS,
  CACHE_MAX_TTL_SECONDS,
  CACHE_VALUE_BYTES,
  MESSAGES,
} from './limits';

export interface CacheEntry {
  readonly value: string;
  readonly expiresAt: number;
}

/** Every cache by scope (`document`, `script`, `user:<email>`), then by key. */
export type CacheStores = Map<string, Map<string, CacheEntry>>;

/**
 * Drops expired items, then keeps the 900 farthest from expiry. Items expiring together are kept
 * newest first, so what one putAll wrote survives or goes as a whole when it can.
 */
function evict(cache: Map<string, CacheEntry>, now: number): void {
  const live = [...cache].filter(([, entry]) => entry.expiresAt > now);
  if (live.length <= CACHE_MAX_ITEMS) {
    for (const [key, entry] of cache) if (entry.expiresAt <= now) cache.delete(key);
    return;
  }
  const kept = live
    .map((item, order) => ({ item, order }))
    .sort((a, b) => b.item[1].expiresAt - a.item[1].expiresAt || b.order - a.order)
    .slice(0, CACHE_ITEMS_KEPT)
    .sort((a, b) => a.order - b.order);
  cache.clear();
  for (const { item } of kept) cache.set(item[0], item[1]);
}

interface CacheHandle {
  readonly scope: string;
}

export function createCacheService(host: Host, caches: CacheStores): ServiceTable {
  const cacheOf = (h: CacheHandle) => {
    let cache = caches.get(h.scope);
    if (!cache) caches.set(h.scope, (cache = new Map()));
    return cache;
  };
  const checkKey = (key: unknown): string => {
    const k = String(key);
    if (k.length > CACHE_KEY_CHARS) fail(MESSAGES.cacheKey);
    return k;
  };
  const lookup = (h: CacheHandle, key: string): string | null => {
    const cache = cacheOf(h);
    const entry = cache.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= host.clock.now()) {
      cache.delete(key);
      return null;
    }
    return entry.value;
  };
  const store = (x: Execution, h: CacheHandle, entries: [string, unknown][], ttl?: number) => {
    const seconds = ttl === undefined ? CACHE_DEFAULT_TTL_SECONDS : Number(ttl);
    if (!(seconds >= 1 && seconds <= CACHE_MAX_TTL_SECONDS)) fail(MESSAGES.cacheTtl);
    const checked = entries.map(([k, v]) => {
      const value = String(v);
      if (Buffer.byteLength(value, 'utf8') > CACHE_VALUE_BYTES) fail(MESSAGES.cacheValue);
      return [checkKey(k), value] as const;
    });
    host.count(x, 'cacheWrites');
    const expiresAt = host.clock.now() + seconds * 1000;
    const cache = cacheOf(h);
    for (const [k, value] of checked) {
      // Deleted first, so the map's order is the order of writes (the newest last).
      cache.delete(k);
      cache.set(k, { value, expiresAt });
    }
    if (cache.size > CACHE_MAX_ITEMS) evict(cache, host.clock.now());
  };

  const scopeFor = (kind: string) => (x: Execution) =>
    remote('Cache', { scope: kind === 'user' ? `user:${x.user}` : kind });

  return {
    'CacheService.getDocumentCache': op('store', scopeFor('document')),
    'CacheService.getScriptCache': op('store', scopeFor('script')),
    'CacheService.getUserCache': op('store', scopeFor('user')),
    'Cache.get': op('store', (x, h: CacheHandle, key: string) => {
      host.count(x, 'cacheReads');
      return lookup(h, checkKey(key));
    }),
    'Cache.getAll': op('store', (x, h: CacheHandle, keys: string[]) => {
      host.count(x, 'cacheReads');
      const out: Record<string, string> = {};
      for (const key of keys) {
        const value = lookup(h, checkKey(key));
        if (value !== null) out[key] = value;
      }
      return out;
    }),
    'Cache.put': op('store', (x, h: CacheHandle, key: string, value: unknown, ttl?: number) => {
      store(x, h, [[key, value]], ttl);
    }),
    'Cache.putAll': op(
      'store',
      (x, h: CacheHandle, values: Record<string, unknown>, ttl?: number) => {
        store(x, h, Object.entries(values), ttl);
      },
    ),
    'Cache.remove': op('store', (x, h: CacheHandle, key: string) => {
      host.count(x, 'cacheWrites');
      cacheOf(h).delete(checkKey(key));
    }),
    'Cache.removeAll': op('store', (x, h: CacheHandle, keys: string[]) => {
      host.count(x, 'cacheWrites');
      for (const key of keys) cacheOf(h).delete(checkKey(key));
    }),
  };
}
