import { type Sandbox, startSandbox } from '../../dev/sandbox';
import { at, call, pageAll } from './support';

const TODAY = '2026-04-20';

describe('sandbox control API', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await startSandbox({ today: TODAY, transactions: 300 });
  });

  afterEach(() => sandbox.close());

  it('lists every token kind', async () => {
    const reply = await call(sandbox, null, 'GET', '/_sandbox/tokens');

    expect(reply.body).toEqual(sandbox.tokens);
    expect(Object.keys(sandbox.tokens).sort()).toEqual([
      'expired',
      'full',
      'no_budgets',
      'no_cash',
      'readonly',
    ]);
  });

  it('plants any field on a record, unknown fields and nulls included, as the API then returns it', async () => {
    const user = at(sandbox.snapshot().users, 0);
    const fields = { first_name: null, status: 'ON_SABBATICAL', favourite_colour: '=1+1' };

    const planted = await call(sandbox, null, 'PUT', `/_sandbox/records/users/${user.id}`, {
      body: fields,
    });
    const read = await call(sandbox, sandbox.token, 'GET', `/v2/users/${user.id}`);

    expect(planted.status).toBe(200);
    expect(read.body).toMatchObject(fields);
    const unknown = await call(sandbox, null, 'PUT', '/_sandbox/records/nothing/x', { body: {} });
    expect(unknown.status).toBe(400);
  });

  it('makes a path’s pages repeat the cursor they were asked for, until reset', async () => {
    await call(sandbox, null, 'PUT', '/_sandbox/repeat-cursor', { body: { paths: ['/v2/users'] } });
    const first = await call(sandbox, sandbox.token, 'GET', '/v2/users?limit=5');
    const cursor = (first.body as { next_cursor: string }).next_cursor;

    const second = await call(sandbox, sandbox.token, 'GET', `/v2/users?limit=5&cursor=${cursor}`);

    expect((second.body as { next_cursor: string }).next_cursor).toBe(cursor);
    sandbox.reset();
    const after = await call(sandbox, sandbox.token, 'GET', `/v2/users?limit=5&cursor=${cursor}`);
    expect((after.body as { next_cursor: string }).next_cursor).not.toBe(cursor);
  });

  it('adds card transactions today, listed first, each with its expense', async () => {
    const added = await call(sandbox, null, 'POST', '/_sandbox/card-transactions', {
      body: { count: 3 },
    });
    const items = (
      added.body as { items: { id: string; posted_at_date: string; expense_id: string }[] }
    ).items;

    const page = await call(
      sandbox,
      sandbox.token,
      'GET',
      '/v2/transactions/card/primary?limit=3&expand[]=expense_id',
    );

    expect(items.map((t) => t.posted_at_date)).toEqual([TODAY, TODAY, TODAY]);
    expect((page.body as { items: { id: string }[] }).items.map((t) => t.id).sort()).toEqual(
      items.map((t) => t.id).sort(),
    );
    for (const t of items) {
      expect(
        (await call(sandbox, sandbox.token, 'GET', `/v1/expenses/${t.expense_id}`)).status,
      ).toBe(200);
    }
  });

  it('adds cash transactions to the primary account and moves its balance', async () => {
    const before = at(sandbox.snapshot().cash_accounts, 0);

    const added = await call(sandbox, null, 'POST', '/_sandbox/cash-transactions', {
      body: { count: 2 },
    });

    const sum = (added.body as { items: { amount: { amount: number } }[] }).items.reduce(
      (t, i) => t + i.amount.amount,
      0,
    );
    const after = at(sandbox.snapshot().cash_accounts, 0);
    expect(after.current_balance.amount).toBe((before.current_balance.amount ?? 0) + sum);
  });

  it('refuses additions dated after today: Brex posts nothing in the future', async () => {
    for (const path of ['/_sandbox/card-transactions', '/_sandbox/cash-transactions']) {
      const reply = await call(sandbox, null, 'POST', path, {
        body: { count: 1, date: '2026-04-21' },
      });

      expect([reply.status, (reply.body as { message: string }).message]).toEqual([
        400,
        `date 2026-04-21 is after the sandbox's today, ${TODAY}.`,
      ]);
    }
  });

  it('stamps a purchase on a pinned past day after every time it already serves', async () => {
    const latest = Math.max(...sandbox.snapshot().expenses.map((e) => Date.parse(e.updated_at)));

    const added = await call(sandbox, null, 'POST', '/_sandbox/card-transactions', {
      body: { count: 1 },
    });

    const id = at((added.body as { items: { expense_id: string }[] }).items, 0).expense_id;
    const expense = sandbox.snapshot().expenses.find((e) => e.id === id);
    expect(Date.parse(expense?.updated_at ?? '')).toBeGreaterThan(latest);
  });

  it('counts a purchase toward its spend limit’s current period', async () => {
    const state = sandbox.snapshot();
    const active = new Set(
      state.spend_limits.filter((l) => l.status === 'ACTIVE').map((l) => l.id),
    );
    const charged = state.expenses.find((e) => active.has(e.budget_id ?? ''));
    const spent = async () => {
      const read = await call(
        sandbox,
        sandbox.token,
        'GET',
        `/v2/spend_limits/${charged?.budget_id}`,
      );
      return (read.body as { current_period_balance: { amount_spent: { amount: number } } })
        .current_period_balance.amount_spent.amount;
    };
    const before = await spent();

    const added = await call(sandbox, null, 'POST', '/_sandbox/card-transactions', {
      body: { count: 2, user_id: charged?.user_id },
    });

    const items = (added.body as { items: { amount: { amount: number }; expense_id: string }[] })
      .items;
    const expenses = sandbox
      .snapshot()
      .expenses.filter((e) => items.some((t) => t.expense_id === e.id));
    expect(expenses.map((e) => e.budget_id)).toEqual([charged?.budget_id, charged?.budget_id]);
    expect(await spent()).toBe(before + items.reduce((sum, t) => sum + t.amount.amount, 0));
  });

  it('bumps updated_at of touched expenses so an incremental query finds exactly them', async () => {
    const ids = sandbox
      .snapshot()
      .expenses.slice(40, 43)
      .map((e) => e.id);

    await call(sandbox, null, 'POST', '/_sandbox/expenses/touch', {
      body: { ids, memo: 'Edited in Brex' },
    });
    const { items } = await pageAll(
      sandbox,
      sandbox.token,
      `/v1/expenses?updated_at_start=${TODAY}T23:00:00`,
    );

    expect(items.map((e) => e.id).sort()).toEqual([...ids].sort());
    expect(items.every((e) => (e as { memo?: string }).memo === 'Edited in Brex')).toBe(true);
  });

  it('edits a spend limit as in the dashboard, changing only what it names', async () => {
    const before = at(sandbox.snapshot().spend_limits, 0);

    await call(sandbox, null, 'PUT', `/_sandbox/spend_limits/${before.id}`, {
      body: { name: 'Renamed in dashboard' },
    });

    expect(at(sandbox.snapshot().spend_limits, 0)).toEqual({
      ...before,
      name: 'Renamed in dashboard',
    });
  });

  it('logs requests without the token', async () => {
    await call(sandbox, sandbox.token, 'GET', '/v2/users?limit=2&expand[]=limit', {
      headers: { 'X-Test': 'yes' },
    });

    const log = (await call(sandbox, null, 'GET', '/_sandbox/log')).body as Sandbox['log'];

    expect(log).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/v2/users',
        query: { limit: ['2'], 'expand[]': ['limit'] },
        token: 'full',
        status: 200,
        fault: null,
      }),
    ]);
    expect(at(log, 0).headers['x-test']).toBe('yes');
    expect(JSON.stringify(log)).not.toContain(sandbox.token);
  });

  it('sets faults over HTTP and refuses a spec it does not understand', async () => {
    const set = await call(sandbox, null, 'PUT', '/_sandbox/faults', {
      body: { spec: 'rate429=1' },
    });
    const limited = await call(sandbox, sandbox.token, 'GET', '/v2/users/me');
    const bad = await call(sandbox, null, 'PUT', '/_sandbox/faults', {
      body: { spec: 'meteor=1' },
    });

    expect(set.status).toBe(200);
    expect([limited.status, limited.body]).toEqual([
      429,
      { type: 'TOO_MANY_REQUESTS', message: 'Rate limit exceeded' },
    ]);
    expect(bad.status).toBe(400);
    expect((bad.body as { message: string }).message).toMatch(/not understood/);
  });

  it('resets to the seeded state', async () => {
    const initial = sandbox.snapshot();
    await call(sandbox, null, 'POST', '/_sandbox/card-transactions', { body: { count: 5 } });

    await call(sandbox, null, 'POST', '/_sandbox/reset');

    expect(sandbox.snapshot()).toEqual(initial);
    expect(sandbox.log).toEqual([]);
  });
});
