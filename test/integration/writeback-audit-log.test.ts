/**
 * The audit log's header names any action's target ("Brex ID", "Target"), through the built
 * bundle (dist/Code.js) in the local runtime against the Brex sandbox over loopback HTTP. A log
 * made when it knew only spend limits ("Spend limit ID", "Spend limit") is renamed in place at the
 * next push, and its rows still read: a revert of an entry written under the old header works.
 */
import type { Sandbox } from '../../dev/sandbox';
import type { ChangeResult, ChangesReview } from '../../src/contract/writeback';
import {
  AUDIT,
  auditRows,
  limitById,
  limitNamed,
  openSandbox,
  syncedWorld,
  type,
} from '../support/spend-limits';
import { OWNER } from '../support/world';

describe('the audit log header', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await openSandbox();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('names the target of any action, and renames an older log’s header in place', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const sales = limitNamed(sandbox, 'Sales Travel');
    const engineering = limitNamed(sandbox, 'Engineering SaaS');
    await type(runtime, sales.id, 'Base limit', 19500);
    await runtime.call('pushChanges');
    const header = runtime.values(AUDIT)[0] as unknown[];
    expect(header.slice(0, 4)).toEqual(['Time', 'User', 'Brex ID', 'Target']);
    expect(header.at(-1)).toBe('Action');
    // The log as an older version made it: spend-limit headers, and no "Typed by" or "Action".
    await runtime.paste(`${AUDIT}!C1`, [['Spend limit ID', 'Spend limit']], { as: OWNER });
    await runtime.paste(`${AUDIT}!L1`, [['', '']], { as: OWNER });

    await type(runtime, engineering.id, 'Base limit', 26000);
    await runtime.call('pushChanges');

    expect(runtime.values(AUDIT)[0]).toEqual(header);
    expect(auditRows(runtime).map((row) => [row['Brex ID'], row.Target, row.Action])).toEqual([
      [sales.id, 'Sales Travel', 'spend_limit.base_limit'],
      [engineering.id, 'Engineering SaaS', 'spend_limit.base_limit'],
    ]);
    // The row written under the old header reverts as any other.
    await runtime.call('revertAuditEntry', [2]);
    const staged = (await runtime.call('reviewChanges')) as ChangesReview;
    const [back] = (await runtime.call('pushChanges', [
      staged.changes.map((c) => c.key),
    ])) as ChangeResult[];
    expect(back).toMatchObject({ outcome: 'pushed', brexId: sales.id });
    expect(limitById(sandbox, sales.id).authorization_settings?.base_limit?.amount).toBe(
      sales.authorization_settings?.base_limit?.amount,
    );
  });
});
