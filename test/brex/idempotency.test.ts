import { brexError, clientFor, json, TOKEN } from './fakes';

const spendLimit = json(200, {
  id: 'sl_1',
  authorization_settings: { base_limit: { amount: 250000, currency: 'USD' } },
});
const busy = brexError(503, 'SERVICE_UNAVAILABLE', 'Try later');

describe('brex client writes and idempotency keys', () => {
  it('sends a PUT with bearer auth, a JSON body and a new UUID v4 Idempotency-Key', () => {
    const { client, http } = clientFor([spendLimit]);

    const result = client.updateSpendLimit('sl_1', {
      authorization_settings: { base_limit: { amount: 250000, currency: 'USD' } },
    });

    const [request] = http.requests;
    expect(http.log).toEqual(['PUT /v2/spend_limits/sl_1']);
    expect(request?.headers).toMatchObject({
      Authorization: `Bearer ${TOKEN}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': '00000000-0000-4000-8000-000000000001',
    });
    expect(JSON.parse(request?.payload ?? '')).toEqual({
      authorization_settings: { base_limit: { amount: 250000, currency: 'USD' } },
    });
    expect(result).toEqual({
      value: {
        id: 'sl_1',
        authorization_settings: { base_limit: { amount: 250000, currency: 'USD' } },
      },
      traceId: 'trace-200',
      idempotencyKey: '00000000-0000-4000-8000-000000000001',
    });
  });

  it('reuses the same key when retrying the same request', () => {
    const { client, http } = clientFor([busy, { networkError: 'Timeout' }, spendLimit]);

    client.updateSpendLimit('sl_1', { name: 'Travel' });

    const keys = http.requests.map((r) => r.headers['Idempotency-Key']);
    expect(keys).toEqual(Array(3).fill('00000000-0000-4000-8000-000000000001'));
  });

  it('makes a new key for each logical call', () => {
    const { client, http } = clientFor([spendLimit, spendLimit]);

    client.updateSpendLimit('sl_1', { name: 'Travel' });
    client.updateSpendLimit('sl_1', { name: 'Travel' });

    const keys = http.requests.map((r) => r.headers['Idempotency-Key']);
    expect(new Set(keys).size).toBe(2);
  });

  it("sends the caller's key, so a push retried in a later execution reuses it", () => {
    const { client, http } = clientFor([busy, spendLimit]);

    const result = client.updateSpendLimit(
      'sl_1',
      { name: 'Travel' },
      { idempotencyKey: 'persisted-key' },
    );

    expect(http.requests.map((r) => r.headers['Idempotency-Key'])).toEqual([
      'persisted-key',
      'persisted-key',
    ]);
    expect(result.idempotencyKey).toBe('persisted-key');
  });

  it('sends an Idempotency-Key on every POST, even one without a body', () => {
    const card = json(200, { id: 'ncard_1', status: 'ACTIVE' });
    const { client, http } = clientFor([
      json(200, {}),
      card,
      card,
      json(200, { monthly_limit: null }),
    ]);

    client.archiveSpendLimit('sl_1');
    client.lockCard('ncard_1', { reason: 'CARD_LOST' });
    client.unlockCard('ncard_1');
    client.setUserMonthlyLimit('cuuser_1', null);

    expect(http.log).toEqual([
      'POST /v2/spend_limits/sl_1/archive',
      'POST /v2/cards/ncard_1/lock',
      'POST /v2/cards/ncard_1/unlock',
      'POST /v2/users/cuuser_1/limit',
    ]);
    expect(
      http.requests.every((r) => /^[0-9a-f-]{36}$/.test(r.headers['Idempotency-Key'] ?? '')),
    ).toBe(true);
    expect(http.requests.map((r) => r.payload)).toEqual([
      undefined,
      '{"reason":"CARD_LOST"}',
      undefined,
      '{"monthly_limit":null}',
    ]);
  });

  it('sends a card spend-control change as a PUT of spend_controls', () => {
    const { client, http } = clientFor([json(200, { id: 'ncard_1' })]);

    client.updateCardSpendControls('ncard_1', { spend_limit: { amount: 50000, currency: 'USD' } });

    expect(http.log).toEqual(['PUT /v2/cards/ncard_1']);
    expect(http.requests[0]?.payload).toBe(
      '{"spend_controls":{"spend_limit":{"amount":50000,"currency":"USD"}}}',
    );
  });

  it('accepts an empty body from archive, whose success carries nothing the client needs', () => {
    const { client } = clientFor([{ status: 200, headers: {}, body: '' }]);

    expect(client.archiveSpendLimit('sl_1').value).toBeUndefined();
  });

  it('sends no Idempotency-Key on a GET', () => {
    const { client, http } = clientFor([json(200, { id: 'sl_1' })]);

    client.get('spendLimit', 'sl_1');

    expect(http.requests[0]?.headers).not.toHaveProperty('Idempotency-Key');
  });
});
