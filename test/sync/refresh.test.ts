import { headline, runRefresh, type RefreshDeps } from '../../src/sync/refresh';
import type { SyncSettings } from '../../src/sync/settings';
import { readHealth } from '../../src/sync/sync-health';
import type { CellValue } from '../../src/ports/table-port';
import { MemoryStore } from './support/memory-store';
import { MemoryTable } from './support/memory-table';
import { KILLED, killSwitch } from './support/kill-switch';
import { ScriptedReader } from './support/scripted-reader';

const TX_SHEET = 'Brex Card Transactions';
const settings: SyncSettings = {
  dataSets: ['departments', 'users', 'cards', 'card_transactions', 'cash_transactions'],
  historyStart: '2026-01-01',
};

function transaction(n: number, amount = n * 100, currency = 'USD') {
  return {
    id: `tx${n}`,
    card_id: 'card1',
    description: `Purchase ${n}`,
    amount: { amount, currency },
    initiated_at_date: `2026-02-${String(n).padStart(2, '0')}`,
    posted_at_date: `2026-02-${String(n).padStart(2, '0')}`,
    type: 'PURCHASE',
    merchant: {
      raw_descriptor: n === 3 ? '=IMPORTXML("http://x","//a")' : `Shop ${n}`,
      mcc: '5734',
      country: 'US',
    },
  };
}

function brex(): ScriptedReader {
  const reader = new ScriptedReader(2);
  reader.lists.set('departments', [{ id: 'dep1', name: 'Finance' }]);
  reader.lists.set('users', [
    {
      id: 'u1',
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ada@example.com',
      department_id: 'dep1',
    },
  ]);
  reader.lists.set('cards', [
    {
      id: 'card1',
      owner: { type: 'USER', user_id: 'u1' },
      card_name: 'Travel',
      last_four: '4242',
      limit_type: 'USER',
    },
  ]);
  reader.lists.set(
    'cardTransactions',
    [1, 2, 3, 4, 5].map((n) => transaction(n)),
  );
  reader.refused.set('cashAccounts', 'cash_not_enabled');
  return reader;
}

function world(reader = brex(), table = new MemoryTable(), store = new MemoryStore()) {
  let clock = Date.UTC(2026, 2, 1);
  const deps = (stopAfterMs = Infinity): RefreshDeps => {
    const start = clock;
    return { table, store, reader, now: () => (clock += 1000), stopAt: start + stopAfterMs };
  };
  return { reader, table, store, deps };
}

/** The Brex ids of a sheet's rows, in sheet order (the key column is found by header). */
function idsIn(grid: readonly (readonly CellValue[])[]): CellValue[] {
  const key = (grid[0] ?? []).indexOf('Brex ID');
  return grid.slice(1).map((row) => row[key] ?? '');
}

function dataCells(table: MemoryTable): number {
  return [...table.sheets.keys()]
    .filter((name) => name !== 'Brex Sync Log')
    .reduce((sum, name) => sum + table.cellsWritten(name), 0);
}

