/**
 * The spend-limit actions beside the base limit, through the built bundle (dist/Code.js) in the
 * local runtime, against the Brex sandbox over loopback HTTP: "Name", "Members" and a new row
 * that creates a limit. Edit → review → push → Brex's state → audit row → revert.
 */
import type { Sandbox } from '../../dev/sandbox';
import type { Runtime } from '../../dev/runtime';
import { findSheet, getCell, type Sheet } from '../../dev/runtime/workbook';
import type { SpendLimit, User } from '../../src/brex';
import { auditRows, openSandbox, writes } from '../support/spend-limits';
import {
  cellOf,
  nextRow,
  push,
  review,
  teamWorld,
  type,
  users,
  valueOf,
} from '../support/team-world';
import { control } from '../support/world';

const SHEET = 'Brex Spend Limits';

const limitsWorld = (sandbox: Sandbox): Promise<Runtime> =>
  teamWorld(sandbox, ['users', 'departments', 'locations', 'spend_limits']);

const limits = (sandbox: Sandbox): SpendLimit[] =>
  structuredClone(sandbox.snapshot().spend_limits as SpendLimit[]);
const limit = (sandbox: Sandbox, id: string): SpendLimit =>
  limits(sandbox).find((l) => l.id === id) as SpendLimit;
const body = (sandbox: Sandbox, index = 0): unknown =>
  JSON.parse(writes(sandbox)[index]?.body ?? 'null');
const fullName = (u: User): string => `${u.first_name} ${u.last_name}`;

/** The background and note `onEdit` left on a limit's cell. */
function marks(runtime: Runtime, id: string, header: string): { background: string; note: string } {
  const a1 = cellOf(runtime, SHEET, id, header).split('!')[1] as string;
  const column = (a1.match(/[A-Z]+/)?.[0] as string)
    .split('')
    .reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
  const cell = getCell(
    findSheet(runtime.workbook, SHEET) as Sheet,
    Number(a1.match(/\d+/)?.[0]),
    column,
  );
  return { background: cell?.background ?? '', note: cell?.note ?? '' };
}

