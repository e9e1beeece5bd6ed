/**
 * A long expense history read in date windows side by side: the same rows as a read one page
 * after another, in fewer rounds, and nothing lost or doubled however the read is stopped, killed
 * or resumed, or whatever Brex updates meanwhile.
 */
import { runRefresh, type RefreshDeps } from '../../src/sync/refresh';
import type { SyncSettings } from '../../src/sync/settings';
import { readCursor } from '../../src/sync/incremental-cursor';
import { windowsOf } from '../../src/sync/windowed-read';
import { MemoryStore } from './support/memory-store';
import { MemoryTable } from './support/memory-table';
import { KILLED, killSwitch } from './support/kill-switch';
import { ScriptedReader } from './support/scripted-reader';

const BOTH: SyncSettings = {
  dataSets: ['expenses', 'expense_categories'],
  historyStart: '2026-01-01',
};
const EXPENSES = 'Brex Expenses';
const CATEGORIES = 'Brex Expense Categories';
const TALLY = 'Brex Expense Tally';
/** 60 expenses from January to late February, in pages of 5: 12 pages one after another. */
const COUNT = 60;
const PAGE = 5;
const HOUR_MS = 3_600_000;

function expense(n: number, updatedAt = Date.UTC(2026, 0, 1) + n * HOUR_MS * 23) {
  return {
    id: `ex${String(n).padStart(3, '0')}`,
    category: ['GROCERY', 'LODGING', 'TRAVEL'][n % 3],
    purchased_at: new Date(updatedAt - 7_200_000).toISOString(),
    updated_at: new Date(updatedAt).toISOString(),
    billing_amount: { amount: n * 100, currency: 'USD' },
  };
}

function world(readWindows?: number) {
  const reader = new ScriptedReader(PAGE);
  // Newest purchase first, as Brex lists expenses.
  reader.lists.set(
    'expenses',
    Array.from({ length: COUNT }, (_, i) => expense(COUNT - i)),
  );
  const rounds: number[] = [];
  const pageOfEach = reader.pageOfEach.bind(reader);
  reader.pageOfEach = (list, requests) => {
    rounds.push(requests.length);
    return pageOfEach(list, requests);
  };
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
      ...(readWindows === undefined ? {} : { readWindows }),
    };
  };
  const expensePages = () => reader.calls.filter((c) => c === 'expenses').length;
  return {
    reader,
    table,
    store,
    deps,
    expensePages,
    rounds,
    advance: (ms: number) => (clock += ms),
  };
}

function refreshUntilDone(deps: () => RefreshDeps, settings = BOTH): number {
  for (let runs = 1; runs <= 50; runs += 1) if (runRefresh(deps(), settings).done) return runs;
  throw new Error('The refresh did not finish in 50 runs.');
}

/** A sheet's header, then its rows in Brex id order (a windowed read adds them as pages arrive). */
function byId(table: MemoryTable, sheet: string): unknown[][] {
  const [header = [], ...rows] = table.grid(sheet);
  const key = header.indexOf('Brex ID');
  const sorted = [...rows].sort((a, b) => String(a[key]).localeCompare(String(b[key])));
  return [header, ...sorted];
}

function ids(table: MemoryTable, sheet = EXPENSES): string[] {
  const [header = [], ...rows] = table.grid(sheet);
  return rows.map((r) => String(r[header.indexOf('Brex ID')]));
}

