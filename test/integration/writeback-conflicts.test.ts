/**
 * Conflicts for every kind of action, through the built bundle (dist/Code.js) in the local runtime
 * against the Brex sandbox over loopback HTTP: a value changed in Brex since the sync stops the
 * push and shows both values; "keep mine" re-stages the edit against Brex's value, "take Brex's"
 * puts Brex's value in the cell. A refresh makes Brex's current value the last-synced one of a
 * pending row: the review then shows Brex's value → yours, and Discard restores Brex's value now.
 */
import type { Sandbox } from '../../dev/sandbox';
import type { Runtime } from '../../dev/runtime';
import type { Department, Expense, User } from '../../src/brex';
import type { ChangeView, ConflictResolved, DiscardedChanges } from '../../src/contract/writeback';
import { limitById, limitNamed, syncedWorld } from '../support/spend-limits';
import {
  CARDS,
  USERS,
  card,
  cards,
  openSandbox,
  push,
  refresh,
  review,
  teamWorld,
  type,
  users,
  valueOf,
  writes,
} from '../support/team-world';
import { control } from '../support/world';

const LIMITS = 'Brex Spend Limits';
const EXPENSES = 'Brex Expenses';

const expensesWorld = (sandbox: Sandbox): Promise<Runtime> => teamWorld(sandbox, ['expenses']);

/** One action's case: a synced world, a target, what the person types, what Brex changes to. */
interface Case {
  readonly name: string;
  readonly action: string;
  readonly sheet: string;
  readonly header: string;
  world(sandbox: Sandbox): Promise<Runtime>;
  /** The target, picked from the synced world (the nth one, so cases do not share a target). */
  target(sandbox: Sandbox, runtime: Runtime, nth: number): string;
  /** What the person types, and what the review shows of it. */
  mine(sandbox: Sandbox, id: string): { typed: unknown; shown: string };
  /** Someone changes the target in Brex (the dashboard, another tool); what the review shows. */
  changeInBrex(sandbox: Sandbox, id: string): Promise<{ shown: string; cell: unknown }>;
}

/** A Brex API call as another tool makes it, with the sandbox's full token. */
async function brexCall(sandbox: Sandbox, method: string, path: string, body: unknown) {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${sandbox.token}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': `elsewhere-${method}-${path}-${JSON.stringify(body)}`,
    },
    body: JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`${method} ${path}: ${response.status}`);
}

const departmentsOf = (sandbox: Sandbox): Department[] =>
  sandbox.snapshot().departments as Department[];
const userOf = (sandbox: Sandbox, id: string): User =>
  users(sandbox).find((u) => u.id === id) as User;
const expenseOf = (sandbox: Sandbox, id: string): Expense =>
  (sandbox.snapshot().expenses as Expense[]).find((e) => e.id === id) as Expense;

