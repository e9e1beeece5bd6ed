/**
 * Conflicts a push found: Brex's value changed since the sync, so the change was not sent. Kept
 * in document properties (by target) until the change is pushed, resolved or gone, so the review
 * can show both values and offer "keep mine" or "take Brex's" (`resolve.ts`).
 */
import { readJson, writeJson, type KeyValuePort } from '../ports/key-value-port';

const KEY = 'writeback.conflicts';
/** About 200 bytes an entry: well under a property's 9 KB. */
const MAX_ENTRIES = 40;

export class Conflicts {
  constructor(private readonly store: KeyValuePort) {}

  /** What the push said of this target's conflict, or null. */
  get(target: string): string | null {
    return this.all()[target] ?? null;
  }

  note(target: string, message: string): void {
    const entries = Object.entries(this.all()).filter(([t]) => t !== target);
    entries.push([target, message]);
    writeJson(this.store, KEY, Object.fromEntries(entries.slice(-MAX_ENTRIES)));
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
