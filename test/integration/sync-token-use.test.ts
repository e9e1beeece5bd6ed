/**
 * The last successful Brex call, recorded by the HTTP adapter for every caller (refresh, formulas,
 * push) and read by the sidebar's health for the idle-token warning. The built bundle in the local
 * runtime against the sandbox over loopback HTTP.
 */
import { startSandbox, type Sandbox } from '../../dev/sandbox';
import { createRuntime, fakeClock, type Runtime } from '../../dev/runtime';
import type { ServerResult } from '../../src/contract/server-functions';
import { SANDBOX_OPTIONS } from '../support/world';

const DAY_MS = 24 * 3600 * 1000;
const START = Date.parse('2026-03-15T12:00:00Z');

let sandbox: Sandbox;
let runtime: Runtime;

async function lastBrexCall(): Promise<string | null> {
  const health = (await runtime.call('getSyncHealth')) as ServerResult<'getSyncHealth'>;
  return health.lastBrexCallAt;
}

beforeAll(async () => {
  sandbox = await startSandbox(SANDBOX_OPTIONS);
  runtime = createRuntime({ brexUrl: sandbox.url, clock: fakeClock(START) });
  await runtime.call('connect', [{ token: sandbox.token, environment: 'production' }]);
  await runtime.call('saveSyncSettings', [
    { dataSets: ['departments'], historyStart: '2026-01-01' },
  ]);
});

afterAll(async () => {
  await sandbox.close();
});

describe('the last successful Brex call', () => {
  it('is the time of connecting, then of a refresh, then of a formula', async () => {
    expect(await lastBrexCall()).toBe(new Date(START).toISOString());

    runtime.clock.advance(3 * DAY_MS);
    const refreshed = await runtime.run('refreshNow', []);
    const afterRefresh = await lastBrexCall();
    runtime.clock.advance(2 * DAY_MS);
    await runtime.edit('Sheet1!A1', '=BREX_USERS()');
    const afterFormula = await lastBrexCall();

    expect(refreshed.ok).toBe(true);
    expect(Date.parse(afterRefresh ?? '') - START).toBeGreaterThanOrEqual(3 * DAY_MS);
    expect(Date.parse(afterRefresh ?? '') - START).toBeLessThan(3 * DAY_MS + 60_000);
    expect(Date.parse(afterFormula ?? '') - START).toBeGreaterThanOrEqual(5 * DAY_MS);
    expect(Date.parse(afterFormula ?? '') - START).toBeLessThan(5 * DAY_MS + 60_000);
  });

  it('is not moved by a call Brex refuses', async () => {
    const before = await lastBrexCall();
    runtime.clock.advance(DAY_MS);

    await runtime
      .call('connect', [{ token: sandbox.tokens.expired, environment: 'production' }])
      .catch(() => undefined);

    expect(await lastBrexCall()).toBe(before);
  });
});