const CASES: readonly Case[] = [
  {
    name: 'spend-limit base limit',
    action: 'spend_limit.base_limit',
    sheet: LIMITS,
    header: 'Base limit',
    world: async (sandbox) => (await syncedWorld(sandbox)).runtime,
    target: (sandbox, _runtime, nth) =>
      limitNamed(sandbox, ['Sales Travel', 'Engineering SaaS', 'Office Supplies'][nth] as string)
        .id,
    mine: () => ({ typed: 20000, shown: '20,000.00 USD' }),
    changeInBrex: async (sandbox, id) => {
      control(sandbox, 'PUT', `/spend_limits/${id}`, {
        authorization_settings: { base_limit: { amount: 1_900_000, currency: 'USD' } },
      });
      return { shown: '19,000.00 USD', cell: 19000 };
    },
  },
  {
    name: 'user department',
    action: 'user.department',
    sheet: USERS,
    header: 'Department',
    world: teamWorld,
    target: (sandbox, _runtime, nth) =>
      users(sandbox).filter((u) => u.status === 'ACTIVE' && u.department_id)[nth]?.id as string,
    mine: (sandbox, id) => {
      const own = userOf(sandbox, id).department_id;
      const name = departmentsOf(sandbox).filter((d) => d.id !== own)[0]?.name as string;
      return { typed: name, shown: name };
    },
    changeInBrex: async (sandbox, id) => {
      const own = userOf(sandbox, id).department_id;
      const other = departmentsOf(sandbox).filter((d) => d.id !== own)[1] as Department;
      await brexCall(sandbox, 'PUT', `/v2/users/${id}`, { department_id: other.id });
      return { shown: other.name, cell: other.name };
    },
  },
  {
    name: 'card status',
    action: 'card.status',
    sheet: CARDS,
    header: 'Status',
    world: teamWorld,
    target: (sandbox, _runtime, nth) =>
      cards(sandbox).filter((c) => c.status === 'ACTIVE' && c.limit_type === 'USER')[nth]
        ?.id as string,
    // Terminated in Brex meanwhile: the sheet's "Locked" can no longer be sent.
    mine: () => ({ typed: 'Locked', shown: 'Locked' }),
    changeInBrex: async (sandbox, id) => {
      await brexCall(sandbox, 'POST', `/v2/cards/${id}/terminate`, {
        reason: 'CARD_DAMAGED',
        description: 'Replaced by a new card',
      });
      return { shown: 'Terminated', cell: 'Terminated' };
    },
  },
  {
    name: 'expense memo',
    action: 'expense.memo',
    sheet: EXPENSES,
    header: 'Memo',
    world: expensesWorld,
    target: (sandbox, runtime, nth) => {
      const grid = runtime.values(EXPENSES);
      const key = (grid[0] as unknown[]).indexOf('Brex ID');
      const shown = new Set(grid.slice(1).map((cells) => cells[key]));
      return (sandbox.snapshot().expenses as Expense[]).filter(
        (e) => e.expense_type === 'CARD' && shown.has(e.id),
      )[nth]?.id as string;
    },
    mine: () => ({ typed: 'Mine', shown: 'Mine' }),
    changeInBrex: async (sandbox, id) => {
      await brexCall(sandbox, 'PUT', `/v1/expenses/card/${id}`, { memo: 'Theirs' });
      return { shown: 'Theirs', cell: 'Theirs' };
    },
  },
];

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await openSandbox();
});

afterAll(async () => {
  await sandbox.close();
});

const changeOfAction = async (
  runtime: Runtime,
  id: string,
  action: string,
): Promise<ChangeView | undefined> =>
  (await review(runtime)).find((change) => change.target.id === id && change.action === action);

/**
 * The case's world with the person's edit typed in the `nth` target's cell, and the target then
 * changed in Brex: what each test below starts from.
 */
async function editedThenChangedInBrex(c: Case, nth: number) {
  const runtime = await c.world(sandbox);
  const id = c.target(sandbox, runtime, nth);
  const mine = c.mine(sandbox, id);
  await type(runtime, c.sheet, id, c.header, mine.typed);
  const brex = await c.changeInBrex(sandbox, id);
  return { runtime, id, mine, brex };
}

describe.each(CASES)('a pending $name through a refresh', (c) => {
  const changeOf = (runtime: Runtime, id: string) => changeOfAction(runtime, id, c.action);

  it('after a refresh, the review shows Brex’s value → yours, and Discard restores Brex’s value now', async () => {
    const { runtime, id, mine, brex } = await editedThenChangedInBrex(c, 0);

    await refresh(runtime);

    expect(valueOf(runtime, c.sheet, id, c.header)).toBe(mine.typed);
    const change = await changeOf(runtime, id);
    expect(change).toMatchObject({ brexNow: brex.shown });
    // A terminated card cannot be locked: the change stays, refused, until discarded.
    if (c.action === 'card.status') expect(change?.problem).toMatch(/terminated/i);
    else expect(change).toMatchObject({ toSend: mine.shown, problem: null });

    const discarded = (await runtime.call('discardChanges', [[change?.key]])) as DiscardedChanges;

    expect(discarded.restored).toEqual([change?.key]);
    expect(valueOf(runtime, c.sheet, id, c.header)).toBe(brex.cell);
    expect(await changeOf(runtime, id)).toBeUndefined();
  });
});

