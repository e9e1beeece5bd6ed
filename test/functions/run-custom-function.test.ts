import { BrexError } from '../../src/brex';
import {
  brexBalance,
  brexTransactions,
  NOT_CONNECTED,
  OutageMemo,
  ResultCache,
  type CachePort,
  runCustomFunction,
  type FunctionHost,
} from '../../src/functions';
import { cardTransaction, demoReader, type FakeReader } from './support/fake-reader';

function host(reader: FakeReader, connected = true, connectionId = 'connected-2026-01-01') {
  const memory = new Map<string, string>();
  const opened: number[] = [];
  const cache: CachePort = {
    getAll: (keys) =>
      Object.fromEntries(
        keys.flatMap((k) => {
          const v = memory.get(k);
          return v === undefined ? [] : [[k, v]];
        }),
      ),
    putAll: (values) => Object.entries(values).forEach(([k, v]) => memory.set(k, v)),
  };
  const value: FunctionHost = {
    startedAt: 1_000_000,
    timeZone: () => 'UTC',
    historyStart: () => '2026-01-01',
    connection: () =>
      connected
        ? {
            id: connectionId,
            open: (deadline) => {
              opened.push(deadline);
              return reader;
            },
          }
        : null,
    cache: new ResultCache(cache, () => 'g'),
    outages: new OutageMemo(cache),
    cacheSeconds: () => 900,
    digest: (text) => `sha(${text.length}:${text})`,
    room: () => null,
    sheets: () => new Map(),
  };
  return { host: value, opened, memory };
}

function reader() {
  const r = demoReader();
  r.lists.set('cardTransactions', [cardTransaction('t1', '2026-01-10', 100)]);
  return r;
}

describe('run-custom-function', () => {
  it('answers an identical second call from the cache, without a request', () => {
    const r = reader();
    const { host: h } = host(r);
    const first = runCustomFunction(brexTransactions, ['2026-01-01'], h);
    const requests = r.queries.length;

    const second = runCustomFunction(brexTransactions, [' 2026-01-01 '], h);

    expect(second).toEqual(first);
    expect(r.queries.length).toBe(requests);
  });

  it('asks Brex again when the refresh cell changes', () => {
    const r = reader();
    const { host: h } = host(r);
    runCustomFunction(brexTransactions, ['2026-01-01', '', '', '', 1], h);
    const requests = r.queries.length;

    runCustomFunction(brexTransactions, ['2026-01-01', '', '', '', 2], h);

    expect(r.queries.length).toBeGreaterThan(requests);
  });

  it('returns the single "connect" cell when the spreadsheet has no read connection', () => {
    const r = reader();

    expect(runCustomFunction(brexBalance, [], host(r, false).host)).toEqual([[NOT_CONNECTED]]);
    expect(r.queries).toEqual([]);
  });

  it('checks the arguments before anything else', () => {
    expect(() => runCustomFunction(brexTransactions, ['abc'], host(reader(), false).host)).toThrow(
      'BREX_TRANSACTIONS: start_date must be a date or an ISO date like 2026-01-31; got "abc".',
    );
  });

  it('starts no Brex call later than 17 s into the execution: one that takes 10 s still leaves 3 s to answer', () => {
    const { host: h, opened } = host(reader());

    runCustomFunction(brexBalance, [], h);

    expect(opened).toEqual([1_000_000 + 17_000]);
  });

  it('passes Brex’s own message on, under the function’s name', () => {
    const r = reader();
    r.refuse = {
      list: 'cashAccounts',
      error: new BrexError({
        kind: 'missing_scope',
        operation: 'listAccounts',
        message:
          'The Brex token may not read cash accounts. Connect a token with accounts.cash.readonly.',
      }),
    };

    expect(() =>
      runCustomFunction(brexTransactions, ['2026-01-01', '', 'cash'], host(r).host),
    ).toThrow(
      'BREX_TRANSACTIONS: The Brex token may not read cash accounts. Connect a token with accounts.cash.readonly.',
    );
  });

  it('shows a refused token to the sheet’s other formulas without asking Brex again, until a new connection', () => {
    const r = reader();
    r.refuse = {
      list: 'cardTransactions',
      error: new BrexError({
        kind: 'invalid_token',
        operation: 'listPrimaryCardTransactions',
        message: 'Brex refused the token: it is invalid or was revoked. Connect a new token.',
      }),
    };
    const world = host(r);
    const expected =
      'Brex refused the token: it is invalid or was revoked. Connect a new token. (Formulas ask Brex again within 5 minutes, or at once after you connect again.)';

    expect(() => runCustomFunction(brexTransactions, ['2026-01-01'], world.host)).toThrow(
      'BREX_TRANSACTIONS: Brex refused the token',
    );
    const asked = r.queries.length;
    expect(() => runCustomFunction(brexTransactions, ['2026-02-01'], world.host)).toThrow(
      `BREX_TRANSACTIONS: ${expected}`,
    );
    expect(() => runCustomFunction(brexBalance, [], world.host)).toThrow(
      `BREX_BALANCE: ${expected}`,
    );
    expect(r.queries.length).toBe(asked);

    r.refuse = null;
    const reconnected = {
      ...world.host,
      connection: host(r, true, 'connected-2026-01-02').host.connection,
    };
    expect(runCustomFunction(brexTransactions, ['2026-01-01'], reconnected)).toEqual(
      runCustomFunction(brexTransactions, ['2026-01-01'], host(reader()).host),
    );
  });

  it('asks Brex again for a failure of one list only, such as a missing scope', () => {
    const r = reader();
    r.refuse = {
      list: 'cashAccounts',
      error: new BrexError({
        kind: 'missing_scope',
        operation: 'listAccounts',
        message: 'No scope.',
      }),
    };
    const { host: h } = host(r);
    expect(() => runCustomFunction(brexTransactions, ['2026-01-01', '', 'cash'], h)).toThrow(
      'No scope.',
    );

    expect(runCustomFunction(brexTransactions, ['2026-01-01', '', 'card'], h)).toEqual(
      runCustomFunction(brexTransactions, ['2026-01-01', '', 'card'], host(reader()).host),
    );
  });
});
