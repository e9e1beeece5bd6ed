import { applyPlan } from '../../src/sync/apply-plan';
import { toCell, type ColumnDefinition } from '../../src/cells/columns';
import type { CellValue } from '../../src/ports/table-port';
import {
  planUpsert,
  IN_BREX,
  REMOVED_IN_BREX,
  type RecordRow,
  type SheetLayout,
} from '../../src/sync/upsert-plan';
import { MemoryTable } from './support/memory-table';

const columns: ColumnDefinition[] = [
  { header: 'Brex ID', type: 'text' },
  { header: 'Merchant', type: 'text' },
  { header: 'Amount', type: 'money' },
  { header: 'Currency', type: 'text' },
];
const layout: SheetLayout = { columns, keyHeader: 'Brex ID', statusHeader: 'Sync status' };
const SHEET = 'Brex Transactions';

function record(id: string, merchant: string, amount: number, currency = 'USD'): RecordRow {
  const zone = 'UTC';
  return {
    id,
    cells: {
      'Brex ID': toCell('text', id, zone),
      Merchant: toCell('text', merchant, zone),
      Amount: toCell('money', { amount, currency }, zone),
      Currency: toCell('text', currency, zone),
    },
  };
}

function sync(
  table: MemoryTable,
  records: RecordRow[],
  options: { complete?: boolean; deleted?: string[] } = {},
) {
  table.ensureSheet(SHEET);
  const plan = planUpsert({
    layout,
    sheet: table.readAll(SHEET) ?? [],
    records,
    deletedIds: new Set(options.deleted ?? []),
    complete: options.complete ?? false,
  });
  const keyColumn = (plan.sheetAfter[0] ?? []).findIndex((h) => h === 'Brex ID') + 1;
  applyPlan(table, SHEET, plan, keyColumn);
  return plan;
}

