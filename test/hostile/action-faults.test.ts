/**
 * Every action kind pushed through the built bundle while the sandbox aims one fault at every
 * write: a 5xx after Brex applied it, a 429 (not applied), a body cut after Brex applied it. Once
 * per request (the client's retry, or the next push, gets through), and on every attempt of a
 * push (only the next push gets through). Whatever the fault, each change ends applied exactly
 * once: one applied request per target, its replays with the same Idempotency-Key, and one
 * honest audit row per push attempt ("unknown" while Brex's answer is missing, then "pushed"),
 * each naming the key it sent. A column edit Brex never applied (a 429 on every attempt) goes
 * with a new key once Brex is seen still holding the old value.
 */
import type { Sandbox } from '../../dev/sandbox';
import type { WriteFaultKind } from '../../dev/sandbox/faults';
import type { LoggedRequest } from '../../dev/sandbox/request-log';
import type { Runtime } from '../../dev/runtime';
import type { Card } from '../../src/brex';
import { auditRows, CARDS, cards, openSandbox, push, review, type } from '../support/team-world';
import { control, OWNER, refreshUntilDone } from '../support/world';
import { actionWorld } from '../support/action-world';
import {
  cardOnSpendLimit,
  typeOneEditPerAction,
  type ActionEdit,
} from './support/one-edit-per-action';

/** The client's attempts per call (retry-policy.ts): a fault on all of them outlasts one push. */
const ATTEMPTS = 5;

const CASES: readonly (readonly [WriteFaultKind, number, string])[] = [
  ['applied5xx', 1, 'a 5xx after Brex applied it, retried at once'],
  ['applied5xx', ATTEMPTS, 'a 5xx after Brex applied it, on every attempt of a push'],
  ['rate429', 1, 'a 429, retried at once'],
  ['rate429', ATTEMPTS, 'a 429 on every attempt of a push'],
  ['lost', 1, 'a body cut after Brex applied it'],
  ['lost', 2, 'a body cut after Brex applied it, twice'],
];

/** Whether Brex applied this request (rather than refusing, replaying or never handling it). */
const applied = (entry: LoggedRequest): boolean =>
  !entry.replayed &&
  entry.fault !== 'rate429' &&
  (entry.status < 300 || entry.fault === 'applied5xx');

describe('each action under a fault aimed at its write', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await openSandbox();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it.each(CASES)('%s (%i attempts): %s; every action applied exactly once', async (kind, n) => {
    const runtime: Runtime = await actionWorld(sandbox, { company: cardOnSpendLimit });
    const edits = await typeOneEditPerAction(runtime, sandbox, `${kind}${n}`);
    sandbox.failWrites(kind, n);

    // The person reviews, confirms everything (creations and the archive included) and pushes;
    // while a change is left unknown, they review and push again.
    const outcomes = new Map<string, string[]>();
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const changes = await review(runtime);
      if (changes.length === 0) break;
      expect(changes.filter((c) => c.problem !== null)).toEqual([]);
      const results = await push(
        runtime,
        changes.map((c) => c.key),
      );
      for (const r of results)
        outcomes.set(r.action, [...(outcomes.get(r.action) ?? []), r.outcome]);
    }
    sandbox.failWrites(null);

    // A cut body costs a push its answer, except the archive's: its 200 is all Brex answers.
    const pushes = (action: string): number =>
      kind === 'lost' ? (action === 'spend_limit.archive' ? 1 : n + 1) : n === ATTEMPTS ? 2 : 1;
    const expected = (action: string): string[] => [
      ...Array<string>(pushes(action) - 1).fill('unknown'),
      'pushed',
    ];
    const audit = auditRows(runtime);
    const keyOf = (e: LoggedRequest): string | undefined => e.headers['idempotency-key'];
    const seen = edits.map((edit: ActionEdit) => {
      const requests = sandbox.log.filter((e) => `${e.method} ${e.path}` === edit.write);
      const sent = new Set(requests.map(keyOf));
      const rows = audit.filter((row) => row.Action === edit.action);
      return {
        action: edit.action,
        outcomes: outcomes.get(edit.action),
        applied: requests.filter(applied).length,
        // The applied request and its replays share one key (a request never applied may differ).
        appliedKeys: new Set(requests.filter((e) => applied(e) || e.replayed).map(keyOf)).size,
        brexHolds: edit.applied(sandbox),
        audit: rows.map((row) => row.Result),
        pushedKey: rows.filter((r) => r.Result === 'pushed').map((r) => r['Idempotency key']),
        auditKeysSent: rows.every((row) => sent.has(String(row['Idempotency key']))),
      };
    });
    expect(seen).toEqual(
      edits.map((edit) => {
        const requests = sandbox.log.filter((e) => `${e.method} ${e.path}` === edit.write);
        return {
          action: edit.action,
          outcomes: expected(edit.action),
          applied: 1,
          appliedKeys: 1,
          brexHolds: true,
          audit: expected(edit.action),
          pushedKey: [keyOf(requests.find(applied) as LoggedRequest)],
          auditKeysSent: true,
        };
      }),
    );
    expect(
      sandbox.log.filter((e) => e.fault === (kind === 'rate429' ? 'rate429' : kind)),
    ).not.toHaveLength(0);
    expect(await review(runtime)).toEqual([]);
  });

  it('a change left unknown, then synced instead of pushed, is sent afresh when made again after Brex undid it', async () => {
    const runtime: Runtime = await actionWorld(sandbox, { company: cardOnSpendLimit });
    const card = cards(sandbox).find(
      (c) => c.status === 'ACTIVE' && c.limit_type === 'USER',
    ) as Card;
    await type(runtime, CARDS, card.id, 'Status', 'Locked');
    sandbox.failWrites('lost', 1);
    expect((await push(runtime)).map((r) => r.outcome)).toEqual(['unknown']);
    sandbox.failWrites(null);
    // The person refreshes instead of pushing again: the sync shows the card locked.
    await refreshUntilDone(runtime, { as: OWNER });
    expect(await review(runtime)).toEqual([]);
    // Someone unlocks it in Brex's dashboard; after a refresh the person locks it again.
    control(sandbox, 'PUT', `/records/cards/${card.id}`, { status: 'ACTIVE' });
    await refreshUntilDone(runtime, { as: OWNER });
    await type(runtime, CARDS, card.id, 'Status', 'Locked');

    expect((await push(runtime)).map((r) => r.outcome)).toEqual(['pushed']);
    expect(cards(sandbox).find((c) => c.id === card.id)?.status).toBe('LOCKED');
    const locks = sandbox.log.filter((e) => e.path === `/v2/cards/${card.id}/lock`);
    expect(locks.map((e) => [e.status, e.replayed])).toEqual([
      [200, false],
      [200, false],
    ]);
  });
});