describe('expense history in date windows', () => {
  it('cuts a long read into windows of at least a week, sharing their boundary seconds', () => {
    const windows = windowsOf('2026-01-01T00:00:00', Date.UTC(2026, 2, 1, 0, 0, 0, 700), 16);
    expect(windows).toHaveLength(8);
    expect(windows?.[0]?.start).toBe('2026-01-01T00:00:00');
    // The newest window is open: an expense Brex stamps after this clock's now still comes.
    expect(windows?.at(-1)?.end).toBeNull();
    expect(windows?.at(-1)?.start).toBe('2026-02-21T15:00:00');
    windows?.slice(1).forEach((w, i) => expect(w.start).toBe(windows[i]?.end));
    expect(windowsOf('2026-02-25T00:00:00', Date.UTC(2026, 2, 1), 16)).toBeNull();
    expect(windowsOf('2026-01-01T00:00:00', Date.UTC(2026, 2, 1), 1)).toBeNull();
  });

  it('gives exactly the rows of a read one page after another, in fewer round trips', () => {
    const sequential = world(1);
    runRefresh(sequential.deps(), BOTH);
    const windowed = world();

    runRefresh(windowed.deps(), BOTH);

    for (const sheet of [EXPENSES, TALLY]) {
      expect(byId(windowed.table, sheet)).toEqual(byId(sequential.table, sheet));
      expect(new Set(ids(windowed.table, sheet)).size).toBe(COUNT);
    }
    expect(windowed.table.grid(CATEGORIES)).toEqual(sequential.table.grid(CATEGORIES));
    expect(sequential.expensePages()).toBe(COUNT / PAGE);
    // The first page alone, then 8 windows of about 7.5 expenses: 2 pages each, in 2 rounds.
    expect(windowed.rounds).toEqual([8, 8]);
    expect(windowed.expensePages()).toBe(1 + 16);
    // The categories took the expenses' pages: Brex was asked for each once.
    expect(windowed.reader.calls.filter((c) => c === 'expenses')).toHaveLength(17);
    expect(readCursor(windowed.store, 'expenses')).toEqual(
      readCursor(sequential.store, 'expenses'),
    );
  });

  it('reads a quiet refresh as one page, not one per window', () => {
    const { deps, expensePages, rounds } = world();
    runRefresh(deps(), BOTH);
    const before = expensePages();

    runRefresh(deps(), BOTH);

    expect(expensePages() - before).toBe(1);
    expect(rounds).toHaveLength(2);
  });

  it('goes on from the windows where a run stopped on its time budget, reading no page twice', () => {
    const reference = world();
    runRefresh(reference.deps(), BOTH);
    const { table, deps, expensePages, store } = world();

    // The first page and one round of windows fit in the budget; the second round waits.
    const first = runRefresh(deps(11_000), BOTH);
    const paused = readCursor(store, 'expenses').paging?.windows ?? [];
    const runs = 1 + refreshUntilDone(() => deps(11_000));

    expect(first.done).toBe(false);
    expect(paused.filter((w) => w.cursor !== null)).toHaveLength(8);
    expect(runs).toBeGreaterThan(1);
    expect(expensePages()).toBe(17);
    expect(table.grid(EXPENSES)).toEqual(reference.table.grid(EXPENSES));
    expect(table.grid(CATEGORIES)).toEqual(reference.table.grid(CATEGORIES));
  });

  it('reads an expense updated meanwhile, from a window not read yet, in the next refresh', () => {
    const { reader, table, deps, advance } = world();
    const firstRun = runRefresh(deps(11_000), BOTH);
    // Hours later, before the read goes on: an expense of the oldest window is updated now.
    advance(3 * HOUR_MS);
    const list = reader.lists.get('expenses') ?? [];
    const moved = list.findIndex((e) => e.id === 'ex002');
    list[moved] = { ...expense(2, Date.UTC(2026, 2, 1, 3)), memo: 'changed' };
    refreshUntilDone(deps);
    runRefresh(deps(), BOTH);

    const [header = [], ...rows] = table.grid(EXPENSES);
    const row = rows.find((r) => r[header.indexOf('Brex ID')] === 'ex002');
    expect(firstRun.done).toBe(false);
    expect(row?.[header.indexOf('Memo')]).toBe('changed');
    expect(new Set(ids(table)).size).toBe(COUNT);
  });

  it('reads an expense Brex stamps after this clock', () => {
    const { reader, table, store, deps } = world();
    const ahead = { ...expense(61, Date.UTC(2026, 2, 1, 5)), id: 'ahead' };
    reader.lists.get('expenses')?.splice(30, 0, ahead);

    runRefresh(deps(), BOTH);

    expect(ids(table)).toContain('ahead');
    expect(readCursor(store, 'expenses').last).toBe(ahead.updated_at);
  });

  it('ends with the same sheets when a run is killed at any call, windows half read included', () => {
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
    let betweenWindows = 0;

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
      if (readCursor(store, 'expenses').paging?.windows?.some((w) => !w.done)) betweenWindows += 1;
      refreshUntilDone(deps);

      expect([killAt, byId(table, EXPENSES)]).toEqual([killAt, byId(reference.table, EXPENSES)]);
      expect([killAt, table.grid(CATEGORIES)]).toEqual([killAt, reference.table.grid(CATEGORIES)]);
      expect([killAt, ids(table).length]).toEqual([killAt, COUNT]);
    }
    expect(betweenWindows).toBeGreaterThan(0);
  });
});
