/**
 * Who typed the cells of "Brex Transfers" rows, as the `onEdit` event names them: the two-person
 * rule refuses an approver who entered the payment, not only one who staged it (the first person
 * to open the review, who may not be the one who typed the row). An edit is noted as a run of
 * sheet rows and an email, so a paste of many rows is one entry. Staging moves a row's typists
 * into its staged record (which keeps them for good) and takes the row out of these runs, so a
 * later payment typed in the same row is not blamed on them. Rows are the key: a row moved before
 * its review (sorted, a row inserted above) may be credited to the wrong row, and an entry that no
 * longer fits is dropped oldest first; then the rule knows only the stager, as when Sheets names
 * no typist (domain policy). Kept in one document property, under a property's 9 KB.
 */
import { readJson, writeJson, type KeyValuePort } from '../../ports/key-value-port';

const KEY = 'payments.typists';
/** Serialized size kept under a property's 9 KB, with room to spare. */
const MAX_CHARS = 8000;

/** Rows `first`..`last` (1-based, inclusive) typed by `email`, oldest entry first. */
type Run = readonly [first: number, last: number, email: string];

export class PaymentTypists {
  constructor(private readonly store: KeyValuePort) {}

  /** Notes that `email` typed rows `first`..`last`; nothing when Sheets named no one. */
  note(first: number, last: number, email: string): void {
    if (!email || last < first) return;
    this.save([...this.runs(), [first, last, email.toLowerCase()]]);
  }

  /** The typists noted for a row, each once. */
  of(row: number): string[] {
    const emails = this.runs()
      .filter(([first, last]) => first <= row && row <= last)
      .map(([, , email]) => email);
    return [...new Set(emails)];
  }

  /** Takes the staged rows out of every run: their typists now live in their staged records. */
  forget(rows: readonly number[]): void {
    if (rows.length === 0) return;
    const gone = new Set(rows);
    const runs = this.runs();
    if (!runs.some(([first, last]) => rows.some((row) => first <= row && row <= last))) return;
    const kept = runs.flatMap(([first, last, email]): Run[] => {
      const pieces: Run[] = [];
      let start = first;
      for (let row = first; row <= last + 1; row++) {
        if (row <= last && !gone.has(row)) continue;
        if (row > start) pieces.push([start, row - 1, email]);
        start = row + 1;
      }
      return pieces;
    });
    this.save(kept);
  }

  private runs(): Run[] {
    return readJson<Run[]>(this.store, KEY) ?? [];
  }

  private save(runs: Run[]): void {
    let kept = runs;
    while (kept.length > 0 && JSON.stringify(kept).length > MAX_CHARS) kept = kept.slice(1);
    if (kept.length === 0) this.store.delete(KEY);
    else writeJson(this.store, KEY, kept);
  }
}
