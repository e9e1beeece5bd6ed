/**
 * How long formula results stay cached: a document setting, so every editor's formulas share it.
 * Longer means fewer Brex requests and older numbers; "Refresh formulas" always fetches anew.
 */
import type { KeyValuePort } from '../ports/key-value-port';

const CACHE_MINUTES_KEY = 'functions.cacheMinutes';
export const DEFAULT_CACHE_MINUTES = 15;
/** CacheService keeps a value at most 6 hours. */
export const MAX_CACHE_MINUTES = 360;

export function readCacheMinutes(store: KeyValuePort): number {
  const saved = Number(store.get(CACHE_MINUTES_KEY));
  return Number.isInteger(saved) && saved >= 1 && saved <= MAX_CACHE_MINUTES
    ? saved
    : DEFAULT_CACHE_MINUTES;
}

/** Stores the lifetime; anything but a whole number of minutes from 1 to 360 is refused. */
export function saveCacheMinutes(store: KeyValuePort, minutes: number): number {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_CACHE_MINUTES) {
    throw new Error(
      `The formula cache lifetime ${minutes} is not a whole number of minutes from 1 to ${MAX_CACHE_MINUTES}. Choose one in that range.`,
    );
  }
  store.set(CACHE_MINUTES_KEY, String(minutes));
  return minutes;
}
