/**
 * The push engine over fakes of its ports (no bundle, no sandbox): which changes go, the conflict
 * check against Brex's current value, reuse of a persisted idempotency key after a lost answer,
 * the number of requests, and a large push spread over executions.
 */
import { keyOf } from '../../src/writeback/action';
import { FLUSH_EVERY, pushChanges } from '../../src/writeback/push';
import { readChanges } from '../../src/writeback/review';
import { revertEntry } from '../../src/writeback/revert';
import { SyncedValues } from '../../src/writeback/synced-values';
import { pushWorld, type PushWorld } from './support/push-fakes';

function keys(world: PushWorld): string[] {
  return readChanges(world.deps).changes.map(keyOf);
}

describe('push', () => {
  it('sends a reviewed change once, audits it, and makes Brex’s answer the last-synced value', () => {
    const world = pushWorld(3);
    world.type(1, 250);
    const [key] = keys(world);

    const [result] = pushChanges(world.deps, [key as string]);

    expect(result).toMatchObject({
      key,
      outcome: 'pushed',
      brexId: 'splim_1',
      idempotencyKey: 'key_1',
    });
    expect(world.brex.applied).toEqual([{ id: 'splim_1', amount: 25_000, key: 'key_1' }]);
    expect(world.audit.entries).toEqual([
      expect.objectContaining({
        brexId: 'splim_1',
        old: '100.00',
        new: '250.00',
        result: 'pushed',
        action: 'spend_limit.base_limit',
      }),
    ]);
    expect(SyncedValues.read(world.store).get('splim_1')?.amount).toBe(25_000);
    expect(keys(world)).toEqual([]);
  });

  it('refuses a key whose cell was edited after the review, and sends nothing', () => {
    const world = pushWorld(2);
    world.type(0, 250);
    const [key] = keys(world);
    world.type(0, 260);

    const [result] = pushChanges(world.deps, [key as string]);

    expect(result).toMatchObject({ outcome: 'refused' });
    expect(result?.message).toContain('no longer the one you reviewed');
    expect(world.brex.requests).toEqual([]);
  });

  it('shows both values and sends nothing when Brex’s value changed since the sync', () => {
    const world = pushWorld(2);
    world.type(0, 200);
    const limit = world.brex.limits.get('splim_0');
    (limit?.authorization_settings as { base_limit: unknown }).base_limit = {
      amount: 19_000,
      currency: 'USD',
    };

    const [result] = pushChanges(world.deps, keys(world));

    expect(result).toMatchObject({ outcome: 'conflict' });
    expect(result?.message).toContain('Brex now has 190.00 USD');
    expect(result?.message).toContain('you typed 200.00 USD');
    expect(world.brex.requests).toEqual(['GET /v2/spend_limits']);
    expect(world.audit.entries.map((e) => e.result)).toEqual(['conflict']);
  });

  it('reuses the persisted idempotency key after a lost answer, so Brex applies the change once', () => {
    const world = pushWorld(1);
    world.type(0, 300);
    world.brex.loseNextAnswer = true;

    const [lost] = pushChanges(world.deps, keys(world));
    expect(lost).toMatchObject({ outcome: 'unknown', idempotencyKey: 'key_1' });
    expect(readChanges(world.deps).changes[0]?.inFlight).toBe(true);

    const [done] = pushChanges(world.deps, keys(world));

    expect(done).toMatchObject({ outcome: 'pushed', idempotencyKey: 'key_1' });
    expect(world.brex.applied).toHaveLength(1);
    expect(world.audit.entries.map((e) => [e.result, e.idempotencyKey])).toEqual([
      ['unknown', 'key_1'],
      ['pushed', 'key_1'],
    ]);
    expect(readChanges(world.deps).changes).toEqual([]);
  });

  it('reads Brex once for the conflict check of 20 changes: 21 requests in all', () => {
    const world = pushWorld(25);
    for (let n = 0; n < 20; n += 1) world.type(n, 200 + n);

    const results = pushChanges(world.deps, null);

    expect(results.map((r) => r.outcome)).toEqual(Array(20).fill('pushed'));
    expect(world.brex.requests.filter((r) => r.startsWith('GET'))).toHaveLength(1);
    expect(world.brex.requests).toHaveLength(21);
  });

  it('without keys, pushes only valid changes; a refused one stays, with its reason', () => {
    const world = pushWorld(3);
    world.type(0, 200);
    world.type(1, 'lots');

    const results = pushChanges(world.deps, null);

    expect(results.map((r) => [r.brexId, r.outcome])).toEqual([['splim_0', 'pushed']]);
    expect(readChanges(world.deps).changes.map((c) => [c.targetId, c.problem !== null])).toEqual([
      ['splim_1', true],
    ]);
  });

  it('spreads 500 changes over executions: each one sent exactly once, none lost', () => {
    const world = pushWorld(500);
    for (let n = 0; n < 500; n += 1) world.type(n, 101 + n);
    const outcomes: string[][] = [];
    let runs = 0;
    while (readChanges(world.deps).changes.length > 0 && runs < 10) {
      world.sendsLeft = 180;
      outcomes.push(pushChanges(world.deps, null).map((r) => r.outcome));
      runs += 1;
    }

    expect(runs).toBe(3);
    expect(outcomes.map((o) => o.filter((x) => x === 'pushed').length)).toEqual([180, 180, 140]);
    expect(outcomes[0]?.filter((o) => o === 'deferred')).toHaveLength(320);
    expect(new Set(world.brex.applied.map((a) => a.id)).size).toBe(500);
    expect(world.brex.applied).toHaveLength(500);
    expect(world.audit.entries.filter((e) => e.result === 'pushed')).toHaveLength(500);
    expect(world.brex.requests.filter((r) => r.startsWith('GET'))).toHaveLength(3);
  });

  /**
   * 100 changes pushed by an execution that `kill` makes die part-way (an error nothing catches,
   * as when Apps Script ends an execution); `kill` returns how to undo its trap.
   */
  function killedPush(kill: (world: PushWorld, die: () => never) => () => void): PushWorld {
    const world = pushWorld(2 * FLUSH_EVERY);
    for (let n = 0; n < 2 * FLUSH_EVERY; n += 1) world.type(n, 150);
    const restore = kill(world, () => {
      throw new Error('Execution killed');
    });
    expect(() => pushChanges(world.deps, null)).toThrow('Execution killed');
    restore();
    return world;
  }

  function expectResumedOnce(world: PushWorld): void {
    const results = pushChanges(world.deps, null);
    expect(results.every((r) => r.outcome === 'pushed')).toBe(true);
    expect(world.brex.applied).toHaveLength(2 * FLUSH_EVERY);
    expect(new Set(world.brex.applied.map((a) => a.id)).size).toBe(2 * FLUSH_EVERY);
    expect(world.audit.entries.filter((e) => e.result === 'pushed')).toHaveLength(2 * FLUSH_EVERY);
    expect(readChanges(world.deps).changes).toEqual([]);
  }

  it('sends a batch as one write of its records, then one batch of requests', () => {
    const world = pushWorld(2 * FLUSH_EVERY + 5);
    for (let n = 0; n < 2 * FLUSH_EVERY + 5; n += 1) world.type(n, 150);

    pushChanges(world.deps, null);

    expect(world.brex.batches).toEqual([FLUSH_EVERY, FLUSH_EVERY, 5]);
    const records = world.store.setAlls.filter((keys) =>
      keys.every((k) => k.startsWith('writeback.pushing.')),
    );
    expect(records.map((keys) => keys.length)).toEqual([FLUSH_EVERY, FLUSH_EVERY, 5]);
    expect(world.brex.applied).toHaveLength(2 * FLUSH_EVERY + 5);
  });

  it('keeps a 429 and a 5xx-after-apply in one batch to their own changes, and the next push ends each applied once', () => {
    const world = pushWorld(5);
    for (let n = 0; n < 5; n += 1) world.type(n, 150);
    world.brex.faults.set('splim_1', 'rate429');
    world.brex.faults.set('splim_3', 'applied5xx');

    const first = pushChanges(world.deps, null);

    expect(world.brex.batches).toEqual([5]);
    expect(first.map((r) => r.outcome)).toEqual([
      'pushed',
      'unknown',
      'pushed',
      'unknown',
      'pushed',
    ]);
    expect(world.brex.applied.map((a) => a.id)).toEqual([
      'splim_0',
      'splim_2',
      'splim_3',
      'splim_4',
    ]);

    const second = pushChanges(world.deps, null);

    expect(second.map((r) => [r.brexId, r.outcome])).toEqual([
      ['splim_1', 'pushed'],
      ['splim_3', 'pushed'],
    ]);
    // Each limit applied once; the 5xx one replayed with its first key.
    expect(world.brex.applied.map((a) => a.id).sort()).toEqual([
      'splim_0',
      'splim_1',
      'splim_2',
      'splim_3',
      'splim_4',
    ]);
    const keysOf3 = world.audit.entries.filter((e) => e.brexId === 'splim_3');
    expect(keysOf3.map((e) => [e.result, e.idempotencyKey])).toEqual([
      ['unknown', 'key_4'],
      ['pushed', 'key_4'],
    ]);
    expect(readChanges(world.deps).changes).toEqual([]);
  });

  /** Dies at the `nth` call of `method` on `target`, before it runs. */
  function dieAt<T extends object>(
    target: T,
    method: keyof T,
    nth: number,
    when: (...args: never[]) => boolean = () => true,
  ): (w: PushWorld, die: () => never) => () => void {
    return (_w, die) => {
      const original = target[method] as (...args: unknown[]) => unknown;
      let calls = 0;
      (target as Record<keyof T, unknown>)[method] = function (this: T, ...args: unknown[]) {
        if ((when as (...a: unknown[]) => boolean)(...args) && (calls += 1) === nth) die();
        return original.apply(this, args);
      };
      return () => ((target as Record<keyof T, unknown>)[method] = original);
    };
  }

  // A kill at each step of the second batch (the first was settled before it): the trap, then
  // the changes Brex applied and the "pushed" audit rows when the execution died.
  type Trap = (w: PushWorld) => (w: PushWorld, die: () => never) => () => void;
  const PHASES: [string, Trap, number, number][] = [
    ["before the batch's records are stored", (w) => dieAt(w.store, 'setAll', 2), 50, 50],
    [
      "after the batch's records, before its requests",
      (w) => dieAt(w.brex, 'updateSpendLimit', FLUSH_EVERY + 1),
      50,
      50,
    ],
    [
      'after some of the batch’s answers came back',
      (w) => dieAt(w.brex, 'updateSpendLimit', FLUSH_EVERY + 11),
      60,
      50,
    ],
    ['after all its answers, before its audit rows', (w) => dieAt(w.audit, 'append', 2), 100, 50],
    [
      'mid-settle, its records half cleared',
      (w) =>
        dieAt(w.store, 'delete', FLUSH_EVERY + 20, (key: string) =>
          key.startsWith('writeback.pushing.'),
        ),
      100,
      100,
    ],
  ];

  it.each(PHASES)(
    'after a kill %s, the next push applies every change exactly once',
    (_phase, trap, applied, audited) => {
      const world = killedPush((w, die) => trap(w)(w, die));
      expect(world.brex.applied).toHaveLength(applied);
      expect(world.audit.entries.filter((e) => e.result === 'pushed')).toHaveLength(audited);

      expectResumedOnce(world);
      // A change resent after its request was applied reused its first key: Brex replayed it.
      expect(new Set(world.brex.applied.map((a) => a.key)).size).toBe(2 * FLUSH_EVERY);
    },
  );

  it('sends an irreversible archive only when its key is named, and has no revert', () => {
    const world = pushWorld(3);
    world.type(0, 250);
    world.type(1, 'archived', 'Status');
    world.type(2, 'Locked', 'Status');
    const changes = readChanges(world.deps).changes;
    expect(changes.map((c) => [c.action.id, c.targetId, c.problem === null])).toEqual([
      ['spend_limit.base_limit', 'splim_0', true],
      ['spend_limit.archive', 'splim_1', true],
      ['spend_limit.archive', 'splim_2', false],
    ]);
    const archive = changes[1] as (typeof changes)[number];
    expect(archive.action.confirmation).toBe('irreversible');
    expect(archive.consequences[0]).toContain('cannot be undone');

    const all = pushChanges(world.deps, null);
    expect(all.map((r) => [r.brexId, r.outcome])).toEqual([['splim_0', 'pushed']]);
    expect(world.brex.limits.get('splim_1')?.status).toBe('ACTIVE');

    const [archived] = pushChanges(world.deps, [keyOf(archive)]);
    expect(archived).toMatchObject({ outcome: 'pushed', brexId: 'splim_1' });
    expect(world.brex.limits.get('splim_1')?.status).toBe('ARCHIVED');
    expect(world.table.grid('Brex Spend Limits')[2]?.[4]).toBe('Archived');
    expect(readChanges(world.deps).changes.map((c) => c.targetId)).toEqual(['splim_2']);
    const row = 2 + world.audit.entries.findIndex((e) => e.action === 'spend_limit.archive');
    expect(() => revertEntry(world.deps, row)).toThrow('cannot be undone from the sheet');
  });
});
