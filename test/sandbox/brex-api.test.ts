import { type Sandbox, startSandbox } from '../../dev/sandbox';
import { at, call, must } from './support';

const TODAY = '2026-02-10';

describe('sandbox Brex API', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await startSandbox({ today: TODAY, transactions: 300 });
  });

  afterEach(() => sandbox.close());

  describe('tokens', () => {
    it('answers 401 for a missing or unknown token, and 403 for an expired one', async () => {
      const missing = await call(sandbox, null, 'GET', '/v2/users/me');
      const unknown = await call(sandbox, 'bxt_revoked', 'GET', '/v2/users/me');
      const expired = await call(sandbox, sandbox.tokens.expired, 'GET', '/v2/users/me');

      expect([missing.status, missing.body]).toEqual([
        401,
        { type: 'UNAUTHORIZED', message: 'PERMISSION_DENIED: Invalid or Revoked Token' },
      ]);
      expect(unknown.status).toBe(401);
      expect([expired.status, expired.body]).toEqual([
        403,
        { type: 'FORBIDDEN', message: 'Expired token' },
      ]);
    });

    it('lets a read-only token read but names the missing scope on a write', async () => {
      const limit = at(sandbox.snapshot().spend_limits, 0);

      const read = await call(
        sandbox,
        sandbox.tokens.readonly,
        'GET',
        `/v2/spend_limits/${limit.id}`,
      );
      const write = await call(
        sandbox,
        sandbox.tokens.readonly,
        'PUT',
        `/v2/spend_limits/${limit.id}`,
        {
          body: { name: 'x' },
          headers: { 'Idempotency-Key': 'k1' },
        },
      );

      expect(read.status).toBe(200);
      expect([write.status, write.body]).toEqual([
        403,
        { type: 'FORBIDDEN', message: 'Missing required scope: budgets' },
      ]);
    });

    it('answers 401 on cash, vendor and transfer endpoints for a company without Brex Cash', async () => {
      for (const path of [
        '/v2/accounts/cash',
        '/v2/accounts/cash/primary',
        '/v1/vendors',
        '/v1/transfers',
      ]) {
        const reply = await call(sandbox, sandbox.tokens.no_cash, 'GET', path);

        expect({ path, status: reply.status, body: reply.body }).toEqual({
          path,
          status: 401,
          body: { type: 'UNAUTHORIZED', message: 'Must be cash admin, bookkeeper or user' },
        });
      }
      expect((await call(sandbox, sandbox.tokens.no_cash, 'GET', '/v2/accounts/card')).status).toBe(
        200,
      );
    });

    it('answers 403 on spend limits and budgets for a company without budget management', async () => {
      for (const path of ['/v2/spend_limits', '/v2/budgets']) {
        const reply = await call(sandbox, sandbox.tokens.no_budgets, 'GET', path);

        expect(reply.status).toBe(403);
        expect(reply.body).toEqual({
          type: 'FORBIDDEN',
          message: 'Budget management is not enabled for this account, please contact Brex support',
        });
      }
    });
  });

  it('carries an X-Brex-Trace-Id header on every response', async () => {
    const ok = await call(sandbox, sandbox.token, 'GET', '/v2/users/me');
    const denied = await call(sandbox, null, 'GET', '/v2/users/me');
    const missing = await call(sandbox, sandbox.token, 'GET', '/v2/nothing');

    for (const reply of [ok, denied, missing])
      expect(reply.headers.get('x-brex-trace-id')).toMatch(/\S/);
    expect(missing.body).toEqual({ type: 'NOT_FOUND', message: 'Not Found' });
  });

  it('rejects a date-time filter with a zone suffix', async () => {
    const reply = await call(
      sandbox,
      sandbox.token,
      'GET',
      '/v2/transactions/card/primary?posted_at_start=2026-01-01T00:00:00Z',
    );

    expect(reply.status).toBe(400);
    expect((reply.body as { type: string }).type).toBe('BAD_REQUEST');
  });

  describe('PUT /v2/spend_limits/{id}', () => {
    it('changes only the fields the body names, merging authorization settings', async () => {
      const before = at(sandbox.snapshot().spend_limits, 2);

      const reply = await call(sandbox, sandbox.token, 'PUT', `/v2/spend_limits/${before.id}`, {
        body: { authorization_settings: { base_limit: { amount: 777700, currency: 'USD' } } },
        headers: { 'Idempotency-Key': 'edit-1' },
      });

      const after = must(
        sandbox.snapshot().spend_limits.find((l) => l.id === before.id),
        'the limit',
      );
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual(after);
      const buffer = Number(before.authorization_settings?.limit_buffer_percentage ?? 0);
      expect(after).toEqual({
        ...before,
        authorization_settings: {
          ...before.authorization_settings,
          base_limit: { amount: 777700, currency: 'USD' },
          limit_with_increases: {
            amount: Math.round(777700 * (1 + buffer / 100)),
            currency: 'USD',
          },
        },
      });
    });

    it('requires an Idempotency-Key', async () => {
      const limit = at(sandbox.snapshot().spend_limits, 0);

      const reply = await call(sandbox, sandbox.token, 'PUT', `/v2/spend_limits/${limit.id}`, {
        body: { name: 'x' },
      });

      expect(reply.status).toBe(400);
      expect(sandbox.snapshot().spend_limits[0]).toEqual(limit);
    });

    it('replays the first response for a repeated key without applying the change again', async () => {
      const limit = at(sandbox.snapshot().spend_limits, 0);
      const put = (body: unknown) =>
        call(sandbox, sandbox.token, 'PUT', `/v2/spend_limits/${limit.id}`, {
          body,
          headers: { 'Idempotency-Key': 'same-key' },
        });

      const first = await put({ name: 'First name', description: 'x' });
      at(sandbox.company.state.spendLimits.all(), 0).data.name = 'Renamed in the dashboard';
      const second = await put({ description: 'x', name: 'First name' });

      expect(second.status).toBe(first.status);
      expect(second.text).toBe(first.text);
      expect(at(sandbox.snapshot().spend_limits, 0).name).toBe('Renamed in the dashboard');
      expect(sandbox.log.map((e) => e.replayed)).toEqual([false, true]);
    });

    it('refuses the same key with a different body, and changes nothing', async () => {
      const limit = at(sandbox.snapshot().spend_limits, 0);
      const put = (name: string) =>
        call(sandbox, sandbox.token, 'PUT', `/v2/spend_limits/${limit.id}`, {
          body: { name },
          headers: { 'Idempotency-Key': 'same-key' },
        });

      await put('First name');
      const second = await put('Second name');

      expect(second.status).toBe(400);
      expect(second.body).toEqual({
        type: 'BAD_REQUEST',
        message: expect.stringMatching(/Idempotency-Key was already used for a different request/),
      });
      expect(at(sandbox.snapshot().spend_limits, 0).name).toBe('First name');
    });

    it('survives a lost response: the write applies once and a retry with the key gets the full answer', async () => {
      const limit = at(sandbox.snapshot().spend_limits, 1);
      sandbox.setFaults('lost=1');
      const put = () =>
        call(sandbox, sandbox.token, 'PUT', `/v2/spend_limits/${limit.id}`, {
          body: { authorization_settings: { base_limit: { amount: 4200, currency: 'USD' } } },
          headers: { 'Idempotency-Key': 'lost-key' },
        });

      const lost = await put();
      sandbox.setFaults('');
      const retry = await put();

      expect(lost.status).toBe(200);
      expect(lost.body).toBeUndefined();
      expect(retry.body).toEqual(at(sandbox.snapshot().spend_limits, 1));
      expect(sandbox.log.map((e) => [e.fault, e.replayed])).toEqual([
        ['lost', false],
        [null, true],
      ]);
    });
  });

  it('updates an expense memo and bumps its updated_at', async () => {
    const expense = at(sandbox.snapshot().expenses, 5);

    const reply = await call(sandbox, sandbox.token, 'PUT', `/v1/expenses/card/${expense.id}`, {
      body: { memo: 'Team offsite snacks' },
    });

    const after = must(
      sandbox.snapshot().expenses.find((e) => e.id === expense.id),
      'the expense',
    );
    expect(reply.status).toBe(200);
    expect(after.memo).toBe('Team offsite snacks');
    expect(after.updated_at).toBe(`${TODAY}T23:00:01.000Z`);
    expect(reply.body).toEqual(
      expect.objectContaining({
        id: expense.id,
        memo: 'Team offsite snacks',
        updated_at: after.updated_at,
      }),
    );
  });

  describe('cards and user limits', () => {
    it('locks and unlocks a card', async () => {
      const card = must(
        sandbox.snapshot().cards.find((c) => c.status === 'ACTIVE'),
        'an active card',
      );

      const locked = await call(sandbox, sandbox.token, 'POST', `/v2/cards/${card.id}/lock`, {
        body: { reason: 'CARD_LOST' },
      });
      const unlocked = await call(sandbox, sandbox.token, 'POST', `/v2/cards/${card.id}/unlock`);

      expect((locked.body as { status: string }).status).toBe('LOCKED');
      expect((unlocked.body as { status: string }).status).toBe('ACTIVE');
    });

    it('sets a user monthly limit and unsets it with null', async () => {
      const user = at(sandbox.snapshot().users, 0);

      const set = await call(sandbox, sandbox.token, 'POST', `/v2/users/${user.id}/limit`, {
        body: { monthly_limit: { amount: 250000, currency: 'USD' } },
      });
      const unset = await call(sandbox, sandbox.token, 'POST', `/v2/users/${user.id}/limit`, {
        body: { monthly_limit: null },
      });

      expect((set.body as { monthly_limit: unknown }).monthly_limit).toEqual({
        amount: 250000,
        currency: 'USD',
      });
      expect(unset.body).toEqual({ monthly_limit: null, monthly_available: null });
    });
  });

  describe('faults', () => {
    it('injects the same faults for the same seed and request sequence', async () => {
      const run = async () => {
        sandbox.reset();
        sandbox.setFaults('rate429=0.2,err5xx=0.2,truncate=0.2');
        const statuses: string[] = [];
        for (let i = 0; i < 30; i++) {
          const reply = await call(sandbox, sandbox.token, 'GET', '/v2/users?limit=5');
          statuses.push(
            `${reply.status}:${reply.headers.get('retry-after') ?? '-'}:${reply.body === undefined}`,
          );
        }
        return statuses;
      };

      const first = await run();
      const second = await run();

      expect(second).toEqual(first);
      expect(first.some((s) => s.startsWith('429:1') || s.startsWith('429:2'))).toBe(true);
      expect(first.some((s) => s.startsWith('429:-'))).toBe(true);
      expect(first.some((s) => /^50[023]:/.test(s))).toBe(true);
      expect(first.some((s) => s.startsWith('200:-:true'))).toBe(true);
    });

    it('never changes state on a 429 or 5xx', async () => {
      const before = sandbox.snapshot();
      sandbox.setFaults('rate429=0.5,err5xx=0.5');

      const reply = await call(
        sandbox,
        sandbox.token,
        'PUT',
        `/v2/spend_limits/${at(before.spend_limits, 0).id}`,
        {
          body: { name: 'Changed' },
          headers: { 'Idempotency-Key': 'k' },
        },
      );

      expect([429, 500, 502, 503]).toContain(reply.status);
      expect(sandbox.snapshot()).toEqual(before);
    });
  });
});
