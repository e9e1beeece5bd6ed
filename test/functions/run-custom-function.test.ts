import { BrexError } from '../../src/brex';
import {
  brexBalance,
  brexTransactions,
  NOT_CONNECTED,
  ResultCache,
  runCustomFunction,
  type FunctionHost,
} from '../../src/functions';
import { cardTransaction, demoReader, type FakeReader } from './support/fake-reader';

function host(reader: FakeReader, connected = true) {
  const memory = new Map<string, string>();
  const opened: number[] = [];
  const value: FunctionHost = {
    now: () => 1_000_000,
    timeZone: () => 'UTC',
    historyStart: () => '2026-01-01',
    connection: () =>
      connected
        ? {
            id: 'connected-2026-01-01',
            open: (deadline) => {
              opened.push(deadline);
              return reader;
            },
          }
        : null,
    cache: new ResultCache(
      {
        getAll: (keys) =>
          Object.fromEntries(
            keys.flatMap((k) => {
              const v = memory.get(k);
              return v === undefined ? [] : [[k, v]];
            }),
          ),
        putAll: (values) => Object.entries(values).forEach(([k, v]) => memory.set(k, v)),
      },
      () => 'g',
    ),
    cacheSeconds: () => 900,
    digest: (text) => `sha(${text.length}:${text})`,
  };
  return { host: value, opened };
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

  it('gives Brex 20 seconds, well inside the 30-second limit', () => {
    const { host: h, opened } = host(reader());

    runCustomFunction(brexBalance, [], h);

    expect(opened).toEqual([1_000_000 + 20_000]);
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
});
