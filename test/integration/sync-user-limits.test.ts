/**
 * Users' monthly limits at company size, and Brex's rate limit: the built bundle in the local
 * runtime syncs 5,000 users against a sandbox that enforces 1,000 requests per 60 s per token on
 * the runtime's own (fake) clock. The limits take more than one execution to read under the rate
 * limit, so the refresh resumes, and no request is ever refused with a 429.
 */
import { startSandbox, type Sandbox } from '../../dev/sandbox';
import { createRuntime, fakeClock, type Runtime } from '../../dev/runtime';
import { refreshUntilDone, rowsOf } from '../support/world';
import type { RefreshSummary } from '../../src/sync/refresh';

const START = Date.parse('2026-03-15T12:00:00Z');
const USERS = 5000;

let sandbox: Sandbox;
let runtime: Runtime;
/** A user whose limit Brex cannot find (404). */
let gone: string;

beforeAll(async () => {
  const clock = fakeClock(START);
  sandbox = await startSandbox({
    seed: 'user-limits',
    today: '2026-03-15',
    transactions: 10,
    users: USERS,
    clock: () => clock.now(),
  });
  runtime = createRuntime({ brexUrl: sandbox.url, clock });
  await runtime.call('connect', [{ token: sandbox.token, environment: 'production' }]);
  await runtime.call('saveSyncSettings', [{ dataSets: ['users'], historyStart: '2026-01-01' }]);
});

afterAll(async () => {
  await sandbox.close();
});

describe("users' monthly limits", () => {
  it('are all read for 5,000 users, over several executions, without one 429', async () => {
    gone = sandbox.company.state.users.all()[4321]?.data.id as string;
    sandbox.company.state.userLimits.delete(gone);
    const summaries: RefreshSummary[] = [];
    while (!summaries.at(-1)?.done && summaries.length < 10) {
      const result = await runtime.run('refreshNow', []);
      if (!result.ok) throw new Error(result.error?.message);
      summaries.push(result.value as RefreshSummary);
    }
    const summary = summaries.at(-1) as RefreshSummary;

    const limitReads = sandbox.log.filter((r) => /^\/v2\/users\/[^/]+\/limit$/.test(r.path));
    const users = rowsOf(runtime, 'Brex Users');
    const withLimit = [...users.values()].filter((u) => u['Monthly limit'] !== '');
    const expected = [...sandbox.company.state.userLimits.values()].filter(
      (l) => l.monthly_limit !== null,
    );
    expect(summary.dataSets.find((d) => d.id === 'users')?.state).toBe('ok');
    expect(summaries.length).toBeGreaterThan(1);
    expect(sandbox.log.length).toBeGreaterThan(USERS);
    expect(sandbox.log.filter((r) => r.status === 429)).toEqual([]);
    expect(new Set(limitReads.map((r) => r.path)).size).toBe(USERS);
    expect(users.size).toBe(USERS);
    expect(withLimit).toHaveLength(expected.length);
    expect(users.get(gone)).toMatchObject({
      'Monthly limit': '',
      'Sync status': 'Monthly limit not found in Brex',
    });
  });

  it('are not read again by a refresh within the day', async () => {
    sandbox.log.length = 0;

    await refreshUntilDone(runtime);

    expect(sandbox.log.filter((r) => r.path.endsWith('/limit'))).toEqual([]);
    expect(rowsOf(runtime, 'Brex Users').get(gone)?.['Sync status']).toBe(
      'Monthly limit not found in Brex',
    );
  });

  it('come into =BREX_USERS() from the synced sheet, with no request per user', async () => {
    // The formula reads one page of users (1,000) and says in a last row that the synced sheet
    // has the rest: 3 requests at any company size.
    sandbox.log.length = 0;

    // Run as Sheets runs it, but not spilled; the formula checks the room below its cell (A1 of
    // the active sheet here), so the sheet gets the rows 5,000 users need.
    const active = runtime.workbook.sheets.find((s) => s.id === runtime.workbook.activeSheetId);
    if (active) active.maxRows = USERS + 1;
    const result = await runtime.run('BREX_USERS', []);

    const [header = [], ...rows] = result.value as unknown[][];
    const limit = header.indexOf('Monthly limit (from the Brex Users sheet)');
    const synced = rowsOf(runtime, 'Brex Users');
    expect(sandbox.log.filter((r) => r.path.endsWith('/limit'))).toEqual([]);
    expect(sandbox.log.map((r) => r.path).sort()).toEqual([
      '/v2/departments',
      '/v2/locations',
      '/v2/users',
    ]);
    const users = rows.slice(0, -1);
    expect(users).toHaveLength(1000);
    expect(String(rows.at(-1)?.[0])).toMatch(/More users in Brex than these 1000/);
    const key = header.indexOf('Brex ID');
    expect(users.every((r) => synced.get(String(r[key]))?.['Monthly limit'] === r[limit])).toBe(
      true,
    );
  });
});

describe("users' monthly limits, an execution killed mid-pass", () => {
  let box: Sandbox;
  let rt: Runtime;

  beforeAll(async () => {
    const clock = fakeClock(START);
    box = await startSandbox({
      seed: 'user-limits-kill',
      today: '2026-03-15',
      transactions: 10,
      users: 2500,
      clock: () => clock.now(),
    });
    rt = createRuntime({ brexUrl: box.url, clock });
    await rt.call('connect', [{ token: box.token, environment: 'production' }]);
    await rt.call('saveSyncSettings', [{ dataSets: ['users'], historyStart: '2026-01-01' }]);
  });
  afterAll(() => box.close());

  it('keeps the limits written at its checkpoints, and the next run goes on after them', async () => {
    const killed = await rt.run('refreshNow', [], { limits: { killAtCall: 3000 } });
    const pass = JSON.parse(rt.properties.document['sync.userLimitsPass'] ?? 'null') as {
      after: string;
    } | null;
    const kept = [...rowsOf(rt, 'Brex Users').values()].filter((u) => u['Monthly limit'] !== '');
    const readBefore = box.log.filter((r) => r.path.endsWith('/limit')).length;

    await refreshUntilDone(rt);

    const reads = box.log.filter((r) => r.path.endsWith('/limit')).map((r) => r.path);
    const ids = box.company.state.users.all().map((u) => u.data.id);
    expect(killed.ok).toBe(false);
    expect(ids.indexOf(pass?.after ?? '') + 1).toBeGreaterThanOrEqual(1000);
    expect(kept.length).toBeGreaterThan(500);
    expect(reads.length - readBefore).toBe(2500 - (ids.indexOf(pass?.after ?? '') + 1));
    expect(new Set(reads).size).toBe(2500);
    expect(box.log.filter((r) => r.status === 429)).toEqual([]);
  });
});
