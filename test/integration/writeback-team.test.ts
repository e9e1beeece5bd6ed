/**
 * The user, department and location actions through the built bundle (dist/Code.js) in the local
 * runtime, against the Brex sandbox over loopback HTTP: edit → review → push → Brex's state →
 * audit row → revert where there is an inverse.
 */
import type { Sandbox } from '../../dev/sandbox';
import type { Department, Location, User } from '../../src/brex';
import { control } from '../support/world';
import {
  USERS,
  auditRows,
  nextRow,
  openSandbox,
  noteOf,
  push,
  refresh,
  review,
  teamWorld,
  type,
  users,
  valueOf,
  writes,
} from '../support/team-world';

const body = (sandbox: Sandbox, index = 0): unknown =>
  JSON.parse(writes(sandbox)[index]?.body ?? 'null');

describe('user, department and location actions', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await openSandbox();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  const person = (status = 'ACTIVE'): User =>
    users(sandbox).find((u) => u.status === status && u.manager_id) as User;
  const user = (id: string): User => users(sandbox).find((u) => u.id === id) as User;
  const departments = (): Department[] => sandbox.snapshot().departments as Department[];

  it('suspends a person typed "disabled" and reverts by reactivating them', async () => {
    const runtime = await teamWorld(sandbox);
    const { id } = person();
    await type(runtime, USERS, id, 'Status', 'disabled');

    expect(await review(runtime)).toEqual([
      expect.objectContaining({
        action: 'user.status',
        brexNow: 'Active',
        toSend: 'Disabled',
        problem: null,
      }),
    ]);
    expect(await push(runtime)).toEqual([expect.objectContaining({ outcome: 'pushed' })]);
    expect(user(id).status).toBe('DISABLED');
    expect(writes(sandbox)[0]?.path).toBe(`/v2/users/${id}`);
    expect(body(sandbox)).toEqual({ status: 'DISABLED' });
    const audit = auditRows(runtime);
    expect(audit.at(-1)).toMatchObject({ Action: 'user.status', Old: 'ACTIVE', New: 'DISABLED' });

    await runtime.call('revertAuditEntry', [audit.length + 1]);
    expect(await push(runtime)).toEqual([expect.objectContaining({ outcome: 'pushed' })]);
    expect(user(id).status).toBe('ACTIVE');
  });

  it('sets a monthly limit and reverts it', async () => {
    const runtime = await teamWorld(sandbox);
    const { id } = person();
    const before = valueOf(runtime, USERS, id, 'Monthly limit');
    await type(runtime, USERS, id, 'Monthly limit', '$4,321');

    const [change] = await review(runtime);
    expect(change).toMatchObject({
      action: 'user.monthly_limit',
      toSend: '4,321.00 USD',
      problem: null,
    });
    expect(await push(runtime)).toEqual([expect.objectContaining({ outcome: 'pushed' })]);
    const limits = sandbox.snapshot().user_limits as Record<string, { monthly_limit: unknown }>;
    expect(limits[id]?.monthly_limit).toEqual({ amount: 432100, currency: 'USD' });
    expect(body(sandbox)).toEqual({ monthly_limit: { amount: 432100, currency: 'USD' } });
    expect(valueOf(runtime, USERS, id, 'Monthly limit')).toBe(4321);

    const audit = auditRows(runtime);
    await runtime.call('revertAuditEntry', [audit.length + 1]);
    expect(await push(runtime)).toEqual([expect.objectContaining({ outcome: 'pushed' })]);
    expect(valueOf(runtime, USERS, id, 'Monthly limit')).toBe(before);
  });

  it('with only "Brex Users" synced, shows no change for untouched names and refuses a typed department until it is synced', async () => {
    const runtime = await teamWorld(sandbox, ['users']);
    const { id, department_id: oldDepartment } = person();
    const shown = valueOf(runtime, USERS, id, 'Department');
    expect(shown).not.toBe('');
    expect(await review(runtime)).toEqual([]);

    // Typing the name the cell already shows is no edit, so it is not marked either.
    await type(runtime, USERS, id, 'Department', shown);
    expect(noteOf(runtime, USERS, id, 'Department')).toBe('');
    expect(await review(runtime)).toEqual([]);

    const moved = departments().find((d) => d.id !== oldDepartment) as Department;
    await type(runtime, USERS, id, 'Department', moved.name);
    const [change] = await review(runtime);
    expect(change).toMatchObject({ action: 'user.department', toSend: null });
    expect(change?.problem).toMatch(
      /"Brex Departments" has not been synced.*Sync Brex Departments first/,
    );
    expect(noteOf(runtime, USERS, id, 'Department')).toBe(`Brex write-back: ${change?.problem}`);
    expect(await push(runtime)).toEqual([]);
    expect(writes(sandbox)).toHaveLength(0);

    // Once "Brex Departments" is synced, the same typed name resolves.
    await runtime.call('saveSyncSettings', [
      { dataSets: ['users', 'departments'], historyStart: '2026-01-01' },
    ]);
    await refresh(runtime);
    expect(await review(runtime)).toEqual([
      expect.objectContaining({ action: 'user.department', toSend: moved.name, problem: null }),
    ]);
  });

  it('moves a person by department name and manager email; refuses unknown names with candidates', async () => {
    const runtime = await teamWorld(sandbox);
    const { id, manager_id: oldManager, department_id: oldDepartment } = person();
    const manager = users(sandbox).find(
      (u) => u.status === 'ACTIVE' && u.id !== id && u.id !== oldManager,
    ) as User;
    const moved = departments().find((d) => d.id !== oldDepartment) as Department;
    await type(runtime, USERS, id, 'Department', moved.name.toLowerCase());
    await type(runtime, USERS, id, 'Manager', manager.email.toUpperCase());
    await type(runtime, USERS, id, 'Location', 'Atlantis');

    const changes = await review(runtime);
    const byAction = new Map(changes.map((c) => [c.action, c]));
    expect(byAction.get('user.department')).toMatchObject({ toSend: moved.name, problem: null });
    expect(byAction.get('user.manager')).toMatchObject({ problem: null });
    expect(byAction.get('user.location')?.problem).toMatch(
      /No location "Atlantis" in the last sync of "Brex Locations"/,
    );

    const results = await push(runtime);
    expect(results.map((r) => r.outcome)).toEqual(['pushed', 'pushed']);
    expect(user(id)).toMatchObject({ department_id: moved.id, manager_id: manager.id });
    expect(writes(sandbox)).toHaveLength(2);
    expect(valueOf(runtime, USERS, id, 'Department')).toBe(moved.name);
    const audit = auditRows(runtime);
    expect(audit.at(-1)).toMatchObject({ Action: 'user.manager', Old: oldManager });

    await runtime.call('revertAuditEntry', [audit.length + 1]);
    const [back] = (await review(runtime)).filter((c) => c.action === 'user.manager');
    expect(back).toMatchObject({ problem: null });
    await push(runtime, [back?.key as string]);
    expect(user(id).manager_id).toBe(oldManager);
  });

  it('refuses at review a department or location name two of them have, sending nothing at push', async () => {
    const runtime = await teamWorld(sandbox);
    const [first, second] = departments() as [Department, Department];
    const [here, there] = sandbox.snapshot().locations as [Location, Location];
    control(sandbox, 'PUT', `/records/departments/${second.id}`, { name: first.name });
    control(sandbox, 'PUT', `/records/locations/${there.id}`, { name: here.name.toUpperCase() });
    await refresh(runtime);
    const { id } = users(sandbox).find(
      (u) =>
        u.status === 'ACTIVE' &&
        ![first.id, second.id].includes(u.department_id ?? '') &&
        ![here.id, there.id].includes(u.location_id ?? ''),
    ) as User;
    const location = valueOf(runtime, USERS, id, 'Location');
    await type(runtime, USERS, id, 'Department', first.name.toLowerCase());
    await type(runtime, USERS, id, 'Location', here.name);
    sandbox.log.length = 0;

    const changes = await review(runtime);
    const byAction = new Map(changes.map((c) => [c.action, c]));
    expect(byAction.get('user.department')).toMatchObject({
      toSend: null,
      problem: `Two departments are named "${first.name.toLowerCase()}": ${first.name} (${first.id}), ${first.name} (${second.id}). Type the Brex ID of the one you mean, from "Brex Departments", instead.`,
    });
    expect(byAction.get('user.location')?.problem).toMatch(
      /^Two locations are named .*from "Brex Locations", instead\.$/,
    );
    expect(await push(runtime)).toEqual([]);
    expect(sandbox.log).toHaveLength(0);

    // The Brex ID the message names resolves to that one department.
    await type(runtime, USERS, id, 'Department', second.id);
    await type(runtime, USERS, id, 'Location', location);
    const [moved] = await review(runtime);
    expect(moved).toMatchObject({
      action: 'user.department',
      toSend: `${first.name} (${second.id})`,
      problem: null,
    });
    expect(await push(runtime)).toEqual([expect.objectContaining({ outcome: 'pushed' })]);
    expect(user(id).department_id).toBe(second.id);
  });

  it('invites a person from a new row, with department, location and manager by name', async () => {
    const runtime = await teamWorld(sandbox);
    const manager = person();
    const row = nextRow(runtime, USERS);
    await type(runtime, USERS, row, 'Name', 'Zoë  van Park');
    await type(runtime, USERS, row, 'Email', 'zoe.park@acme-demo.com');
    await type(runtime, USERS, row, 'Department', 'FINANCE');
    await type(runtime, USERS, row, 'Location', 'London');
    await type(runtime, USERS, row, 'Manager', `${manager.first_name} ${manager.last_name}`);

    const [change] = await review(runtime);
    expect(change).toMatchObject({
      action: 'user.invite',
      confirmation: 'creation',
      problem: null,
    });
    expect(await push(runtime)).toEqual([]);
    const [result] = await push(runtime, [change?.key as string]);
    expect(result).toMatchObject({ outcome: 'pushed' });
    const invited = user(result?.brexId as string);
    expect(invited).toMatchObject({
      first_name: 'Zoë van',
      last_name: 'Park',
      email: 'zoe.park@acme-demo.com',
      status: 'INVITED',
      manager_id: manager.id,
    });
    expect(valueOf(runtime, USERS, invited.id, 'Status')).toBe('Invited');
    expect(await review(runtime)).toEqual([]);
    expect(auditRows(runtime).at(-1)).toMatchObject({ Action: 'user.invite', Result: 'pushed' });
  });

  it('creates a department and a location from new rows, and refuses a name Brex has', async () => {
    const runtime = await teamWorld(sandbox);
    const depRow = nextRow(runtime, 'Brex Departments');
    await type(runtime, 'Brex Departments', depRow, 'Name', 'Legal');
    await type(runtime, 'Brex Departments', depRow, 'Description', 'Contracts and compliance');
    await type(runtime, 'Brex Departments', depRow + 1, 'Name', 'sales');
    const locRow = nextRow(runtime, 'Brex Locations');
    await type(runtime, 'Brex Locations', locRow, 'Name', 'Berlin');

    const changes = await review(runtime);
    const sales = departments().find((d) => d.name === 'Sales') as Department;
    expect(changes.map((c) => [c.action, c.actionLabel, c.toSend, c.problem])).toEqual([
      ['department.create', 'Create department', 'Legal (Contracts and compliance)', null],
      [
        'department.create',
        'Create department',
        'sales',
        `Brex already has a department named "Sales" (${sales.id}, in "Brex Departments"). Use that one, or type another name.`,
      ],
      ['location.create', 'Create location', 'Berlin', null],
    ]);
    const results = await push(
      runtime,
      changes.map((c) => c.key),
    );
    // Named in the push, the refused row is answered with its review's problem, unsent.
    expect(results.map((r) => r.outcome)).toEqual(['pushed', 'refused', 'pushed']);
    expect(results[1]?.message).toBe(changes[1]?.problem);
    expect(departments().map((d) => d.name)).toContain('Legal');
    expect((sandbox.snapshot().locations as { name: string }[]).map((l) => l.name)).toContain(
      'Berlin',
    );
    expect(writes(sandbox)).toHaveLength(2);
    const legal = departments().find((d) => d.name === 'Legal') as Department;
    expect(valueOf(runtime, 'Brex Departments', legal.id, 'Name')).toBe('Legal');
  });

  it('creates a new row once even when Brex\u2019s answer is lost: the next push replays it', async () => {
    const runtime = await teamWorld(sandbox);
    const row = nextRow(runtime, USERS);
    await type(runtime, USERS, row, 'Name', 'Lou Lost');
    await type(runtime, USERS, row, 'Email', 'lou.lost@acme-demo.com');
    const depRow = nextRow(runtime, 'Brex Departments');
    await type(runtime, 'Brex Departments', depRow, 'Name', 'Procurement');
    const keys = (await review(runtime)).map((c) => c.key);

    sandbox.setFaults('lost=1');
    const first = await push(runtime, keys);
    sandbox.setFaults('');
    expect(first.map((r) => r.outcome)).toEqual(['unknown', 'unknown']);
    const pending = await review(runtime);
    expect(pending.map((c) => [c.key, c.inFlight])).toEqual(keys.map((k) => [k, true]));

    const second = await push(runtime, keys);
    expect(second.map((r) => r.outcome)).toEqual(['pushed', 'pushed']);
    expect(second.map((r) => r.idempotencyKey)).toEqual(first.map((r) => r.idempotencyKey));
    expect(users(sandbox).filter((u) => u.email === 'lou.lost@acme-demo.com')).toHaveLength(1);
    expect(departments().filter((d) => d.name === 'Procurement')).toHaveLength(1);
    expect(writes(sandbox).filter((w) => w.replayed)).toHaveLength(2);
    expect(await review(runtime)).toEqual([]);
  });
});
