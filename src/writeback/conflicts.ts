/**
 * Conflicts a push found: Brex's value changed since the sync, so the change was not sent. Kept
 * in document properties (by target) until the change is pushed, resolved or gone, so the review
 * can show both values and offer "keep mine" or "take Brex's" (`resolve.ts`).
 */
import {
  MAX_PROPERTY_VALUE_BYTES,
  readJson,
  utf8Length,
  writeJson,
  type KeyValuePort,
} from '../ports/key-value-port';

const KEY = 'writeback.conflicts';
/**
 * Messages quote both values, and a memo can be long: each is clipped, and the oldest entries go
 * first when they would pass a property's 9 KB. A forgotten conflict is found again by the next
 * push, which reads Brex before it sends anything.
 */
const MAX_MESSAGE_CHARS = 300;
const MAX_BYTES = MAX_PROPERTY_VALUE_BYTES - 512;

export class Conflicts {
  constructor(private readonly store: KeyValuePort) {}

  /** What the push said of this target's conflict, or null. */
  get(target: string): string | null {
    return this.all()[target] ?? null;
  }

  note(target: string, message: string): void {
    const entries = Object.entries(this.all()).filter(([t]) => t !== target);
    entries.push([target, clip(message)]);
    while (entries.length > 1 && utf8Length(JSON.stringify(Object.fromEntries(entries))) > MAX_BYTES) {
      entries.shift();
    }
    writeJson(this.store, KEY, Object.fromEntries(entries));
  }

  /** Forgets the conflicts of every target but these (the targets with a change pending). */
  keepOnly(targets: ReadonlySet<string>): void {
    const all = this.all();
    const kept = Object.entries(all).filter(([target]) => targets.has(target));
    if (kept.length !== Object.keys(all).length) {
      writeJson(this.store, KEY, Object.fromEntries(kept));
    }
  }

  forget(target: string): void {
    this.keepOnly(new Set(Object.keys(this.all()).filter((t) => t !== target)));
  }

  private all(): Record<string, string> {
    return readJson<Record<string, string>>(this.store, KEY) ?? {};
  }
}

function clip(message: string): string {
  return message.length <= MAX_MESSAGE_CHARS
    ? message
    : `${message.slice(0, MAX_MESSAGE_CHARS - 1)}…`;
}
