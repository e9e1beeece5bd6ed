/**
 * Cells to write, grouped into the fewest rectangular blocks: a sheet write costs one service call
 * per block, so the sync and the write-back both write through this.
 */
import type { Cell } from './columns';
import type { CellBlock, FormatRun } from '../ports/table-port';

/**
 * A string Sheets would read as a formula if its cell were not plain text: written with the text
 * format itself, in case a person changed the column's format.
 */
const FORMULA_START = /^[=+-]/;

/** Pure: whether a cell needs its own number format, not its column's (`columnFormats`, 0-based). */
function ownFormat(
  cell: Cell,
  column: number,
  columnFormats: ReadonlyMap<number, string>,
): boolean {
  if (cell.numberFormat !== columnFormats.get(column)) return true;
  return typeof cell.value === 'string' && FORMULA_START.test(cell.value);
}

/**
 * Pure: cells to write → as few contiguous blocks as the layout allows. Each row splits into runs
 * of adjacent columns; a run continues the block above it when it spans the same columns. A block
 * carries number formats only when a cell of it needs one other than its column's; without
 * `columnFormats` (0-based column → format), every block carries them.
 */
export function toBlocks(
  writes: ReadonlyMap<number, ReadonlyMap<number, Cell>>,
  columnFormats?: ReadonlyMap<number, string>,
): CellBlock[] {
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
  return blocks.map((block) => {
    const values = block.cells.map((cells) => cells.map((cell) => cell.value));
    const row = block.row + 1;
    const column = block.column + 1;
    if (!columnFormats) {
      const numberFormats = block.cells.map((cells) => cells.map((cell) => cell.numberFormat));
      return { row, column, values, numberFormats };
    }
    const own = block.cells.flatMap((cells, r) =>
      cells.flatMap((cell, i) =>
        ownFormat(cell, block.column + i, columnFormats)
          ? [{ row: row + r, column: column + i, rows: 1, format: cell.numberFormat }]
          : [],
      ),
    );
    return {
      row,
      column,
      values,
      columnFormats: Array.from(
        { length: block.width },
        (_, i) => columnFormats.get(block.column + i) ?? null,
      ),
      ...(own.length > 0 ? { formatRuns: joinRuns(own) } : {}),
    };
  });
}

/** Pure: cells of one format, each right below the one before in its column, as one run. */
function joinRuns(cells: readonly FormatRun[]): FormatRun[] {
  const sorted = [...cells].sort((a, b) => a.column - b.column || a.row - b.row);
  const runs: FormatRun[] = [];
  for (const cell of sorted) {
    const last = runs[runs.length - 1];
    const continues =
      last?.column === cell.column &&
      last.format === cell.format &&
      last.row + last.rows === cell.row;
    if (last && continues) runs[runs.length - 1] = { ...last, rows: last.rows + 1 };
    else runs.push(cell);
  }
  return runs;
}
