/**
 * An in-memory TablePort: sheets as grids, plus inspection handles (the grid, what was written).
 * It behaves as Sheets does where the sync core relies on it: `readAll` returns the used range
 * only, and a value written into a `@`-formatted cell stays a string.
 */
import type {
  CellBlock,
  CellValue,
  ColumnLayout,
  SheetOptions,
  TablePort,
} from '../../../src/ports/table-port';

interface MemorySheet {
  values: CellValue[][];
  formats: string[][];
  hidden: boolean;
}

export class MemoryTable implements TablePort {
  readonly sheets = new Map<string, MemorySheet>();
  /** Every block written, in order, with its sheet. */
  readonly writes: { sheet: string; block: CellBlock }[] = [];
  /** Every readBlock call, in order. */
  readonly blockReads: {
    sheet: string;
    row: number;
    column: number;
    rows: number;
    columns: number;
  }[] = [];
  /** The options each sheet was made with. */
  readonly options = new Map<string, SheetOptions>();
  /** Every deleteRows call, in order. */
  readonly deletions: { sheet: string; row: number; count: number }[] = [];

  /**
   * Every tagColumns call, in order. Reads give no tags: a test moves cells by hand, which would
   * leave tags behind, so this table is a sheet made before tags (header text decides).
   */
  readonly tagged: { sheet: string; columns: { header: string; index: number }[] }[] = [];

  constructor(private readonly zone = 'America/New_York') {}

  timeZone(): string {
    return this.zone;
  }

  readAll(sheetName: string): CellValue[][] | null {
    const sheet = this.sheets.get(sheetName);
    if (!sheet) return null;
    const used = usedSize(sheet.values);
    return Array.from({ length: used.rows }, (_, row) =>
      Array.from({ length: used.columns }, (_, column) => sheet.values[row]?.[column] ?? ''),
    );
  }

  tagColumns(sheetName: string, columns: readonly { header: string; index: number }[]): void {
    this.tagged.push({ sheet: sheetName, columns: [...columns] });
  }

  usedSize(sheetName: string): { rows: number; columns: number } | null {
    const sheet = this.sheets.get(sheetName);
    return sheet ? usedSize(sheet.values) : null;
  }

  readBlock(
    sheetName: string,
    row: number,
    column: number,
    rows: number,
    columns: number,
  ): CellValue[][] {
    const grid = this.readAll(sheetName) ?? [];
    this.blockReads.push({ sheet: sheetName, row, column, rows, columns });
    return grid
      .slice(row - 1, row - 1 + rows)
      .map((cells) => cells.slice(column - 1, column - 1 + columns));
  }

  ensureSheet(sheetName: string, options?: SheetOptions): void {
    if (!this.sheets.has(sheetName)) {
      this.sheets.set(sheetName, { values: [], formats: [], hidden: options?.hidden ?? false });
      if (options) this.options.set(sheetName, options);
    }
  }

  /** Every formatNewColumns call, in order. */
  readonly newColumns: { sheet: string; column: number; layout: readonly ColumnLayout[] }[] = [];

  formatNewColumns(sheetName: string, column: number, layout: readonly ColumnLayout[]): void {
    this.newColumns.push({ sheet: sheetName, column, layout });
  }

  /** Unbounded: the cell limit is the Apps Script adapter's to enforce. */
  reserve(): void {}

  writeBlock(sheetName: string, block: CellBlock): void {
    const sheet = this.sheets.get(sheetName);
    if (!sheet) throw new Error(`Sheet ${sheetName} does not exist.`);
    this.writes.push({ sheet: sheetName, block });
    block.values.forEach((row, r) => {
      row.forEach((value, c) => {
        const y = block.row - 1 + r;
        const x = block.column - 1 + c;
        (sheet.values[y] ??= [])[x] = value;
        (sheet.formats[y] ??= [])[x] =
          block.numberFormats?.[r]?.[c] ?? block.columnFormats?.[c] ?? '';
      });
    });
    for (const run of block.formatRuns ?? [])
      for (let y = run.row - 1; y < run.row - 1 + run.rows; y += 1)
        (sheet.formats[y] ??= [])[run.column - 1] = run.format;
  }

  deleteRows(sheetName: string, row: number, count: number): void {
    const sheet = this.sheets.get(sheetName);
    if (!sheet) throw new Error(`Sheet ${sheetName} does not exist.`);
    this.deletions.push({ sheet: sheetName, row, count });
    sheet.values.splice(row - 1, count);
    sheet.formats.splice(row - 1, count);
  }

  /** Test helpers, as a person would edit the sheet. */
  grid(sheetName: string): CellValue[][] {
    return this.readAll(sheetName) ?? [];
  }

  setGrid(sheetName: string, values: CellValue[][]): void {
    const sheet = this.sheets.get(sheetName);
    if (!sheet) throw new Error(`Sheet ${sheetName} does not exist.`);
    sheet.values = values.map((row) => [...row]);
  }

  /** The number format of a 1-based cell. */
  formatAt(sheetName: string, row: number, column: number): string | undefined {
    return this.sheets.get(sheetName)?.formats[row - 1]?.[column - 1];
  }

  cellsWritten(sheetName?: string): number {
    return this.writes
      .filter((w) => sheetName === undefined || w.sheet === sheetName)
      .reduce((sum, w) => sum + w.block.values.reduce((s, row) => s + row.length, 0), 0);
  }
}

function usedSize(values: CellValue[][]): { rows: number; columns: number } {
  let rows = 0;
  let columns = 0;
  values.forEach((row, r) => {
    row?.forEach((value, c) => {
      if (value !== '' && value !== undefined && value !== null) {
        rows = Math.max(rows, r + 1);
        columns = Math.max(columns, c + 1);
      }
    });
  });
  return { rows, columns };
}