describe('upsert-plan', () => {
  describe('planUpsert', () => {
    it('leaves the kept cells of an existing row as they are and writes the rest of the row', () => {
      const table = new MemoryTable();
      sync(table, [record('t1', 'Acme', 1999)]);
      const kept = { ...record('t1', 'Acme Inc', 2500), keep: ['Amount', 'Currency'] };

      const plan = sync(table, [kept, { ...record('t2', 'Bolt', 500), keep: ['Amount'] }]);

      expect(table.grid(SHEET).slice(1)).toEqual([
        ['t1', 'Acme Inc', 19.99, 'USD', IN_BREX],
        ['t2', 'Bolt', 5, 'USD', IN_BREX],
      ]);
      expect([plan.updated, plan.added]).toEqual([['t1'], ['t2']]);
    });

    it('writes a record’s note in its status cell, and keeps it when the status is kept', () => {
      const table = new MemoryTable();
      sync(table, [{ ...record('t1', 'Acme', 1999), status: 'Amount not found in Brex' }]);

      sync(table, [{ ...record('t1', 'Acme', 1999), keep: ['Amount', 'Sync status'] }]);

      expect(table.grid(SHEET).slice(1)).toEqual([
        ['t1', 'Acme', 19.99, 'USD', 'Amount not found in Brex'],
      ]);
    });

    it('clears the removed mark of a row Brex sends again, even when its status is kept', () => {
      const table = new MemoryTable();
      sync(table, [record('t1', 'Acme', 1999)]);
      sync(table, [], { complete: true });

      sync(table, [{ ...record('t1', 'Acme', 1999), keep: ['Sync status'] }]);

      expect(table.grid(SHEET)[1]?.[4]).toBe(IN_BREX);
    });

    it('writes the header and every row in one block on a new sheet', () => {
      const table = new MemoryTable();

      const plan = sync(table, [record('t1', 'Acme', 1999), record('t2', 'Bolt', 500)]);

      expect(table.grid(SHEET)).toEqual([
        ['Brex ID', 'Merchant', 'Amount', 'Currency', 'Sync status'],
        ['t1', 'Acme', 19.99, 'USD', IN_BREX],
        ['t2', 'Bolt', 5, 'USD', IN_BREX],
      ]);
      expect(plan.added).toEqual(['t1', 't2']);
      expect(plan.blocks).toHaveLength(1);
    });

    it('writes nothing when Brex sends the same rows again', () => {
      const table = new MemoryTable();
      sync(table, [record('t1', 'Acme', 1999)]);
      const before = table.writes.length;

      const plan = sync(table, [record('t1', 'Acme', 1999)], { complete: true });

      expect(table.writes.length).toBe(before);
      expect([plan.added, plan.updated, plan.removed]).toEqual([[], [], []]);
    });

    it('updates a changed row in place and appends a new one, leaving the others alone', () => {
      const table = new MemoryTable();
      sync(table, [record('t1', 'Acme', 1999), record('t2', 'Bolt', 500)]);
      const before = table.writes.length;

      const plan = sync(table, [record('t2', 'Bolt', 750), record('t3', 'Core', 100)]);

      expect(table.grid(SHEET).slice(1)).toEqual([
        ['t1', 'Acme', 19.99, 'USD', IN_BREX],
        ['t2', 'Bolt', 7.5, 'USD', IN_BREX],
        ['t3', 'Core', 1, 'USD', IN_BREX],
      ]);
      expect(plan.updated).toEqual(['t2']);
      expect(plan.added).toEqual(['t3']);
      const rowsWritten = table.writes
        .slice(before)
        .flatMap((w) => w.block.values.map((_, i) => w.block.row + i));
      expect(rowsWritten.sort()).toEqual([3, 4]);
    });

    it('keeps a person’s own columns and finds the add-on’s columns after a reorder and a sort', () => {
      const table = new MemoryTable();
      sync(table, [record('t1', 'Acme', 1999), record('t2', 'Bolt', 500)]);
      table.setGrid(SHEET, [
        ['Notes', 'Amount', 'Brex ID', 'Check', 'Merchant', 'Currency', 'Sync status'],
        ['second', 5, 't2', '=B2*2', 'Bolt', 'USD', ''],
        ['first', 19.99, 't1', '=B3*2', 'Acme', 'USD', ''],
      ]);

      sync(table, [record('t1', 'Acme', 2999), record('t2', 'Bolt', 500), record('t3', 'Core', 1)]);

      expect(table.grid(SHEET)).toEqual([
        ['Notes', 'Amount', 'Brex ID', 'Check', 'Merchant', 'Currency', 'Sync status'],
        ['second', 5, 't2', '=B2*2', 'Bolt', 'USD', IN_BREX],
        ['first', 29.99, 't1', '=B3*2', 'Acme', 'USD', IN_BREX],
        ['', 0.01, 't3', '', 'Core', 'USD', IN_BREX],
      ]);
    });

    it('writes the key column first, so a run cut between blocks leaves no row without its id', () => {
      const table = new MemoryTable();
      sync(table, [record('t1', 'Acme', 1)]);
      table.setGrid(SHEET, [
        ['Merchant', 'Mine', 'Brex ID', 'Amount', 'Currency', 'Sync status'],
        ['Acme', 'x', 't1', 0.01, 'USD', IN_BREX],
      ]);
      const before = table.writes.length;

      sync(table, [record('t2', 'Bolt', 2)]);

      const blocks = table.writes.slice(before).map((w) => w.block);
      expect(blocks.map((b) => [b.column, b.values[0]?.length])).toEqual([
        [3, 4],
        [1, 1],
      ]);
    });

    it('marks a row that vanished from a complete data set instead of deleting it', () => {
      const table = new MemoryTable();
      sync(table, [record('t1', 'Acme', 1), record('t2', 'Bolt', 2)]);

      const plan = sync(table, [record('t2', 'Bolt', 2)], { complete: true });

      expect(plan.removed).toEqual(['t1']);
      expect(table.grid(SHEET)[1]).toEqual(['t1', 'Acme', 0.01, 'USD', REMOVED_IN_BREX]);
      expect(sync(table, [record('t2', 'Bolt', 2)], { complete: true }).removed).toEqual([]);
    });

    it('writes no status column for a data set read incrementally, and marks nothing removed', () => {
      const incremental: SheetLayout = { ...layout, statusHeader: null };

      const plan = planUpsert({
        layout: incremental,
        sheet: [
          ['Brex ID', 'Merchant', 'Amount', 'Currency'],
          ['t0', 'Old', 1, 'USD'],
        ],
        records: [record('t1', 'Acme', 1)],
        deletedIds: new Set(),
        complete: true,
      });

      expect(plan.sheetAfter).toEqual([
        ['Brex ID', 'Merchant', 'Amount', 'Currency'],
        ['t0', 'Old', 1, 'USD'],
        ['t1', 'Acme', 0.01, 'USD'],
      ]);
      expect(plan.removed).toEqual([]);
    });

    it('clears the mark when a vanished row comes back', () => {
      const table = new MemoryTable();
      sync(table, [record('t1', 'Acme', 1), record('t2', 'Bolt', 2)]);
      sync(table, [record('t2', 'Bolt', 2)], { complete: true });

      const plan = sync(table, [record('t1', 'Acme', 1), record('t2', 'Bolt', 2)], {
        complete: true,
      });

      expect(plan.updated).toEqual(['t1']);
      expect(table.grid(SHEET)[1]?.[4]).toBe(IN_BREX);
    });

    it('does not write back a row a person deleted', () => {
      const table = new MemoryTable();

      const plan = sync(table, [record('t1', 'Acme', 1), record('t2', 'Bolt', 2)], {
        deleted: ['t1'],
      });

      expect(plan.added).toEqual(['t2']);
      expect(table.grid(SHEET).map((row) => row[0])).toEqual(['Brex ID', 't2']);
    });

    it('keeps a formula-looking string from Brex as text, with the text format', () => {
      const table = new MemoryTable();

      sync(table, [record('t1', '=IMPORTXML("http://x", "//a")', 1)]);

      const write = table.writes.find((w) => w.block.row === 2);
      expect(write?.block.values[0]?.[1]).toBe('=IMPORTXML("http://x", "//a")');
      expect(table.formatAt(SHEET, write?.block.row ?? 0, 2)).toBe('@');
      // Written with the cell itself, in case a person changed the column's format.
      expect(table.writes.flatMap((w) => w.block.formatRuns ?? [])).toContainEqual({
        row: 2,
        column: 2,
        rows: 1,
        format: '@',
      });
    });

    it('shows each amount with its own currency’s decimals', () => {
      const table = new MemoryTable();

      sync(table, [
        record('j', 'A', 1234, 'JPY'),
        record('u', 'B', 1234, 'USD'),
        record('k', 'C', 1234, 'KWD'),
      ]);

      const block = table.writes.find((w) => w.block.row === 2)?.block;
      expect(block?.values.map((row) => row[2])).toEqual([1234, 12.34, 1.234]);
      expect([2, 3, 4].map((row) => table.formatAt(SHEET, row, 3))).toEqual([
        '#,##0',
        '#,##0.00',
        '#,##0.000',
      ]);
    });

    it('appends missing own columns after a person’s last column', () => {
      const table = new MemoryTable();
      table.ensureSheet(SHEET);
      table.setGrid(SHEET, [['Brex ID', 'Merchant', 'My notes']]);

      sync(table, [record('t1', 'Acme', 1)]);

      expect(table.grid(SHEET)).toEqual([
        ['Brex ID', 'Merchant', 'My notes', 'Amount', 'Currency', 'Sync status'],
        ['t1', 'Acme', '', 0.01, 'USD', IN_BREX],
      ]);
    });

    it('treats an unchanged date read back from the sheet as unchanged', () => {
      const dated: SheetLayout = {
        columns: [
          { header: 'Brex ID', type: 'text' },
          { header: 'Posted', type: 'date' },
        ],
        keyHeader: 'Brex ID',
        statusHeader: 'Sync status',
      };
      const row: RecordRow = {
        id: 'a',
        cells: {
          'Brex ID': toCell('text', 'a', 'Asia/Tokyo'),
          Posted: toCell('date', '2026-02-03', 'Asia/Tokyo'),
        },
      };
      const sheet: CellValue[][] = [
        ['Brex ID', 'Posted', 'Sync status'],
        ['a', new Date('2026-02-02T15:00:00Z'), IN_BREX],
      ];

      const plan = planUpsert({
        layout: dated,
        sheet,
        records: [row],
        deletedIds: new Set(),
        complete: true,
      });

      expect(plan.blocks).toEqual([]);
    });
  });
});
