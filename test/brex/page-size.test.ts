/**
 * A page size Brex refuses: the client asks again at half the size and keeps the size that
 * worked, saying so on the page, so a lowered maximum does not fail every run.
 */
import { brexError, clientFor, json, page, thrownBy } from './fakes';

const refused = brexError(400, 'BAD_REQUEST', 'limit must be less than or equal to 50');

describe('page size fallback', () => {
  it('asks again at half the size after a 400 and keeps that size for later pages', () => {
    const { client, http } = clientFor([refused, page([{ id: 'e1' }], 'c1'), page([{ id: 'e2' }])]);

    const pages = [...client.pages('expenses', {})];

    expect(http.log.map((l) => /limit=(\d+)/.exec(l)?.[1])).toEqual(['100', '50', '50']);
    expect(pages.map((p) => p.pageSize)).toEqual([
      { largest: 100, used: 50 },
      { largest: 100, used: 50 },
    ]);
  });

  it('gives up after three smaller sizes and throws Brex refusal as it was', () => {
    const { client, http } = clientFor(Array(4).fill(refused));

    const error = thrownBy(() => client.pages('expenses', {}).next());

    expect(error).toMatchObject({ kind: 'bad_request' });
    expect(http.log.map((l) => /limit=(\d+)/.exec(l)?.[1])).toEqual(['100', '50', '25', '12']);
  });

  it('reports nothing when the largest page is accepted', () => {
    const { client } = clientFor([page([{ id: 'e1' }])]);

    expect(client.pages('expenses', {}).next().value).not.toHaveProperty('pageSize');
  });
});

describe('findEach', () => {
  it('gives null for a record Brex cannot find and the others as read', () => {
    const limit = { monthly_limit: { amount: 100, currency: 'USD' }, monthly_available: null };
    const { client } = clientFor([json(200, limit), brexError(404, 'NOT_FOUND', 'Not Found')]);

    expect(client.findEach('userLimit', ['u1', 'u2'])).toEqual([limit, null]);
  });
});
