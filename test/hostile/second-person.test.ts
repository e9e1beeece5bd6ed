/**
 * Each person pushes with their own Brex credential, never with another's: the owner saved a
 * write credential; a second editor of the same spreadsheet reviews and pushes a card lock and a
 * monthly limit. Refused, asking for their own credential, with no request to Brex; once they save
 * their own token, the push goes out with that token and the audit rows name them.
 */
import type { Sandbox } from '../../dev/sandbox';
import type { Runtime } from '../../dev/runtime';
import type { Card, User } from '../../src/brex';
import type { ChangeResult, ChangesReview } from '../../src/contract/writeback';
import { auditRows, CARDS, USERS, cards, cellOf, openSandbox, users } from '../support/team-world';
import { actionWorld } from '../support/action-world';
import { cardOnSpendLimit } from './support/one-edit-per-action';

const BEA = 'bea@example.com';

describe('a second person and the first person’s write credential', () => {
  let sandbox: Sandbox;
  let runtime: Runtime;

  beforeAll(async () => {
    sandbox = await openSandbox();
    runtime = await actionWorld(sandbox, { company: cardOnSpendLimit });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('refuses the push without a request, then sends it with their own token, audited as theirs', async () => {
    const card = cards(sandbox).find((c) => c.status === 'ACTIVE') as Card;
    const user = users(sandbox).find((u) => u.status === 'ACTIVE') as User;
    await runtime.edit(cellOf(runtime, CARDS, card.id, 'Status'), 'Locked', { as: BEA });
    await runtime.edit(cellOf(runtime, USERS, user.id, 'Monthly limit'), 2500, { as: BEA });

    const review = (await runtime.call('reviewChanges', [], { as: BEA })) as ChangesReview;
    expect(review.changes.map((c) => c.action).sort()).toEqual([
      'card.status',
      'user.monthly_limit',
    ]);
    expect(review.credentialHelp).toMatch(/no Brex write credential of your own/);
    const keys = review.changes.map((c) => c.key);

    sandbox.log.length = 0;
    const refused = await runtime.run('pushChanges', [keys], { as: BEA });
    expect(refused.ok).toBe(false);
    expect(refused.error?.message).toMatch(/no Brex write credential of your own.*Add your own/);
    expect(sandbox.log.filter((e) => e.method !== 'GET')).toEqual([]);
    expect(sandbox.log).toEqual([]);
    expect(cards(sandbox).find((c) => c.id === card.id)?.status).toBe('ACTIVE');
    expect(runtime.workbook.sheets.map((s) => s.name)).not.toContain('Brex Audit Log');

    // Bea saves her own token (one without Brex Cash: the log tells it from the owner's).
    await runtime.call('saveWriteCredential', [{ token: sandbox.tokens.no_cash }], { as: BEA });
    const results = (await runtime.call('pushChanges', [keys], { as: BEA })) as ChangeResult[];

    expect(results.map((r) => r.outcome)).toEqual(['pushed', 'pushed']);
    const writes = sandbox.log.filter((e) => e.method !== 'GET');
    expect(writes.map((e) => e.token)).toEqual(['no_cash', 'no_cash']);
    expect(sandbox.log.filter((e) => e.token === 'full')).toEqual([]);
    expect(cards(sandbox).find((c) => c.id === card.id)?.status).toBe('LOCKED');
    expect(auditRows(runtime).map((r) => [r.Action, r.User, r.Result])).toEqual(
      results.map((r) => [r.action, BEA, 'pushed']),
    );
  });
});
