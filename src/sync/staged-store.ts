/**
 * The sync state of one execution, read in one call and written in one call per checkpoint.
 * PropertiesService costs tens of milliseconds a call whatever its size, so a refresh that read and
 * wrote each cursor and health value on its own spent seconds on them; this store reads every
 * document property once (`getAll`), keeps the execution's changes in memory, and `commit` writes
 * them with one `setAll` (plus one delete per removed key, which Apps Script cannot batch).
 *
 * Only keys changed in this execution are written, so a value another execution saved meanwhile
 * (the settings, a disconnect) is never overwritten with an old copy.
 */
import type { BulkKeyValuePort, KeyValuePort } from '../ports/key-value-port';

export class StagedStore implements KeyValuePort {
  private values: Map<string, string> | null = null;
  private readonly changed = new Set<string>();
  private readonly removed = new Set<string>();
  /** Keys the underlying store holds, as far as this execution knows. */
  private readonly stored = new Set<string>();

  constructor(private readonly base: BulkKeyValuePort) {}

  get(key: string): string | null {
    return this.loaded().get(key) ?? null;
  }

  set(key: string, value: string): void {
    this.loaded().set(key, value);
    this.changed.add(key);
    this.removed.delete(key);
  }

  delete(key: string): void {
    this.loaded().delete(key);
    this.changed.delete(key);
    if (this.stored.has(key)) this.removed.add(key);
  }

  /**
   * Writes this execution's changes since the last commit (those `only` accepts, when given);
   * nothing when there are none.
   */
  commit(only: (key: string) => boolean = () => true): void {
    if (this.values === null) return;
    const changed = [...this.changed].filter(only);
    if (changed.length > 0) {
      const values: Record<string, string> = {};
      for (const key of changed) values[key] = this.values.get(key) as string;
      this.base.setAll(values);
      for (const key of changed) {
        this.stored.add(key);
        this.changed.delete(key);
      }
    }
    for (const key of [...this.removed].filter(only)) {
      this.base.delete(key);
      this.stored.delete(key);
      this.removed.delete(key);
    }
  }

  private loaded(): Map<string, string> {
    if (this.values === null) {
      this.values = new Map(Object.entries(this.base.getAll()));
      for (const key of this.values.keys()) this.stored.add(key);
    }
    return this.values;
  }
}
