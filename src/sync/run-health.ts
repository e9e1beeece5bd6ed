/** A data set's sync health as a run moves it along: started, succeeded, or failed. */
import { BrexError } from '../brex';
import type { DataSetId } from '../data-sets/data-set';
import type { KeyValuePort } from '../ports/key-value-port';
import { readHealth, writeHealth, type DataSetHealth } from './sync-health';

/** Brex's refusals that make a data set unavailable to this account, not broken. */
const UNAVAILABLE = new Set(['cash_not_enabled', 'budget_management_not_enabled', 'missing_scope']);

export function startHealth(store: KeyValuePort, id: DataSetId, now: number): DataSetHealth {
  return { ...readHealth(store, id), state: 'in_progress', lastRun: new Date(now).toISOString() };
}

/** `note`: what the sidebar should know of a refresh that succeeded (a smaller page size). */
export function succeed(
  store: KeyValuePort,
  health: DataSetHealth,
  now: number,
  note: string | null = null,
): DataSetHealth {
  const done: DataSetHealth = {
    ...health,
    state: 'ok',
    lastSuccess: new Date(now).toISOString(),
    message: note,
    traceId: null,
  };
  writeHealth(store, done);
  return done;
}

export function failedHealth(
  store: KeyValuePort,
  id: DataSetId,
  error: unknown,
  now: number,
): DataSetHealth {
  const health = readHealth(store, id);
  const brex = error instanceof BrexError ? error : null;
  const failed: DataSetHealth = {
    ...health,
    state: brex && UNAVAILABLE.has(brex.kind) ? 'unavailable' : 'error',
    lastRun: new Date(now).toISOString(),
    message: error instanceof Error ? error.message : String(error),
    traceId: brex?.traceId ?? null,
  };
  writeHealth(store, failed);
  return failed;
}
