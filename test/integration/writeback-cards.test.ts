/**
 * The card actions through the built bundle (dist/Code.js) in the local runtime, against the Brex
 * sandbox over loopback HTTP: edit → review → push → Brex's state → audit row → revert.
 */
import type { Sandbox } from '../../dev/sandbox';
import {
  CARDS,
  OWNER,
  auditRows,
  card,
  cards,
  nextRow,
  openSandbox,
  push,
  refresh,
  review,
  teamWorld,
  type,
  valueOf,
  writes,
} from '../support/team-world';

describe('card actions', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await openSandbox();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  const activeUserCards = (): string[] =>
    cards(sandbox)
      .filter((c) => c.status === 'ACTIVE' && c.limit_type === 'USER')
      .map((c) => c.id);

  it('locks a card typed "locked", tells Brex who did it, audits it, and reverts by unlocking', async () => {
    const runtime = await teamWorld(sandbox);
    const [id] = activeUserCards() as [string];
    await type(runtime, CARDS, id, 'Status', 'locked');

    const changes = await review(runtime);
    expect(changes).toEqual([
      expect.objectContaining({
        action: 'card.status',
        actionLabel: 'Lock card',
        target: { id, name: card(sandbox, id).card_name },
        brexNow: 'Active',
        toSend: 'Locked',
        problem: null,
        confirmation: 'none',
      }),
    ]);
    expect(writes(sandbox)).toHaveLength(0);

    const results = await push(runtime);
    expect(results).toEqual([
      expect.objectContaining({
        outcome: 'pushed',
        brexId: id,
        message: `Status of "${card(sandbox, id).card_name}" changed from Active to Locked.`,
      }),
    ]);
    expect(card(sandbox, id).status).toBe('LOCKED');
    const [lock] = writes(sandbox);
    expect(writes(sandbox)).toHaveLength(1);
    expect(lock?.path).toBe(`/v2/cards/${id}/lock`);
    expect(JSON.parse(lock?.body ?? 'null')).toEqual({
      reason: 'OTHER',
      description: `Locked from Google Sheets by ${OWNER}`,
    });
    expect(lock?.headers['idempotency-key']).toBe(results[0]?.idempotencyKey);
    expect(valueOf(runtime, CARDS, id, 'Status')).toBe('Locked');
    expect(await review(runtime)).toEqual([]);

    const audit = auditRows(runtime);
    expect(audit.at(-1)).toMatchObject({
      Action: 'card.status',
      'Brex ID': id,
      Old: 'ACTIVE',
      New: 'LOCKED',
      Result: 'pushed',
      'Idempotency key': results[0]?.idempotencyKey,
    });

    await runtime.call('revertAuditEntry', [audit.length + 1]);
    expect(valueOf(runtime, CARDS, id, 'Status')).toBe('Active');
    expect(await review(runtime)).toEqual([
      expect.objectContaining({
        action: 'card.status',
        actionLabel: 'Unlock card',
        brexNow: 'Locked',
        toSend: 'Active',
      }),
    ]);
    expect(await push(runtime)).toEqual([expect.objectContaining({ outcome: 'pushed' })]);
    expect(card(sandbox, id).status).toBe('ACTIVE');
    expect(writes(sandbox).at(-1)?.path).toBe(`/v2/cards/${id}/unlock`);
  });

  it('locks thirty cards in one review and one push: one list read, one lock each', async () => {
    const runtime = await teamWorld(sandbox);
    const ids = activeUserCards().slice(0, 30);
    await type(runtime, CARDS, ids[0] as string, 'Reason', 'card lost');
    for (const id of ids) await type(runtime, CARDS, id, 'Status', 'LOCKED');

    const changes = await review(runtime);
    expect(changes).toHaveLength(30);
    expect(changes.every((c) => c.problem === null && c.action === 'card.status')).toBe(true);
    sandbox.log.length = 0;
    const results = await push(runtime);

    expect(results.map((r) => r.outcome)).toEqual(ids.map(() => 'pushed'));
    expect(ids.every((id) => card(sandbox, id).status === 'LOCKED')).toBe(true);
    expect(writes(sandbox)).toHaveLength(30);
    expect(sandbox.log.filter((e) => e.method === 'GET' && e.path === '/v2/cards')).toHaveLength(1);
    expect(JSON.parse(writes(sandbox)[0]?.body ?? 'null')).toEqual({
      reason: 'CARD_LOST',
      description: null,
    });
  });

  it('terminates only when named, with a reason from Brex\u2019s list, and has no inverse', async () => {
    const runtime = await teamWorld(sandbox);
    const [id] = activeUserCards() as [string];
    await type(runtime, CARDS, id, 'Status', 'Terminated');

    const [refused] = await review(runtime);
    expect(refused).toMatchObject({ action: 'card.terminate', confirmation: 'irreversible' });
    expect(refused?.problem).toMatch(/needs a reason from Brex's list/);
    await type(runtime, CARDS, id, 'Reason', 'Lost');
    expect((await review(runtime))[0]?.problem).toMatch(/"Lost" is not one of Brex's/);
    await type(runtime, CARDS, id, 'Reason', 'Fraud');
    const [change] = await review(runtime);
    expect(change).toMatchObject({ problem: null, toSend: 'Terminated' });
    expect(change?.consequences.join(' ')).toMatch(/permanent/);

    // Pushing without keys sends nothing that needs confirmation.
    expect(await push(runtime)).toEqual([]);
    expect(writes(sandbox)).toHaveLength(0);

    const [result] = await push(runtime, [change?.key as string]);
    expect(result).toMatchObject({ outcome: 'pushed', action: 'card.terminate' });
    expect(card(sandbox, id).status).toBe('TERMINATED');
    expect(JSON.parse(writes(sandbox)[0]?.body ?? 'null')).toEqual({ reason: 'FRAUD' });
    const audit = auditRows(runtime);
    await expect(runtime.call('revertAuditEntry', [audit.length + 1])).rejects.toThrow(
      /cannot be undone from the sheet/,
    );
  });

  it('changes a card\u2019s own limit, refuses one borrowed from its holder, and reverts', async () => {
    const runtime = await teamWorld(sandbox);
    const own = cards(sandbox).find((c) => c.status === 'ACTIVE' && c.limit_type === 'CARD');
    const borrowed = activeUserCards()[0] as string;
    const id = own?.id as string;
    const before = own?.spend_controls?.spend_limit;
    await type(runtime, CARDS, id, 'Limit', '1,234.50');
    await type(runtime, CARDS, borrowed, 'Limit', 999);

    const changes = await review(runtime);
    expect(changes).toHaveLength(2);
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'card.limit',
          target: { id: borrowed, name: expect.any(String) },
          problem: expect.stringMatching(/no limit of its own \(limit type User\)/),
        }),
        expect.objectContaining({ action: 'card.limit', toSend: '1,234.50 USD', problem: null }),
      ]),
    );
    const results = await push(runtime);
    expect(results.map((r) => r.outcome)).toEqual(['pushed']);
    expect(card(sandbox, id).spend_controls?.spend_limit).toEqual({
      amount: 123450,
      currency: 'USD',
    });
    expect(JSON.parse(writes(sandbox)[0]?.body ?? 'null')).toEqual({
      spend_controls: { spend_limit: { amount: 123450, currency: 'USD' } },
    });
    expect(writes(sandbox)).toHaveLength(1);

    const audit = auditRows(runtime);
    expect(audit.at(-1)).toMatchObject({ Action: 'card.limit', New: 1234.5, Currency: 'USD' });
    await runtime.call('revertAuditEntry', [audit.length + 1]);
    expect(await push(runtime)).toEqual([expect.objectContaining({ outcome: 'pushed' })]);
    expect(card(sandbox, id).spend_controls?.spend_limit).toEqual(before);
  });

  it('creates a virtual card from a new row only once confirmed, and puts its id in the row', async () => {
    const runtime = await teamWorld(sandbox);
    const row = nextRow(runtime, CARDS);
    await type(runtime, CARDS, row, 'Card name', 'Offsite travel');
    await type(runtime, CARDS, row, 'Holder', 'AVA.NGUYEN@acme-demo.com');
    await type(runtime, CARDS, row, 'Limit', 500);
    await type(runtime, CARDS, row, 'Limit period', 'one time');

    const [change] = await review(runtime);
    expect(change).toMatchObject({
      action: 'card.create',
      confirmation: 'creation',
      problem: null,
      toSend: 'Virtual card "Offsite travel" for Ava Nguyen, limit 500.00 USD one time',
    });
    expect(await push(runtime)).toEqual([]);
    const [result] = await push(runtime, [change?.key as string]);
    expect(result).toMatchObject({ outcome: 'pushed', action: 'card.create' });
    const created = card(sandbox, result?.brexId as string);
    expect(created).toMatchObject({
      card_name: 'Offsite travel',
      card_type: 'VIRTUAL',
      limit_type: 'CARD',
      spend_controls: expect.objectContaining({
        spend_limit: { amount: 50000, currency: 'USD' },
        spend_duration: 'ONE_TIME',
      }),
    });
    expect(valueOf(runtime, CARDS, created.id, 'Status')).toBe('Active');
    expect(await review(runtime)).toEqual([]);
    expect(auditRows(runtime).at(-1)).toMatchObject({
      Action: 'card.create',
      'Brex ID': created.id,
      Result: 'pushed',
    });
    // The new card is a synced row at once: it can be locked without a refresh.
    await type(runtime, CARDS, created.id, 'Status', 'Locked');
    expect(await review(runtime)).toEqual([
      expect.objectContaining({ action: 'card.status', problem: null }),
    ]);
  });

  it('keeps a pending lock through a refresh, and refuses it when Brex changed the card since', async () => {
    const runtime = await teamWorld(sandbox);
    const [kept, changed] = activeUserCards() as [string, string];
    await type(runtime, CARDS, kept, 'Status', 'Locked');
    await type(runtime, CARDS, kept, 'Reason', 'Fraud');
    await refresh(runtime);
    expect(valueOf(runtime, CARDS, kept, 'Status')).toBe('Locked');
    expect(valueOf(runtime, CARDS, kept, 'Reason')).toBe('Fraud');

    await type(runtime, CARDS, changed, 'Status', 'Locked');
    const locked = await fetch(`${sandbox.url}/v2/cards/${changed}/lock`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${sandbox.token}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': 'someone-else-in-the-dashboard',
      },
      body: JSON.stringify({ reason: 'OTHER' }),
    });
    expect(locked.status).toBe(200);
    sandbox.log.length = 0;

    const results = await push(runtime);
    const byId = new Map(results.map((r) => [r.brexId, r]));
    expect(byId.get(kept)).toMatchObject({ outcome: 'pushed' });
    expect(byId.get(changed)).toMatchObject({ outcome: 'conflict' });
    expect(byId.get(changed)?.message).toMatch(
      /Brex now has Locked .* not the Active of the last sync/,
    );
    expect(writes(sandbox).map((w) => w.path)).toEqual([`/v2/cards/${kept}/lock`]);
    expect(JSON.parse(writes(sandbox)[0]?.body ?? 'null')).toEqual({
      reason: 'FRAUD',
      description: null,
    });
  });
});
