import type { SpendLimit } from '../../src/brex';
import { KEY_HEADER } from '../../src/cells/header';
import type { CellValue } from '../../src/ports/table-port';
import {
  NOTE_PREFIX,
  PENDING_BACKGROUND,
  REFUSED_BACKGROUND,
  type ColumnMarks,
  type MarksPort,
} from '../../src/writeback/cell-marks';
import { markEditedRows, type EditedSheetPort } from '../../src/writeback/edit-marks';
import {
  READ_ONLY_NOTE,
  type BlockMarks,
  type BlockMarksPort,
} from '../../src/writeback/read-only-columns';
import { spendLimitIdentity } from '../../src/writeback/actions/spend-limit-identity';
import { SyncedValues } from '../../src/writeback/synced-values';
import { MemoryStore } from '../sync/support/memory-store';

const SHEET = 'Brex Spend Limits';

function limit(n: number, amount: number): SpendLimit {
  return {
    id: `splim_${n}`,
    name: `Limit ${n}`,
    status: 'ACTIVE',
    period_recurrence_type: 'PER_MONTH',
    end_date: null,
    authorization_settings: { base_limit: { amount, currency: 'USD' } },
  } as unknown as SpendLimit;
}

/** A sheet whose "Base limit" sits in column C (the third), with four limits synced at 100.00. */
function world(amounts: CellValue[]) {
  const grid: CellValue[][] = [
    ['Name', KEY_HEADER, 'Base limit', 'Currency', 'Period'],
    ...amounts.map((amount, n) => [`Limit ${n}`, `splim_${n}`, amount, 'USD', 'Per month']),
  ];
  const store = new MemoryStore();
  SyncedValues.record(
    store,
    amounts.map((_, n) => limit(n, 10_000)),
    new Date('2026-03-15T00:00:00Z'),
    spendLimitIdentity,
  );
  const backgrounds = grid.map(() => '#ffffff');
  const notes = grid.map(() => '');
  const writes: { firstRow: number; marks: ColumnMarks }[] = [];
  const sheet: EditedSheetPort = {
    header: () => [...(grid[0] as CellValue[])],
    rows: (row, rows, width) => grid.slice(row - 1, row - 1 + rows).map((r) => r.slice(0, width)),
  };
  const marks: MarksPort = {
    read: (_name, column, lastRow, firstRow = 2) => {
      expect(column).toBe(3);
      return {
        backgrounds: backgrounds.slice(firstRow - 1, lastRow),
        notes: notes.slice(firstRow - 1, lastRow),
      };
    },
    numberFormats: (_name, _column, lastRow, firstRow = 2) =>
      grid.slice(firstRow - 1, lastRow).map(() => '#,##0.00'),
    write: (_name, _column, planned, firstRow = 2) => {
      writes.push({ firstRow, marks: planned });
      planned.backgrounds.forEach((b, i) => (backgrounds[firstRow - 1 + i] = b));
      planned.notes.forEach((n, i) => (notes[firstRow - 1 + i] = n));
    },
  };
  const blockWrites: { row: number; column: number; marks: BlockMarks }[] = [];
  const blocks: BlockMarksPort = {
    read: (_name, row, _column, rows, columns) => ({
      backgrounds: grid.slice(row - 1, row - 1 + rows).map(() => Array(columns).fill('#ffffff')),
      notes: grid.slice(row - 1, row - 1 + rows).map(() => Array(columns).fill('')),
    }),
    write: (_name, row, column, planned) => blockWrites.push({ row, column, marks: planned }),
  };
  const deps = {
    sheet,
    store,
    marks,
    blocks,
    now: () => new Date('2026-03-15T12:00:00Z'),
    user: 'editor@example.com',
  };
  return { deps, backgrounds, notes, writes, blockWrites };
}

describe('markEditedRows', () => {
  it('marks each row of a pasted block in one write, leaving the rows around it alone', () => {
    const { deps, backgrounds, notes, writes } = world([100, 250, -1, 100, 300]);

    const marked = markEditedRows(deps, {
      sheetName: SHEET,
      row: 3,
      column: 2,
      rows: 3,
      columns: 2,
    });

    expect(marked).toBe(true);
    expect(writes).toHaveLength(1);
    expect(writes[0]?.firstRow).toBe(3);
    expect(backgrounds.slice(1)).toEqual([
      '#ffffff',
      PENDING_BACKGROUND,
      REFUSED_BACKGROUND,
      '#ffffff',
      '#ffffff',
    ]);
    expect(notes[3]).toMatch(new RegExp(`^${NOTE_PREFIX}`));
  });

  it('re-evaluates the Base limit when its Currency is edited', () => {
    const { deps, writes } = world([250]);

    expect(markEditedRows(deps, { sheetName: SHEET, row: 2, column: 4, rows: 1, columns: 1 })).toBe(
      true,
    );
    expect(writes.map((w) => w.marks.backgrounds)).toEqual([[PENDING_BACKGROUND]]);
  });

  it('marks an edit of a read-only column (Period) as not sent, and leaves the amounts alone', () => {
    const { deps, writes, blockWrites } = world([100, 100]);

    expect(markEditedRows(deps, { sheetName: SHEET, row: 2, column: 5, rows: 2, columns: 1 })).toBe(
      true,
    );
    expect(writes).toEqual([]);
    expect(blockWrites).toEqual([
      {
        row: 2,
        column: 5,
        marks: {
          backgrounds: [[REFUSED_BACKGROUND], [REFUSED_BACKGROUND]],
          notes: [[READ_ONLY_NOTE], [READ_ONLY_NOTE]],
        },
      },
    ]);
  });

  it('does nothing for another sheet or the header row', () => {
    const { deps, writes } = world([250]);

    expect(
      markEditedRows(deps, { sheetName: 'Other', row: 2, column: 3, rows: 1, columns: 1 }),
    ).toBe(false);
    expect(markEditedRows(deps, { sheetName: SHEET, row: 1, column: 3, rows: 1, columns: 1 })).toBe(
      false,
    );
    expect(writes).toEqual([]);
  });
});
