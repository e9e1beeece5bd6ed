/**
 * A sandbox whose today is not pinned lives on its clock: nothing it serves is stamped later than
 * its now. Otherwise the expense cursor (latest `updated_at` seen, minus an hour) sits in the
 * future and a purchase made after the first sync never arrives. The clock here is the real one,
 * moved to early morning, so the generated day would reach far past it if it were not held back.
 */
import { startSandbox, type Sandbox } from '../../dev/sandbox';
import { createRuntime, type Runtime } from '../../dev/runtime/runtime';
import { refreshUntilDone, rowsOf } from '../support/world';

const MORNING = Date.parse('2026-03-15T03:00:00Z');

let sandbox: Sandbox;
let runtime: Runtime;

beforeAll(async () => {
  const started = Date.now();
  sandbox = await startSandbox({
    seed: 'sync-tests',
    transactions: 1500,
    clock: () => MORNING + (Date.now() - started),
  });
  runtime = createRuntime({ brexUrl: sandbox.url });
  await runtime.call('connect', [{ token: sandbox.token, environment: 'production' }]);
  await runtime.call('saveSyncSettings', [
    { dataSets: ['expenses', 'spend_limits'], historyStart: '2000-01-01' },
  ]);
});

afterAll(() => sandbox.close());

/** A purchase through the control API over HTTP, as docs/sandbox.md shows it. */
async function addPurchases(body: object): Promise<{ id: string; expense_id: string }[]> {
  const response = await fetch(`${sandbox.url}/_sandbox/card-transactions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: { id: string; expense_id: string }[] }).items;
}

describe('an unpinned sandbox', () => {
  it('brings purchases added after the first sync on the next refresh, and counts them as spent', async () => {
    await refreshUntilDone(runtime);
    const state = sandbox.snapshot();
    const limit = state.spend_limits.find(
      (l) =>
        l.status === 'ACTIVE' &&
        l.period_recurrence_type === 'PER_MONTH' &&
        l.current_period_balance?.amount_spent?.currency === 'USD' &&
        l.member_user_ids?.some((id) => state.users.find((u) => u.id === id)?.status === 'ACTIVE'),
    );
    const member = limit?.member_user_ids?.find(
      (id) => state.users.find((u) => u.id === id)?.status === 'ACTIVE',
    );
    const spentBefore = rowsOf(runtime, 'Brex Spend Limits').get(limit?.id ?? '')?.[
      'Spent this period'
    ];
    // The generated day ends at the clock's now; without that, the cursor sat hours ahead.
    const latest = Math.max(...state.expenses.map((e) => Date.parse(e.updated_at)));
    expect(state.today).toBe('2026-03-15');
    expect(latest).toBeGreaterThan(Date.parse('2026-03-15T00:00:00Z'));
    expect(latest).toBeLessThanOrEqual(Date.parse(sandbox.now()));

    const added = await addPurchases({ count: 3, user_id: member });
    await refreshUntilDone(runtime);

    const expenses = rowsOf(runtime, 'Brex Expenses');
    expect(added.map((t) => expenses.has(t.expense_id))).toEqual([true, true, true]);
    const billed = added.reduce(
      (sum, t) => sum + Number(expenses.get(t.expense_id)?.['Billing amount']),
      0,
    );
    const spentAfter = rowsOf(runtime, 'Brex Spend Limits').get(limit?.id ?? '')?.[
      'Spent this period'
    ];
    expect(Number(spentAfter)).toBeCloseTo(Number(spentBefore) + billed, 2);
  });
});
