/**
 * Kill and resume, as Apps Script's 6-minute wall would: a refresh, and a push of spend-limit
 * edits, stopped at every n-th service call; the next run ends with the same result as an
 * uninterrupted one. (test/integration/sync-kill-resume.test.ts draws random kill points; this
 * sweeps them evenly over the whole run.)
 */
import type { SpendLimitReview } from '../../src/contract/writeback';
import type { Sandbox } from '../../dev/sandbox';
import {
  connectedRuntime,
  dataSheets,
  OWNER,
  refreshUntilDone,
  smallSandbox,
} from '../support/world';

const POINTS = Number(process.env.HOSTILE_KILL_POINTS ?? 8);

describe('an execution killed at every n-th service call', () => {
  let sandbox: Sandbox;
  let reference: Record<string, unknown[][]>;
  let calls: number;

  beforeAll(async () => {
    sandbox = await smallSandbox('kill-resume', 40);
    const runtime = await connectedRuntime(sandbox);
    const before = runtime.stats.serviceCalls;
    await refreshUntilDone(runtime, { as: OWNER });
    calls = runtime.stats.serviceCalls - before;
    reference = dataSheets(runtime);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it.each(Array.from({ length: POINTS }, (_, i) => i))(
    'a refresh killed at point %i of the sweep ends identical to an uninterrupted one',
    async (point) => {
      sandbox.reset();
      const runtime = await connectedRuntime(sandbox);
      const killAtCall = 1 + Math.floor(((point + 0.5) * calls) / POINTS);

      const killed = await runtime.run('refreshNow', [], { as: OWNER, limits: { killAtCall } });
      await refreshUntilDone(runtime, { as: OWNER });

      expect(killed.ok).toBe(false);
      expect(dataSheets(runtime)).toEqual(reference);
    },
  );

  it('a push killed at ever later service calls changes the limit once, to the reviewed amount', async () => {
    sandbox.reset();
    const runtime = await connectedRuntime(sandbox);
    await runtime.call('saveSyncSettings', [
      { dataSets: ['spend_limits'], historyStart: '2026-01-01' },
    ]);
    await refreshUntilDone(runtime, { as: OWNER });
    const grid = runtime.values('Brex Spend Limits');
    const column = String.fromCharCode(65 + (grid[0] ?? []).indexOf('Base limit'));
    const id = String(grid[1]?.[(grid[0] ?? []).indexOf('Brex ID')]);
    await runtime.edit(`Brex Spend Limits!${column}2`, 1234.5, { as: OWNER });

    const review = (await runtime.call('reviewSpendLimitChanges', [], {
      as: OWNER,
    })) as SpendLimitReview;
    const reviewed = review.changes.map((c) => ({ id: c.id, fingerprint: c.fingerprint }));

    // Each run is killed one step later than the last, until one runs to its end.
    let finished = false;
    for (let killAtCall = 3; !finished && killAtCall < 300; killAtCall += 6) {
      const run = await runtime.run('pushSpendLimitChanges', [reviewed], {
        as: OWNER,
        limits: { killAtCall },
      });
      finished = run.ok;
    }
    await runtime.call('pushSpendLimitChanges', [reviewed], { as: OWNER });

    expect(finished).toBe(true);
    const limit = sandbox.snapshot().spend_limits.find((l) => l.id === id);
    expect(limit?.authorization_settings?.base_limit.amount).toBe(123_450);
    const applied = sandbox.log.filter(
      (e) => e.method === 'PUT' && !e.replayed && e.status === 200,
    );
    expect(applied).toHaveLength(1);
  });
});
