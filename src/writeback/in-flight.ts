/**
 * Write-ahead records of pushes: "pushing limit L from A to B with key K" is stored before the PUT
 * and removed once Brex's answer is known. A record that survives (the answer was lost, or the
 * execution was killed) makes the next push of the same change reuse K, so Brex replays its first
 * answer instead of applying the change twice. Kept in document properties: whoever pushes next,
 * the change is the same spend limit's.
 */
import { readJson, writeJson, type KeyValuePort } from '../ports/key-value-port';

export interface InFlightPush {
  readonly id: string;
  /** Minor units at the last sync, and the amount sent. */
  readonly from: number;
  readonly to: number;
  readonly currency: string;
  readonly idempotencyKey: string;
  readonly user: string;
  readonly startedAt: string;
}

const keyOf = (id: string): string => `writeback.pushing.${id}`;

export class InFlightPushes {
  constructor(private readonly store: KeyValuePort) {}

  get(id: string): InFlightPush | null {
    return readJson<InFlightPush>(this.store, keyOf(id));
  }

  /** The record of this exact change (same limit, same amounts), if one was left unfinished. */
  matching(id: string, from: number, to: number): InFlightPush | null {
    const record = this.get(id);
    return record && record.from === from && record.to === to ? record : null;
  }

  begin(record: InFlightPush): void {
    writeJson(this.store, keyOf(record.id), record);
  }

  finish(id: string): void {
    this.store.delete(keyOf(id));
  }
}
