/**
 * Edits that go nowhere: a synced sheet's own columns that no action reads are read from Brex, so
 * an edit there is never sent, and the refresh writes Brex's value back. Such an edit is marked
 * at once (the refused colour, and a note saying so); the refresh that restores the value says
 * that it did (`restore-marks.ts`). The Brex ID column is left out: a row whose id was edited no
 * longer matches it, and its actions' edits are refused for that reason. A person's own columns
 * (neither tagged nor headed as the add-on's) are never read-only.
 */
import { findHeader, headerText, KEY_HEADER } from '../cells/header';
import { STATUS_HEADER, type DataSet } from '../data-sets/data-set';
import { DATA_SETS } from '../data-sets';
import type { CellValue, HeaderRow } from '../ports/table-port';
import { WRITE_ACTIONS } from './actions';
import {
  NOT_SENT_NOTE_START,
  NOTE_PREFIX,
  REFUSED_BACKGROUND,
  RESTORED_NOTE_START,
} from './cell-marks';

/** The note of a cell edited in a read-only column of a data set read whole. */
export const READ_ONLY_NOTE = `${NOT_SENT_NOTE_START}this column is read from Brex. The next refresh restores Brex's value.`;
/**
 * The same for a data set read incrementally: a refresh reads again only the rows Brex changed,
 * so it restores such a cell when it next writes its row.
 */
export const READ_ONLY_NOTE_INCREMENTAL = `${NOT_SENT_NOTE_START}this column is read from Brex. Brex's value comes back when a refresh next writes this row.`;
const RESTORED = `${RESTORED_NOTE_START} at the refresh of `;

/** Pure: the note of a cell whose edit a refresh undid at `at`. */
export function restoredNote(at: Date): string {
  const when = `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `${RESTORED}${when}; edits here are not sent to Brex.`;
}

/** Pure: whether a note is one of this module's (an edit not sent, or one a refresh undid). */
export function isReadOnlyNote(note: string): boolean {
  return isUnrestoredNote(note) || note.startsWith(RESTORED);
}

/** Pure: whether a note says that the next refresh will restore the cell. */
export function isUnrestoredNote(note: string): boolean {
  return note === READ_ONLY_NOTE || note === READ_ONLY_NOTE_INCREMENTAL;
}

/** The data set whose sheet this is; undefined for any other sheet. */
export function dataSetOfSheet(sheetName: string): DataSet | undefined {
  return DATA_SETS.find((dataSet) => dataSet.sheetName === sheetName);
}

/**
 * Pure: the 1-based columns of a synced sheet that no action reads, in order; [] for a sheet that
 * is not a data set's.
 */
export function readOnlyColumns(sheetName: string, header: HeaderRow): number[] {
  const dataSet = dataSetOfSheet(sheetName);
  if (!dataSet) return [];
  const read = new Set(
    WRITE_ACTIONS.filter((a) => a.sheet === sheetName && a.reads !== 'new row').flatMap(
      (a) => a.reads as readonly string[],
    ),
  );
  const own = dataSet.columns.map((c) => c.header);
  if (dataSet.read === 'whole') own.push(STATUS_HEADER);
  const columns: number[] = [];
  for (const name of own) {
    if (name === KEY_HEADER || read.has(name)) continue;
    const index = safeFind(header, name);
    if (index !== null) columns.push(index + 1);
  }
  return columns.sort((a, b) => a - b);
}

/** Pure: the note for an edit in a read-only column of this sheet. */
export function readOnlyNote(sheetName: string): string {
  return dataSetOfSheet(sheetName)?.read === 'incremental'
    ? READ_ONLY_NOTE_INCREMENTAL
    : READ_ONLY_NOTE;
}

/** Pure: runs of adjacent columns ([3, 4, 5, 8] → [[3, 5], [8, 8]]), each read and written once. */
export function columnRuns(columns: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const column of columns) {
    const last = runs[runs.length - 1];
    if (last && column === last[1] + 1) last[1] = column;
    else runs.push([column, column]);
  }
  return runs;
}

/** A block of cells' backgrounds and notes, row by row. */
export interface BlockMarks {
  readonly backgrounds: string[][];
  readonly notes: string[][];
}

/** The marks of blocks of a sheet's cells: one read and one write per call. */
export interface BlockMarksPort {
  read(sheetName: string, row: number, column: number, rows: number, columns: number): BlockMarks;
  write(sheetName: string, row: number, column: number, marks: BlockMarks): void;
}

/**
 * Pure: `current` (a block of the read-only columns) with the edited cells of synced rows marked:
 * the refused colour and `note`, unless a person's own note is there (it stays). `synced[r]` says
 * whether block row r is a synced row (it has a Brex ID); null when nothing changes.
 */
export function planReadOnly(
  current: BlockMarks,
  synced: readonly boolean[],
  note: string,
): BlockMarks | null {
  const backgrounds = current.backgrounds.map((row) => [...row]);
  const notes = current.notes.map((row) => [...row]);
  let changed = false;
  backgrounds.forEach((row, r) => {
    if (!synced[r]) return;
    row.forEach((background, c) => {
      const own = String(notes[r]?.[c] ?? '');
      if (background !== REFUSED_BACKGROUND) {
        row[c] = REFUSED_BACKGROUND;
        changed = true;
      }
      if ((own === '' || own.startsWith(NOTE_PREFIX)) && own !== note) {
        (notes[r] as string[])[c] = note;
        changed = true;
      }
    });
  });
  return changed ? { backgrounds, notes } : null;
}

/** Pure: whether each row of `rows` has a Brex ID (in the column `findHeader` gives). */
export function syncedRows(header: HeaderRow, rows: readonly (readonly CellValue[])[]): boolean[] {
  const key = safeFind(header, KEY_HEADER);
  return rows.map((cells) => key !== null && headerText(cells[key]) !== '');
}

/** `findHeader`, but a header found twice (a person's copy of a column) is treated as absent. */
function safeFind(header: HeaderRow, name: string): number | null {
  try {
    return findHeader(header, name);
  } catch {
    return null;
  }
}
