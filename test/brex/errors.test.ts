import { BrexError, type BrexClient } from '../../src/brex';
import { brexError, clientFor, json, thrownBy, TOKEN, type Scripted } from './fakes';

/** The BrexError a single scripted answer produces for `call`. */
/** `times`: a page refused with a 400 is asked again at smaller sizes, so it meets the answer again. */
function errorFrom(answer: Scripted, call: (client: BrexClient) => unknown, times = 1): BrexError {
  const { client } = clientFor(Array<Scripted>(times).fill(answer));
  const error = thrownBy(() => call(client));
  expect(error).toBeInstanceOf(BrexError);
  return error as BrexError;
}

const readUsers = (client: BrexClient) => client.collect('users', {}, { maxItems: 1 });
const readCashAccounts = (client: BrexClient) =>
  client.collect('cashAccounts', {}, { maxItems: 1 });
const readSpendLimit = (client: BrexClient) => client.get('spendLimit', 'sl_1');

describe('brex client errors', () => {
  it('reports an invalid or revoked token (401) and says to create a new token', () => {
    const error = errorFrom(
      brexError(401, 'UNAUTHORIZED', 'PERMISSION_DENIED: Invalid or Revoked Token'),
      readUsers,
    );

    expect(error).toMatchObject({
      kind: 'invalid_token',
      status: 401,
      traceId: 'trace-401',
      operation: 'listUsers',
    });
    expect(error.message).toMatch(
      /invalid or revoked\. Create a new token in Brex under Developer ▸ Settings/,
    );
  });

  it('reports an expired token (403 "Expired token") with where to create a new one', () => {
    const error = errorFrom(brexError(403, 'FORBIDDEN', 'Expired token'), readUsers);

    expect(error).toMatchObject({ kind: 'expired_token', status: 403 });
    expect(error.message).toMatch(/has expired.*Developer ▸ Settings/);
  });

  it('names the missing scope from the operation itself, whatever the body says', () => {
    const error = errorFrom(brexError(403, 'FORBIDDEN', 'Forbidden'), (client) =>
      client.updateSpendLimit('sl_1', { name: 'Travel' }),
    );

    expect(error).toMatchObject({
      kind: 'missing_scope',
      scope: 'budgets',
      operation: 'updateSpendLimit',
    });
    expect(error.message).toBe(
      'The Brex token is not allowed to change the spend limit: it lacks the "budgets" scope. ' +
        'Create a token with that scope in Brex under Developer ▸ Settings and connect it again.',
    );
  });

  it('names the read-only scope for a read', () => {
    const error = errorFrom(
      brexError(403, 'FORBIDDEN', 'Missing required scope: transactions.card.readonly'),
      (client) => [...client.pages('cardTransactions', {})],
    );

    expect(error).toMatchObject({ kind: 'missing_scope', scope: 'transactions.card.readonly' });
  });

  it('reports a 401 on a cash endpoint as Brex Cash not enabled, with the token fine', () => {
    const error = errorFrom(
      brexError(401, 'UNAUTHORIZED', 'Must be cash admin, bookkeeper or user'),
      readCashAccounts,
    );

    expect(error).toMatchObject({ kind: 'cash_not_enabled', status: 401 });
    expect(error.message).toMatch(/Brex Cash is not enabled.*The token is fine/);
  });

  it('treats vendors and transfers as cash endpoints', () => {
    const cashAnswer = brexError(401, 'UNAUTHORIZED', 'Must be cash admin, bookkeeper or user');

    expect(errorFrom(cashAnswer, (c) => c.collect('vendors', {}, { maxItems: 1 })).kind).toBe(
      'cash_not_enabled',
    );
    expect(errorFrom(cashAnswer, (c) => c.get('transfer', 'dptx_1')).kind).toBe('cash_not_enabled');
  });

  it('still reports a bad token on a cash endpoint as a bad token', () => {
    const error = errorFrom(
      brexError(401, 'UNAUTHORIZED', 'PERMISSION_DENIED: Invalid or Revoked Token'),
      readCashAccounts,
    );

    expect(error.kind).toBe('invalid_token');
  });

  it('reports budget management not enabled (403) on spend limits', () => {
    const error = errorFrom(
      brexError(
        403,
        'FORBIDDEN',
        'Budget management is not enabled for this account, please contact Brex support',
      ),
      readSpendLimit,
    );

    expect(error).toMatchObject({
      kind: 'budget_management_not_enabled',
      operation: 'getSpendLimitById',
    });
    expect(error.message).toMatch(/Ask Brex support to enable it/);
  });

  it('reports a 404 naming the record that is missing', () => {
    const error = errorFrom(brexError(404, 'NOT_FOUND', 'Not Found'), readSpendLimit);

    expect(error).toMatchObject({ kind: 'not_found', status: 404 });
    expect(error.message).toMatch(/^Brex has no spend limit "sl_1"\. .*refresh/);
  });

  it("reports a 400 with Brex's own reason", () => {
    const error = errorFrom(
      brexError(400, 'BAD_REQUEST', 'name can only accept ASCII characters'),
      (client) => client.updateSpendLimit('sl_1', { name: 'Café' }),
    );

    expect(error).toMatchObject({
      kind: 'bad_request',
      brexMessage: 'name can only accept ASCII characters',
    });
    expect(error.message).toBe(
      'Brex refused to change the spend limit: name can only accept ASCII characters. Correct the value and try again.',
    );
  });

  it('reports a success body still truncated after every retry as malformed, with the trace id', () => {
    const cut = { status: 200, headers: { 'x-brex-trace-id': 'abc' }, body: '{"next_cursor":null' };
    const { client } = clientFor([cut, cut, cut, cut, cut]);
    const error = thrownBy(() => readUsers(client)) as BrexError;

    expect(error).toMatchObject({ kind: 'malformed_response', status: 200, traceId: 'abc' });
    expect(error.message).toMatch(/cut off or unreadable\. Try again\./);
  });

  it('reports a non-JSON success body as malformed', () => {
    const html = { status: 200, headers: {}, body: '<html>maintenance</html>' };
    const { client } = clientFor([html, html, html, html, html]);
    const error = thrownBy(() => client.getMe()) as BrexError;

    expect(error).toMatchObject({ kind: 'malformed_response', traceId: null });
  });

  it('reports an unexpected status with its code and the trace id to give Brex support', () => {
    const error = errorFrom(brexError(409, 'CONFLICT', 'Card is terminated'), (c) =>
      c.unlockCard('ncard_1'),
    );

    expect(error).toMatchObject({ kind: 'unexpected_status', status: 409, traceId: 'trace-409' });
    expect(error.message).toMatch(/answered 409 .*Card is terminated\. .*trace id trace-409/);
  });

  it('keeps the token out of the message, the URL and the body an error carries', () => {
    const echo = json(400, {
      type: 'BAD_REQUEST',
      message: `Bad header Authorization: Bearer ${TOKEN}`,
    });
    const error = errorFrom(
      echo,
      (client) => client.collect('users', { email: TOKEN }, { maxItems: 1 }),
      4,
    );

    const everything = JSON.stringify({ ...error, message: error.message });
    expect(error.kind).toBe('bad_request');
    expect(everything).not.toContain(TOKEN);
    expect(error.url).toContain('email=[redacted]');
    expect(error.brexMessage).toBe('Bad header Authorization: Bearer [redacted]');
  });

  it('keeps the token out of a network error that quotes it', () => {
    const { client } = clientFor(
      Array(5).fill({ networkError: `Connection reset (token ${TOKEN})` }),
    );

    const error = thrownBy(() => client.getMe()) as BrexError;

    expect(error.kind).toBe('network');
    expect(error.message).not.toContain(TOKEN);
  });
});
