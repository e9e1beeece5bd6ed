import { BrexError } from '../../src/brex';
import { brexError, clientFor, json, page, START, thrownBy } from './fakes';

const ok = json(200, { id: 'cuuser_me' });
const rateLimited = (headers: Record<string, string> = {}) =>
  brexError(429, 'TOO_MANY_REQUESTS', 'Rate limit exceeded', headers);

describe('brex client retries', () => {
  it.each([429, 500, 502, 503, 504])('retries a %i and returns the later success', (status) => {
    const { client, http } = clientFor([json(status, { message: 'busy' }), ok]);

    expect(client.getMe()).toEqual({ id: 'cuuser_me' });
    expect(http.log).toEqual(['GET /v2/users/me', 'GET /v2/users/me']);
  });

  it('retries a network error', () => {
    const { client, http } = clientFor([{ networkError: 'DNS error' }, ok]);

    expect(client.getMe()).toEqual({ id: 'cuuser_me' });
    expect(http.requests).toHaveLength(2);
  });

  it('reads again when a success body arrives cut off', () => {
    const cut = { status: 200, headers: {}, body: '{"id":"cuus' };
    const { client, http } = clientFor([cut, ok]);

    expect(client.getMe()).toEqual({ id: 'cuuser_me' });
    expect(http.requests).toHaveLength(2);
  });

  it('waits with exponential backoff and full jitter: a random share of 1 s, 2 s, 4 s, 8 s', () => {
    const { client, clock } = clientFor(
      [rateLimited(), rateLimited(), rateLimited(), rateLimited(), ok],
      {
        random: () => 0.25,
      },
    );

    client.getMe();

    expect(clock.sleeps).toEqual([250, 500, 1000, 2000]);
  });

  it('tells the onRetry observer each attempt about to be made, before its wait', () => {
    const notices: unknown[] = [];
    const { client } = clientFor([rateLimited(), json(503, { message: 'busy' }), ok], {
      random: () => 0.5,
      onRetry: (notice) => notices.push(notice),
    });

    client.getMe();

    expect(notices).toEqual([
      { attempt: 2, maxAttempts: 5, waitMs: 500 },
      { attempt: 3, maxAttempts: 5, waitMs: 1000 },
    ]);
  });

  it('caps the backoff ceiling at maxDelayMs', () => {
    const { client, clock } = clientFor([rateLimited(), rateLimited(), rateLimited(), ok], {
      random: () => 0.999,
      retry: { baseDelayMs: 1000, maxDelayMs: 1500 },
    });

    client.getMe();

    expect(clock.sleeps).toEqual([999, 1498, 1498]);
  });

  it('honours Retry-After in seconds instead of the backoff', () => {
    const { client, clock } = clientFor([rateLimited({ 'retry-after': '7' }), ok]);

    client.getMe();

    expect(clock.sleeps).toEqual([7000]);
  });

  it('honours Retry-After given as an HTTP date', () => {
    const retryAt = new Date(START + 3000).toUTCString();
    const { client, clock } = clientFor([rateLimited({ 'retry-after': retryAt }), ok]);

    client.getMe();

    expect(clock.sleeps).toEqual([3000]);
  });

  it('gives up after maxAttempts and reports the rate limit with what to do', () => {
    const { client, http } = clientFor(Array(5).fill(rateLimited()));

    const error = thrownBy(() => client.getMe()) as BrexError;

    expect(http.requests).toHaveLength(5);
    expect(error).toMatchObject({ kind: 'rate_limited', status: 429, traceId: 'trace-429' });
    expect(error.message).toBe(
      'Brex is receiving too many requests and still refused after 5 attempts. Wait a minute, then try again.',
    );
  });

  it('reports a server error that persists, with the trace id', () => {
    const { client } = clientFor(Array(3).fill(json(503, { message: 'Service Unavailable' })), {
      retry: { maxAttempts: 3 },
    });

    const error = thrownBy(() => client.getMe()) as BrexError;

    expect(error).toMatchObject({ kind: 'server_error', status: 503 });
    expect(error.message).toMatch(
      /server error \(503\).*after 3 attempts\. Try again in a few minutes\..*trace-503/,
    );
  });

  it('reports a network failure that persists', () => {
    const { client } = clientFor(Array(2).fill({ networkError: 'Address unavailable' }), {
      retry: { maxAttempts: 2 },
    });

    const error = thrownBy(() => client.getMe()) as BrexError;

    expect(error).toMatchObject({ kind: 'network', status: 0 });
    expect(error.message).toMatch(
      /could not be reached.*Address unavailable.*Check the connection/,
    );
  });

  it.each([400, 401, 403, 404])('does not retry a %i', (status) => {
    const { client, http } = clientFor([json(status, { message: 'no' }), ok]);

    expect(() => client.getMe()).toThrow(BrexError);
    expect(http.requests).toHaveLength(1);
  });

  describe('deadline', () => {
    it('does not retry when the wait would pass the client deadline, and says the deadline was reached', () => {
      const { client, http, clock } = clientFor([rateLimited({ 'retry-after': '30' }), ok], {
        deadline: START + 10_000,
      });

      const error = thrownBy(() => client.getMe()) as BrexError;

      expect(http.requests).toHaveLength(1);
      expect(clock.sleeps).toEqual([]);
      expect(error).toMatchObject({
        kind: 'deadline_reached',
        status: 429,
        traceId: 'trace-429',
        operation: 'getMe',
      });
      expect(error.message).toMatch(
        /to stay within the Apps Script time limit\. Run it again to continue\./,
      );
    });

    it('applies the earlier of the per-call and the client deadline', () => {
      const { client, http } = clientFor([rateLimited(), ok], { deadline: START + 60_000 });

      const error = thrownBy(() => client.getMe({ deadline: START + 100 }));

      expect(error).toMatchObject({ kind: 'deadline_reached' });
      expect(http.requests).toHaveLength(1);
    });

    it('retries when the wait ends before the deadline', () => {
      const { client, clock } = clientFor([rateLimited({ 'retry-after': '2' }), ok], {
        deadline: START + 10_000,
      });

      expect(client.getMe()).toEqual({ id: 'cuuser_me' });
      expect(clock.sleeps).toEqual([2000]);
    });

    it('sends nothing once the deadline has passed', () => {
      const { client, http } = clientFor([ok], { deadline: START });

      expect(thrownBy(() => client.getMe())).toMatchObject({ kind: 'deadline_reached', status: 0 });
      expect(http.requests).toHaveLength(0);
    });

    it('stops a page iteration between pages, leaving the last cursor to resume from', () => {
      const { client, clock } = clientFor([page([{ id: 1 }], 'c2'), page([{ id: 2 }], 'c3')], {
        deadline: START + 1000,
      });
      const cursors: (string | null)[] = [];

      const error = thrownBy(() => {
        for (const p of client.pages('users', {})) {
          cursors.push(p.nextCursor);
          clock.sleep(600); // writing the page takes time
        }
      });

      expect(error).toMatchObject({ kind: 'deadline_reached', operation: 'listUsers' });
      expect(cursors).toEqual(['c2', 'c3']);
    });
  });

  describe('getEach (fetchAll)', () => {
    it('fetches records in parallel and retries only the responses that failed', () => {
      const { client, http, clock } = clientFor([
        json(200, { id: 'sl_1' }),
        rateLimited({ 'retry-after': '1' }),
        json(502, {}),
        json(200, { id: 'sl_2' }),
        json(200, { id: 'sl_3' }),
      ]);

      const limits = client.getEach('spendLimit', ['sl_1', 'sl_2', 'sl_3']);

      expect(limits.map((l) => l.id)).toEqual(['sl_1', 'sl_2', 'sl_3']);
      expect(http.batches).toBe(2);
      expect(http.log).toEqual([
        'GET /v2/spend_limits/sl_1',
        'GET /v2/spend_limits/sl_2',
        'GET /v2/spend_limits/sl_3',
        'GET /v2/spend_limits/sl_2',
        'GET /v2/spend_limits/sl_3',
      ]);
      expect(clock.sleeps).toEqual([1000]);
    });

    it('retries the whole batch after a network failure', () => {
      const { client, http } = clientFor([
        json(200, { id: 'u1' }),
        { networkError: 'Timeout' },
        json(200, { id: 'u1' }),
        json(200, { id: 'u2' }),
      ]);

      expect(client.getEach('user', ['u1', 'u2']).map((u) => u.id)).toEqual(['u1', 'u2']);
      expect(http.batches).toBe(2);
    });

    it('throws the first error that cannot be retried', () => {
      const { client } = clientFor([
        json(200, { id: 'c1' }),
        brexError(404, 'NOT_FOUND', 'Not Found'),
      ]);

      expect(thrownBy(() => client.getEach('card', ['c1', 'gone']))).toMatchObject({
        kind: 'not_found',
        operation: 'getCardById',
      });
    });
  });

  describe('rate limiter', () => {
    it('lets a burst through, then spaces requests to the sustained rate', () => {
      const { client, http, clock } = clientFor(Array(5).fill(ok), {
        rateLimit: { burst: 2, perSecond: 4 },
      });

      for (let i = 0; i < 5; i += 1) client.getMe();

      expect(http.requests).toHaveLength(5);
      expect(clock.sleeps).toEqual([250, 250, 250]);
    });

    it('keeps the defaults under 1,000 requests in any 60 s', () => {
      const { client, http, clock } = clientFor(Array(1200).fill(ok));

      while (clock.now() - START < 60_000) client.getMe();

      expect(http.requests.length).toBeLessThan(1000);
    });
  });
});
