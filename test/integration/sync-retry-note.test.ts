/**
 * "Brex is busy, retrying": while the Brex client waits to retry, the refresh's execution sleeps,
 * so it notes each retry at once for the sidebar's progress polls. The built bundle in the local
 * runtime (real time: the waits are real) against the sandbox failing every request.
 */
import { startSandbox, type Sandbox } from '../../dev/sandbox';
import { createRuntime } from '../../dev/runtime';
import { SANDBOX_OPTIONS } from '../support/world';
import type { ServerResult } from '../../src/contract/server-functions';
import type { RefreshSummary } from '../../src/sync/refresh';

type Health = ServerResult<'getSyncHealth'>;

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox(SANDBOX_OPTIONS);
});

afterAll(async () => {
  await sandbox.close();
});

it('tells the sidebar which attempt the refresh waits to make while Brex keeps failing', async () => {
  const runtime = createRuntime({ brexUrl: sandbox.url });
  await runtime.call('connect', [{ token: sandbox.token, environment: 'production' }]);
  await runtime.call('saveSyncSettings', [
    { dataSets: ['departments'], historyStart: '2026-01-01' },
  ]);
  sandbox.setFaults('err5xx=1');

  let finished = false;
  const refresh = runtime.run('refreshNow', []).finally(() => (finished = true));
  const seen: Health[] = [];
  while (!finished) {
    seen.push((await runtime.call('getSyncHealth')) as Health);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  const summary = (await refresh).value as RefreshSummary;
  const after = (await runtime.call('getSyncHealth')) as Health;

  const attempts = seen.flatMap((h) => (h.retrying ? [h.retrying] : []));
  expect(attempts.length).toBeGreaterThan(0);
  expect(attempts.every((a) => a.maxAttempts === 5 && a.attempt >= 2 && a.attempt <= 5)).toBe(true);
  expect(attempts.map((a) => a.attempt)).toEqual([...attempts.map((a) => a.attempt)].sort());
  expect(seen.some((h) => h.refreshStartedAt !== null)).toBe(true);
  expect(summary).toMatchObject({
    done: true,
    message: 'Finished with errors: 1 of 1 data set failed.',
  });
  expect([after.refreshInProgress, after.retrying]).toEqual([false, null]);
});
