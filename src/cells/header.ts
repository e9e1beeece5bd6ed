/**
 * Finding the add-on's columns in a sheet's header row: the one rule every reader and writer of a
 * synced sheet uses. A header matches only its exact text (trimmed on both sides, case kept), so a
 * person's "status" column is never taken for the add-on's "Status". Two columns with the same
 * header are ambiguous and refused rather than guessed at: writing into the wrong one would
 * overwrite a person's cells, reading the wrong one would send Brex a value nobody meant.
 *
 * Once the sheet's "Brex ID" column carries the add-on's tag (HeaderRow in table-port.ts; it is
 * tagged last, so a run killed while tagging leaves a sheet still read by text), tags alone
 * decide: a tagged column is ours whatever its header now says, and an untagged one is a person's
 * whatever its header says, so it is neither written nor read, nor taken for ours when ours was
 * deleted (the add-on adds its column again). Header text decides only on sheets made before
 * columns were tagged; the next refresh tags the columns it found.
 */
import type { CellValue, HeaderRow } from '../ports/table-port';

/** Pure: a header cell's text as matched (trimmed, case kept). */
/** The header of the Brex id column, every synced sheet's key. */
export const KEY_HEADER = 'Brex ID';

export function headerText(cell: CellValue | undefined): string {
  return String(cell ?? '').trim();
}

/** Two or more columns carry one of the add-on's headers. */
export class AmbiguousHeaderError extends Error {
  constructor(
    readonly header: string,
    readonly columns: readonly number[],
  ) {
    super(
      `Columns ${columns.map(columnLetter).join(' and ')} are both headed "${header}". Rename your own column (for example "${header} (mine)"), then try again.`,
    );
    this.name = 'AmbiguousHeaderError';
  }
}

/**
 * Pure: the 0-based column tagged `name`, or on a sheet not tagged yet the one headed exactly
 * `name`; null when none; throws when several are.
 */
export function findHeader(header: HeaderRow, name: string): number | null {
  const matches: number[] = [];
  if (header.tags?.includes(KEY_HEADER)) {
    header.tags.forEach((tag, index) => {
      if (tag === name) matches.push(index);
    });
  } else {
    header.forEach((cell, index) => {
      if (headerText(cell) === name) matches.push(index);
    });
  }
  if (matches.length > 1) throw new AmbiguousHeaderError(name, matches);
  return matches[0] ?? null;
}

/**
 * Pure: the 0-based row of `grid` (header first) whose cells hold `name`, looking at most `rows`
 * rows down; null when none does. Used to tell a sheet whose header moved down (title rows were
 * inserted above it) from one that lost its header.
 */
export function findHeaderRow(
  grid: readonly (readonly CellValue[])[],
  name: string,
  rows = 20,
): number | null {
  const last = Math.min(grid.length, rows);
  for (let row = 0; row < last; row += 1) {
    if ((grid[row] ?? []).some((cell) => headerText(cell) === name)) return row;
  }
  return null;
}

/** Pure: 0-based column index → its letter(s): 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
