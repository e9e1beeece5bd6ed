/**
 * A refresh (the sidebar's or the hourly trigger's) and a pending spend-limit edit: the edit stays
 * in its cell and stays pending until it is pushed or discarded, and is compared from then on
 * with the value Brex has now. The built bundle in the local
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

  it('a change made in Brex meanwhile is a conflict showing both values; a refresh makes it the value the edit is compared with', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const limit = limitNamed(sandbox, 'Sales Travel');
    await type(runtime, limit.id, 'Base limit', 19000);
    const before = await reviewed(runtime, [limit.id]);
    control(sandbox, 'PUT', `/spend_limits/${limit.id}`, {
      authorization_settings: { base_limit: { amount: 2_000_000, currency: 'USD' } },
    });

    const [conflict] = (await runtime.call('pushSpendLimitChanges', [before])) as PushResult[];

    expect(conflict).toMatchObject({
      outcome: 'conflict',
      old: { minorUnits: 1_800_000 },
      brex: { minorUnits: 2_000_000 },
    });
    expect(conflict?.message).toContain('Brex now has 20,000.00 USD');
    expect(conflict?.message).toContain('you typed 19,000.00 USD');

    await runtime.call('refreshNow', []);

    // The edit stays; the review now starts from Brex's value, and the old review no longer pushes.
    expect(valueOf(runtime, limit.id, 'Base limit')).toBe(19000);
    const review = (await runtime.call('reviewSpendLimitChanges')) as SpendLimitReview;
    expect(review.changes.map((c) => [c.id, c.old.minorUnits, c.new?.minorUnits])).toEqual([
      [limit.id, 2_000_000, 1_900_000],
    ]);
    const [stale] = (await runtime.call('pushSpendLimitChanges', [before])) as PushResult[];
    expect(stale).toMatchObject({ outcome: 'refused' });
    expect(limitById(sandbox, limit.id).authorization_settings?.base_limit?.amount).toBe(2_000_000);

    const [pushed] = (await runtime.call('pushSpendLimitChanges', [
      await reviewed(runtime, [limit.id]),
    ])) as PushResult[];
    expect(pushed).toMatchObject({ outcome: 'pushed', old: { minorUnits: 2_000_000 } });
    expect(limitById(sandbox, limit.id).authorization_settings?.base_limit?.amount).toBe(1_900_000);
  });

  it('after a refresh, discarding an edit restores the value Brex has now', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const limit = limitNamed(sandbox, 'Sales Travel');
    await type(runtime, limit.id, 'Base limit', 19000);
    control(sandbox, 'PUT', `/spend_limits/${limit.id}`, {
      authorization_settings: { base_limit: { amount: 2_100_000, currency: 'USD' } },
    });
    await runtime.call('refreshNow', []);

    await runtime.call('discardSpendLimitChanges', [[limit.id]]);

    expect(valueOf(runtime, limit.id, 'Base limit')).toBe(21000);
    const review = (await runtime.call('reviewSpendLimitChanges')) as SpendLimitReview;
    expect(review.changes).toEqual([]);
  });
});
