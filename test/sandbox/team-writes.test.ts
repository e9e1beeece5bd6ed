import { type Sandbox, startSandbox } from '../../dev/sandbox';
import { at, call, must, pageAll, refusal, write } from './support';

const TODAY = '2026-02-10';

describe('sandbox user, department and location writes', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await startSandbox({ today: TODAY, transactions: 100 });
  });

  afterEach(() => sandbox.close());

  const userWith = (status: string) =>
    must(
      sandbox.snapshot().users.find((u, i) => i > 0 && u.status === status),
      `a ${status} user`,
    );

  it('invites a user, who then appears in the list, by email and with no monthly limit', async () => {
    const s = sandbox.snapshot();
    const manager = at(s.users, 0);

    const reply = await write(sandbox, 'POST', '/v2/users', {
      first_name: 'Grace',
      last_name: 'Hopper',
      email: 'grace.hopper@acme-demo.com',
      manager_id: manager.id,
      department_id: at(s.departments, 1).id,
      location_id: at(s.locations, 2).id,
    });

    const invited = reply.body as { id: string };
    expect(reply.status).toBe(200);
    expect(invited).toEqual({
      id: expect.stringMatching(/^cuuser_/),
      first_name: 'Grace',
      last_name: 'Hopper',
      email: 'grace.hopper@acme-demo.com',
      status: 'INVITED',
      manager_id: manager.id,
      department_id: at(s.departments, 1).id,
      location_id: at(s.locations, 2).id,
      title_id: null,
      metadata: {},
      remote_display_id: null,
    });
    const byEmail = await call(
      sandbox,
      sandbox.token,
      'GET',
      '/v2/users?email=Grace.Hopper@acme-demo.com',
    );
    expect((byEmail.body as { items: unknown[] }).items).toEqual([invited]);
    const { items } = await pageAll(sandbox, sandbox.token, '/v2/users?limit=7');
    expect(items.at(-1)).toEqual(invited);
    const limit = await call(sandbox, sandbox.token, 'GET', `/v2/users/${invited.id}/limit`);
    expect(limit.body).toEqual({ monthly_limit: null, monthly_available: null });
  });

  it('refuses an email that exists (in any case), a bad email, and unknown ids', async () => {
    const s = sandbox.snapshot();
    const taken = at(s.users, 3).email.toUpperCase();
    const person = { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@acme-demo.com' };
    const cases: [unknown, RegExp][] = [
      [{ ...person, email: taken }, /already exists/],
      [{ ...person, email: 'ada at acme' }, /^email must be an email address$/],
      [{ ...person, email: '=HYPERLINK("x")' }, /^email must be an email address$/],
      [{ ...person, first_name: '' }, /^first_name may not be empty$/],
      [{ first_name: 'Ada', email: 'ada@acme-demo.com' }, /^last_name is required$/],
      [{ ...person, manager_id: 'cuuser_nobody' }, /^manager_id cuuser_nobody does not exist$/],
      [{ ...person, department_id: 'cudept_nope' }, /^department_id cudept_nope does not exist$/],
      [{ ...person, location_id: 42 }, /^location_id must be a string$/],
      [{ ...person, status: 'ACTIVE' }, /^status is read-only or unknown/],
      [{ ...person, email: null }, /^email may not be null$/],
      [
        {
          ...person,
          metadata: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, 'v'])),
        },
        /^metadata may have at most 100 keys$/,
      ],
    ];

    for (const [body, message] of cases) {
      const reply = await write(sandbox, 'POST', '/v2/users', body);

      expect({ body, status: reply.status, error: reply.body }).toEqual({
        body,
        status: 400,
        error: refusal(message),
      });
    }
    expect(sandbox.snapshot().users).toHaveLength(s.users.length);
  });

  it('suspends and reactivates a person, and moves them between departments, locations and managers', async () => {
    const s = sandbox.snapshot();
    const user = userWith('ACTIVE');
    const manager = at(s.users, 0);

    const disabled = await write(sandbox, 'PUT', `/v2/users/${user.id}`, { status: 'DISABLED' });
    const moved = await write(sandbox, 'PUT', `/v2/users/${user.id}`, {
      department_id: at(s.departments, 4).id,
      location_id: at(s.locations, 1).id,
      manager_id: manager.id,
    });
    const active = await write(sandbox, 'PUT', `/v2/users/${user.id}`, { status: 'ACTIVE' });
    const cleared = await write(sandbox, 'PUT', `/v2/users/${user.id}`, { location_id: null });

    expect((disabled.body as { status: string }).status).toBe('DISABLED');
    expect(moved.body).toEqual({
      ...user,
      status: 'DISABLED',
      department_id: at(s.departments, 4).id,
      location_id: at(s.locations, 1).id,
      manager_id: manager.id,
    });
    expect((active.body as { status: string }).status).toBe('ACTIVE');
    expect((cleared.body as { location_id: unknown }).location_id).toBeNull();
    const got = await call(sandbox, sandbox.token, 'GET', `/v2/users/${user.id}`);
    expect(got.body).toEqual(cleared.body);
  });

  it('refuses a status outside ACTIVE and DISABLED, a change to an invited person, and self-management', async () => {
    const user = userWith('ACTIVE');
    const invited = userWith('INVITED');
    const cases: [string, unknown, RegExp][] = [
      [user.id, { status: 'DELETED' }, /^status must be one of ACTIVE, DISABLED$/],
      [user.id, { status: 'disabled' }, /^status must be one of ACTIVE, DISABLED$/],
      [invited.id, { status: 'DISABLED' }, /User is INVITED/],
      [user.id, { manager_id: user.id }, /may not be the user themself/],
      [user.id, { title_id: 'cutitle_nope' }, /title_id cutitle_nope does not exist/],
      [user.id, { email: 'new@acme-demo.com' }, /^email is read-only or unknown/],
    ];

    for (const [id, body, message] of cases) {
      const reply = await write(sandbox, 'PUT', `/v2/users/${id}`, body);

      expect({ body, error: reply.body }).toEqual({ body, error: refusal(message) });
    }
    expect(sandbox.snapshot().users.find((u) => u.id === user.id)).toEqual(user);
    expect(sandbox.snapshot().users.find((u) => u.id === invited.id)).toEqual(invited);
  });

  it('sets a monthly limit keeping what was spent, and refuses a negative or fractional one', async () => {
    const user = at(sandbox.snapshot().users, 1);
    const before = must(sandbox.company.state.userLimits.get(user.id), 'a limit');
    const spent = (before.monthly_limit?.amount ?? 0) - (before.monthly_available?.amount ?? 0);

    const set = await write(sandbox, 'POST', `/v2/users/${user.id}/limit`, {
      monthly_limit: { amount: 800000, currency: 'USD' },
    });
    const refused = [
      await write(sandbox, 'POST', `/v2/users/${user.id}/limit`, {
        monthly_limit: { amount: -5 },
      }),
      await write(sandbox, 'POST', `/v2/users/${user.id}/limit`, {
        monthly_limit: { amount: '100' },
      }),
      await write(sandbox, 'POST', `/v2/users/${user.id}/limit`, {}),
    ];

    expect(set.body).toEqual({
      monthly_limit: { amount: 800000, currency: 'USD' },
      monthly_available: { amount: 800000 - spent, currency: 'USD' },
    });
    expect(refused.map((r) => r.body)).toEqual([
      refusal(/monthly_limit.amount may not be negative/),
      refusal(/monthly_limit.amount must be an integer/),
      refusal(/monthly_limit is required/),
    ]);
    const got = await call(sandbox, sandbox.token, 'GET', `/v2/users/${user.id}/limit`);
    expect(got.body).toEqual(set.body);
  });

  it.each([
    ['/v2/departments', 'departments', 'cudept_'],
    ['/v2/locations', 'locations', 'culoc_'],
  ] as const)('creates in %s once per name, and lists it', async (path, list, prefix) => {
    const before = sandbox.snapshot()[list];

    const created = await write(sandbox, 'POST', path, { name: 'Research', description: 'R&D' });
    const again = await write(sandbox, 'POST', path, { name: 'research' });
    const taken = await write(sandbox, 'POST', path, { name: at(before, 0).name });
    const refused = [
      await write(sandbox, 'POST', path, { name: '' }),
      await write(sandbox, 'POST', path, { name: '   ' }),
      await write(sandbox, 'POST', path, { description: 'no name' }),
      await write(sandbox, 'POST', path, { name: 'X', id: 'mine' }),
    ];

    expect(created.body).toEqual({
      id: expect.stringMatching(new RegExp(`^${prefix}`)),
      name: 'Research',
      description: 'R&D',
    });
    expect([again.body, taken.body]).toEqual([
      refusal(/named research already exists/),
      refusal(/already exists/),
    ]);
    expect(refused.map((r) => r.body)).toEqual([
      refusal(/^name may not be empty$/),
      refusal(/^name may not be blank$/),
      refusal(/^name is required$/),
      refusal(/^id is read-only or unknown/),
    ]);
    const byName = await call(sandbox, sandbox.token, 'GET', `${path}?name=Research`);
    expect((byName.body as { items: unknown[] }).items).toEqual([created.body]);
    expect(sandbox.snapshot()[list]).toHaveLength(before.length + 1);
  });
});
