import { SheetRows } from '../../src/sync/sheet-rows';
import type { CellValue } from '../../src/ports/table-port';
import type { SheetLayout } from '../../src/sync/upsert-plan';
import { columns } from '../../src/data-sets/columns';
import { MemoryTable } from './support/memory-table';

const SHEET = 'Brex Card Transactions';
const layout: SheetLayout = {
  columns: columns([
    ['Brex ID', 'text'],
    ['Amount', 'money'],
  ]),
  keyHeader: 'Brex ID',
  statusHeader: 'Sync status',
};

/** A sheet of `count` rows whose Brex id column a person moved to the second place. */
function table(count: number): { table: MemoryTable; grid: CellValue[][] } {
  const grid: CellValue[][] = [
    ['My note', 'Brex ID', 'Amount', 'Sync status'],
    ...Array.from({ length: count }, (_, i) => [`note ${i}`, `tx${i}`, i * 1.5, '']),
  ];
  const memory = new MemoryTable();
  memory.ensureSheet(SHEET);
  memory.setGrid(SHEET, grid);
  return { table: memory, grid };
}

describe('SheetRows', () => {
  it('reads only the header row and the Brex id column of an incremental data set’s sheet', () => {
    const { table: memory } = table(1000);

    const rows = SheetRows.open(memory, SHEET, layout, false);

    expect(memory.blockReads).toEqual([
      { sheet: SHEET, row: 1, column: 1, rows: 1, columns: 4 },
      { sheet: SHEET, row: 2, column: 2, rows: 1000, columns: 1 },
    ]);
    expect(rows?.grid[0]).toEqual(['My note', 'Brex ID', 'Amount', 'Sync status']);
    expect(rows?.grid[501]?.[1]).toBe('tx500');
    expect(rows?.grid[501]?.[0]).toBeUndefined();
  });

  it('reads the full rows of the ids asked for, near ones together, each row once', () => {
    // 4 columns: a gap under 6,250 rows (25,000 cells) costs less than a read call of its own.
    const { table: memory, grid } = table(20_000);
    const rows = SheetRows.open(memory, SHEET, layout, false) as SheetRows;
    memory.blockReads.length = 0;

    rows.load(['tx10', 'tx12', 'tx90', 'tx6000', 'tx12500', 'tx12999', 'not-there']);
    rows.load(['tx12', 'tx6000', 'tx12999']);

    expect(memory.blockReads.map((r) => [r.row, r.rows, r.columns])).toEqual([
      [12, 5991, 4],
      [12502, 500, 4],
    ]);
    for (const index of [11, 13, 91, 6001, 12501, 13000])
      expect(rows.grid[index]).toEqual(grid[index]);
  });

  it('keeps a row read before when a later read passes over it', () => {
    const { table: memory } = table(100);
    const rows = SheetRows.open(memory, SHEET, layout, false) as SheetRows;
    rows.load(['tx50']);
    (rows.grid[51] as CellValue[])[2] = 'written by this run';
    memory.blockReads.length = 0;

    rows.load(['tx10', 'tx90']);

    expect(memory.blockReads.map((r) => [r.row, r.rows])).toEqual([[12, 81]]);
    expect(rows.grid[51]?.[2]).toBe('written by this run');
    expect(rows.grid[91]?.[1]).toBe('tx90');
  });

  it('reads the sheet of a data set read whole in one call, and knows a missing sheet', () => {
    const { table: memory, grid } = table(5);

    const rows = SheetRows.open(memory, SHEET, layout, true);
    rows?.load(['tx1']);

    expect(rows?.grid).toEqual(grid);
    expect(memory.blockReads).toEqual([]);
    expect(SheetRows.open(memory, 'Nowhere', layout, false)).toBeNull();
    expect(SheetRows.open(memory, 'Nowhere', layout, true)).toBeNull();
  });

  it('finds no ids in a sheet without a Brex id column, and reads no column for them', () => {
    const memory = new MemoryTable();
    memory.ensureSheet(SHEET);
    memory.setGrid(SHEET, [['Mine'], ['a'], ['b']]);

    const rows = SheetRows.open(memory, SHEET, layout, false) as SheetRows;
    rows.load(['a']);

    expect(rows.grid).toHaveLength(3);
    expect(memory.blockReads).toHaveLength(1);
  });
});
