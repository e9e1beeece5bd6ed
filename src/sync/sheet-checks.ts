/**
 * Checks a refresh makes before it writes into a data set's sheet, each stopping that data set
 * with what to do rather than damaging the sheet: a header that is not where the rows expect it,
 * and a whole read that would mark most rows removed.
 */
import { KEY_HEADER } from '../cells/header';
import { findHeader, findHeaderRow, headerText } from '../cells/header';
import type { CellValue } from '../ports/table-port';
import { REMOVED_IN_BREX } from './upsert-plan';

/**
 * A sheet with content must hold the Brex ID header in row 1. Otherwise the run stops before
 * planning anything: a run that cannot find its rows would write a second header and mark every
 * row removed (and forget its ids), which no later refresh could undo.
 */
export function checkHeader(sheetName: string, grid: readonly (readonly CellValue[])[]): void {
  if (grid.length === 0) return;
  const first = grid[0] ?? [];
  if (first.some((cell) => headerText(cell) === KEY_HEADER)) return;
  const moved = findHeaderRow(grid, KEY_HEADER);
  // A tag goes with the column, not the row: it vouches for a renamed header only when no row
  // below holds the header text.
  if (moved === null && findHeader(first, KEY_HEADER) !== null) return;
  if (!grid.some((cells) => cells.some((cell) => headerText(cell) !== ''))) return;
  throw new Error(
    moved !== null
      ? `The "${KEY_HEADER}" header of "${sheetName}" is in row ${moved + 1}, not row 1: rows were inserted above it. Delete the rows above the header (put a title in another sheet), then refresh. Nothing in this sheet was changed.`
      : `"${sheetName}" has no "${KEY_HEADER}" column in row 1 (was the header renamed, deleted or moved down?). Put the header "${KEY_HEADER}" back above the ids, or delete the sheet to sync it afresh, then refresh. Nothing in this sheet was changed.`,
  );
}

/**
 * A whole read that would mark most of a sheet's rows "Removed in Brex" stops instead: that is
 * more often a sheet the run misread than a company deleting most of its spend limits at once.
 */
export function checkRemovals(sheetName: string, removed: number, present: number): void {
  if (removed < 5 || removed * 2 <= present) return;
  throw new Error(
    `This refresh would mark ${removed} of the ${present} rows of "${sheetName}" "${REMOVED_IN_BREX}", so it stopped without changing them. Check that the sheet's "${KEY_HEADER}" column holds Brex ids. If they really were removed in Brex, delete their rows, then refresh.`,
  );
}
