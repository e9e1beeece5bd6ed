/**
 * The review panel's two small entry points through the built bundle (dist/Code.js): a reason
 * chosen at review is written into the row's "Reason" cell, so the next review (and its key)
 * carries it; and the pending count reads the sheets alone, asking Brex nothing.
 */
import type { Sandbox } from '../../dev/sandbox';
import type { ChangesReview } from '../../src/contract/writeback';
import {
  CARDS,
  cards,
  openSandbox,
  push,
  review,
  teamWorld,
  type,
  valueOf,
  writes,
} from '../support/team-world';

describe('review choices and the pending count', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await openSandbox();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  const activeCard = (): string => cards(sandbox).find((c) => c.status === 'ACTIVE')?.id as string;

  it('writes the chosen reason into the row; the review then shows the termination ready', async () => {
    const runtime = await teamWorld(sandbox);
    const id = activeCard();
    await type(runtime, CARDS, id, 'Status', 'Terminated');
    const [refused] = await review(runtime);
    expect(refused?.choice?.options.map((o) => o.value)).toContain('CARD_LOST');

    const after = (await runtime.call('chooseForChange', [
      refused?.key,
      'CARD_LOST',
    ])) as ChangesReview;

    expect(valueOf(runtime, CARDS, id, 'Reason')).toBe('Card lost');
    const [ready] = after.changes;
    expect(ready).toMatchObject({ problem: null, toSend: 'Terminated', choice: null });
    expect(ready?.key).not.toBe(refused?.key);
    // The old key named the change without its reason: a push of it sends nothing.
    expect(await push(runtime, [refused?.key as string])).toEqual([
      expect.objectContaining({ outcome: 'refused' }),
    ]);
    expect(await push(runtime, [ready?.key as string])).toEqual([
      expect.objectContaining({ outcome: 'pushed' }),
    ]);
    expect(cards(sandbox).find((c) => c.id === id)?.status).toBe('TERMINATED');
  });

  it('refuses a value that is not offered, and a key no longer pending, writing nothing', async () => {
    const runtime = await teamWorld(sandbox);
    const id = activeCard();
    await type(runtime, CARDS, id, 'Status', 'Terminated');
    const [refused] = await review(runtime);

    await expect(runtime.call('chooseForChange', [refused?.key, 'BORED'])).rejects.toThrow(
      /"BORED" is not one of the choices for "Reason"\. Choose one of Card damaged, Card lost/,
    );
    await expect(
      runtime.call('chooseForChange', ['card.terminate:card_x:stale', 'CARD_LOST']),
    ).rejects.toThrow(/no longer as it was reviewed.*Review again, then choose\./);
    expect(valueOf(runtime, CARDS, id, 'Reason')).toBe('');
  });

  it('counts pending and refused changes from the sheets without asking Brex', async () => {
    const runtime = await teamWorld(sandbox);
    const [a, b] = cards(sandbox)
      .filter((c) => c.status === 'ACTIVE')
      .map((c) => c.id);
    await type(runtime, CARDS, a as string, 'Status', 'Locked');
    await type(runtime, CARDS, b as string, 'Status', 'Terminated');
    sandbox.log.length = 0;

    const run = await runtime.run('pendingChangeCount', []);

    expect(run.value).toEqual({ pending: 2, refused: 1 });
    // One read of the document properties, no fetch, nothing written (no marks either).
    expect(run.stats).toMatchObject({
      fetches: 0,
      propertyReads: 1,
      propertyWrites: 0,
      rangeWrites: 0,
      formatWrites: 0,
    });
    expect(sandbox.log).toHaveLength(0);
    expect(writes(sandbox)).toHaveLength(0);
  });
});