describe('spend-limit Name, Members and new rows', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await openSandbox();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  /** An active limit with at least two members, each with a name no other person has. */
  const withMembers = (): SpendLimit => {
    const people = users(sandbox);
    const unique = (id: string): boolean => {
      const person = people.find((u) => u.id === id) as User;
      return people.filter((u) => fullName(u) === fullName(person)).length === 1;
    };
    return limits(sandbox).find(
      (l) =>
        l.status === 'ACTIVE' &&
        (l.member_user_ids ?? []).length >= 2 &&
        (l.member_user_ids ?? []).every(unique),
    ) as SpendLimit;
  };

  it('renames a limit with a PUT of the name alone, and reverts it', async () => {
    const runtime = await limitsWorld(sandbox);
    const { id, name } = withMembers();
    await type(runtime, SHEET, id, 'Name', 'Offsite 2026');
    expect(marks(runtime, id, 'Name')).toEqual({ background: '#fff2cc', note: '' });

    expect(await review(runtime)).toEqual([
      expect.objectContaining({
        action: 'spend_limit.name',
        brexNow: name,
        toSend: 'Offsite 2026',
        problem: null,
      }),
    ]);
    expect(await push(runtime)).toEqual([expect.objectContaining({ outcome: 'pushed' })]);
    expect(limit(sandbox, id).name).toBe('Offsite 2026');
    expect(writes(sandbox)).toHaveLength(1);
    expect(writes(sandbox)[0]).toMatchObject({ method: 'PUT', path: `/v2/spend_limits/${id}` });
    expect(body(sandbox)).toEqual({ name: 'Offsite 2026' });
    const audit = auditRows(runtime);
    expect(audit.at(-1)).toMatchObject({
      Action: 'spend_limit.name',
      Old: name,
      New: 'Offsite 2026',
      Result: 'pushed',
    });
    expect(await review(runtime)).toEqual([]);

    // The renamed row is still the limit's: its base limit can be edited at once.
    await type(runtime, SHEET, id, 'Base limit', 1234);
    const [amount] = await review(runtime);
    expect(amount).toMatchObject({ action: 'spend_limit.base_limit', problem: null });
    await runtime.call('discardChanges', [[amount?.key]]);

    await runtime.call('revertAuditEntry', [audit.length + 1]);
    const [back] = await review(runtime);
    expect(back).toMatchObject({ brexNow: 'Offsite 2026', toSend: name, problem: null });
    expect(await push(runtime)).toEqual([expect.objectContaining({ outcome: 'pushed' })]);
    expect(limit(sandbox, id).name).toBe(name);
  });

  it('refuses a name another limit has (a sorted column), a formula, and a blank, sending nothing', async () => {
    const runtime = await limitsWorld(sandbox);
    const [a, b, c, d] = limits(sandbox).filter((l) => l.status === 'ACTIVE');
    const other = limits(sandbox).find((l) => l.id !== a?.id) as SpendLimit;
    await type(runtime, SHEET, a?.id as string, 'Name', other.name.toUpperCase());
    await type(runtime, SHEET, b?.id as string, 'Name', '=IMPORTXML("https://evil.example")');
    await type(runtime, SHEET, c?.id as string, 'Name', '');
    await type(runtime, SHEET, d?.id as string, 'Name', "'+cmd");

    const problems = (await review(runtime)).map((change) => change.problem);
    expect(problems).toEqual([
      expect.stringMatching(/Another spend limit .* is named .*sorted on its own/),
      expect.stringMatching(/"Name" starts with "=".*Type the name without it/),
      expect.stringMatching(/A spend limit needs a name/),
      expect.stringMatching(/"Name" starts with "\+"/),
    ]);
    expect(valueOf(runtime, SHEET, b?.id as string, 'Name')).toBe(
      '=IMPORTXML("https://evil.example")',
    );
    expect(await push(runtime)).toEqual([]);
    expect(sandbox.log).toHaveLength(0);
  });

  it('adds and removes exactly the difference in Members, shown as such, and reverts it', async () => {
    const runtime = await limitsWorld(sandbox);
    const { id, member_user_ids: before = [] } = withMembers();
    const people = users(sandbox);
    const [kept, removed] = before.map((m) => people.find((u) => u.id === m) as User);
    const [byEmail, byName] = people.filter(
      (u) =>
        u.status === 'ACTIVE' &&
        !before.includes(u.id) &&
        people.filter((p) => fullName(p) === fullName(u)).length === 1,
    ) as [User, User];
    const typed = [
      fullName(kept as User).toLowerCase(),
      byEmail.email.toUpperCase(),
      fullName(byName),
      ...before.slice(2).map((m) => people.find((u) => u.id === m)?.email),
    ].join('; ');
    await type(runtime, SHEET, id, 'Members', typed);

    const [change] = await review(runtime);
    expect(change).toMatchObject({
      action: 'spend_limit.members',
      toSend: expect.stringMatching(/^adds .+; removes .+$/),
      problem: null,
    });
    expect(change?.toSend).toContain(fullName(byEmail));
    expect(change?.toSend).toContain(fullName(byName));
    expect(change?.toSend).toMatch(new RegExp(`removes ${fullName(removed as User)}$`));

    expect(await push(runtime)).toEqual([expect.objectContaining({ outcome: 'pushed' })]);
    const after = [...before.filter((m) => m !== removed?.id), byEmail.id, byName.id].sort();
    expect([...(limit(sandbox, id).member_user_ids ?? [])].sort()).toEqual(after);
    expect(body(sandbox)).toEqual({ member_user_ids: after });
    expect(writes(sandbox)).toHaveLength(1);
    const cell = String(valueOf(runtime, SHEET, id, 'Members'));
    expect(cell).toContain(fullName(byName));
    expect(cell).not.toContain(fullName(removed as User));
    expect(await review(runtime)).toEqual([]);
    const audit = auditRows(runtime);
    expect(audit.at(-1)).toMatchObject({ Action: 'spend_limit.members', Result: 'pushed' });

    await runtime.call('revertAuditEntry', [audit.length + 1]);
    const [back] = await review(runtime);
    expect(back).toMatchObject({
      problem: null,
      toSend: expect.stringMatching(/^adds .+; removes/),
    });
    expect(await push(runtime)).toEqual([expect.objectContaining({ outcome: 'pushed' })]);
    expect([...(limit(sandbox, id).member_user_ids ?? [])].sort()).toEqual([...before].sort());
  });

  it('refuses an unknown member with the candidates, marked at once, and a conflict with Brex', async () => {
    const runtime = await limitsWorld(sandbox);
    const { id } = withMembers();
    const person = users(sandbox)[0] as User;
    await type(runtime, SHEET, id, 'Members', `${person.email}, ${person.first_name} Nobody`);
    const [unknown] = await review(runtime);
    expect(unknown?.problem).toMatch(
      new RegExp(
        `^Members: No person "${person.first_name} Nobody" .*Did you mean .*${person.first_name}`,
      ),
    );
    expect(marks(runtime, id, 'Members')).toEqual({
      background: '#f4cccc',
      note: `Brex write-back: ${unknown?.problem}`,
    });
    expect(await push(runtime)).toEqual([]);
    expect(sandbox.log).toHaveLength(0);

    // Brex's members change after the sync: the push shows both and sends nothing.
    await type(runtime, SHEET, id, 'Members', person.email);
    const [change] = await review(runtime);
    expect(change?.problem).toBeNull();
    control(sandbox, 'PUT', `/spend_limits/${id}`, { member_user_ids: [person.id] });
    sandbox.log.length = 0;
    const [result] = await push(runtime);
    expect(result).toMatchObject({ outcome: 'conflict' });
    expect(result?.message).toMatch(
      new RegExp(
        `^Brex now has ${fullName(person)} for ".+", not the .+ of the last sync; you typed (adds|removes) `,
      ),
    );
    expect(writes(sandbox)).toHaveLength(0);
  });

  it('keeps pending Name and Members edits through a refresh, compared with Brex’s values then', async () => {
    const runtime = await limitsWorld(sandbox);
    const { id, member_user_ids: before = [] } = withMembers();
    const [first] = before.map((m) => users(sandbox).find((u) => u.id === m) as User);
    await type(runtime, SHEET, id, 'Name', 'Kept name');
    await type(runtime, SHEET, id, 'Members', (first as User).email);
    control(sandbox, 'PUT', `/spend_limits/${id}`, { name: 'Renamed in Brex' });

    const summary = (await runtime.call('refreshNow', [])) as { done: boolean };
    expect(summary.done).toBe(true);
    expect(valueOf(runtime, SHEET, id, 'Name')).toBe('Kept name');
    expect(valueOf(runtime, SHEET, id, 'Members')).toBe((first as User).email);
    const changes = await review(runtime);
    expect(changes.map((c) => [c.action, c.brexNow, c.problem])).toEqual([
      ['spend_limit.name', 'Renamed in Brex', null],
      ['spend_limit.members', expect.stringContaining(fullName(first as User)), null],
    ]);
    sandbox.log.length = 0;
    expect((await push(runtime)).map((r) => r.outcome)).toEqual(['pushed', 'pushed']);
    expect(limit(sandbox, id)).toMatchObject({ name: 'Kept name', member_user_ids: [first?.id] });
  });

  it('creates a limit from a new row only when its key is named, and writes its id back', async () => {
    const runtime = await limitsWorld(sandbox);
    const [owner, member] = users(sandbox).filter((u) => u.status === 'ACTIVE') as [User, User];
    const row = nextRow(runtime, SHEET);
    await type(runtime, SHEET, row, 'Name', 'Team offsite');
    await type(runtime, SHEET, row, 'Period', 'quarterly');
    await type(runtime, SHEET, row, 'Base limit', '$12,500');
    await type(runtime, SHEET, row, 'Currency', 'usd');
    await type(runtime, SHEET, row, 'Members', `${member.email.toUpperCase()}\n${fullName(owner)}`);
    await type(runtime, SHEET, row, 'Owners', owner.email);

    const [change] = await review(runtime);
    expect(change).toMatchObject({
      action: 'spend_limit.create',
      confirmation: 'creation',
      brexNow: '(new)',
      problem: null,
    });
    expect(change?.toSend).toMatch(
      /^Spend limit "Team offsite", 12,500\.00 USD per quarter; members /,
    );
    expect(await push(runtime)).toEqual([]);
    expect(sandbox.log).toHaveLength(0);

    const [result] = await push(runtime, [change?.key as string]);
    expect(result).toMatchObject({ outcome: 'pushed' });
    const created = limit(sandbox, result?.brexId as string);
    expect(created).toMatchObject({
      name: 'Team offsite',
      period_recurrence_type: 'PER_QUARTER',
      authorization_settings: expect.objectContaining({
        base_limit: { amount: 1250000, currency: 'USD' },
      }),
      owner_user_ids: [owner.id],
    });
    expect([...(created.member_user_ids ?? [])].sort()).toEqual([owner.id, member.id].sort());
    expect(writes(sandbox)).toHaveLength(1);
    expect(valueOf(runtime, SHEET, created.id, 'Name')).toBe('Team offsite');
    expect(valueOf(runtime, SHEET, created.id, 'Period')).toBe('Per quarter');
    expect(valueOf(runtime, SHEET, created.id, 'Status')).toBe('Active');
    expect(await review(runtime)).toEqual([]);
    expect(auditRows(runtime).at(-1)).toMatchObject({
      Action: 'spend_limit.create',
      Result: 'pushed',
    });

    // The new row is a synced one at once: its members can be edited.
    await type(runtime, SHEET, created.id, 'Members', member.email);
    const [edit] = await review(runtime);
    expect(edit).toMatchObject({ action: 'spend_limit.members', problem: null });
    expect(edit?.toSend).toBe(`removes ${fullName(owner)}`);
  });

  it('creates a limit once when Brex\u2019s answer is lost: the next push replays the same key', async () => {
    const runtime = await limitsWorld(sandbox);
    const row = nextRow(runtime, SHEET);
    await type(runtime, SHEET, row, 'Name', 'Lost and found');
    await type(runtime, SHEET, row, 'Period', 'Monthly');
    await type(runtime, SHEET, row, 'Base limit', 800);
    const keys = (await review(runtime)).map((c) => c.key);
    expect(keys).toHaveLength(1);

    sandbox.setFaults('lost=1');
    const first = await push(runtime, keys);
    sandbox.setFaults('');
    expect(first.map((r) => r.outcome)).toEqual(['unknown']);
    expect((await review(runtime)).map((c) => [c.key, c.inFlight])).toEqual([[keys[0], true]]);

    const second = await push(runtime, keys);
    expect(second.map((r) => r.outcome)).toEqual(['pushed']);
    expect(second[0]?.idempotencyKey).toBe(first[0]?.idempotencyKey);
    expect(limits(sandbox).filter((l) => l.name === 'Lost and found')).toHaveLength(1);
    expect(writes(sandbox).filter((w) => w.replayed)).toHaveLength(1);
    const id = second[0]?.brexId as string;
    expect(valueOf(runtime, SHEET, id, 'Name')).toBe('Lost and found');
    expect(await review(runtime)).toEqual([]);
  });

  it('refuses bad new rows, each with the fix, and sends no request', async () => {
    const runtime = await limitsWorld(sandbox);
    const taken = limits(sandbox)[0] as SpendLimit;
    const rows: [string, Record<string, unknown>, RegExp][] = [
      ['formula name', { Name: '=1+1', Period: 'Monthly', 'Base limit': 10 }, /starts with "="/],
      [
        'taken name',
        { Name: taken.name.toLowerCase(), Period: 'Monthly', 'Base limit': 10 },
        /already has a spend limit named/,
      ],
      ['no period', { Name: 'A', 'Base limit': 10 }, /needs a period\. Type Weekly, Monthly/],
      [
        'one time',
        { Name: 'B', Period: 'One time', 'Base limit': 10 },
        /one-time spend limit needs an end date/,
      ],
      [
        'bad amount',
        { Name: 'C', Period: 'Yearly', 'Base limit': '12abc' },
        /Type the amount in USD/,
      ],
      [
        'euro sign in USD',
        { Name: 'D', Period: 'Yearly', 'Base limit': '€10' },
        /"€10" is not an amount/,
      ],
      ['no amount', { Name: 'E', Period: 'Weekly' }, /needs a base limit/],
      [
        'bad currency',
        { Name: 'F', Period: 'Weekly', 'Base limit': 5, Currency: 'dollars' },
        /not a currency code/,
      ],
      [
        'unknown owner',
        { Name: 'G', Period: 'Weekly', 'Base limit': 5, Owners: 'nobody@nowhere.example' },
        /^Owners: No person/,
      ],
      [
        'formula description',
        { Name: 'H', Period: 'Weekly', 'Base limit': 5, Description: '@SUM(A1)' },
        /"Description" starts with "@"/,
      ],
    ];
    let row = nextRow(runtime, SHEET);
    for (const [, cells] of rows) {
      for (const [header, value] of Object.entries(cells))
        await type(runtime, SHEET, row, header, value);
      row += 1;
    }
    const changes = await review(runtime);
    expect(changes).toHaveLength(rows.length);
    changes.forEach((change, i) => {
      expect(change.action).toBe('spend_limit.create');
      expect([rows[i]?.[0], change.problem]).toEqual([
        rows[i]?.[0],
        expect.stringMatching(rows[i]?.[2] as RegExp),
      ]);
    });
    expect(
      await push(
        runtime,
        changes.map((c) => c.key),
      ),
    ).toEqual(
      changes.map(() =>
        expect.objectContaining({ outcome: expect.not.stringMatching(/^pushed$/) }),
      ),
    );
    expect(sandbox.log).toHaveLength(0);
  });
});
