/**
 * Writes sent together (`writeEach`): one fetchAll for the batch, each write's own answer or
 * error, a retry (429, 5xx) resending only the writes that need it with their own keys, and a
 * cut-off answer kept to its own write.
 */
import { BrexError, type WriteResult } from '../../src/brex';
import { brexError, clientFor, json } from './fakes';

const limit = (id: string, amount: number) => ({
  id,
  authorization_settings: { base_limit: { amount, currency: 'USD' } },
});

const writes = (client: ReturnType<typeof clientFor>['client']) =>
  ['a', 'b', 'c'].map(
    (id, n) => () =>
      client.updateSpendLimit(
        `splim_${id}`,
        { authorization_settings: { base_limit: { amount: 100 * (n + 1), currency: 'USD' } } },
        { idempotencyKey: `key-${id}` },
      ),
  );

const keysOf = (requests: readonly { headers: Readonly<Record<string, string>> }[]) =>
  requests.map((r) => r.headers['Idempotency-Key']);

describe('writes sent together', () => {
  it('sends a batch in one fetchAll, each write with its own key and answer', () => {
    const { client, http } = clientFor([
      json(200, limit('splim_a', 100)),
      json(200, limit('splim_b', 200)),
      json(200, limit('splim_c', 300)),
    ]);

    const results = client.writeEach(writes(client));

    expect(http.batches).toBe(1);
    expect(keysOf(http.requests)).toEqual(['key-a', 'key-b', 'key-c']);
    expect(results.map((r) => r.ok && (r.value as WriteResult<{ id: string }>).value.id)).toEqual([
      'splim_a',
      'splim_b',
      'splim_c',
    ]);
  });

  it('retries only the write Brex rate-limited and the one it failed with a 5xx, same keys', () => {
    const { client, http } = clientFor([
      json(200, limit('splim_a', 100)),
      brexError(429, 'RATE_LIMITED', 'Slow down.', { 'retry-after': '2' }),
      brexError(503, 'UNAVAILABLE', 'Try again.'),
      json(200, limit('splim_b', 200)),
      json(200, limit('splim_c', 300)),
    ]);

    const results = client.writeEach(writes(client));

    expect(http.batches).toBe(2);
    expect(keysOf(http.requests)).toEqual(['key-a', 'key-b', 'key-c', 'key-b', 'key-c']);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(http.unused).toBe(0);
  });

  it('keeps a cut-off answer and a refusal to their own writes', () => {
    const { client } = clientFor([
      { status: 200, headers: {}, body: '{"id": "splim_a", "authoriz' },
      brexError(400, 'BAD_REQUEST', 'No.'),
      json(200, limit('splim_c', 300)),
    ]);

    const [cut, refused, fine] = client.writeEach(writes(client));

    expect(cut?.ok === false && (cut.error as BrexError).kind).toBe('malformed_response');
    expect(refused?.ok === false && (refused.error as BrexError).kind).toBe('bad_request');
    expect(fine?.ok).toBe(true);
  });

  it('gives the writes left unsent at the deadline its error, and keeps the answers before', () => {
    const { client, http } = clientFor(
      Array.from({ length: 5 }, (_, n) => json(200, limit(`splim_${n}`, n))),
      { rateLimit: { burst: 2, perSecond: 1 }, deadline: Date.UTC(2024, 0, 15, 12, 0, 1, 500) },
    );
    const many = Array.from(
      { length: 5 },
      (_, n) => () =>
        client.updateSpendLimit(`splim_${n}`, { name: `L${n}` }, { idempotencyKey: `k${n}` }),
    );

    const results = client.writeEach(many);

    // Two at once (the burst), one a second later, then the next token would come too late.
    expect(http.batches).toBe(2);
    expect(results.map((r) => r.ok || (r.error as BrexError).kind)).toEqual([
      true,
      true,
      true,
      'deadline_reached',
      'deadline_reached',
    ]);
  });

  it('runs a write that sends nothing once, and passes on what it threw', () => {
    const { client, http } = clientFor([]);
    let runs = 0;
    const [nothing, thrown] = client.writeEach<unknown>([
      () => (runs += 1),
      () => {
        throw new Error('Not sendable.');
      },
    ]);
    expect(runs).toBe(1);
    expect(nothing).toEqual({ ok: true, value: 1 });
    expect(thrown?.ok === false && (thrown.error as Error).message).toBe('Not sendable.');
    expect(http.batches).toBe(0);
  });
});
