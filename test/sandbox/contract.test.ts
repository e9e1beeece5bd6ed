import { type Sandbox, startSandbox, validateRequest, validateResponse } from '../../dev/sandbox';
import { at, call, must } from './support';

const TODAY = '2026-03-15';

describe('sandbox contract', () => {
  let sandbox: Sandbox;
  let paths: string[];

  beforeAll(async () => {
    sandbox = await startSandbox({ today: TODAY, transactions: 600, strict: true });
    const s = sandbox.snapshot();
    const cash = at(s.cash_accounts, 0).id;
    const user = at(s.users, 0).id;
    paths = [
      '/v2/accounts/card',
      '/v2/accounts/cash',
      '/v2/accounts/cash/primary',
      `/v2/accounts/cash/${cash}`,
      '/v2/accounts/card/primary/statements',
      `/v2/accounts/cash/${cash}/statements`,
      '/v2/transactions/card/primary',
      '/v2/transactions/card/primary?expand[]=expense_id&limit=1000',
      `/v2/transactions/card/primary?user_ids=${user}&posted_at_start=2026-01-01T00:00:00`,
      `/v2/transactions/cash/${cash}?limit=1000`,
      '/v1/expenses',
      '/v1/expenses?limit=100&expand[]=merchant&expand[]=location&expand[]=department&expand[]=user&expand[]=budget&expand[]=receipts.download_uris&expand[]=payment',
      '/v1/expenses?status[]=APPROVED&payment_status[]=CLEARED&updated_at_start=2026-01-01T00:00:00.000',
      '/v1/expenses/card',
      `/v1/expenses/${at(s.expenses, 0).id}?expand[]=merchant`,
      `/v1/expenses/card/${at(s.expenses, 1).id}`,
      '/v2/spend_limits',
      `/v2/spend_limits?member_user_id[]=${user}`,
      `/v2/spend_limits/${at(s.spend_limits, 0).id}`,
      '/v2/budgets',
      `/v2/budgets/${at(s.budgets, 0).budget_id}`,
      '/v2/users',
      '/v2/users/me',
      `/v2/users/${user}`,
      `/v2/users/${user}/limit`,
      `/v2/users/${at(s.users, 4).id}/limit`,
      '/v2/departments',
      `/v2/departments/${at(s.departments, 0).id}`,
      '/v2/locations',
      `/v2/locations/${at(s.locations, 0).id}`,
      '/v2/titles',
      `/v2/titles/${at(s.titles, 0).id}`,
      '/v2/cards?limit=1000',
      `/v2/cards/${at(s.cards, 0).id}`,
      '/v1/vendors',
      `/v1/vendors/${at(s.vendors, 0).id}`,
      '/v1/transfers',
      `/v1/transfers/${at(s.transfers, 0).id}`,
    ];
  });

  afterAll(() => sandbox.close());

  it('answers every read endpoint with 200 and a body valid against the operation schema', async () => {
    for (const path of paths) {
      const reply = await call(sandbox, sandbox.token, 'GET', path);

      expect({ path, status: reply.status }).toEqual({ path, status: 200 });
      expect({
        path,
        violations: validateResponse('GET', path.split('?')[0] ?? '', 200, reply.body),
      }).toEqual({
        path,
        violations: [],
      });
    }
  });

  it('answers every write endpoint with a body valid against the operation schema', async () => {
    const s = sandbox.snapshot();
    const vendorCard = must(
      s.cards.find((c) => c.limit_type === 'CARD' && c.status === 'ACTIVE'),
      'an active vendor card',
    );
    const writes: [string, string, unknown][] = [
      ['PUT', `/v1/expenses/card/${at(s.expenses, 0).id}`, { memo: 'Client dinner with Globex' }],
      [
        'PUT',
        `/v2/spend_limits/${at(s.spend_limits, 0).id}`,
        { authorization_settings: { base_limit: { amount: 123400, currency: 'USD' } } },
      ],
      ['POST', `/v2/spend_limits/${at(s.spend_limits, 1).id}/archive`, undefined],
      ['POST', '/v2/spend_limits', createSpendLimitBody(at(s.spend_limits, 0).expense_policy_id)],
      [
        'POST',
        `/v2/users/${at(s.users, 1).id}/limit`,
        { monthly_limit: { amount: 500000, currency: 'USD' } },
      ],
      ['POST', `/v2/cards/${vendorCard.id}/lock`, { reason: 'OTHER' }],
      ['POST', `/v2/cards/${vendorCard.id}/unlock`, undefined],
      [
        'PUT',
        `/v2/cards/${vendorCard.id}`,
        { spend_controls: { spend_limit: { amount: 900000, currency: 'USD' } } },
      ],
      [
        'POST',
        '/v2/cards',
        {
          owner: { type: 'USER', user_id: at(s.users, 0).id },
          card_name: 'Contract vendor card',
          card_type: 'VIRTUAL',
          limit_type: 'CARD',
          spend_controls: {
            spend_limit: { amount: 5000, currency: 'USD' },
            spend_duration: 'ONE_TIME',
          },
        },
      ],
      ['POST', `/v2/cards/${vendorCard.id}/terminate`, { reason: 'OTHER', description: 'Test' }],
      [
        'POST',
        '/v2/users',
        { first_name: 'Con', last_name: 'Tract', email: 'con.tract@acme-demo.com' },
      ],
      [
        'PUT',
        `/v2/users/${at(s.users, 2).id}`,
        { status: 'DISABLED', department_id: at(s.departments, 0).id, manager_id: null },
      ],
      ['POST', '/v2/departments', { name: 'Contract Dept', description: null }],
      ['POST', '/v2/locations', { name: 'Contract City' }],
    ];
    for (const [method, path, body] of writes) {
      const reply = await call(sandbox, sandbox.token, method, path, {
        body,
        headers: { 'Idempotency-Key': `key-${method}-${path}` },
      });

      expect({ path, status: reply.status }).toEqual({ path, status: 200 });
      expect({ path, violations: validateResponse(method, path, 200, reply.body) }).toEqual({
        path,
        violations: [],
      });
    }
  });

  it('answers refused writes with bodies valid as Brex errors', async () => {
    const s = sandbox.snapshot();
    const terminated = must(
      s.cards.find((c) => c.status === 'TERMINATED'),
      'a terminated card',
    );
    const refused: [string, string, unknown][] = [
      ['POST', `/v2/cards/${terminated.id}/unlock`, undefined],
      ['POST', `/v2/cards/${terminated.id}/terminate`, { reason: 'OTHER' }],
      ['POST', '/v2/users', { first_name: 'A', last_name: 'B', email: at(s.users, 0).email }],
      ['PUT', `/v2/users/${at(s.users, 1).id}`, { status: 'INVITED' }],
      ['POST', '/v2/departments', { name: at(s.departments, 0).name }],
    ];
    for (const [method, path, body] of refused) {
      const reply = await call(sandbox, sandbox.token, method, path, {
        body,
        headers: { 'Idempotency-Key': `refused-${method}-${path}` },
      });

      expect({ path, status: reply.status }).toEqual({ path, status: 400 });
      expect(validateResponse(method, path, 400, reply.body)).toEqual([]);
    }
  });

  it('answers error paths with bodies valid as Brex errors', async () => {
    const errors: [string | null, string, number][] = [
      [null, '/v2/users/me', 401],
      [sandbox.tokens.expired, '/v2/users/me', 403],
      [sandbox.tokens.no_cash, '/v2/accounts/cash', 401],
      [sandbox.tokens.no_budgets, '/v2/spend_limits', 403],
      [sandbox.token, '/v2/users/cuuser_missing', 404],
      [sandbox.token, '/v2/transactions/card/primary?limit=1001', 400],
    ];
    for (const [token, path, status] of errors) {
      const reply = await call(sandbox, token, 'GET', path);

      expect({ path, status: reply.status }).toEqual({ path, status });
      expect(validateResponse('GET', path.split('?')[0] ?? '', status, reply.body)).toEqual([]);
    }
  });

  it('records no contract violation in strict mode for valid requests', () => {
    const faulty = sandbox.log.filter(
      (entry) => entry.status === 200 && entry.violations.length > 0,
    );

    expect(faulty).toEqual([]);
  });

  it('reports a response that breaks the schema', () => {
    const page = {
      next_cursor: null,
      items: [{ id: 'pste_1', description: 'x', initiated_at_date: '2026-01-01' }],
    };

    const violations = validateResponse('GET', '/v2/transactions/card/primary', 200, page);

    expect(violations.join('\n')).toMatch(/amount/);
    expect(violations.join('\n')).toMatch(/posted_at_date/);
  });

  it('reports null where the schema does not allow it, and accepts it where nullable', () => {
    const account = {
      id: 'dpacc_1',
      name: 'x',
      current_balance: null,
      available_balance: { amount: 1 },
      account_number: '1',
      routing_number: '2',
      primary: true,
      status: null,
    };

    expect(validateResponse('GET', '/v2/accounts/cash/primary', 200, account).join('\n')).toMatch(
      /current_balance/,
    );
    expect(
      validateResponse('GET', '/v2/accounts/cash/primary', 200, {
        ...account,
        current_balance: { amount: 1 },
      }),
    ).toEqual([]);
  });

  it('reports requests with undeclared parameters, a zoned date-time, a missing key or a bad body', () => {
    const none = new URLSearchParams();

    expect(
      validateRequest(
        'GET',
        '/v2/transactions/card/primary',
        new URLSearchParams('posted_at_end=2026-01-01T00:00:00'),
        {},
        '',
      ),
    ).toEqual([expect.stringMatching(/posted_at_end is not declared/)]);
    expect(
      validateRequest(
        'GET',
        '/v2/transactions/card/primary',
        new URLSearchParams('posted_at_start=2026-01-01T00:00:00Z'),
        {},
        '',
      ).join(),
    ).toMatch(/posted_at_start/);
    expect(
      validateRequest(
        'GET',
        '/v1/expenses',
        new URLSearchParams('updated_at_start=2026-01-01T00:00:00&limit=50&status[]=APPROVED'),
        {},
        '',
      ),
    ).toEqual([]);
    expect(validateRequest('PUT', '/v2/spend_limits/splim_1', none, {}, '{}').join()).toMatch(
      /Idempotency-Key is required/,
    );
    expect(
      validateRequest('POST', '/v2/cards/ncard_1/lock', none, {}, '{"reason":"BORED"}').join(),
    ).toMatch(/reason/);
    expect(
      validateRequest(
        'PUT',
        '/v2/spend_limits/splim_1',
        none,
        { 'idempotency-key': 'k' },
        '{"authorization_settings":{"base_limit":{"amount":100,"currency":"USD"}}}',
      ),
    ).toEqual([]);
  });
});

function createSpendLimitBody(policy: string | undefined) {
  return {
    name: 'Contract test limit',
    period_recurrence_type: 'PER_MONTH',
    authorization_settings: { base_limit: { amount: 100000, currency: 'USD' } },
    expense_visibility: 'SHARED',
    authorization_visibility: 'PUBLIC',
    limit_increase_setting: 'DISABLED',
    spend_type: 'NON_BUDGET_PROVISIONED_CARDS_ALLOWED',
    auto_transfer_cards_setting: 'DISABLED',
    auto_create_limit_cards_setting: 'DISABLED',
    expense_policy_id: policy,
  };
}
