import { KEY_HEADER } from '../../src/cells/header';
import { withColumnTags, type CellValue } from '../../src/ports/table-port';
import { REFUSED_BACKGROUND } from '../../src/writeback/cell-marks';
import {
  READ_ONLY_NOTE,
  READ_ONLY_NOTE_INCREMENTAL,
  columnRuns,
  planReadOnly,
  readOnlyColumns,
  readOnlyNote,
  restoredNote,
  type BlockMarks,
  type BlockMarksPort,
} from '../../src/writeback/read-only-columns';
import { flagSheet, flaggedSheets, restoreReadOnlyMarks } from '../../src/writeback/restore-marks';
import { MemoryStore } from '../sync/support/memory-store';

const LIMITS = 'Brex Spend Limits';

describe('read-only columns', () => {
  it('are the synced columns no action reads, never the Brex ID or a person’s own', () => {
    const header = ['Name', KEY_HEADER, 'Base limit', 'Currency', 'Period', 'My notes', 'Status'];

    const columns = readOnlyColumns(LIMITS, header);

    // Name, Base limit, Currency and Status are read by the spend limits' actions.
    expect(columns.map((c) => header[c - 1])).toEqual(['Period']);
    expect(readOnlyColumns('Sheet1', header)).toEqual([]);
  });

  it('follow column tags, so a renamed synced header stays read-only', () => {
    const header = withColumnTags(
      ['How often', KEY_HEADER, 'Base limit'],
      ['Period', KEY_HEADER, 'Base limit'],
    );

    expect(readOnlyColumns(LIMITS, header)).toEqual([1]);
  });

  it('say when the value comes back: at the next refresh, or when an incremental one writes the row', () => {
    expect(readOnlyNote(LIMITS)).toBe(READ_ONLY_NOTE);
    expect(readOnlyNote('Brex Card Transactions')).toBe(READ_ONLY_NOTE_INCREMENTAL);
    expect(restoredNote(new Date('2026-03-15T12:34:56Z'))).toBe(
      "Brex write-back: Restored Brex's value at the refresh of 2026-03-15 12:34 UTC; edits here are not sent to Brex.",
    );
  });

  it('are read and written in runs of adjacent columns', () => {
    expect(columnRuns([1, 3, 4, 5, 8])).toEqual([
      [1, 1],
      [3, 5],
      [8, 8],
    ]);
  });

  it('mark synced rows only, keeping a person’s own note', () => {
    const current: BlockMarks = {
      backgrounds: [['#ffffff'], ['#ffffff'], ['#00ff00']],
      notes: [[''], [''], ['my own note']],
    };

    expect(planReadOnly(current, [true, false, true], READ_ONLY_NOTE)).toEqual({
      backgrounds: [[REFUSED_BACKGROUND], ['#ffffff'], [REFUSED_BACKGROUND]],
      notes: [[READ_ONLY_NOTE], [''], ['my own note']],
    });
    expect(planReadOnly(current, [false, false, false], READ_ONLY_NOTE)).toBeNull();
  });
});

describe('restoreReadOnlyMarks', () => {
  const header = ['Name', KEY_HEADER, 'Base limit', 'Currency', 'Period'];
  const sheet: CellValue[][] = [
    header,
    ['A', 'splim_1', 1, 'USD', 'Monthly'],
    ['B', 'splim_2', 2, 'USD', 'Monthly'],
  ];

  function blocks(notes: string[][]) {
    const writes: BlockMarks[] = [];
    const reads: number[] = [];
    const port: BlockMarksPort = {
      // "Period" (column 5) is the only read-only column here.
      read: (_sheet, _row, column, rows, columns) => {
        expect([rows, columns]).toEqual([2, 1]);
        reads.push(column);
        return { backgrounds: notes.map((row) => row.map(() => REFUSED_BACKGROUND)), notes };
      },
      write: (_sheet, _row, column, marks) => {
        expect(column).toBe(5);
        writes.push(marks);
      },
    };
    return { port, writes, reads };
  }

  it('notes the restored cells of the rows written, and keeps waiting for the others', () => {
    const store = new MemoryStore();
    flagSheet(store, LIMITS);
    const { port, writes } = blocks([[READ_ONLY_NOTE], [READ_ONLY_NOTE]]);
    const at = new Date('2026-03-15T12:00:00Z');

    restoreReadOnlyMarks(
      { store, blocks: port },
      { sheetName: LIMITS, sheet, rows: new Map([[1, []]]), at },
    );

    expect(writes).toEqual([
      {
        backgrounds: [['#ffffff'], [REFUSED_BACKGROUND]],
        notes: [[restoredNote(at)], [READ_ONLY_NOTE]],
      },
    ]);
    expect(flaggedSheets(store)).toEqual(new Set([LIMITS]));
  });

  it('leaves a cell kept for a pending edit, and reads nothing for a sheet not flagged', () => {
    const store = new MemoryStore();
    const { port, writes, reads } = blocks([[READ_ONLY_NOTE], ['']]);
    const written = { sheetName: LIMITS, sheet, rows: new Map([[1, ['Period']]]), at: new Date() };

    restoreReadOnlyMarks({ store, blocks: port }, written);
    expect([reads, writes]).toEqual([[], []]);

    flagSheet(store, LIMITS);
    restoreReadOnlyMarks({ store, blocks: port }, written);
    expect([reads, writes]).toEqual([[5], []]);
    expect(flaggedSheets(store)).toEqual(new Set([LIMITS]));
  });
});
