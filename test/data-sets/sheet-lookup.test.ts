import { tableLookup } from '../../src/data-sets/sheet-lookup';
import { MemoryTable } from '../sync/support/memory-table';

const SHEET = 'Brex Users';

function users(count: number): MemoryTable {
  const memory = new MemoryTable();
  memory.ensureSheet(SHEET);
  memory.setGrid(SHEET, [
    ['Name', 'Email', 'Department', 'Location', 'Manager', 'Brex ID', 'Monthly limit'],
    ...Array.from({ length: count }, (_, i) => [
      `N${i}`,
      `e${i}@x.com`,
      `D${i}`,
      `L${i}`,
      `M${i}`,
      `u${i}`,
      i * 10,
    ]),
  ]);
  return memory;
}

describe('tableLookup', () => {
  it('reads near columns in one block and keys their rows by Brex id', () => {
    const memory = users(36);

    const records = tableLookup(memory, 'Brex ID')(SHEET, [
      'Department',
      'Location',
      'Monthly limit',
    ]);

    // The header, then columns C to G together: 36 rows make every gap cheaper than a call.
    expect(memory.blockReads.map((r) => [r.row, r.column, r.rows, r.columns])).toEqual([
      [1, 1, 1, 7],
      [2, 3, 36, 5],
    ]);
    expect(records.get('u7')).toEqual({ Department: 'D7', Location: 'L7', 'Monthly limit': 70 });
    expect(records.size).toBe(36);
  });

  it('reads far columns of a long sheet in blocks of their own', () => {
    const memory = users(20_000);

    const records = tableLookup(memory, 'Brex ID')(SHEET, ['Email', 'Department', 'Nowhere']);

    expect(memory.blockReads.map((r) => [r.column, r.columns])).toEqual([
      [1, 7],
      [2, 2],
      [6, 1],
    ]);
    expect(records.get('u19999')).toEqual({
      Email: 'e19999@x.com',
      Department: 'D19999',
      Nowhere: '',
    });
  });
});
