/**
 * The expense categories follow the expenses: refreshed together, they read each expense page
 * once, and they stay exact however the refresh is stopped, killed or started over.
 */
import type { DataSet, IncrementalDataSet } from '../../src/data-sets/data-set';
import { DATA_SETS } from '../../src/data-sets';
import { runRefresh, type RefreshDeps } from '../../src/sync/refresh';
import type { SyncSettings } from '../../src/sync/settings';
import { readHealth } from '../../src/sync/sync-health';
import { MemoryStore } from './support/memory-store';
import { MemoryTable } from './support/memory-table';
import { KILLED, killSwitch } from './support/kill-switch';
import { ScriptedReader } from './support/scripted-reader';

const BOTH: SyncSettings = {
  dataSets: ['expenses', 'expense_categories'],
  historyStart: '2026-01-01',
};
const CATEGORIES = 'Brex Expense Categories';
const TALLY = 'Brex Expense Tally';
const EXPENSES = 'Brex Expenses';
/** 9 expenses in pages of 2: 5 pages. */
const COUNT = 9;

function expense(n: number, category = n % 2 === 0 ? 'GROCERY' : 'LODGING', amount = n * 100) {
  return {
    id: `ex${n}`,
    category,
    purchased_at: `2026-02-${String(n).padStart(2, '0')}T10:00:00Z`,
    updated_at: `2026-02-${String(n).padStart(2, '0')}T12:00:00Z`,
    billing_amount: { amount, currency: 'USD' },
  };
}

/** These tests count the pages of a read one page after another (windowed-reads.test.ts: windows). */
function world(readWindows = 1) {
  const reader = new ScriptedReader(2);
  reader.lists.set(
    'expenses',
    Array.from({ length: COUNT }, (_, i) => expense(i + 1)),
  );
  const table = new MemoryTable();
  const store = new MemoryStore();
  let clock = Date.UTC(2026, 2, 1);
  const deps = (stopAfterMs = Infinity): RefreshDeps => {
    const start = clock;
    return {
      table,
      store,
      reader,
      now: () => (clock += 1000),
      stopAt: start + stopAfterMs,
      readWindows,
    };
  };
  const expensePages = () => reader.calls.filter((c) => c === 'expenses').length;
  return { reader, table, store, deps, expensePages };
}

/** Category id → [expense count, spend], as the categories sheet shows them (non-zero only). */
function totals(table: MemoryTable): Record<string, [unknown, unknown]> {
  const [header = [], ...rows] = table.grid(CATEGORIES);
  const at = (h: string) => header.indexOf(h);
  return Object.fromEntries(
    rows
      .filter((r) => Number(r[at('Expense count')]) > 0)
      .map((r) => [String(r[at('Brex ID')]), [r[at('Expense count')], r[at('Spend')]]]),
  );
}

function refreshUntilDone(deps: () => RefreshDeps, settings = BOTH): number {
  for (let runs = 1; runs <= 50; runs += 1) if (runRefresh(deps(), settings).done) return runs;
  throw new Error('The refresh did not finish in 50 runs.');
}

