/**
 * =BREX_USERS() and users' monthly limits, which Brex gives one user at a time: the formula
 * never reads them for a company of any size. It takes them from the Brex Users sheet when the
 * sync wrote one, reads them itself only for a small company, and otherwise leaves them blank;
 * the limit headers say which. The built bundle in the local runtime against the sandbox.
 */
import { startSandbox, type Sandbox } from '../../dev/sandbox';
import { createRuntime, fakeClock, type Runtime } from '../../dev/runtime';
import { refreshUntilDone, rowsOf } from '../support/world';

const START = Date.parse('2026-03-15T12:00:00Z');

async function world(users: number): Promise<{ sandbox: Sandbox; runtime: Runtime }> {
  const clock = fakeClock(START);
  const sandbox = await startSandbox({
    seed: 'users-formula',
    today: '2026-03-15',
    transactions: 10,
    users,
    clock: () => clock.now(),
  });
  const runtime = createRuntime({ brexUrl: sandbox.url, clock });
  await runtime.call('connect', [{ token: sandbox.token, environment: 'production' }]);
  await runtime.call('saveSyncSettings', [{ dataSets: ['users'], historyStart: '2026-01-01' }]);
  return { sandbox, runtime };
}

/** Types the formula into a fresh cell; returns the rows by header and the requests it sent. */
async function brexUsers(sandbox: Sandbox, runtime: Runtime, cell: string) {
  sandbox.log.length = 0;
  await runtime.edit(`Sheet1!${cell}`, '=BREX_USERS()');
  const [header = [], ...rows] = runtime.values('Sheet1') as unknown[][];
  const column = header.findIndex((h) => String(h).startsWith('Monthly limit'));
  const key = header.indexOf('Brex ID');
  return {
    header: header.map(String),
    limits: new Map(rows.map((r) => [String(r[key]), r[column]])),
    requests: sandbox.log.map((r) => r.path),
  };
}

describe('BREX_USERS for a company of 36', () => {
  let sandbox: Sandbox;
  let runtime: Runtime;

  beforeAll(async () => ({ sandbox, runtime } = await world(36)));
  afterAll(() => sandbox.close());

  it('sends 3 requests cold and says where the limits are', async () => {
    const result = await brexUsers(sandbox, runtime, 'A1');

    expect(result.requests.sort()).toEqual(['/v2/departments', '/v2/locations', '/v2/users']);
    expect(result.header).toContain('Monthly limit (refresh the Brex Users sheet to see them)');
    expect(result.limits.size).toBe(36);
    expect([...result.limits.values()].every((v) => v === '')).toBe(true);
  });

  it('takes the limits from the synced sheet once there is one, still with 3 requests', async () => {
    await refreshUntilDone(runtime);
    runtime.clock.advance(3600_000);
    const synced = rowsOf(runtime, 'Brex Users');

    const result = await brexUsers(sandbox, runtime, 'A1');

    expect(result.requests).toHaveLength(3);
    expect(result.header).toContain('Monthly limit (from the Brex Users sheet)');
    expect(result.limits).toEqual(
      new Map([...synced].map(([id, row]) => [id, row['Monthly limit']])),
    );
    expect([...result.limits.values()].filter((v) => typeof v === 'number').length).toBeGreaterThan(
      20,
    );
  });
});

describe('BREX_USERS for a company of 10, never synced', () => {
  let sandbox: Sandbox;
  let runtime: Runtime;

  beforeAll(async () => ({ sandbox, runtime } = await world(10)));
  afterAll(() => sandbox.close());

  it('reads the limits itself, one request per user, under their plain headers', async () => {
    const result = await brexUsers(sandbox, runtime, 'A1');

    const expected = [...sandbox.company.state.userLimits].map(([id, l]) => [
      id,
      l.monthly_limit ? (l.monthly_limit.amount ?? 0) / 100 : '',
    ]);
    expect(result.requests.filter((p) => p.endsWith('/limit'))).toHaveLength(10);
    expect(result.requests).toHaveLength(13);
    expect(result.header).toContain('Monthly limit');
    expect(result.limits).toEqual(new Map(expected as [string, unknown][]));
  });
});
