/**
 * What the synced sheets show a person: readable values, the card transactions' categories from
 * their expenses, where a card's limit comes from, expense categories without made-up ids, and
 * the Sync status of the data sets read whole.
 */
import { runRefresh, type RefreshDeps } from '../../src/sync/refresh';
import type { SyncSettings } from '../../src/sync/settings';
import type { CellValue } from '../../src/ports/table-port';
import { MemoryStore } from './support/memory-store';
import { MemoryTable } from './support/memory-table';
import { ScriptedReader } from './support/scripted-reader';

const HISTORY_START = '2026-01-01';

function brex(): ScriptedReader {
  const reader = new ScriptedReader(50);
  reader.lists.set('users', [{ id: 'u1', first_name: 'Ada', last_name: 'Lovelace' }]);
  reader.lists.set('spendLimits', [
    {
      id: 'sl1',
      name: 'Team travel',
      status: 'ACTIVE',
      period_recurrence_type: 'PER_QUARTER',
      authorization_settings: { base_limit: { amount: 1_000_000, currency: 'USD' } },
      current_period_balance: { amount_spent: { amount: 250_000, currency: 'USD' } },
    },
  ]);
  reader.monthlyLimits.set('u1', {
    monthly_limit: { amount: 300_000, currency: 'USD' },
    monthly_available: { amount: 120_050, currency: 'USD' },
  });
  reader.lists.set('cards', [
    { id: 'c1', owner: { user_id: 'u1' }, card_name: 'Ada', limit_type: 'USER', status: 'LOCKED' },
    {
      id: 'c2',
      owner: { user_id: 'u1' },
      card_name: 'Figma',
      card_type: 'VIRTUAL',
      limit_type: 'CARD',
      status: 'ACTIVE',
      spend_controls: {
        spend_limit: { amount: 50_000, currency: 'USD' },
        spend_available: { amount: 12_345, currency: 'USD' },
        spend_duration: 'MONTHLY',
      },
    },
    { id: 'c3', owner: { user_id: 'u1' }, card_name: 'Offsite', budget_id: 'sl1' },
  ]);
  reader.lists.set('expenses', [
    {
      id: 'e1',
      category: 'GENERAL_MERCHANDISE',
      budget_id: 'sl1',
      status: 'APPROVED',
      purchased_at: '2026-02-01T10:00:00Z',
      updated_at: '2026-02-01T12:00:00Z',
      billing_amount: { amount: 2_500, currency: 'USD' },
    },
    {
      id: 'e2',
      category: 'QUANTUM_SUPPLIES',
      purchased_at: '2026-02-02T10:00:00Z',
      updated_at: '2026-02-02T12:00:00Z',
      billing_amount: { amount: 100, currency: 'USD' },
    },
  ]);
  reader.lists.set('cardTransactions', [
    { id: 't1', card_id: 'c1', expense_id: 'e1', posted_at_date: '2026-02-02', type: 'PURCHASE' },
    { id: 't2', card_id: 'c1', expense_id: 'e2', posted_at_date: '2026-02-03', type: 'PURCHASE' },
  ]);
  reader.lists.set('transfers', [
    { id: 'tr1', created_at: '2026-01-05', status: 'PROCESSED', payment_type: 'ACH' },
    { id: 'tr3', created_at: '2026-03-05', status: 'SCHEDULED', payment_type: 'DOMESTIC_WIRE' },
    { id: 'tr2', created_at: '2026-02-05', status: 'FAILED', payment_type: 'ACH' },
  ]);
  return reader;
}

function refresh(dataSets: SyncSettings['dataSets'], reader = brex(), table = new MemoryTable()) {
  const deps: RefreshDeps = {
    table,
    store: new MemoryStore(),
    reader,
    now: () => Date.UTC(2026, 2, 10, 12),
    stopAt: Infinity,
  };
  runRefresh(deps, { dataSets, historyStart: HISTORY_START });
  return table;
}

/** The sheet's rows as header → value records. */
function records(table: MemoryTable, sheet: string): Record<string, CellValue>[] {
  const [header = [], ...rows] = table.grid(sheet);
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [String(h), row[i] ?? ''])));
}

