/**
 * Write-ahead records of pushes: "pushing target T from A to B with key K" is stored before the
 * request and removed once Brex's answer is known. A record that survives (the answer was lost,
 * or the execution was killed) makes the next push of the same change reuse K, so Brex replays
 * its first answer instead of applying the change twice. Kept in document properties: whoever
 * pushes next, the change is the same target's. A target is an action and a Brex id
 * (`targetKey`); values are the action's canonical text of what it changes.
 */
import { readJson, writeJson, writeJsonAll, type KeyValuePort } from '../ports/key-value-port';

export interface InFlightPush {
  /** `targetKey` of the change: its action and Brex id. */
  readonly id: string;
  /** The value at the last sync, and the value sent (canonical text, e.g. minor units). */
  readonly from: string;
  readonly to: string;
  readonly idempotencyKey: string;
  readonly user: string;
  readonly startedAt: string;
}

const keyOf = (target: string): string => `writeback.pushing.${target}`;

export class InFlightPushes {
  constructor(private readonly store: KeyValuePort) {}

  get(target: string): InFlightPush | null {
    const record = readJson<InFlightPush>(this.store, keyOf(target));
    return record && { ...record, from: String(record.from), to: String(record.to) };
  }

  /** The record of this exact change (same target, same values), if one was left unfinished. */
  matching(target: string, from: string, to: string): InFlightPush | null {
    const record = this.get(target);
    return record && record.from === from && record.to === to ? record : null;
  }

  /** Stores the records of a batch of changes, in one call where the store can. */
  begin(records: readonly InFlightPush[]): void {
    writeJsonAll(this.store, InFlightPushes.entries(records));
  }

  /** The records as stored, for a caller that writes them with other values in one call. */
  static entries(records: readonly InFlightPush[]): Map<string, InFlightPush> {
    return new Map(records.map((record) => [keyOf(record.id), record]));
  }

  finish(target: string): void {
    this.store.delete(keyOf(target));
  }
}

const AUDITED_KEY = 'writeback.audited';
/** About 40 bytes a key: well under a property's 9 KB. */
const MAX_AUDITED = 150;

/**
 * Idempotency keys of pushed changes whose audit rows are written but whose answers are not yet
 * settled into the rows. A push killed in between leaves the change pending with its record: the
 * next push sends it again with the same key, Brex replays, and this says its audit row exists.
 */
export class AuditedAhead {
  private keys: string[];

  constructor(private readonly store: KeyValuePort) {
    this.keys = readJson<string[]>(store, AUDITED_KEY) ?? [];
  }

  has(key: string | null): boolean {
    return key !== null && this.keys.includes(key);
  }

  add(keys: readonly string[]): void {
    if (keys.length === 0) return;
    this.keys = [...this.keys.filter((k) => !keys.includes(k)), ...keys].slice(-MAX_AUDITED);
    writeJson(this.store, AUDITED_KEY, this.keys);
  }

  remove(keys: readonly string[]): void {
    const left = this.keys.filter((k) => !keys.includes(k));
    if (left.length === this.keys.length) return;
    this.keys = left;
    if (left.length === 0) this.store.delete(AUDITED_KEY);
    else writeJson(this.store, AUDITED_KEY, left);
  }
}
