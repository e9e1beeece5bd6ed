/**
 * Where the sandbox must be at least as strict as Brex: requests a real Brex would refuse, or
 * could apply in a way the client did not mean, are refused here too. Each case cites the Brex
 * rule it holds the sandbox to.
 */
import { type Sandbox, startSandbox } from '../../dev/sandbox';
import { at, call } from './support';

const TODAY = '2026-02-10';

describe('sandbox strictness', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await startSandbox({ today: TODAY, transactions: 300 });
  });

  afterEach(() => sandbox.close());

  describe('Idempotency-Key', () => {
    // developer.brex.com/docs/idempotency: "Your application must not provide identical
    // idempotency keys for different requests." A request to another endpoint is another request;
    // Brex does not say its keys are per endpoint, and if they are not, the second write would be
    // taken for a duplicate of the first and silently not applied.
    it('refuses a key already used on another endpoint, and applies nothing', async () => {
      const [first, second] = sandbox.snapshot().spend_limits;
      const key = { 'Idempotency-Key': 'one-key-two-writes' };

      const used = await call(sandbox, sandbox.token, 'PUT', `/v2/spend_limits/${first?.id}`, {
        body: { description: 'first' },
        headers: key,
      });
      const reused = await call(sandbox, sandbox.token, 'PUT', `/v2/spend_limits/${second?.id}`, {
        body: { description: 'first' },
        headers: key,
      });
      const department = await call(sandbox, sandbox.token, 'POST', '/v2/departments', {
        body: { name: 'Key reuse' },
        headers: key,
      });

      expect(used.status).toBe(200);
      expect([reused.status, department.status]).toEqual([400, 400]);
      expect(reused.body).toEqual({
        type: 'BAD_REQUEST',
        message: expect.stringMatching(/Idempotency-Key was already used for a different request/),
      });
      expect(at(sandbox.snapshot().spend_limits, 1).description).toBe(second?.description);
      expect(sandbox.snapshot().departments.map((d) => d.name)).not.toContain('Key reuse');
    });
  });

  describe('cursors', () => {
    const firstCursor = async (path: string) => {
      const reply = await call(sandbox, sandbox.token, 'GET', path);
      return (reply.body as { next_cursor: string }).next_cursor;
    };

    // developer.brex.com/docs/pagination: a cursor is what a list's answer hands back, to pass
    // back to that list. Brex does not say what it makes of one sent elsewhere, or with other
    // filters; a cursor naming a position in another list or another filter's result would page
    // from the wrong place, so the sandbox refuses it as it refuses a cursor it never issued.
    it('refuses a cursor sent to another list', async () => {
      const usersCursor = await firstCursor('/v2/users?limit=2');

      const cards = await call(sandbox, sandbox.token, 'GET', `/v2/cards?cursor=${usersCursor}`);
      const users = await call(sandbox, sandbox.token, 'GET', `/v2/users?cursor=${usersCursor}`);

      expect([cards.status, cards.body]).toEqual([
        400,
        { type: 'BAD_REQUEST', message: 'Invalid cursor' },
      ]);
      expect(users.status).toBe(200);
    });

    it('refuses a cursor sent with other filters, but not with another page size', async () => {
      const path = '/v1/expenses?limit=10&status[]=APPROVED';
      const cursor = await firstCursor(path);

      const otherFilter = await call(
        sandbox,
        sandbox.token,
        'GET',
        `/v1/expenses?limit=10&status[]=SUBMITTED&cursor=${cursor}`,
      );
      const smallerPage = await call(
        sandbox,
        sandbox.token,
        'GET',
        `/v1/expenses?status[]=APPROVED&limit=5&cursor=${cursor}`,
      );

      expect(otherFilter.status).toBe(400);
      expect(smallerPage.status).toBe(200);
    });
  });

  describe('request bodies', () => {
    // Brex's specs declare every request body as `application/json` only; a body in any other
    // media type is 415 Unsupported Media Type (RFC 9110, 15.5.16). UrlFetchApp sends a string
    // payload as application/x-www-form-urlencoded unless told otherwise
    // (developers.google.com/apps-script/reference/url-fetch/url-fetch-app, `contentType`), so a
    // client that forgets the content type must fail here, not only in production.
    it('refuses a JSON body sent as a form or as text, and creates nothing', async () => {
      const post = (contentType: string | null) =>
        fetch(`${sandbox.url}/v2/departments`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${sandbox.token}`,
            ...(contentType ? { 'Content-Type': contentType } : {}),
          },
          body: JSON.stringify({ name: `Sent as ${contentType}` }),
        });

      const form = await post('application/x-www-form-urlencoded');
      const text = await post('text/plain');
      const json = await post('application/json; charset=utf-8');

      expect([form.status, await form.json()]).toEqual([
        415,
        { type: 'UNSUPPORTED_MEDIA_TYPE', message: 'Content-Type must be application/json' },
      ]);
      expect(text.status).toBe(415);
      expect(json.status).toBe(200);
      expect(sandbox.snapshot().departments.filter((d) => d.name.startsWith('Sent as'))).toEqual([
        expect.objectContaining({ name: 'Sent as application/json; charset=utf-8' }),
      ]);
    });
  });

  describe('query parameters', () => {
    // The expenses spec types `status[]`, `payment_status[]` and `expense_type[]` as lists of
    // enums and `load_custom_fields` as a boolean; a value outside them is a malformed request
    // (400), not a filter that quietly matches nothing or everything.
    it('refuses a filter value outside its enum, or a boolean that is neither true nor false', async () => {
      const get = (query: string) => call(sandbox, sandbox.token, 'GET', `/v1/expenses?${query}`);

      const lowercase = await get('status[]=approved');
      const unknownType = await get('expense_type[]=CARD&expense_type[]=TRAVEL');
      const notBoolean = await get('load_custom_fields=yes');
      const valid = await get('status[]=APPROVED&payment_status[]=CLEARED&load_custom_fields=true');

      expect([lowercase.status, lowercase.body]).toEqual([
        400,
        {
          type: 'BAD_REQUEST',
          message: expect.stringMatching(/^status\[\] must be one of DRAFT, SUBMITTED, APPROVED/),
        },
      ]);
      expect(unknownType.status).toBe(400);
      expect([notBoolean.status, notBoolean.body]).toEqual([
        400,
        { type: 'BAD_REQUEST', message: 'load_custom_fields must be true or false' },
      ]);
      expect(valid.status).toBe(200);
    });
  });

  describe('money', () => {
    // Every Money in Brex's specs is an integer `amount` in minor units and a `currency` "in ISO
    // 4217 format": a three-letter code that names no currency is as wrong as a lower-case one.
    it('refuses a currency code ISO 4217 does not have, and an amount that is not whole cents', async () => {
      const user = at(sandbox.snapshot().users, 1);
      const setLimit = (monthly_limit: unknown) =>
        call(sandbox, sandbox.token, 'POST', `/v2/users/${user.id}/limit`, {
          body: { monthly_limit },
        });

      const unknownCode = await setLimit({ amount: 100_000, currency: 'ABC' });
      const lowerCase = await setLimit({ amount: 100_000, currency: 'usd' });
      const fraction = await setLimit({ amount: 1000.5, currency: 'USD' });
      const valid = await setLimit({ amount: 100_000, currency: 'USD' });

      expect([unknownCode.status, unknownCode.body]).toEqual([
        400,
        {
          type: 'BAD_REQUEST',
          message: 'monthly_limit.currency must be an ISO 4217 currency code like USD',
        },
      ]);
      expect([lowerCase.status, fraction.status, valid.status]).toEqual([400, 400, 200]);
    });
  });
});
