/**
 * A data set's sheet, as far as a refresh needs to read it. A data set read whole is compared
 * with every row, so its sheet is read whole. An incremental one only touches the rows of the
 * items a page brings, so of a sheet of 100,000 rows it reads the header row and the Brex id
 * column (which locate every row), then, page by page, the full rows of the ids the page brings,
 * in as few reads as their places allow. A row not read holds only its id in `grid`.
 */
import { readRuns } from '../cells/read-runs';
import type { CellValue, TablePort } from '../ports/table-port';
import { locateColumns, readIds, type SheetLayout } from './upsert-plan';

export class SheetRows {
  /** 0-based indexes into `grid` of the rows read whole. */
  private readonly loaded = new Set<number>();

  private constructor(
    private readonly table: TablePort,
    private readonly sheetName: string,
    /** The header row and one row per data row (0-based, as `readAll` returns them). */
    public grid: CellValue[][],
    /** Brex id → index into `grid`, as the sheet was read. */
    private readonly ids: ReadonlyMap<string, number>,
    private readonly width: number,
    /** Rows from here on were written by this run: `grid` holds them whole. */
    private readonly readLength = grid.length,
  ) {}

  /** A sheet just made: nothing to read. */
  static empty(table: TablePort, sheetName: string): SheetRows {
    return new SheetRows(table, sheetName, [], new Map(), 0);
  }

  /** Null when the sheet does not exist. */
  static open(
    table: TablePort,
    sheetName: string,
    layout: SheetLayout,
    whole: boolean,
  ): SheetRows | null {
    if (whole) {
      const grid = table.readAll(sheetName);
      if (grid === null) return null;
      const rows = new SheetRows(table, sheetName, grid, new Map(), grid[0]?.length ?? 0);
      grid.forEach((_, index) => rows.loaded.add(index));
      return rows;
    }
    const size = table.usedSize(sheetName);
    if (size === null) return null;
    if (size.rows === 0 || size.columns === 0) return SheetRows.empty(table, sheetName);
    const header = table.readBlock(sheetName, 1, 1, 1, size.columns)[0] ?? [];
    const keyIndex = locateColumns(layout, header).positions.get(layout.keyHeader) as number;
    const keys =
      keyIndex < size.columns && size.rows > 1
        ? table.readBlock(sheetName, 2, keyIndex + 1, size.rows - 1, 1)
        : [];
    const grid: CellValue[][] = [[...header]];
    for (let row = 1; row < size.rows; row += 1) {
      const cells: CellValue[] = [];
      cells[keyIndex] = keys[row - 1]?.[0] ?? '';
      grid.push(cells);
    }
    return new SheetRows(table, sheetName, grid, readIds(layout, grid), size.columns);
  }

  /** Reads the full rows of these ids that the sheet had and that are not read yet. */
  load(ids: Iterable<string>): void {
    const wanted = [...new Set(ids)]
      .map((id) => this.ids.get(id))
      .filter((index): index is number => index !== undefined && !this.loaded.has(index));
    for (const { first, last } of readRuns(wanted, this.width)) this.read(first, last);
  }

  /** Reads every row the sheet had that is not read yet, in one call. */
  loadAll(): void {
    let first = 1;
    while (first < this.readLength && this.loaded.has(first)) first += 1;
    if (first < this.readLength) this.read(first, this.readLength - 1);
  }

  /** Reads the grid rows `first`..`last` whole, in one call. */
  private read(first: number, last: number): void {
    const values = this.table.readBlock(this.sheetName, first + 1, 1, last - first + 1, this.width);
    values.forEach((cells, offset) => {
      const index = first + offset;
      // A row read before, between two wanted ones, may have been written since: the grid has it.
      if (this.loaded.has(index)) return;
      // The grid may have been replaced by an upsert's `sheetAfter`: write into the current one.
      const row = this.grid[index] ?? [];
      cells.forEach((value, column) => (row[column] = value));
      this.grid[index] = row;
      this.loaded.add(index);
    });
  }
}
