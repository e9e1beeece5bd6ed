/**
 * What a person is told when their write credential cannot make a change: the scope that change
 * needs, named for each kind of action, through the built bundle (dist/Code.js) in the local
 * runtime against the Brex sandbox over loopback HTTP. The sandbox takes each operation's scope
 * from Brex's specs (`security`), so a token without it gets Brex's 403.
 */
import type { Sandbox } from '../../dev/sandbox';
import type { Department, User } from '../../src/brex';
import type { ChangesReview } from '../../src/contract/writeback';
import {
  CARDS,
  USERS,
  auditRows,
  cards,
  openSandbox,
  push,
  teamWorld,
  type,
  users,
  writes,
} from '../support/team-world';

const BOB = 'bob@example.com';

describe('a write credential without the scope a change needs', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await openSandbox();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('is told the scope of each action, and nothing is applied', async () => {
    const runtime = await teamWorld(sandbox);
    const [card] = cards(sandbox).filter((c) => c.status === 'ACTIVE' && c.limit_type === 'USER');
    const person = users(sandbox).find((u) => u.status === 'ACTIVE' && u.department_id) as User;
    const other = (sandbox.snapshot().departments as Department[]).find(
      (d) => d.id !== person.department_id,
    ) as Department;
    await type(runtime, CARDS, card?.id as string, 'Status', 'Locked');
    await type(runtime, USERS, person.id, 'Department', other.name);

    // Bob has no credential of his own: the review names the scopes of the changes pending.
    const review = (await runtime.call('reviewChanges', [], { as: BOB })) as ChangesReview;
    expect(review.canPush).toBe(false);
    expect(review.credentialHelp).toContain(
      'Add your own Brex token with the cards and users scopes',
    );

    // The owner's credential becomes a read-only token: each write is refused by Brex.
    await runtime.call('saveWriteCredential', [{ token: sandbox.tokens.readonly }]);
    sandbox.log.length = 0;
    const results = await push(runtime);

    const of = (action: string) => results.find((r) => r.action === action);
    expect(of('card.status')).toMatchObject({ outcome: 'failed' });
    expect(of('card.status')?.message).toBe(
      'Your Brex token lacks the "cards" scope, which changing cards needs. Create a token with the cards scope in Brex under Developer ▸ Settings, then add it under “Your write credential” in the sidebar.',
    );
    expect(of('user.department')).toMatchObject({ outcome: 'failed' });
    expect(of('user.department')?.message).toContain(
      'lacks the "users" scope, which changing people needs',
    );
    expect(writes(sandbox).map((w) => [w.token, w.status])).toEqual([
      ['readonly', 403],
      ['readonly', 403],
    ]);
    expect(auditRows(runtime).map((row) => [row.Action, row.Result])).toEqual([
      ['card.status', 'failed'],
      ['user.department', 'failed'],
    ]);
  });
});
