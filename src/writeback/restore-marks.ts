/**
 * What the refresh does for edits in read-only columns (`read-only-columns.ts`): once it has
 * written Brex's records into their rows, an edited cell of those rows holds Brex's value again,
 * so its mark goes and its note says when the value was restored. `onEdit` flags the sheets that
 * have such marks, so that the refresh reads the marks of no other sheet; a sheet stays flagged
 * while a mark waits for its row to be written (a row the refresh of an incremental data set has
 * not read again).
 */
import { findHeader } from '../cells/header';
import type { RowsFromBrex } from '../data-sets/data-set';
import { readJson, writeJson, type KeyValuePort } from '../ports/key-value-port';
import type { HeaderRow } from '../ports/table-port';
import {
  columnRuns,
  isUnrestoredNote,
  readOnlyColumns,
  restoredNote,
  type BlockMarksPort,
} from './read-only-columns';

const FLAGS_KEY = 'writeback.readonly';

/** The sheets with marks of edits in read-only columns that no refresh has restored yet. */
export function flaggedSheets(store: KeyValuePort): Set<string> {
  return new Set(readJson<string[]>(store, FLAGS_KEY) ?? []);
}

export function flagSheet(store: KeyValuePort, sheetName: string): void {
  const flagged = flaggedSheets(store);
  if (!flagged.has(sheetName)) writeJson(store, FLAGS_KEY, [...flagged, sheetName]);
}

function unflagSheet(store: KeyValuePort, sheetName: string): void {
  const flagged = flaggedSheets(store);
  if (flagged.delete(sheetName)) writeJson(store, FLAGS_KEY, [...flagged]);
}

export interface RestoreDeps {
  readonly store: KeyValuePort;
  readonly blocks: BlockMarksPort;
}

/**
 * After the refresh wrote rows of a flagged sheet: each marked cell of those rows, in a column
 * whose cell was written (not kept for a pending edit), gets its restored note and loses the
 * refused colour. One read of backgrounds and of notes per run of read-only columns, and at most
 * one write of each.
 */
export function restoreReadOnlyMarks(deps: RestoreDeps, written: RowsFromBrex): void {
  if (!flaggedSheets(deps.store).has(written.sheetName)) return;
  const header: HeaderRow = written.sheet[0] ?? [];
  const rows = written.sheet.length - 1;
  const columns = readOnlyColumns(written.sheetName, header);
  const note = restoredNote(written.at);
  let waiting = false;
  for (const [first, last] of rows > 0 ? columnRuns(columns) : []) {
    const current = deps.blocks.read(written.sheetName, 2, first, rows, last - first + 1);
    const backgrounds = current.backgrounds.map((row) => [...row]);
    const notes = current.notes.map((row) => [...row]);
    let changed = false;
    notes.forEach((cells, r) => {
      const kept = written.rows.get(r + 1);
      cells.forEach((cell, c) => {
        if (!isUnrestoredNote(String(cell))) return;
        if (kept === undefined || keeps(header, kept, first + c)) {
          waiting = true;
          return;
        }
        cells[c] = note;
        (backgrounds[r] as string[])[c] = '#ffffff';
        changed = true;
      });
    });
    if (changed) deps.blocks.write(written.sheetName, 2, first, { backgrounds, notes });
  }
  if (!waiting) unflagSheet(deps.store, written.sheetName);
}

/** Pure: whether one of the `kept` headers is at 1-based `column`. */
function keeps(header: HeaderRow, kept: readonly string[], column: number): boolean {
  return kept.some((name) => findHeader(header, name) === column - 1);
}
