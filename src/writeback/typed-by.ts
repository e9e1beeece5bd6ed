/**
 * Who typed each pending amount, as the `onEdit` event names them (Sheets gives the editor's email
 * only when its domain policy allows; otherwise nothing is recorded). The audit row then shows who
 * pushed a change and who typed it, which differ when one person reviews another's edit. Kept in
 * one document property, newest last, at most MAX_ENTRIES limits.
 */
import { readJson, writeJson, type KeyValuePort } from '../ports/key-value-port';

const KEY = 'writeback.typedBy';
/** About 80 bytes an entry: well under a property's 9 KB. */
const MAX_ENTRIES = 90;

export class TypedBy {
  constructor(private readonly store: KeyValuePort) {}

  /** The email that last typed this limit's amount; '' when unknown. */
  get(id: string): string {
    return readJson<Record<string, string>>(this.store, KEY)?.[id] ?? '';
  }

  /** Records `email` (or forgets the typist, when Sheets named none) for the edited limits. */
  note(ids: readonly string[], email: string): void {
    if (ids.length === 0) return;
    const edited = new Set(ids);
    const entries = Object.entries(readJson<Record<string, string>>(this.store, KEY) ?? {}).filter(
      ([id]) => !edited.has(id),
    );
    if (email) entries.push(...ids.map((id): [string, string] => [id, email]));
    writeJson(this.store, KEY, Object.fromEntries(entries.slice(-MAX_ENTRIES)));
  }
}
