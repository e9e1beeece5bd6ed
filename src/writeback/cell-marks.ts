/**
 * Pending marks on an action's column: a pending edit gets a highlight, a refused one another
 * colour and a note saying why. Marks are planned for the whole column at once so the adapter
 * makes one background write and one note write; cells the add-on never marked keep a person's own
 * colours and notes, and so do the marks of edits in read-only columns (`read-only-columns.ts`),
 * which only the refresh that restores them takes down.
 */

export const PENDING_BACKGROUND = '#fff2cc';
export const REFUSED_BACKGROUND = '#f4cccc';
/** Starts every note the add-on writes, so it can tell its own notes from a person's. */
export const NOTE_PREFIX = 'Brex write-back: ';
/** How the notes of edits in read-only columns start: before and after a refresh restores them. */
export const NOT_SENT_NOTE_START = `${NOTE_PREFIX}Not sent to Brex: `;
export const RESTORED_NOTE_START = `${NOTE_PREFIX}Restored Brex's value`;

export type Mark =
  { readonly kind: 'pending' } | { readonly kind: 'refused'; readonly why: string };

/** One column's data cells (sheet rows 2…, or `firstRow`…), as read and as to be written. */
export interface ColumnMarks {
  readonly backgrounds: string[];
  readonly notes: string[];
}

export interface MarksPort {
  /** Backgrounds and notes of a column's cells, rows `firstRow` (default 2) to `lastRow`. */
  read(sheetName: string, column: number, lastRow: number, firstRow?: number): ColumnMarks;
  /**
   * The number formats of a column's cells, rows `firstRow` (default 2) to `lastRow`: how the
   * amounts were typed (`$5000` is the number 5000 with a dollar format).
   */
  numberFormats(sheetName: string, column: number, lastRow: number, firstRow?: number): string[];
  /** Writes them back from `firstRow` (default 2) on: one setBackgrounds and one setNotes call. */
  write(sheetName: string, column: number, marks: ColumnMarks, firstRow?: number): void;
}

const OURS = new Set([PENDING_BACKGROUND, REFUSED_BACKGROUND]);

/**
 * Pure: the column's backgrounds and notes (read from sheet row `firstRow` on) with `marks` (keyed
 * by 1-based sheet row) applied and the add-on's stale marks cleared; null when nothing changes.
 */
export function planMarks(
  current: ColumnMarks,
  marks: ReadonlyMap<number, Mark>,
  firstRow = 2,
): ColumnMarks | null {
  const backgrounds = [...current.backgrounds];
  const notes = [...current.notes];
  for (let index = 0; index < backgrounds.length; index += 1) {
    const mark = marks.get(index + firstRow);
    const ourBackground = OURS.has(String(backgrounds[index]).toLowerCase());
    const note = String(notes[index] ?? '');
    const ourNote = note.startsWith(NOTE_PREFIX);
    const readOnly = note.startsWith(NOT_SENT_NOTE_START) || note.startsWith(RESTORED_NOTE_START);
    if (mark?.kind === 'pending') {
      backgrounds[index] = PENDING_BACKGROUND;
      if (ourNote) notes[index] = '';
    } else if (mark?.kind === 'refused') {
      backgrounds[index] = REFUSED_BACKGROUND;
      if (ourNote || !notes[index]) notes[index] = `${NOTE_PREFIX}${mark.why}`;
    } else if (!readOnly) {
      if (ourBackground) backgrounds[index] = '#ffffff';
      if (ourNote) notes[index] = '';
    }
  }
  const changed =
    backgrounds.some((b, i) => b !== current.backgrounds[i]) ||
    notes.some((n, i) => n !== current.notes[i]);
  return changed ? { backgrounds, notes } : null;
}
