import { type Sandbox, startSandbox } from '../../dev/sandbox';
import type { Snapshot } from '../../dev/sandbox';
import { at, call, type Listed, pageAll } from './support';

const TODAY = '2026-06-30';

/** Every list endpoint with the snapshot list it must return, in order. */
function lists(s: Snapshot): [string, Listed[]][] {
  const cash = s.cash_accounts.map((a) => a.id);
  return [
    ['/v2/accounts/cash', s.cash_accounts],
    ['/v2/accounts/card/primary/statements?limit=5', s.card_statements],
    ...cash.map((id): [string, { id: string }[]] => [
      `/v2/accounts/cash/${id}/statements?limit=4`,
      s.cash_statements[id] ?? [],
    ]),
    [
      '/v2/transactions/card/primary?limit=97',
      s.card_transactions.map(({ expense_id: _, ...t }) => ({ ...t, expense_id: null })),
    ],
    ['/v2/transactions/card/primary?limit=1000&expand[]=expense_id', s.card_transactions],
    ...cash.map((id): [string, { id: string }[]] => [
      `/v2/transactions/cash/${id}?limit=7`,
      s.cash_transactions[id] ?? [],
    ]),
    ['/v1/expenses?limit=100', s.expenses],
    ['/v1/expenses/card?limit=100', s.expenses.filter((e) => e.expense_type === 'CARD')],
    ['/v2/spend_limits?limit=5', s.spend_limits],
    ['/v2/budgets?limit=3', s.budgets],
    ['/v2/users?limit=7', s.users],
    ['/v2/departments?limit=2', s.departments],
    ['/v2/locations?limit=2', s.locations],
    ['/v2/titles?limit=5', s.titles],
    ['/v2/cards?limit=9', s.cards],
    ['/v1/vendors?limit=5', s.vendors],
    ['/v1/transfers?limit=10', s.transfers],
  ];
}

function ids(items: Listed[]): string[] {
  return items.map((i) => i.id ?? i.budget_id ?? '');
}

describe('sandbox paging', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ today: TODAY, transactions: 2500 });
  });

  afterAll(() => sandbox.close());

  it('returns exactly the state of every list endpoint, in order, without duplicates', async () => {
    const snapshot = sandbox.snapshot();

    for (const [path, expected] of lists(snapshot)) {
      const { items } = await pageAll(sandbox, sandbox.token, path);

      expect({ path, items }).toEqual({ path, items: expected });
      expect(new Set(ids(items)).size).toBe(items.length);
    }
  });

  it('returns the same pages with faults injected, once the client retries', async () => {
    const snapshot = sandbox.snapshot();
    sandbox.setFaults('rate429=0.15,err5xx=0.1,slow=0.05,truncate=0.1,slowMs=20');

    let faulted = 0;
    for (const [path, expected] of lists(snapshot)) {
      const { items, requests } = await pageAll(sandbox, sandbox.token, path, { retries: 50 });
      faulted += requests;

      expect({ path, ids: ids(items) }).toEqual({ path, ids: ids(expected) });
    }
    sandbox.setFaults('');

    expect(sandbox.log.filter((entry) => entry.fault !== null).length).toBeGreaterThan(10);
    expect(faulted).toBeGreaterThan(lists(snapshot).length);
  });

  it('misses and repeats nothing when transactions arrive today while a client pages', async () => {
    const before = sandbox.snapshot().card_transactions.map((t) => t.id);
    const first = await call(
      sandbox,
      sandbox.token,
      'GET',
      '/v2/transactions/card/primary?limit=50',
    );
    const firstPage = first.body as { next_cursor: string; items: { id: string }[] };

    await call(sandbox, null, 'POST', '/_sandbox/card-transactions', { body: { count: 30 } });
    const rest = await pageAll(sandbox, sandbox.token, '/v2/transactions/card/primary?limit=50', {
      start: firstPage.next_cursor,
    });

    expect([...firstPage.items, ...rest.items].map((t) => t.id)).toEqual(before);
  });

  it('filters card transactions by user and posted date', async () => {
    const s = sandbox.snapshot();
    const user = at(s.users, 3).id;
    const cardsOfUser = new Set(
      s.cards.filter((c) => (c.owner as { user_id: string }).user_id === user).map((c) => c.id),
    );

    const { items } = await pageAll(
      sandbox,
      sandbox.token,
      `/v2/transactions/card/primary?limit=1000&user_ids=${user}&posted_at_start=2026-05-01T00:00:00`,
    );

    const expected = s.card_transactions.filter(
      (t) =>
        t.card_id !== null && cardsOfUser.has(t.card_id ?? '') && t.posted_at_date >= '2026-05-01',
    );
    expect(ids(items)).toEqual(ids(expected));
    expect(items.length).toBeGreaterThan(0);
  });

  it('filters expenses by updated_at, status and payment status', async () => {
    const s = sandbox.snapshot();

    const { items } = await pageAll(
      sandbox,
      sandbox.token,
      '/v1/expenses?limit=100&updated_at_start=2026-06-01T00:00:00&status[]=APPROVED&status[]=SUBMITTED&payment_status[]=CLEARED&payment_status[]=PROCESSING',
    );

    const expected = s.expenses.filter(
      (e) =>
        e.updated_at >= '2026-06-01T00:00:00' &&
        ['APPROVED', 'SUBMITTED'].includes(e.status ?? '') &&
        ['CLEARED', 'PROCESSING'].includes(e.payment_status ?? ''),
    );
    expect(ids(items)).toEqual(ids(expected));
    expect(items.length).toBeGreaterThan(0);
  });

  it('refuses a page larger than the maximum with Brex 400', async () => {
    const tooManyTransactions = await call(
      sandbox,
      sandbox.token,
      'GET',
      '/v2/transactions/card/primary?limit=1001',
    );
    const tooManyExpenses = await call(sandbox, sandbox.token, 'GET', '/v1/expenses?limit=101');
    const badCursor = await call(sandbox, sandbox.token, 'GET', '/v2/users?cursor=nonsense');

    expect(tooManyTransactions.status).toBe(400);
    expect(tooManyTransactions.body).toEqual({
      type: 'BAD_REQUEST',
      message: 'limit must be less than or equal to 1000',
    });
    expect(tooManyExpenses.status).toBe(400);
    expect(badCursor.status).toBe(400);
  });
});