describe('synced sheets', () => {
  it('show each card transaction’s expense category and spend limit, read from the Expenses sheet', () => {
    const table = refresh(['users', 'cards', 'expenses', 'card_transactions']);

    const rows = records(table, 'Brex Card Transactions');

    expect(rows.map((r) => [r['Brex ID'], r.Category, r['Spend limit'], r.Type])).toEqual([
      ['t1', 'General merchandise', 'Team travel', 'Purchase'],
      // A category Brex added after these specs shows as Brex sent it.
      ['t2', 'QUANTUM_SUPPLIES', '', 'Purchase'],
    ]);
  });

  it('leave the category blank, with no extra Brex request, when expenses are not synced', () => {
    const reader = brex();

    const table = refresh(['users', 'cards', 'card_transactions'], reader);

    expect(records(table, 'Brex Card Transactions').map((r) => r.Category)).toEqual(['', '']);
    expect(reader.calls).not.toContain('expenses');
  });

  it('show each card’s limit: its own, its spend limit’s, or its holder’s monthly limit', () => {
    const table = refresh(['users', 'spend_limits', 'cards']);

    const rows = records(table, 'Brex Cards');

    expect(rows.map((r) => [r['Card name'], r.Limit, r.Available, r['Limit period']])).toEqual([
      ['Ada', 3000, 1200.5, "Per month, holder's limit"],
      ['Figma', 500, 123.45, 'Monthly'],
      ['Offsite', 10000, 7500, 'Per quarter, from spend limit'],
    ]);
    expect(rows.map((r) => [r.Status, r['Limit type'], r['Sync status']])).toEqual([
      ['Locked', 'User', 'In Brex'],
      ['Active', 'Card', 'In Brex'],
      ['', '', 'In Brex'],
    ]);
  });

  it('list expense categories with expenses only, from the history start to today, the key hidden', () => {
    const table = refresh(['expenses', 'expense_categories']);

    const [header = []] = table.grid('Brex Expense Categories');
    const rows = records(table, 'Brex Expense Categories');

    expect(header).toEqual([
      'Category',
      'Spend',
      'Currency',
      'Expense count',
      'Period start',
      'Period end',
      'Brex ID',
    ]);
    expect(rows.map((r) => [r.Category, r.Spend, r['Expense count']])).toEqual([
      ['General merchandise', 25, 1],
      ['QUANTUM_SUPPLIES', 1, 1],
    ]);
    const day = (d: CellValue | undefined) => (d as Date).toISOString().slice(0, 10);
    expect(rows.map((r) => [day(r['Period start']), day(r['Period end'])])).toEqual([
      ['2026-01-01', '2026-03-10'],
      ['2026-01-01', '2026-03-10'],
    ]);
    expect(table.options.get('Brex Expense Categories')?.layout?.map((c) => c.hidden)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      true,
    ]);
  });

  it('list transfers newest first, by day, in words', () => {
    const table = refresh(['transfers']);

    const rows = records(table, 'Brex Transfers');

    expect(rows.map((r) => [r['Brex ID'], r.Status, r['Payment type']])).toEqual([
      ['tr3', 'Scheduled', 'Domestic wire'],
      ['tr2', 'Failed', 'ACH'],
      ['tr1', 'Processed', 'ACH'],
    ]);
    expect(table.formatAt('Brex Transfers', 2, 1)).toBe('yyyy-mm-dd');
  });

  it('keep an existing sheet’s column order, adding new columns at its end, formatted and sized', () => {
    const table = new MemoryTable();
    table.ensureSheet('Brex Card Transactions', { columns: 4 });
    const oldHeader = ['Brex ID', 'Posted date', 'Description', 'Amount'];
    table.setGrid('Brex Card Transactions', [oldHeader, ['t1', '', '', '']]);

    refresh(['users', 'cards', 'expenses', 'card_transactions'], brex(), table);

    const [header = []] = table.grid('Brex Card Transactions');
    expect(header.slice(0, 6)).toEqual([...oldHeader, 'Currency', 'Card holder']);
    expect(records(table, 'Brex Card Transactions')[0]?.Category).toBe('General merchandise');
    const added = table.newColumns.filter((c) => c.sheet === 'Brex Card Transactions');
    expect(added.map((c) => [c.column, c.layout.length])).toEqual([[5, header.length - 4]]);
    expect(added[0]?.layout.slice(0, 3).map((c) => c.width)).toEqual([70, 150, 210]);
  });
});
