/** The sandbox's rate limit per account and its expiring cursors, on a clock the test moves. */
import { startSandbox, type Sandbox } from '../../dev/sandbox';

let now = Date.parse('2026-03-15T12:00:00Z');
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({
    seed: 'limits',
    today: '2026-03-15',
    transactions: 50,
    rateLimit: 5,
    cursorTtlMinutes: 30,
    clock: () => now,
  });
});
afterAll(() => sandbox.close());

const get = (path: string, token = sandbox.token) =>
  fetch(`${sandbox.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });

describe('sandbox limits', () => {
  // developer.brex.com/docs/rate_limits: "Per Client ID and Brex account, we allow up to 1,000
  // requests in 60 seconds". Every person's token on one account shares that budget.
  it('answers 429 without Retry-After past the limit in 60 s, per account, until the window moves', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await get('/v2/users/me')).status);
    for (let i = 0; i < 3; i += 1) {
      statuses.push((await get('/v2/users/me', sandbox.tokens.readonly)).status);
    }
    const over = await get('/v2/users/me');
    const otherAccount = await get('/v2/users/me', sandbox.tokens.no_cash);
    now += 60_000;
    const later = await get('/v2/users/me');

    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBeNull();
    expect(otherAccount.status).toBe(200);
    expect(later.status).toBe(200);
    expect(sandbox.log.filter((r) => r.status === 429).map((r) => r.fault)).toEqual([
      'rate_limit',
      'rate_limit',
    ]);
  });

  it('refuses a cursor older than its lifetime with a 400', async () => {
    now += 60_000;
    const first = (await (await get('/v2/departments?limit=1')).json()) as { next_cursor: string };
    now += 29 * 60_000;
    const fresh = await get(`/v2/departments?limit=1&cursor=${first.next_cursor}`);
    now += 2 * 60_000;
    const stale = await get(`/v2/departments?limit=1&cursor=${first.next_cursor}`);

    expect(fresh.status).toBe(200);
    expect(stale.status).toBe(400);
  });
});
