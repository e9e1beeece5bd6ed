/**
 * The "Receipt missing" view, through the built bundle in the local runtime against the sandbox:
 * Brex Expenses' Receipt column says which card expenses lack a receipt from the sync settings'
 * threshold on, so that one filter lists the receipts to chase. A new threshold rewrites every
 * row at the next refresh.
 */
import { startSandbox, type Sandbox } from '../../dev/sandbox';
import { createRuntime, type Runtime } from '../../dev/runtime';
import { refreshUntilDone, rowsOf } from '../support/world';

const HISTORY_START = '2025-06-01';

type Expense = ReturnType<Sandbox['snapshot']>['expenses'][number];

/** What a finance person expects the column to say, worked out here from Brex's own data. */
function expected(expense: Expense, threshold: number): string {
  if (expense.expense_type !== 'CARD') return '';
  if ((expense.receipts ?? []).length > 0) return 'Attached';
  return (expense.billing_amount?.amount ?? 0) >= threshold * 100 ? 'Missing' : 'Not required';
}

describe('Brex Expenses: the Receipt column', () => {
  let sandbox: Sandbox;
  let runtime: Runtime;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'receipts', today: '2026-03-15', transactions: 500 });
    runtime = createRuntime({ brexUrl: sandbox.url });
    await runtime.call('connect', [{ token: sandbox.token, environment: 'production' }]);
  });
  afterAll(() => sandbox.close());

  function receipts(): Map<string, unknown> {
    return new Map([...rowsOf(runtime, 'Brex Expenses')].map(([id, row]) => [id, row.Receipt]));
  }

  function expectedFor(threshold: number): Map<string, string> {
    const synced = receipts();
    return new Map(
      sandbox
        .snapshot()
        .expenses.filter((e) => synced.has(e.id))
        .map((e) => [e.id, expected(e, threshold)]),
    );
  }

  it('says Attached, Missing (from $75 by default), Not required, or nothing for other types', async () => {
    const settings = await runtime.call('saveSyncSettings', [
      { dataSets: ['expenses'], historyStart: HISTORY_START },
    ]);
    await refreshUntilDone(runtime);

    const shown = receipts();
    const [header = []] = runtime.values('Brex Expenses');
    expect(settings).toMatchObject({ receiptThreshold: 75 });
    expect(header.indexOf('Receipt')).toBe(header.indexOf('Memo') + 1);
    expect(shown.size).toBeGreaterThan(100);
    expect(shown).toEqual(expectedFor(75));
    const counts = [...shown.values()].reduce<Record<string, number>>(
      (all, value) => ({ ...all, [String(value)]: (all[String(value)] ?? 0) + 1 }),
      {},
    );
    expect(Object.keys(counts).sort()).toEqual(['', 'Attached', 'Missing', 'Not required']);
  });

  it('follows a new threshold in every row at the next refresh, and refuses one that is not an amount', async () => {
    await runtime.call('saveSyncSettings', [
      { dataSets: ['expenses'], historyStart: HISTORY_START, receiptThreshold: 500 },
    ]);
    const bad = await runtime.run('saveSyncSettings', [
      { dataSets: ['expenses'], historyStart: HISTORY_START, receiptThreshold: '$75' },
    ]);
    await refreshUntilDone(runtime);

    expect(bad.ok).toBe(false);
    expect(bad.error?.message).toMatch(/receipt threshold "\$75" is not an amount.*e\.g\. 75/);
    expect(await runtime.call('getSyncSettings')).toMatchObject({ receiptThreshold: 500 });
    expect(receipts()).toEqual(expectedFor(500));
    expect([...receipts().values()].filter((v) => v === 'Missing').length).toBeLessThan(
      [...expectedFor(75).values()].filter((v) => v === 'Missing').length,
    );
  });
});
