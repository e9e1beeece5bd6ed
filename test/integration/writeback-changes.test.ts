/**
 * The general write-back entry points (reviewChanges, pushChanges, discardChanges,
 * revertAuditEntry) through the built bundle in the local runtime, against the sandbox over
 * loopback HTTP, with the base-limit action: edit → review → push → Brex's state → audit row →
 * revert.
 */
import type { Sandbox } from '../../dev/sandbox';
import type { SpendLimit } from '../../src/brex';
import type {
  ChangeResult,
  ChangesReview,
  ConflictResolved,
  DiscardedChanges,
} from '../../src/contract/writeback';
import { control } from '../support/world';
import {
  auditRows,
  limitById,
  limitNamed,
  openSandbox,
  syncedWorld,
  type,
  valueOf,
  writes,
} from '../support/spend-limits';

const ACTION = 'spend_limit.base_limit';

function amountOf(sandbox: Sandbox, id: string): number | undefined {
  return limitById(sandbox, id).authorization_settings?.base_limit?.amount;
}

describe('the write engine through the bundle', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await openSandbox();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('reviews, pushes every valid change with one list read for the conflict check, audits and reverts', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const limits = sandbox.snapshot().spend_limits as SpendLimit[];
    for (const limit of limits) await type(runtime, limit.id, 'Base limit', 777);

    const review = (await runtime.call('reviewChanges')) as ChangesReview;

    expect(review.canPush).toBe(true);
    expect(review.changes).toHaveLength(limits.length);
    const engineering = limitNamed(sandbox, 'Engineering SaaS');
    expect(review.changes.find((c) => c.target.id === engineering.id)).toMatchObject({
      sheet: 'Brex Spend Limits',
      action: ACTION,
      actionLabel: 'Change base limit',
      target: { id: engineering.id, name: 'Engineering SaaS' },
      brexNow: '25,000.00 USD',
      toSend: '777.00 USD',
      problem: null,
      confirmation: 'none',
      inFlight: false,
    });
    const valid = review.changes.filter((c) => c.problem === null);
    const refused = review.changes.filter((c) => c.problem !== null);
    // Archived and expired limits cannot change; a JPY limit takes no cents but 777 is fine.
    expect(refused.length).toBeGreaterThan(0);
    expect(valid.length).toBeGreaterThan(5);
    expect(writes(sandbox)).toHaveLength(0);

    const results = (await runtime.call('pushChanges')) as ChangeResult[];

    expect(results.map((r) => r.key).sort()).toEqual(valid.map((c) => c.key).sort());
    for (const result of results) {
      expect(result).toMatchObject({ action: ACTION, outcome: 'pushed' });
      expect(result.traceId).toEqual(expect.any(String));
      expect(result.idempotencyKey).toEqual(expect.any(String));
    }
    // One list read for the conflict check, then one write per change: nothing read one by one.
    const reads = sandbox.log.filter((r) => r.method === 'GET');
    expect(reads.map((r) => r.path.split('?')[0])).toEqual(['/v2/spend_limits']);
    expect(writes(sandbox)).toHaveLength(valid.length);
    expect(amountOf(sandbox, engineering.id)).toBe(77_700);
    const audit = auditRows(runtime);
    expect(audit).toHaveLength(valid.length);
    expect(audit.find((row) => row['Brex ID'] === engineering.id)).toMatchObject({
      Old: 25000,
      New: 777,
      Result: 'pushed',
      Action: ACTION,
    });

    // Revert the Engineering change: its inverse is staged, reviewed, pushed.
    const row = 2 + audit.findIndex((r) => r['Brex ID'] === engineering.id);
    await runtime.call('revertAuditEntry', [row]);
    const staged = (await runtime.call('reviewChanges')) as ChangesReview;
    const inverse = staged.changes.filter((c) => c.problem === null);
    expect(inverse.map((c) => [c.target.id, c.brexNow, c.toSend])).toEqual([
      [engineering.id, '777.00 USD', '25,000.00 USD'],
    ]);
    const [reverted] = (await runtime.call('pushChanges', [
      inverse.map((c) => c.key),
    ])) as ChangeResult[];
    expect(reverted).toMatchObject({ outcome: 'pushed', brexId: engineering.id });
    expect(amountOf(sandbox, engineering.id)).toBe(2_500_000);
  });

  it('pushes only the keys named, refuses a key the cell no longer matches, and discards by key', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const sales = limitNamed(sandbox, 'Sales Travel');
    const engineering = limitNamed(sandbox, 'Engineering SaaS');
    await type(runtime, sales.id, 'Base limit', 19000);
    await type(runtime, engineering.id, 'Base limit', 26000);
    const review = (await runtime.call('reviewChanges')) as ChangesReview;
    const keyOf = (id: string): string =>
      review.changes.find((c) => c.target.id === id)?.key as string;
    await type(runtime, sales.id, 'Base limit', 19500);

    const results = (await runtime.call('pushChanges', [[keyOf(sales.id)]])) as ChangeResult[];

    expect(results).toEqual([expect.objectContaining({ outcome: 'refused', brexId: sales.id })]);
    expect(writes(sandbox)).toHaveLength(0);

    const discarded = (await runtime.call('discardChanges', [
      [keyOf(engineering.id)],
    ])) as DiscardedChanges;
    expect(discarded.restored).toEqual([keyOf(engineering.id)]);
    expect(valueOf(runtime, engineering.id, 'Base limit')).toBe(25000);
    const after = (await runtime.call('reviewChanges')) as ChangesReview;
    expect(after.changes.map((c) => [c.target.id, c.toSend])).toEqual([
      [sales.id, '19,500.00 USD'],
    ]);
  });

  it('after a conflict the review shows both values; "keep mine" re-stages against Brex, "take Brex’s" takes it', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const sales = limitNamed(sandbox, 'Sales Travel');
    const engineering = limitNamed(sandbox, 'Engineering SaaS');
    await type(runtime, sales.id, 'Base limit', 20000);
    await type(runtime, engineering.id, 'Base limit', 26000);
    for (const [id, amount] of [
      [sales.id, 1_900_000],
      [engineering.id, 2_700_000],
    ] as const) {
      control(sandbox, 'PUT', `/spend_limits/${id}`, {
        authorization_settings: { base_limit: { amount, currency: 'USD' } },
      });
    }

    const results = (await runtime.call('pushChanges')) as ChangeResult[];

    expect(results.map((r) => r.outcome)).toEqual(['conflict', 'conflict']);
    expect(writes(sandbox)).toHaveLength(0);
    const review = (await runtime.call('reviewChanges')) as ChangesReview;
    const of = (id: string) => review.changes.find((c) => c.target.id === id);
    expect(of(sales.id)?.conflict).toContain('Brex now has 19,000.00 USD');
    expect(of(sales.id)?.conflict).toContain('you typed 20,000.00 USD');

    const kept = (await runtime.call('resolveConflict', [
      of(sales.id)?.key,
      'keep_mine',
    ])) as ConflictResolved;
    expect(kept.change).toMatchObject({
      brexNow: '19,000.00 USD',
      toSend: '20,000.00 USD',
      conflict: null,
    });
    const taken = (await runtime.call('resolveConflict', [
      of(engineering.id)?.key,
      'take_brex',
    ])) as ConflictResolved;
    expect(taken.change).toBeNull();
    expect(valueOf(runtime, engineering.id, 'Base limit')).toBe(27000);

    const [pushed] = (await runtime.call('pushChanges', [[kept.change?.key]])) as ChangeResult[];
    expect(pushed).toMatchObject({ outcome: 'pushed', brexId: sales.id });
    expect(amountOf(sandbox, sales.id)).toBe(2_000_000);
    expect(amountOf(sandbox, engineering.id)).toBe(2_700_000);
    expect(((await runtime.call('reviewChanges')) as ChangesReview).changes).toEqual([]);
  });

  it('archives a limit typed "archived" only when its key is named, audits it, and cannot revert it', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const sales = limitNamed(sandbox, 'Sales Travel');
    await type(runtime, sales.id, 'Status', 'archived');

    const review = (await runtime.call('reviewChanges')) as ChangesReview;
    expect(review.changes).toEqual([
      expect.objectContaining({
        action: 'spend_limit.archive',
        target: { id: sales.id, name: 'Sales Travel' },
        brexNow: 'Active',
        toSend: 'Archived',
        problem: null,
        confirmation: 'irreversible',
      }),
    ]);
    expect(await runtime.call('pushChanges')).toEqual([]);
    expect(writes(sandbox)).toHaveLength(0);

    const [result] = (await runtime.call('pushChanges', [
      review.changes.map((c) => c.key),
    ])) as ChangeResult[];

    expect(result).toMatchObject({ outcome: 'pushed', brexId: sales.id });
    expect(writes(sandbox).map((w) => [w.method, w.path])).toEqual([
      ['POST', `/v2/spend_limits/${sales.id}/archive`],
    ]);
    expect(limitById(sandbox, sales.id).status).toBe('ARCHIVED');
    expect(valueOf(runtime, sales.id, 'Status')).toBe('Archived');
    const audit = auditRows(runtime);
    expect(audit).toEqual([
      expect.objectContaining({ Action: 'spend_limit.archive', Old: 'ACTIVE', New: 'ARCHIVED' }),
    ]);
    const reverted = await runtime.run('revertAuditEntry', [2]);
    expect(reverted.ok).toBe(false);
    expect(JSON.stringify(reverted)).toContain('cannot be undone from the sheet');
    expect(((await runtime.call('reviewChanges')) as ChangesReview).changes).toEqual([]);
  });

  it('keeps a pending archive through a refresh', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const sales = limitNamed(sandbox, 'Sales Travel');
    await type(runtime, sales.id, 'Status', 'Archived');

    await runtime.call('refreshNow', []);

    expect(valueOf(runtime, sales.id, 'Status')).toBe('Archived');
    const review = (await runtime.call('reviewChanges')) as ChangesReview;
    expect(review.changes.map((c) => [c.action, c.target.id])).toEqual([
      ['spend_limit.archive', sales.id],
    ]);
  });
});
