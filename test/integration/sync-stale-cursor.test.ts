/**
 * Brex does not promise that a saved page cursor still works hours later, nor that it takes the
 * page size it took before. The built bundle in the local runtime, against a sandbox whose cursors
 * expire after 30 minutes (on the runtime's fake clock) and, in the second case, whose expense
 * pages are capped below the client's size: each refresh goes on and says so in sync health.
 */
import { startSandbox, type Sandbox } from '../../dev/sandbox';
import { createRuntime, fakeClock, type Runtime } from '../../dev/runtime';
import { refreshUntilDone, rowsOf } from '../support/world';
import type { ServerResult } from '../../src/contract/server-functions';

type Health = ServerResult<'getSyncHealth'>;

const START = Date.parse('2026-03-15T12:00:00Z');
const CURSOR_KEY = 'sync.cursor.card_transactions';

async function world(
  options: { cursorTtlMinutes?: number; expensePageMax?: number },
  dataSets: string[],
): Promise<{ sandbox: Sandbox; runtime: Runtime }> {
  const clock = fakeClock(START);
  const sandbox = await startSandbox({
    seed: 'stale-cursor',
    today: '2026-03-15',
    transactions: 3000,
    clock: () => clock.now(),
    ...options,
  });
  const runtime = createRuntime({ brexUrl: sandbox.url, clock });
  await runtime.call('connect', [{ token: sandbox.token, environment: 'production' }]);
  await runtime.call('saveSyncSettings', [{ dataSets, historyStart: '2025-01-01' }]);
  return { sandbox, runtime };
}

async function healthOf(runtime: Runtime, id: string) {
  const health = (await runtime.call('getSyncHealth')) as Health;
  return health.dataSets.find((d) => d.id === id);
}

describe('a saved cursor Brex no longer accepts', () => {
  let sandbox: Sandbox;
  let runtime: Runtime;

  beforeAll(
    async () =>
      ({ sandbox, runtime } = await world({ cursorTtlMinutes: 30 }, ['card_transactions'])),
  );
  afterAll(() => sandbox.close());

  it('restarts the list from its last position, and the refresh ends ok', async () => {
    await refreshUntilDone(runtime);
    const before = rowsOf(runtime, 'Brex Card Transactions').size;
    // A refresh stopped mid-list, as a checkpoint leaves it: the cursor of its second page.
    const first = await fetch(`${sandbox.url}/v2/transactions/card/primary?limit=1000`, {
      headers: { Authorization: `Bearer ${sandbox.token}` },
    });
    const cursor = ((await first.json()) as { next_cursor: string }).next_cursor;
    const state = JSON.parse(runtime.properties.document[CURSOR_KEY] as string) as {
      last: string;
    };
    const since = '2025-01-01T00:00:00';
    runtime.properties.document[CURSOR_KEY] = JSON.stringify({
      ...state,
      paging: { since, sourceKey: 'card', cursor, maxSeen: state.last, covers: '2025-01-01' },
    });
    runtime.clock.advance(31 * 60_000);
    sandbox.log.length = 0;

    const summary = await refreshUntilDone(runtime);

    const card = summary.dataSets.find((d) => d.id === 'card_transactions');
    expect(card?.state).toBe('ok');
    expect(sandbox.log.filter((r) => r.query.cursor?.[0] === cursor).length).toBeGreaterThan(0);
    expect(sandbox.log.find((r) => r.status === 200 && !r.query.cursor)?.query).toMatchObject({
      posted_at_start: [since],
    });
    expect(rowsOf(runtime, 'Brex Card Transactions').size).toBe(before);
    expect((await healthOf(runtime, 'card_transactions'))?.message).toMatch(
      /no longer accepted the saved page cursor/,
    );
  });
});

describe('an expense page size Brex refuses', () => {
  let sandbox: Sandbox;
  let runtime: Runtime;

  beforeAll(async () => ({ sandbox, runtime } = await world({ expensePageMax: 50 }, ['expenses'])));
  afterAll(() => sandbox.close());

  it('is read at a smaller size, every expense arrives, and sync health says so', async () => {
    const summary = await refreshUntilDone(runtime);

    const expenses = sandbox.company.state.expenses
      .all()
      .filter((e) => Date.parse(e.data.updated_at) >= Date.parse('2025-01-01T00:00:00Z'));
    expect(summary.dataSets.find((d) => d.id === 'expenses')?.state).toBe('ok');
    expect(rowsOf(runtime, 'Brex Expenses').size).toBe(expenses.length);
    expect(sandbox.log.filter((r) => r.path === '/v1/expenses' && r.status === 400)).toHaveLength(
      1,
    );
    expect((await healthOf(runtime, 'expenses'))?.message).toMatch(
      /refused pages of 100 items, so this list is read 50 at a time/,
    );
  });
});