describe('expense categories following the expenses', () => {
  it('follows only a data set read earlier in a refresh, with the same incremental settings', () => {
    const incremental = DATA_SETS.filter((d): d is IncrementalDataSet => d.read === 'incremental');
    const followers = incremental.filter((d) => d.follows);
    expect(followers.map((d) => [d.id, d.follows])).toEqual([['expense_categories', 'expenses']]);
    for (const follower of followers) {
      const followed = incremental.find((d) => d.id === follower.follows);
      expect(followed).toBeDefined();
      expect(DATA_SETS.indexOf(followed as DataSet)).toBeLessThan(DATA_SETS.indexOf(follower));
      expect(followed?.incremental.lookbackDays).toBe(follower.incremental.lookbackDays);
      const item = expense(1);
      expect(followed?.incremental.cursorValue(item)).toBe(follower.incremental.cursorValue(item));
    }
  });

  it('reads each expense page once when both are refreshed, and counts every expense', () => {
    const { table, store, deps, expensePages } = world();

    runRefresh(deps(), BOTH);

    expect(expensePages()).toBe(5);
    expect(totals(table)).toEqual({ 'GROCERY:USD': [4, 20], 'LODGING:USD': [5, 25] });
    expect(table.grid(EXPENSES)).toHaveLength(COUNT + 1);
    expect(table.grid(TALLY)).toHaveLength(COUNT + 1);
    expect([
      readHealth(store, 'expense_categories').pages,
      readHealth(store, 'expenses').pages,
    ]).toEqual([5, 5]);
  });

  it('reads the expenses itself when chosen alone, or when its tally was deleted', () => {
    const alone = world();
    runRefresh(alone.deps(), { ...BOTH, dataSets: ['expense_categories'] });
    expect(alone.expensePages()).toBe(5);
    expect(totals(alone.table)).toEqual({ 'GROCERY:USD': [4, 20], 'LODGING:USD': [5, 25] });

    const { table, reader, deps, expensePages } = world();
    runRefresh(deps(), BOTH);
    table.sheets.delete(TALLY);
    reader.lists.get('expenses')?.push(expense(10, 'GROCERY', 5000));
    const before = expensePages();

    runRefresh(deps(), BOTH);

    // The expenses read from their last update less an hour (1 page), the categories start over (5).
    expect(expensePages() - before).toBe(1 + 5);
    expect(totals(table)).toEqual({ 'GROCERY:USD': [5, 70], 'LODGING:USD': [5, 25] });
  });

  it('keeps a quiet refresh to one expense page for both', () => {
    const { table, deps, expensePages } = world();
    runRefresh(deps(), BOTH);
    const before = expensePages();

    runRefresh(deps(), BOTH);

    expect(expensePages() - before).toBe(1);
    expect(totals(table)).toEqual({ 'GROCERY:USD': [4, 20], 'LODGING:USD': [5, 25] });
  });

  it('leaves the totals as they are when a refresh changed no kept expense, reading only its rows', () => {
    const { table, deps } = world();
    runRefresh(deps(), BOTH);
    const writes = table.writes.length;
    table.blockReads.length = 0;

    runRefresh(deps(), BOTH);

    const tallyReads = table.blockReads.filter((r) => r.sheet === TALLY);
    // The header, the id column, and the one row the page brought.
    expect(tallyReads.map((r) => [r.row, r.rows])).toEqual([
      [1, 1],
      [2, COUNT],
      [COUNT + 1, 1],
    ]);
    expect(table.writes.slice(writes).filter((w) => w.sheet !== 'Brex Sync Log')).toEqual([]);
  });

  it('computes the totals again from the kept expenses when the history start moves later', () => {
    const { table, deps, expensePages } = world();
    runRefresh(deps(), BOTH);
    const before = expensePages();

    runRefresh(deps(), { ...BOTH, historyStart: '2026-02-05' });

    expect(expensePages() - before).toBe(1);
    expect(totals(table)).toEqual({ 'GROCERY:USD': [2, 14], 'LODGING:USD': [3, 21] });
  });

  it('continues both from the same page after a stop on the time budget', () => {
    const { table, deps, expensePages } = world();

    const runs = refreshUntilDone(() => deps(15_000));

    expect(runs).toBeGreaterThan(1);
    expect(expensePages()).toBe(5);
    expect(totals(table)).toEqual({ 'GROCERY:USD': [4, 20], 'LODGING:USD': [5, 25] });
  });

  it('ends with the same totals and rows when a run is killed at any call', () => {
    const reference = world();
    runRefresh(reference.deps(), BOTH);
    const counting = world();
    const counter = killSwitch(Infinity);
    runRefresh(
      {
        ...counting.deps(),
        table: counter.wrap(counting.table),
        store: counter.wrap(counting.store),
        reader: counter.wrap(counting.reader),
      },
      BOTH,
    );
    expect(counter.calls()).toBeGreaterThan(30);

    for (let killAt = 1; killAt <= counter.calls(); killAt += 1) {
      const { table, store, reader, deps } = world();
      const killing = killSwitch(killAt);
      const killed = {
        ...deps(),
        table: killing.wrap(table),
        store: killing.wrap(store),
        reader: killing.wrap(reader),
      };
      expect(() => runRefresh(killed, BOTH)).toThrow(KILLED);
      killing.disarm();
      refreshUntilDone(deps);

      expect([killAt, totals(table)]).toEqual([killAt, totals(reference.table)]);
      expect([killAt, table.grid(EXPENSES)]).toEqual([killAt, reference.table.grid(EXPENSES)]);
    }
  });
});
