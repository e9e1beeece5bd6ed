import type { DataSetHealth } from '../../src/sync/sync-health';
import { appendLog, LOG_SHEET } from '../../src/sync/sync-health';
import { MemoryTable } from './support/memory-table';

function entry(id: DataSetHealth['id']): DataSetHealth {
  return {
    id,
    state: 'ok',
    lastSuccess: null,
    lastRun: null,
    pages: 1,
    rows: 1,
    added: 0,
    updated: 0,
    removed: 0,
    message: null,
    traceId: null,
  };
}

describe('sync-health', () => {
  describe('appendLog', () => {
    it('keeps only the newest rows, deleting the oldest in one call', () => {
      const table = new MemoryTable();
      const at = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 60_000);
      for (let run = 0; run < 4; run += 1) {
        appendLog(table, at(run), [entry('users'), entry('cards'), entry('expenses')], 10);
      }

      const rows = table.grid(LOG_SHEET);

      // Each data set by its title, as the sidebar names it.
      const ids = ['Users', 'Cards', 'Expenses'];
      const all = [0, 1, 2, 3].flatMap((run) => ids.map((id) => [at(run).getTime(), id]));
      expect(rows.length).toBe(1 + 10);
      expect(rows[0]?.[0]).toBe('Time');
      expect(rows.slice(1).map((r) => [(r[0] as Date).getTime(), r[1]])).toEqual(all.slice(2));
      expect(table.deletions).toEqual([{ sheet: LOG_SHEET, row: 2, count: 2 }]);
      expect(rows[1]?.[2]).toBe('OK');
    });
  });
});
