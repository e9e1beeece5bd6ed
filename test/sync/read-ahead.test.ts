/**
 * The small lists of a refresh are read ahead: their first pages go to Brex in one batch, each
 * is handed to the data set that reads it (a refusal too), and nothing is asked twice.
 */
import { BrexError, type FirstRead, type FirstResult } from '../../src/brex';
import { runRefresh, type RefreshDeps } from '../../src/sync/refresh';
import type { SyncSettings } from '../../src/sync/settings';
import { MemoryStore } from './support/memory-store';
import { MemoryTable } from './support/memory-table';
import { ScriptedReader } from './support/scripted-reader';

const SMALL: SyncSettings = {
  dataSets: [
    'departments',
    'locations',
    'users',
    'cards',
    'spend_limits',
    'budgets',
    'vendors',
    'accounts',
  ],
  historyStart: '2026-01-01',
};

function brex(reader = new ScriptedReader(2)): ScriptedReader {
  reader.lists.set('departments', [{ id: 'dep1', name: 'Finance' }]);
  reader.lists.set(
    'locations',
    ['Paris', 'Lima', 'Oslo'].map((name, i) => ({ id: `loc${i}`, name })),
  );
  reader.lists.set('users', [{ id: 'u1', first_name: 'Ada', last_name: 'Lovelace' }]);
  reader.lists.set('cards', [{ id: 'card1', card_name: 'Travel', last_four: '4242' }]);
  reader.lists.set('spendLimits', [{ id: 'sl1', name: 'Travel' }]);
  reader.lists.set('vendors', [{ id: 'v1', company_name: 'Acme' }]);
  reader.card = [{ id: 'ca1', current_statement_period: { start_date: '', end_date: '' } }];
  reader.refused.set('budgets', 'budget_management_not_enabled');
  reader.refused.set('cashAccounts', 'cash_not_enabled');
  return reader;
}

function refresh(reader: ScriptedReader, settings = SMALL) {
  const table = new MemoryTable();
  let clock = Date.UTC(2026, 2, 1);
  const deps: RefreshDeps = {
    table,
    store: new MemoryStore(),
    reader,
    now: () => (clock += 1000),
    stopAt: Infinity,
  };
  const summary = runRefresh(deps, settings);
  const perList = reader.calls.reduce<Record<string, number>>(
    (counts, call) => ({ ...counts, [call]: (counts[call] ?? 0) + 1 }),
    {},
  );
  return { summary, table, perList };
}

function rows(table: MemoryTable, sheet: string): number {
  return table.grid(sheet).length - 1;
}

describe('reading the small lists ahead', () => {
  it('sends the first page of every small list in one batch and reads nothing twice', () => {
    const reader = brex();

    const { summary, table, perList } = refresh(reader);

    expect(reader.batches).toEqual([
      [
        'departments',
        'locations',
        'users',
        'cards',
        'spendLimits',
        'budgets',
        'vendors',
        'cardAccounts',
        'cashAccounts',
      ],
    ]);
    // Locations' second page, and users' limits, are read after the batch, by their data sets.
    expect(perList).toEqual({
      departments: 1,
      locations: 2,
      users: 1,
      'userLimit:u1': 1,
      cards: 1,
      spendLimits: 1,
      budgets: 1,
      vendors: 1,
      cardAccounts: 1,
      cashAccounts: 1,
    });
    expect(rows(table, 'Brex Locations')).toBe(3);
    expect(rows(table, 'Brex Accounts')).toBe(1);
    expect(summary.dataSets.map((d) => [d.id, d.state])).toEqual([
      ['departments', 'ok'],
      ['locations', 'ok'],
      ['users', 'ok'],
      ['cards', 'ok'],
      ['spend_limits', 'ok'],
      ['budgets', 'unavailable'],
      ['vendors', 'ok'],
      ['accounts', 'ok'],
    ]);
  });

  it('reads ahead only the lists of the data sets chosen, and only two or more', () => {
    const two = brex();
    refresh(two, { ...SMALL, dataSets: ['users', 'cards'] });
    const one = brex();
    const { perList } = refresh(one, { ...SMALL, dataSets: ['departments'] });

    expect(two.batches).toEqual([['users', 'cards']]);
    expect(one.batches).toEqual([]);
    expect(perList).toEqual({ departments: 1 });
  });

  it('leaves a page size Brex refused in the batch to the data set, which asks again', () => {
    class RefusingSize extends ScriptedReader {
      override firstReads(reads: readonly FirstRead[]): FirstResult[] {
        return super
          .firstReads(reads)
          .map((result, i) =>
            reads[i]?.list === 'departments'
              ? new BrexError({ kind: 'bad_request', operation: 'departments', message: '' })
              : result,
          );
      }
    }
    const reader = brex(new RefusingSize(2));

    const { summary, table, perList } = refresh(reader, {
      ...SMALL,
      dataSets: ['departments', 'vendors'],
    });

    expect(perList).toEqual({ departments: 2, vendors: 1 });
    expect(rows(table, 'Brex Departments')).toBe(1);
    expect(summary.dataSets.every((d) => d.state === 'ok')).toBe(true);
  });

  it('lets each data set read alone when the batch cannot go out', () => {
    class PastDeadline extends ScriptedReader {
      override firstReads(): FirstResult[] {
        throw new BrexError({ kind: 'deadline_reached', operation: 'batch', message: '' });
      }
    }
    const reader = brex(new PastDeadline(2));

    const { summary, table, perList } = refresh(reader, {
      ...SMALL,
      dataSets: ['departments', 'vendors'],
    });

    expect(perList).toEqual({ departments: 1, vendors: 1 });
    expect(rows(table, 'Brex Vendors')).toBe(1);
    expect(summary.done).toBe(true);
  });
});
