/**
 * A refresh (the sidebar's or the hourly trigger's) and a pending spend-limit edit: the edit stays
 * in its cell and stays pending until it is pushed or discarded. The built bundle in the local
 * runtime against the sandbox over loopback HTTP.
 */
import type { Sandbox } from '../../dev/sandbox';
import type { PushResult, SpendLimitReview } from '../../src/contract/writeback';
import {
  limitById,
  limitNamed,
  openSandbox,
  reviewed,
  syncedWorld,
  type,
  valueOf,
} from '../support/spend-limits';
import { control } from '../support/world';
import type { RefreshSummary } from '../../src/sync/refresh';

describe('refresh with a pending spend-limit edit', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await openSandbox();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('keeps the edited amount and its pending state, updates the rest of the row, and the push works after', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const limit = limitNamed(sandbox, 'Engineering SaaS');
    await type(runtime, limit.id, 'Base limit', 26000.5);
    control(sandbox, 'PUT', `/spend_limits/${limit.id}`, { name: 'Engineering SaaS tools' });

    const summary = (await runtime.call('refreshNow', [])) as RefreshSummary;

    expect(summary.done).toBe(true);
    expect(valueOf(runtime, limit.id, 'Base limit')).toBe(26000.5);
    expect(valueOf(runtime, limit.id, 'Name')).toBe('Engineering SaaS tools');
    const review = (await runtime.call('reviewSpendLimitChanges')) as SpendLimitReview;
    expect(review.changes.map((c) => [c.id, c.old.minorUnits, c.new?.minorUnits])).toEqual([
      [limit.id, 2_500_000, 2_600_050],
    ]);

    const results = (await runtime.call('pushSpendLimitChanges', [
      await reviewed(runtime),
    ])) as PushResult[];

    expect(results.map((r) => [r.id, r.outcome])).toEqual([[limit.id, 'pushed']]);
    expect(limitById(sandbox, limit.id).authorization_settings?.base_limit?.amount).toBe(2_600_050);
  });

  it('keeps the last-synced value of a pending edit, so a change made in Brex meanwhile is a conflict', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const limit = limitNamed(sandbox, 'Sales Travel');
    await type(runtime, limit.id, 'Base limit', 19000);
    control(sandbox, 'PUT', `/spend_limits/${limit.id}`, {
      authorization_settings: { base_limit: { amount: 2_000_000, currency: 'USD' } },
    });

    await runtime.call('refreshNow', []);
    const [result] = (await runtime.call('pushSpendLimitChanges', [
      await reviewed(runtime, [limit.id]),
    ])) as PushResult[];

    expect(valueOf(runtime, limit.id, 'Base limit')).toBe(19000);
    expect(result).toMatchObject({
      outcome: 'conflict',
      old: { minorUnits: 1_800_000 },
      brex: { minorUnits: 2_000_000 },
    });
    expect(limitById(sandbox, limit.id).authorization_settings?.base_limit?.amount).toBe(2_000_000);
  });
});
