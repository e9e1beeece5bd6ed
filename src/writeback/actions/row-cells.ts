/** Rows of a synced sheet found by Brex id, and cells written into them in as few blocks as they allow. */
import { toBlocks } from '../../cells/blocks';
import type { Cell } from '../../cells/columns';
import { KEY_HEADER, findHeader, headerText } from '../../cells/header';
import type { CellValue, TablePort } from '../../ports/table-port';

/** Pure: each id's first row, as a 0-based index of the grid (header first). */
export function rowsById(grid: readonly (readonly CellValue[])[]): Map<string, number> {
  const key = findHeader(grid[0] ?? [], KEY_HEADER);
  const rows = new Map<string, number>();
  if (key === null) return rows;
  grid.forEach((cells, index) => {
    const id = headerText(cells[key]);
    if (index > 0 && id && !rows.has(id)) rows.set(id, index);
  });
  return rows;
}

/** Writes cells (by header) into the rows of these ids: one read, then one write per block. */
export function writeRowCells(
  table: TablePort,
  sheet: string,
  cells: ReadonlyMap<string, Readonly<Record<string, Cell>>>,
): void {
  if (cells.size === 0) return;
  const grid = table.readAll(sheet);
  if (!grid) return;
  const rows = rowsById(grid);
  const writes = new Map<number, Map<number, Cell>>();
  for (const [id, byHeader] of cells) {
    const row = rows.get(id);
    if (row === undefined) continue;
    writes.set(row, cellsAt(grid[0] ?? [], byHeader));
  }
  for (const block of toBlocks(writes)) table.writeBlock(sheet, block);
}

/** Pure: cells by header → cells by 0-based column, leaving out headers the sheet lacks. */
export function cellsAt(
  header: readonly CellValue[],
  byHeader: Readonly<Record<string, Cell>>,
): Map<number, Cell> {
  const cells = new Map<number, Cell>();
  for (const [name, cell] of Object.entries(byHeader)) {
    const column = findHeader(header, name);
    if (column !== null) cells.set(column, cell);
  }
  return cells;
}