describe.each(CASES.filter((c) => c.action !== 'card.status'))('a conflict on $name', (c) => {
  const changeOf = (runtime: Runtime, id: string) => changeOfAction(runtime, id, c.action);

  it('the push refuses and shows both values; "take Brex’s" puts Brex’s value in the cell', async () => {
    const { runtime, id, mine, brex } = await editedThenChangedInBrex(c, 1);
    sandbox.log.length = 0;

    const results = await push(runtime);

    const result = results.find((r) => r.brexId === id);
    expect(writes(sandbox)).toEqual([]);
    expect(result).toMatchObject({ outcome: 'conflict' });
    expect(result?.message).toContain(`Brex now has ${brex.shown}`);
    expect(result?.message).toContain(`you typed ${mine.shown}`);
    const change = await changeOf(runtime, id);
    expect(change?.conflict).toContain(`Brex now has ${brex.shown}`);

    const taken = (await runtime.call('resolveConflict', [
      change?.key,
      'take_brex',
    ])) as ConflictResolved;

    expect(taken.change).toBeNull();
    expect(valueOf(runtime, c.sheet, id, c.header)).toBe(brex.cell);
    expect(await changeOf(runtime, id)).toBeUndefined();
    expect(writes(sandbox)).toEqual([]);
  });

  it('"keep mine" re-stages the edit against Brex’s value, and it then pushes', async () => {
    const { runtime, id, mine, brex } = await editedThenChangedInBrex(c, 2);
    const [conflict] = (await push(runtime)).filter((r) => r.brexId === id);
    expect(conflict).toMatchObject({ outcome: 'conflict' });
    sandbox.log.length = 0;

    const kept = (await runtime.call('resolveConflict', [
      conflict?.key,
      'keep_mine',
    ])) as ConflictResolved;

    expect(kept.change).toMatchObject({
      brexNow: brex.shown,
      toSend: mine.shown,
      conflict: null,
      problem: null,
    });
    const [pushed] = await push(runtime, [kept.change?.key as string]);
    expect(pushed).toMatchObject({ outcome: 'pushed', brexId: id });
    expect(writes(sandbox)).toHaveLength(1);
    expect(await changeOf(runtime, id)).toBeUndefined();
    if (c.action === 'spend_limit.base_limit') {
      expect(limitById(sandbox, id).authorization_settings?.base_limit?.amount).toBe(2_000_000);
    }
    if (c.action === 'user.department') {
      expect(
        departmentsOf(sandbox).find((d) => d.id === userOf(sandbox, id).department_id)?.name,
      ).toBe(mine.shown);
    }
    if (c.action === 'expense.memo') expect(expenseOf(sandbox, id).memo).toBe('Mine');
  });
});

// A card's status has few values: Brex can only end up closed (refused, above) or with yours.
describe('a card status changed in Brex', () => {
  const activeCards = (): string[] =>
    cards(sandbox)
      .filter((c) => c.status === 'ACTIVE' && c.limit_type === 'USER')
      .map((c) => c.id);

  it('terminated there: the push refuses, sending nothing', async () => {
    const runtime = await teamWorld(sandbox);
    const [id] = activeCards() as [string];
    await type(runtime, CARDS, id, 'Status', 'Locked');
    await brexCall(sandbox, 'POST', `/v2/cards/${id}/terminate`, {
      reason: 'CARD_DAMAGED',
      description: 'Replaced by a new card',
    });
    sandbox.log.length = 0;

    const [result] = await push(runtime);

    expect(result).toMatchObject({ outcome: 'refused', brexId: id });
    expect(result?.message).toMatch(/terminated/i);
    expect(writes(sandbox)).toEqual([]);
  });

  it('locked there too: a conflict that "keep mine" and "take Brex’s" each resolve', async () => {
    const runtime = await teamWorld(sandbox);
    const [mine, theirs] = activeCards() as [string, string];
    for (const id of [mine, theirs]) {
      await type(runtime, CARDS, id, 'Status', 'Locked');
      await brexCall(sandbox, 'POST', `/v2/cards/${id}/lock`, { reason: 'OTHER' });
    }
    sandbox.log.length = 0;

    const results = await push(runtime);

    const of = (id: string) => results.find((r) => r.brexId === id);
    expect(of(mine)).toMatchObject({ outcome: 'conflict' });
    expect(of(mine)?.message).toContain('Brex now has Locked');
    expect(of(mine)?.message).toContain('you typed Locked');
    expect(writes(sandbox)).toEqual([]);
    const kept = (await runtime.call('resolveConflict', [
      of(mine)?.key,
      'keep_mine',
    ])) as ConflictResolved;
    expect(kept.change).toBeNull();
    expect(kept.message).toContain('Brex already has your value');
    const taken = (await runtime.call('resolveConflict', [
      of(theirs)?.key,
      'take_brex',
    ])) as ConflictResolved;
    expect(taken.change).toBeNull();
    expect(valueOf(runtime, CARDS, theirs, 'Status')).toBe('Locked');
    expect([card(sandbox, mine).status, card(sandbox, theirs).status]).toEqual([
      'LOCKED',
      'LOCKED',
    ]);
    expect(await review(runtime)).toEqual([]);
    expect(writes(sandbox)).toEqual([]);
  });
});