describe('refresh', () => {
  it('fills in older rows once when the history start moves earlier after a sync', () => {
    const { table, deps } = world();
    const only = (historyStart: string): SyncSettings => ({
      dataSets: ['card_transactions'],
      historyStart,
    });
    const ids = () => idsIn(table.grid(TX_SHEET)).sort();
    runRefresh(deps(), only('2026-02-04'));
    const before = ids();

    runRefresh(deps(), only('2026-02-01'));
    const after = ids();
    const written = table.cellsWritten(TX_SHEET);
    runRefresh(deps(), only('2026-02-01'));

    expect([before, after]).toEqual([
      ['tx4', 'tx5'],
      ['tx1', 'tx2', 'tx3', 'tx4', 'tx5'],
    ]);
    expect(table.cellsWritten(TX_SHEET)).toBe(written);
  });

  it('reads every user’s monthly limit on the first sync, then only new users’ until a day has passed', () => {
    const reader = brex();
    reader.monthlyLimits.set('u1', {
      monthly_limit: { amount: 500_000, currency: 'USD' },
      monthly_available: { amount: 123_456, currency: 'USD' },
    });
    const { table, deps } = world(reader);
    const limitCalls = () => reader.calls.filter((c) => c.startsWith('userLimit:'));
    const only: SyncSettings = { ...settings, dataSets: ['users'] };

    runRefresh(deps(), only);
    const firstCalls = limitCalls();
    reader.lists.get('users')?.push({ id: 'u2', first_name: 'Alan', last_name: 'Turing' });
    reader.monthlyLimits.set('u1', { monthly_limit: { amount: 900_000, currency: 'USD' } });
    runRefresh(deps(), only);
    const secondCalls = limitCalls().slice(firstCalls.length);

    expect([firstCalls, secondCalls]).toEqual([['userLimit:u1'], ['userLimit:u2']]);
    const rows = table.grid('Brex Users');
    const header = rows[0] ?? [];
    const limitOf = (id: string) =>
      ['Monthly limit', 'Monthly available', 'Limit currency'].map(
        (h) => rows.find((r) => r[header.indexOf('Brex ID')] === id)?.[header.indexOf(h)],
      );
    // Within the day, u1's limit stays as read; u2, new, is read.
    expect([limitOf('u1'), limitOf('u2')]).toEqual([
      [5000, 1234.56, 'USD'],
      ['', '', ''],
    ]);
  });

  it('reads every user’s monthly limit again once a day has passed', () => {
    const reader = brex();
    const table = new MemoryTable();
    const store = new MemoryStore();
    let now = Date.UTC(2026, 2, 1);
    const deps = (): RefreshDeps => ({ table, store, reader, now: () => now, stopAt: Infinity });
    const only: SyncSettings = { ...settings, dataSets: ['users'] };
    runRefresh(deps(), only);
    reader.monthlyLimits.set('u1', { monthly_limit: { amount: 900_000, currency: 'USD' } });
    now += 25 * 3600 * 1000;

    runRefresh(deps(), only);

    const rows = table.grid('Brex Users');
    expect(rows[1]?.[(rows[0] ?? []).indexOf('Monthly limit')]).toBe(9000);
    expect(reader.calls.filter((c) => c.startsWith('userLimit:'))).toEqual([
      'userLimit:u1',
      'userLimit:u1',
    ]);
  });

  it('fills each data set’s sheet on the first refresh', () => {
    const { table, deps } = world();

    const summary = runRefresh(deps(), settings);

    expect(summary.done).toBe(true);
    const grid = table.grid(TX_SHEET);
    // Names, dates and amounts first; the key last (transactions have no Sync status).
    expect(grid[0]?.slice(0, 5)).toEqual([
      'Posted date',
      'Description',
      'Amount',
      'Currency',
      'Card holder',
    ]);
    expect(grid[0]?.slice(-1)).toEqual(['Brex ID']);
    expect(idsIn(grid)).toEqual(['tx1', 'tx2', 'tx3', 'tx4', 'tx5']);
    const header = grid[0] as CellValue[];
    const tx3 = grid[3] as CellValue[];
    expect(tx3[header.indexOf('Merchant')]).toBe('=IMPORTXML("http://x","//a")');
    expect(tx3[header.indexOf('Card holder')]).toBe('Ada Lovelace');
    expect(tx3[header.indexOf('Department')]).toBe('Finance');
    expect(tx3[header.indexOf('Amount')]).toBe(3);
    expect(summary.dataSets.find((d) => d.id === 'card_transactions')).toMatchObject({
      added: 5,
      done: true,
    });
  });

  it('marks a data set Brex refuses as unavailable and still syncs the others', () => {
    const { store, deps } = world();

    const summary = runRefresh(deps(), settings);

    expect(summary.dataSets.find((d) => d.id === 'cash_transactions')).toMatchObject({
      state: 'unavailable',
      message: 'Refused: cash_not_enabled.',
      traceId: 'trace-1',
    });
    expect(readHealth(store, 'card_transactions').state).toBe('ok');
  });

  it('says "Refresh complete." only when every data set succeeded', () => {
    const d = (state: 'ok' | 'error' | 'unavailable') => ({
      id: 'users' as const,
      title: 'Users',
      sheetName: 'Brex Users',
      state,
      done: true,
      pages: 1,
      rows: 1,
      added: 0,
      updated: 0,
      removed: 0,
      message: null,
      traceId: null,
    });

    expect(headline([d('ok'), d('ok')])).toBe('Refresh complete.');
    expect(headline(Array.from({ length: 14 }, () => d('error')))).toBe(
      'Finished with errors: 14 of 14 data sets failed.',
    );
    expect(headline([d('ok'), d('error'), d('unavailable')])).toBe(
      'Finished with errors: 1 of 3 data sets failed; 1 not available to this token.',
    );
    expect(headline([d('ok'), d('unavailable')])).toBe(
      'Finished: 1 of 2 data sets not available to this token; the others are up to date.',
    );
  });

  it('writes no data cell and sends at most two requests per data set when nothing changed', () => {
    const { reader, table, deps } = world();
    runRefresh(deps(), settings);
    const cellsBefore = dataCells(table);
    reader.calls.length = 0;

    const summary = runRefresh(deps(), settings);

    expect(summary.done).toBe(true);
    expect(dataCells(table)).toBe(cellsBefore);
    const perList = reader.calls.reduce<Record<string, number>>(
      (m, c) => ({ ...m, [c]: (m[c] ?? 0) + 1 }),
      {},
    );
    expect(Math.max(...Object.values(perList))).toBeLessThanOrEqual(2);
  });

  it('touches only the new and the changed rows on the next refresh', () => {
    const { reader, table, deps } = world();
    runRefresh(deps(), settings);
    const before = table.writes.length;
    const txs = reader.lists.get('cardTransactions') as ReturnType<typeof transaction>[];
    txs[4] = transaction(5, 999);
    txs.push(transaction(6));

    runRefresh(deps(), settings);

    const rows = table.writes
      .slice(before)
      .filter((w) => w.sheet === TX_SHEET)
      .flatMap((w) => w.block.values.map((_, i) => w.block.row + i));
    expect(rows.sort()).toEqual([6, 7]);
    const grid = table.grid(TX_SHEET);
    expect(grid[5]?.[(grid[0] ?? []).indexOf('Amount')]).toBe(9.99);
  });

  it('never brings back a row a person deleted', () => {
    const { table, deps } = world();
    runRefresh(deps(), settings);
    const key = (table.grid(TX_SHEET)[0] ?? []).indexOf('Brex ID');
    table.setGrid(
      TX_SHEET,
      table.grid(TX_SHEET).filter((row) => row[key] !== 'tx2'),
    );

    runRefresh(deps(), settings);

    expect(idsIn(table.grid(TX_SHEET))).toEqual(['tx1', 'tx3', 'tx4', 'tx5']);
  });

  it('stops before the time budget and continues on the next call', () => {
    const { table, deps } = world();
    const reference = world();
    runRefresh(reference.deps(), settings);

    const first = runRefresh(deps(8000), settings);
    const summaries = [first];
    while (!summaries[summaries.length - 1]?.done && summaries.length < 50) {
      summaries.push(runRefresh(deps(8000), settings));
    }

    expect(first.done).toBe(false);
    expect(summaries[summaries.length - 1]?.done).toBe(true);
    expect(table.grid(TX_SHEET)).toEqual(reference.table.grid(TX_SHEET));
  });

  it('ends identical to an uninterrupted refresh when a run is killed at any call', () => {
    const reference = world();
    runRefresh(reference.deps(), settings);
    const expected = reference.table.grid(TX_SHEET);
    const counting = killSwitch(Infinity);
    const fresh = world();
    runRefresh(
      world(
        counting.wrap(fresh.reader),
        counting.wrap(fresh.table),
        counting.wrap(fresh.store),
      ).deps(),
      settings,
    );
    expect(counting.calls()).toBeGreaterThan(20);

    for (let killAt = 1; killAt <= counting.calls(); killAt += 1) {
      const { reader, table, store, deps } = world();
      const killing = killSwitch(killAt);
      const killed = world(killing.wrap(reader), killing.wrap(table), killing.wrap(store));
      expect(() => runRefresh(killed.deps(), settings)).toThrow(KILLED);
      killing.disarm();
      let summary = runRefresh(deps(), settings);
      while (!summary.done) summary = runRefresh(deps(), settings);

      expect(table.grid(TX_SHEET)).toEqual(expected);
      expect(store.get('sync.round')).toBeNull();
    }
  });
});
