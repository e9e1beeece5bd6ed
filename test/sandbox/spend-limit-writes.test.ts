import { type Sandbox, startSandbox } from '../../dev/sandbox';
import { at, call, must, refusal, write } from './support';

const TODAY = '2026-02-10';

describe('sandbox spend-limit writes', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await startSandbox({ today: TODAY, transactions: 100 });
  });

  afterEach(() => sandbox.close());

  const limitWith = (status: string) =>
    must(
      sandbox.snapshot().spend_limits.find((l) => l.status === status),
      `a ${status} spend limit`,
    );
  const createBody = () => {
    const s = sandbox.snapshot();
    return {
      name: 'Design Tools',
      period_recurrence_type: 'PER_QUARTER',
      authorization_settings: { base_limit: { amount: 500000, currency: 'USD' } },
      expense_visibility: 'SHARED',
      authorization_visibility: 'PUBLIC',
      limit_increase_setting: 'DISABLED',
      spend_type: 'NON_BUDGET_PROVISIONED_CARDS_ALLOWED',
      auto_transfer_cards_setting: 'DISABLED',
      auto_create_limit_cards_setting: 'ALL_MEMBERS',
      expense_policy_id: at(s.spend_limits, 0).expense_policy_id,
      owner_user_ids: [at(s.users, 0).id],
      member_user_ids: [at(s.users, 1).id, at(s.users, 2).id],
    };
  };

  it('creates a spend limit in its current period, which the list then returns', async () => {
    const s = sandbox.snapshot();

    const reply = await write(sandbox, 'POST', '/v2/spend_limits', createBody());

    const created = reply.body as { id: string };
    expect(reply.status).toBe(200);
    expect(created).toMatchObject({
      id: expect.stringMatching(/^splim_/),
      name: 'Design Tools',
      status: 'ACTIVE',
      period_recurrence_type: 'PER_QUARTER',
      authorization_settings: {
        base_limit: { amount: 500000, currency: 'USD' },
        limit_with_increases: { amount: 500000, currency: 'USD' },
      },
      owner_user_ids: [at(s.users, 0).id],
      member_user_ids: [at(s.users, 1).id, at(s.users, 2).id],
      current_period_balance: {
        start_date: '2026-01-01',
        end_date: '2026-03-31',
        amount_spent: { amount: 0, currency: 'USD' },
      },
    });
    const listed = await call(
      sandbox,
      sandbox.token,
      'GET',
      `/v2/spend_limits?member_user_id[]=${at(s.users, 2).id}`,
    );
    expect((listed.body as { items: unknown[] }).items).toContainEqual(created);
  });

  it('refuses a create with a field missing, a bad enum, or ids that do not exist', async () => {
    const before = sandbox.snapshot().spend_limits.length;
    const { expense_visibility: _dropped, ...missing } = createBody();
    const cases: [unknown, RegExp][] = [
      [missing, /^expense_visibility is required$/],
      [
        { ...createBody(), period_recurrence_type: 'MONTHLY' },
        /^period_recurrence_type must be one of PER_WEEK/,
      ],
      [
        { ...createBody(), expense_policy_id: 'expol_made_up' },
        /expense_policy_id expol_made_up does not exist/,
      ],
      [
        { ...createBody(), member_user_ids: ['cuuser_nobody'] },
        /member_user_ids names cuuser_nobody/,
      ],
      [{ ...createBody(), member_user_ids: 'all' }, /^member_user_ids must be a list$/],
      [{ ...createBody(), period_recurrence_type: 'ONE_TIME' }, /end_date is required/],
      [
        { ...createBody(), start_date: '2026-05-01', end_date: '2026-04-01' },
        /end_date may not be before/,
      ],
      [{ ...createBody(), status: 'ACTIVE' }, /^status is read-only or unknown/],
    ];

    for (const [body, message] of cases) {
      const reply = await write(sandbox, 'POST', '/v2/spend_limits', body);

      expect({ body, error: reply.body }).toEqual({ body, error: refusal(message) });
    }
    expect(sandbox.snapshot().spend_limits).toHaveLength(before);
  });

  it('renames, changes the base limit and replaces the member list, in one PUT', async () => {
    const limit = limitWith('ACTIVE');
    const users = sandbox.snapshot().users;
    const members = [...(limit.member_user_ids ?? []).slice(1), at(users, 20).id];

    const reply = await write(sandbox, 'PUT', `/v2/spend_limits/${limit.id}`, {
      name: 'Engineering Tools',
      member_user_ids: members,
      authorization_settings: { base_limit: { amount: 1_000_000, currency: 'USD' } },
    });

    const buffer = Number(limit.authorization_settings?.limit_buffer_percentage ?? 0);
    expect(reply.body).toEqual({
      ...limit,
      name: 'Engineering Tools',
      member_user_ids: members,
      authorization_settings: {
        ...limit.authorization_settings,
        base_limit: { amount: 1_000_000, currency: 'USD' },
        limit_with_increases: {
          amount: Math.round(1_000_000 * (1 + buffer / 100)),
          currency: 'USD',
        },
      },
    });
    const got = await call(sandbox, sandbox.token, 'GET', `/v2/spend_limits/${limit.id}`);
    expect(got.body).toEqual(reply.body);
  });

  it('archives once; an archived limit can be neither updated nor archived again', async () => {
    const limit = limitWith('ACTIVE');

    const archived = await write(sandbox, 'POST', `/v2/spend_limits/${limit.id}/archive`);
    const again = await write(sandbox, 'POST', `/v2/spend_limits/${limit.id}/archive`);
    const update = await write(sandbox, 'PUT', `/v2/spend_limits/${limit.id}`, { name: 'x' });
    const revive = await write(sandbox, 'PUT', `/v2/spend_limits/${limit.id}`, {
      status: 'ACTIVE',
    });

    expect((archived.body as { status: string }).status).toBe('ARCHIVED');
    expect([again.body, update.body, revive.body]).toEqual([
      refusal(/archived and cannot be archived/),
      refusal(/archived and cannot be updated/),
      refusal(/archived and cannot be updated/),
    ]);
    expect(sandbox.snapshot().spend_limits.find((l) => l.id === limit.id)).toEqual({
      ...limit,
      status: 'ARCHIVED',
    });
  });

  it('refuses a status Brex sets itself, members listed twice, and a base limit below zero', async () => {
    const limit = limitWith('ACTIVE');
    const member = at(sandbox.snapshot().users, 1).id;
    const cases: [unknown, RegExp][] = [
      [{ status: 'EXPIRED' }, /status can only be set to ACTIVE or ARCHIVED/],
      [{ status: 'PAUSED' }, /^status must be one of ACTIVE, EXPIRED, ARCHIVED, DELETED$/],
      [{ member_user_ids: [member, member] }, /member_user_ids lists a user twice/],
      [{ name: 'Renamed', authorization_settings: { base_limit: { amount: -1 } } }, /non-negative/],
      [
        { authorization_settings: { base_limit: { amount: '10' } } },
        /base_limit.amount must be an integer/,
      ],
      [{ name: 7 }, /^name must be a string$/],
    ];

    for (const [body, message] of cases) {
      const reply = await write(sandbox, 'PUT', `/v2/spend_limits/${limit.id}`, body);

      expect({ body, error: reply.body }).toEqual({ body, error: refusal(message) });
    }
    expect(sandbox.snapshot().spend_limits.find((l) => l.id === limit.id)).toEqual(limit);
  });
});
