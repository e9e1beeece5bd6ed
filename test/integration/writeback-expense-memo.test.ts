/**
 * The expense memo action through the built bundle (dist/Code.js) in the local runtime, against the
 * Brex sandbox over loopback HTTP: edit → review → push → Brex's memo → audit row → revert; a memo
 * changed in Brex since the sync is a conflict that sends nothing; a refresh keeps a pending memo.
 */
import type { Sandbox } from '../../dev/sandbox';
import type { Runtime } from '../../dev/runtime';
import type { Expense } from '../../src/brex';
import {
  auditRows,
  openSandbox,
  push,
  refresh,
  review,
  type,
  valueOf,
  writes,
  teamWorld,
} from '../support/team-world';

const EXPENSES = 'Brex Expenses';

const expensesWorld = (sandbox: Sandbox): Promise<Runtime> => teamWorld(sandbox, ['expenses']);

describe('expense memo', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await openSandbox();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  const expenses = (): Expense[] => structuredClone(sandbox.snapshot().expenses as Expense[]);
  const expense = (id: string): Expense => expenses().find((e) => e.id === id) as Expense;
  /** Someone changes the memo in Brex's dashboard; the HTTP status. */
  const setMemoInBrex = async (id: string, memo: string): Promise<number> =>
    (
      await fetch(`${sandbox.url}/v1/expenses/card/${id}`, {
        method: 'PUT',
        headers: {
          Authorization: `Bearer ${sandbox.token}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': `dashboard-${id}-${memo}`,
        },
        body: JSON.stringify({ memo }),
      })
    ).status;
  /** A card expense the sync wrote into the sheet. */
  const shownCardExpense = (runtime: Runtime, skip = 0): Expense => {
    const grid = runtime.values(EXPENSES);
    const key = (grid[0] as unknown[]).indexOf('Brex ID');
    const shown = new Set(grid.slice(1).map((cells) => cells[key]));
    return expenses().filter((e) => e.expense_type === 'CARD' && shown.has(e.id))[skip] as Expense;
  };

  it('sends an edited memo, audits it and reverts it', async () => {
    const runtime = await expensesWorld(sandbox);
    const { id, memo: before } = shownCardExpense(runtime);
    await type(runtime, EXPENSES, id, 'Memo', 'Team offsite lunch, Q1');

    expect(await review(runtime)).toEqual([
      expect.objectContaining({
        action: 'expense.memo',
        brexNow: before ?? '',
        toSend: 'Team offsite lunch, Q1',
        problem: null,
      }),
    ]);
    expect(await push(runtime)).toEqual([expect.objectContaining({ outcome: 'pushed' })]);
    expect(expense(id).memo).toBe('Team offsite lunch, Q1');
    expect(writes(sandbox).map((w) => `${w.method} ${w.path}`)).toEqual([
      `PUT /v1/expenses/card/${id}`,
    ]);
    expect(JSON.parse(writes(sandbox)[0]?.body ?? 'null')).toEqual({
      memo: 'Team offsite lunch, Q1',
    });
    const audit = auditRows(runtime);
    expect(audit.at(-1)).toMatchObject({
      Action: 'expense.memo',
      Old: before ?? '',
      New: 'Team offsite lunch, Q1',
    });
    expect(await review(runtime)).toEqual([]);

    await runtime.call('revertAuditEntry', [audit.length + 1]);
    const [back] = await review(runtime);
    expect(back).toMatchObject({ toSend: before ?? '', problem: null });
    expect(await push(runtime)).toEqual([expect.objectContaining({ outcome: 'pushed' })]);
    expect(expense(id).memo ?? '').toBe(before ?? '');
    expect(valueOf(runtime, EXPENSES, id, 'Memo')).toBe(before ?? '');
  });

  it('refuses a memo changed in Brex since the sync, sending nothing', async () => {
    const runtime = await expensesWorld(sandbox);
    const { id } = shownCardExpense(runtime, 1);
    await type(runtime, EXPENSES, id, 'Memo', 'Mine');
    expect(await setMemoInBrex(id, 'Theirs')).toBe(200);
    sandbox.log.length = 0;

    const [result] = await push(runtime);
    expect(result).toMatchObject({ outcome: 'conflict' });
    expect(result?.message).toMatch(/Brex now has Theirs .* you typed Mine/);
    expect(writes(sandbox)).toEqual([]);
    expect(expense(id).memo).toBe('Theirs');
  });

  it('keeps a pending memo through a refresh that reads its expense again', async () => {
    const runtime = await expensesWorld(sandbox);
    const { id } = shownCardExpense(runtime, 2);
    await type(runtime, EXPENSES, id, 'Memo', 'Mine');
    expect(await setMemoInBrex(id, 'Theirs')).toBe(200);
    await refresh(runtime);

    expect(valueOf(runtime, EXPENSES, id, 'Memo')).toBe('Mine');
    expect(await review(runtime)).toEqual([
      expect.objectContaining({ action: 'expense.memo', brexNow: 'Theirs', toSend: 'Mine' }),
    ]);
  });
});
