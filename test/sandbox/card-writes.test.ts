import { type Sandbox, startSandbox } from '../../dev/sandbox';
import { at, call, must, refusal, write } from './support';

const TODAY = '2026-02-10';

describe('sandbox card writes', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await startSandbox({ today: TODAY, transactions: 100 });
  });

  afterEach(() => sandbox.close());

  const activeUser = () =>
    must(
      sandbox.snapshot().users.find((u) => u.status === 'ACTIVE'),
      'an active user',
    );
  const card = (status: string, limitType = 'USER') =>
    must(
      sandbox.snapshot().cards.find((c) => c.status === status && c.limit_type === limitType),
      `a ${status} ${limitType} card`,
    );
  const vendorCard = (owner: string) => ({
    owner: { type: 'USER', user_id: owner },
    card_name: 'Figma',
    card_type: 'VIRTUAL',
    limit_type: 'CARD',
    spend_controls: {
      spend_limit: { amount: 120000, currency: 'USD' },
      spend_duration: 'MONTHLY',
      lock_after_date: '2026-12-31',
    },
    metadata: { cost_center: 'design' },
  });

  it('creates a virtual vendor card that the card list and get then return', async () => {
    const user = activeUser();
    const before = sandbox.snapshot().cards.length;

    const reply = await write(sandbox, 'POST', '/v2/cards', vendorCard(user.id));

    const created = reply.body as { id: string };
    expect(reply.status).toBe(200);
    expect(created).toMatchObject({
      owner: { type: 'USER', user_id: user.id },
      status: 'ACTIVE',
      card_name: 'Figma',
      card_type: 'VIRTUAL',
      limit_type: 'CARD',
      spend_controls: {
        spend_limit: { amount: 120000, currency: 'USD' },
        spend_available: { amount: 120000, currency: 'USD' },
        spend_duration: 'MONTHLY',
        lock_after_date: '2026-12-31',
      },
      metadata: { cost_center: 'design' },
      last_four: expect.stringMatching(/^\d{4}$/),
    });
    expect(sandbox.snapshot().cards).toHaveLength(before + 1);
    expect(sandbox.snapshot().cards.at(-1)).toEqual(created);
    expect((await call(sandbox, sandbox.token, 'GET', `/v2/cards/${created.id}`)).body).toEqual(
      created,
    );
  });

  it('requires an Idempotency-Key to create a card, and replays a repeated one', async () => {
    const user = activeUser();
    const before = sandbox.snapshot().cards.length;

    const first = await write(sandbox, 'POST', '/v2/cards', vendorCard(user.id), 'card-key');
    const again = await write(sandbox, 'POST', '/v2/cards', vendorCard(user.id), 'card-key');
    const other = await write(
      sandbox,
      'POST',
      '/v2/cards',
      { ...vendorCard(user.id), card_name: 'Miro' },
      'card-key',
    );
    const keyless = await fetch(`${sandbox.url}/v2/cards`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sandbox.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(vendorCard(user.id)),
    });

    expect(again.text).toBe(first.text);
    expect(other.body).toEqual(refusal(/already used for a different request/));
    expect(keyless.status).toBe(400);
    expect(sandbox.snapshot().cards).toHaveLength(before + 1);
  });

  it('creates one card when the answer is lost, and the retry with its key gets that card', async () => {
    const user = activeUser();
    const before = sandbox.snapshot().cards.length;
    sandbox.setFaults('lost=1');

    const lost = await write(sandbox, 'POST', '/v2/cards', vendorCard(user.id), 'lost-card');
    sandbox.setFaults('');
    const retry = await write(sandbox, 'POST', '/v2/cards', vendorCard(user.id), 'lost-card');

    expect([lost.status, lost.body]).toEqual([200, undefined]);
    expect(sandbox.snapshot().cards).toHaveLength(before + 1);
    expect(retry.body).toEqual(sandbox.snapshot().cards.at(-1));
    expect(sandbox.log.map((e) => [e.fault, e.replayed])).toEqual([
      ['lost', false],
      [null, true],
    ]);
  });

  it('refuses a card whose limit type and spend controls disagree, or whose owner cannot hold one', async () => {
    const user = activeUser();
    const disabled = must(
      sandbox.snapshot().users.find((u) => u.status === 'DISABLED'),
      'a disabled user',
    );
    const before = sandbox.snapshot().cards.length;
    const cases: [unknown, RegExp][] = [
      [
        { ...vendorCard(user.id), spend_controls: null },
        /spend_controls is required when limit_type is CARD/,
      ],
      [
        { ...vendorCard(user.id), limit_type: 'USER' },
        /spend_controls must be null when limit_type is USER/,
      ],
      [{ ...vendorCard(user.id), card_type: 'PHYSICAL' }, /must have card_type VIRTUAL/],
      [{ ...vendorCard(user.id), owner: { type: 'USER', user_id: 'cuuser_nobody' } }, /not a user/],
      [{ ...vendorCard(disabled.id) }, /DISABLED and cannot get a card/],
      [
        { ...vendorCard(user.id), owner: { type: 'TEAM', user_id: user.id } },
        /owner.type must be one of USER/,
      ],
      [
        { ...vendorCard(user.id), card_type: 'virtual' },
        /card_type must be one of VIRTUAL, PHYSICAL/,
      ],
      [{ ...vendorCard(user.id), card_name: '' }, /card_name may not be empty/],
      [{ ...vendorCard(user.id), status: 'ACTIVE' }, /status is read-only or unknown/],
      [{ ...vendorCard(user.id), metadata: { a: 1 } }, /metadata.a must be a string/],
      [{ ...vendorCard(user.id), metadata: { a: 'x'.repeat(501) } }, /metadata.a is over 500/],
      [
        {
          ...vendorCard(user.id),
          spend_controls: {
            spend_limit: { amount: 1, currency: 'usd' },
            spend_duration: 'MONTHLY',
          },
        },
        /spend_controls.spend_limit.currency must be an ISO 4217 currency code/,
      ],
      [
        { ...vendorCard(user.id), spend_controls: { spend_limit: { amount: 100 } } },
        /spend_controls.spend_duration is required/,
      ],
      [
        {
          ...vendorCard(user.id),
          spend_controls: { spend_limit: { amount: 1.5 }, spend_duration: 'MONTHLY' },
        },
        /spend_controls.spend_limit.amount must be an integer/,
      ],
      [
        {
          ...vendorCard(user.id),
          spend_controls: { spend_limit: { amount: -1 }, spend_duration: 'MONTHLY' },
        },
        /may not be negative/,
      ],
      [
        { owner: { type: 'USER', user_id: user.id }, card_type: 'VIRTUAL', limit_type: 'USER' },
        /card_name is required/,
      ],
      [
        {
          owner: { type: 'USER', user_id: user.id },
          card_name: 'Plastic',
          card_type: 'PHYSICAL',
          limit_type: 'USER',
        },
        /mailing_address .* is required for a physical card/,
      ],
    ];

    for (const [body, message] of cases) {
      const reply = await write(sandbox, 'POST', '/v2/cards', body);

      expect({ body, status: reply.status, error: reply.body }).toEqual({
        body,
        status: 400,
        error: refusal(message),
      });
    }
    expect(sandbox.snapshot().cards).toHaveLength(before);
  });

  it('ships a physical corporate card to the mailing address', async () => {
    const user = activeUser();
    const address = {
      line1: '1 Main St',
      city: 'Austin',
      state: 'TX',
      country: 'US',
      postal_code: '73301',
    };

    const reply = await write(sandbox, 'POST', '/v2/cards', {
      owner: { type: 'USER', user_id: user.id },
      card_name: 'Plastic',
      card_type: 'PHYSICAL',
      limit_type: 'USER',
      mailing_address: address,
    });

    expect(reply.body).toMatchObject({
      status: 'SHIPPED',
      spend_controls: null,
      mailing_address: address,
    });
  });

  it('locks with a reason and description, unlocks, and terminates once', async () => {
    const { id } = card('ACTIVE');

    const locked = await write(sandbox, 'POST', `/v2/cards/${id}/lock`, {
      reason: 'FRAUD',
      description: 'Locked by Ada from the sheet',
    });
    const lockedAgain = await write(sandbox, 'POST', `/v2/cards/${id}/lock`, { reason: 'FRAUD' });
    const unlocked = await write(sandbox, 'POST', `/v2/cards/${id}/unlock`);
    const unlockedAgain = await write(sandbox, 'POST', `/v2/cards/${id}/unlock`);
    const terminated = await write(sandbox, 'POST', `/v2/cards/${id}/terminate`, {
      reason: 'DO_NOT_NEED_PHYSICAL_CARD',
      description: 'Left the company',
    });
    const afterTerminate = [
      await write(sandbox, 'POST', `/v2/cards/${id}/terminate`, { reason: 'OTHER' }),
      await write(sandbox, 'POST', `/v2/cards/${id}/unlock`),
      await write(sandbox, 'POST', `/v2/cards/${id}/lock`, { reason: 'OTHER' }),
      await write(sandbox, 'PUT', `/v2/cards/${id}`, { metadata: { a: 'b' } }),
    ];

    expect([locked.status, (locked.body as { status: string }).status]).toEqual([200, 'LOCKED']);
    expect(lockedAgain.body).toEqual(refusal(/already locked/));
    expect((unlocked.body as { status: string }).status).toBe('ACTIVE');
    expect(unlockedAgain.body).toEqual(refusal(/not locked/));
    expect((terminated.body as { status: string }).status).toBe('TERMINATED');
    expect(afterTerminate.map((r) => [r.status, r.body])).toEqual([
      [400, refusal(/terminated and cannot be terminated/)],
      [400, refusal(/terminated and cannot be unlocked/)],
      [400, refusal(/terminated and cannot be locked/)],
      [400, refusal(/terminated and cannot be updated/)],
    ]);
    expect(sandbox.snapshot().cards.find((c) => c.id === id)?.status).toBe('TERMINATED');
  });

  it('takes lock and terminate reasons only from the spec list, and requires one', async () => {
    const { id } = card('ACTIVE');

    const replies = [
      await write(sandbox, 'POST', `/v2/cards/${id}/lock`, { reason: 'STOLEN' }),
      await write(sandbox, 'POST', `/v2/cards/${id}/lock`, {}),
      await write(sandbox, 'POST', `/v2/cards/${id}/lock`),
      await write(sandbox, 'POST', `/v2/cards/${id}/terminate`, { reason: 'lost' }),
      await write(sandbox, 'POST', `/v2/cards/${id}/terminate`, { reason: 'OTHER', note: 'x' }),
    ];

    expect(replies.map((r) => r.body)).toEqual([
      refusal(/^reason must be one of CARD_DAMAGED, CARD_LOST, .*OTHER$/),
      refusal(/^reason is required$/),
      refusal(/request body is required/),
      refusal(/^reason must be one of/),
      refusal(/^note is read-only or unknown/),
    ]);
    expect(sandbox.snapshot().cards.find((c) => c.id === id)?.status).toBe('ACTIVE');
  });

  it("changes a vendor card's limit keeping what was spent, and refuses controls on a corporate card", async () => {
    const vendor = card('ACTIVE', 'CARD');
    const corporate = card('ACTIVE');
    const controls = must(vendor.spend_controls, 'spend controls');
    const spent = (controls.spend_limit.amount ?? 0) - (controls.spend_available.amount ?? 0);

    const updated = await write(sandbox, 'PUT', `/v2/cards/${vendor.id}`, {
      spend_controls: {
        spend_limit: { amount: 900000, currency: 'USD' },
        spend_duration: 'YEARLY',
      },
    });
    const refused = await write(sandbox, 'PUT', `/v2/cards/${corporate.id}`, {
      spend_controls: { spend_limit: { amount: 900000, currency: 'USD' } },
    });
    const wrongCurrency = await write(sandbox, 'PUT', `/v2/cards/${vendor.id}`, {
      spend_controls: { spend_limit: { amount: 5, currency: 'EUR' } },
    });
    const badDate = await write(sandbox, 'PUT', `/v2/cards/${vendor.id}`, {
      spend_controls: { lock_after_date: '31/12/2026' },
    });

    expect(updated.body).toMatchObject({
      spend_controls: {
        spend_limit: { amount: 900000, currency: 'USD' },
        spend_available: { amount: 900000 - spent, currency: 'USD' },
        spend_duration: 'YEARLY',
      },
    });
    expect(sandbox.snapshot().cards.find((c) => c.id === vendor.id)).toEqual(updated.body);
    expect(refused.body).toEqual(refusal(/only be set on cards with limit_type CARD/));
    expect(wrongCurrency.body).toEqual(refusal(/card's currency, USD/));
    expect(badDate.body).toEqual(refusal(/lock_after_date must be a date/));
  });

  it('answers 404 for a card that does not exist', async () => {
    const reply = await write(sandbox, 'POST', '/v2/cards/ncard_nope/lock', { reason: 'OTHER' });

    expect(reply.status).toBe(404);
    expect(at(sandbox.log, 0).status).toBe(404);
  });
});
