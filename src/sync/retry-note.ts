/**
 * "Brex is busy, retrying": the Brex client sleeps before a retry, and nothing else is written
 * while it sleeps, so the refresh notes each retry at once (one property write, only on a retry)
 * for the sidebar's progress polls. A note speaks only until its wait is over, plus a little for
 * the retried request itself; a later retry writes a new one.
 */
import type { RetryNotice } from '../brex';
import { readJson, writeJson, type KeyValuePort } from '../ports/key-value-port';

export const RETRY_NOTE_KEY = 'sync.retry';

/** How long after its wait a note still counts: the retried request is under way meanwhile. */
const GRACE_MS = 3_000;

export interface RetryNote {
  /** The attempt the refresh is waiting to make, out of `maxAttempts`. */
  readonly attempt: number;
  readonly maxAttempts: number;
  /** Epoch ms when the wait ends. */
  readonly until: number;
}

export function writeRetryNote(store: KeyValuePort, notice: RetryNotice, now: number): void {
  const note: RetryNote = {
    attempt: notice.attempt,
    maxAttempts: notice.maxAttempts,
    until: now + notice.waitMs,
  };
  writeJson(store, RETRY_NOTE_KEY, note);
}

/** Pure: the note while it still speaks, else null. */
export function currentRetry(
  store: KeyValuePort,
  now: number,
): { readonly attempt: number; readonly maxAttempts: number } | null {
  const note = readJson<RetryNote>(store, RETRY_NOTE_KEY);
  if (!note || now > note.until + GRACE_MS) return null;
  return { attempt: note.attempt, maxAttempts: note.maxAttempts };
}
