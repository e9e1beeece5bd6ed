/**
 * The built bundle reads a year of expenses in date windows side by side: every expense arrives
 * once, in fewer round trips than requests, and a refresh killed at a random service call (a
 * window half read included) ends identical to an uninterrupted one once resumed.
 */
import { startSandbox, type Sandbox } from '../../dev/sandbox';
import type { Runtime } from '../../dev/runtime';
import { idColumn, newRuntime, refreshUntilDone, TODAY } from '../support/world';

const HISTORY_START = '2025-03-16';
const DATA_SETS = ['expenses', 'expense_categories'];
const SHEETS = ['Brex Expenses', 'Brex Expense Categories', 'Brex Expense Tally'];
const SEEDS = 3;

let sandbox: Sandbox;
let reference: Record<string, unknown[][]>;
let serviceCalls: number;

async function spreadsheet(): Promise<Runtime> {
  const runtime = newRuntime(sandbox);
  await runtime.call('connect', [{ token: sandbox.token, environment: 'production' }]);
  await runtime.call('saveSyncSettings', [{ dataSets: DATA_SETS, historyStart: HISTORY_START }]);
  return runtime;
}

/** Each sheet's header, then its rows in Brex id order (rows are added as pages arrive). */
function sheetsById(runtime: Runtime): Record<string, unknown[][]> {
  return Object.fromEntries(
    SHEETS.map((name) => {
      const [header = [], ...rows] = runtime.values(name);
      const key = header.indexOf('Brex ID');
      rows.sort((a, b) => String(a[key]).localeCompare(String(b[key])));
      return [name, [header, ...rows]];
    }),
  );
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'expense-windows', today: TODAY, transactions: 1500 });
  const runtime = await spreadsheet();
  const before = runtime.stats.serviceCalls;
  await refreshUntilDone(runtime);
  serviceCalls = runtime.stats.serviceCalls - before;
  reference = sheetsById(runtime);
});

afterAll(async () => {
  await sandbox.close();
});

describe('expenses read in date windows through the bundle', () => {
  it('brings every expense of the period once, several windows a round trip', async () => {
    sandbox.reset();
    const runtime = await spreadsheet();
    sandbox.log.length = 0;
    const fetchesBefore = runtime.stats.fetches;

    await refreshUntilDone(runtime);

    const expensePages = sandbox.log.filter((r) => r.path === '/v1/expenses');
    const windowed = expensePages.filter((r) => r.query.updated_at_end !== undefined);
    const from = Date.parse(`${HISTORY_START}T00:00:00Z`);
    const expected = sandbox
      .snapshot()
      .expenses.filter((e) => Date.parse(e.updated_at) >= from)
      .map((e) => e.id);
    const ids = idColumn(runtime, 'Brex Expenses');
    expect(expected.length).toBeGreaterThan(1000);
    expect(ids.sort()).toEqual(expected.sort());
    expect(windowed.length).toBeGreaterThanOrEqual(16);
    expect(expensePages.every((r) => r.status === 200)).toBe(true);
    // The first page alone, then rounds of windows: far fewer round trips than pages.
    expect(runtime.stats.fetches - fetchesBefore).toBeLessThan(expensePages.length / 3);
    expect(sheetsById(runtime)).toEqual(reference);
  });

  it.each(Array.from({ length: SEEDS }, (_, i) => i + 1))(
    'ends identical to an uninterrupted refresh when killed at a random call (seed %i)',
    async (seed) => {
      sandbox.reset();
      const runtime = await spreadsheet();
      // Spread over the refresh: most kills fall while the windows are being read.
      const killAtCall = 1 + Math.floor(((seed * 0.618) % 1) * serviceCalls);

      const killed = await runtime.run('refreshNow', [], { limits: { killAtCall } });
      await refreshUntilDone(runtime);

      expect(killed.ok).toBe(false);
      expect(sheetsById(runtime)).toEqual(reference);
      const ids = idColumn(runtime, 'Brex Expenses');
      expect(new Set(ids).size).toBe(ids.length);
    },
  );
});
