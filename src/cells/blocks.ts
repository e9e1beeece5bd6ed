/**
 * Cells to write, grouped into the fewest rectangular blocks: a sheet write costs one service call
 * per block, so the sync and the write-back both write through this.
 */
import type { Cell } from './columns';
import type { CellBlock } from '../ports/table-port';

/**
 * Pure: cells to write → as few contiguous blocks as the layout allows. Each row splits into runs
 * of adjacent columns; a run continues the block above it when it spans the same columns.
 */
export function toBlocks(writes: ReadonlyMap<number, ReadonlyMap<number, Cell>>): CellBlock[] {
  const blocks: { row: number; column: number; width: number; cells: Cell[][] }[] = [];
  const open = new Map<string, (typeof blocks)[number]>();
  const rows = [...writes.keys()].sort((a, b) => a - b);
  for (const row of rows) {
    const cells = writes.get(row) as ReadonlyMap<number, Cell>;
    const columns = [...cells.keys()].sort((a, b) => a - b);
    const stillOpen = new Map<string, (typeof blocks)[number]>();
    let start = 0;
    while (start < columns.length) {
      let end = start;
      while (
        end + 1 < columns.length &&
        (columns[end + 1] as number) === (columns[end] as number) + 1
      )
        end += 1;
      const first = columns[start] as number;
      const width = end - start + 1;
      const runCells = columns.slice(start, end + 1).map((c) => cells.get(c) as Cell);
      const key = `${first}:${width}`;
      const above = open.get(key);
      if (above && above.row + above.cells.length === row) {
        above.cells.push(runCells);
        stillOpen.set(key, above);
      } else {
        const block = { row, column: first, width, cells: [runCells] };
        blocks.push(block);
        stillOpen.set(key, block);
      }
      start = end + 1;
    }
    open.clear();
    for (const [key, block] of stillOpen) open.set(key, block);
  }
  // Data rows are 0-based indexes into readAll's grid, whose index 0 is the header (sheet row 1).
  return blocks.map((block) => ({
    row: block.row + 1,
    column: block.column + 1,
    values: block.cells.map((cells) => cells.map((cell) => cell.value)),
    numberFormats: block.cells.map((cells) => cells.map((cell) => cell.numberFormat)),
  }));
}
