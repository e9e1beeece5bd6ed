import { BrexError } from '../../src/brex';
import { clientFor, page, json, thrownBy } from './fakes';

describe('brex client pagination', () => {
  describe('pages', () => {
    it('fetches one page per step, at the endpoint maximum of 1000, following next_cursor', () => {
      const { client, http } = clientFor([
        page([{ id: 'tx1' }], 'c2'),
        page([{ id: 'tx2' }], null),
      ]);

      const iterator = client.pages('cardTransactions', {});
      const first = iterator.next();

      expect(http.log).toEqual(['GET /v2/transactions/card/primary?limit=1000']);
      expect(first.value).toMatchObject({ items: [{ id: 'tx1' }], cursor: null, nextCursor: 'c2' });

      const rest = [...iterator];

      expect(rest.map((p) => p.items)).toEqual([[{ id: 'tx2' }]]);
      expect(http.log).toEqual([
        'GET /v2/transactions/card/primary?limit=1000',
        'GET /v2/transactions/card/primary?limit=1000&cursor=c2',
      ]);
    });

    it('sends no further request when the caller stops after a page', () => {
      const { client, http } = clientFor([page([{ id: 'u1' }], 'c2'), page([{ id: 'u2' }])]);

      for (const usersPage of client.pages('users', {})) {
        expect(usersPage.nextCursor).toBe('c2');
        break;
      }

      expect(http.log).toEqual(['GET /v2/users?limit=1000']);
    });

    it('resumes from a checkpointed cursor', () => {
      const { client, http } = clientFor([page([{ id: 'd9' }])]);

      const pages = [...client.pages('departments', { name: 'R&D' }, { cursor: 'saved cursor' })];

      expect(pages).toHaveLength(1);
      expect(pages[0]?.cursor).toBe('saved cursor');
      expect(http.log).toEqual(['GET /v2/departments?limit=1000&cursor=saved%20cursor&name=R%26D']);
    });

    it('uses pages of 100 for expenses and sends every filter as Brex names it', () => {
      const { client, http } = clientFor([page([])]);

      Array.from(
        client.pages('expenses', {
          expand: ['merchant', 'location'],
          statuses: ['APPROVED', 'SETTLED'],
          paymentStatuses: ['CLEARED'],
          purchasedAtStart: '2024-01-01',
          purchasedAtEnd: new Date(Date.UTC(2024, 0, 31, 23, 59, 59)),
          updatedAtStart: '2024-01-10T08:30:00+02:00',
        }),
      );

      expect(http.log).toEqual([
        'GET /v1/expenses?limit=100' +
          '&expand[]=merchant&expand[]=location&status[]=APPROVED&status[]=SETTLED&payment_status[]=CLEARED' +
          '&purchased_at_start=2024-01-01T00%3A00%3A00&purchased_at_end=2024-01-31T23%3A59%3A59' +
          '&updated_at_start=2024-01-10T06%3A30%3A00',
      ]);
    });

    it('sends card-transaction filters: posted_at_start, repeated user_ids and expand[]', () => {
      const { client, http } = clientFor([page([])]);

      Array.from(
        client.pages('cardTransactions', {
          postedAtStart: Date.UTC(2024, 1, 1),
          userIds: ['cuuser_1', 'cuuser_2'],
          expand: ['expense_id'],
        }),
      );

      expect(http.log).toEqual([
        'GET /v2/transactions/card/primary?limit=1000&posted_at_start=2024-02-01T00%3A00%3A00' +
          '&user_ids=cuuser_1&user_ids=cuuser_2&expand[]=expense_id',
      ]);
    });

    it('puts the account id in the path of cash transactions and cash statements', () => {
      const { client, http } = clientFor([page([]), page([])]);

      Array.from(client.pages('cashTransactions', { accountId: 'dpacc_1' }));
      Array.from(client.pages('cashStatements', { accountId: 'dpacc_1' }));

      expect(http.log).toEqual([
        'GET /v2/transactions/cash/dpacc_1?limit=1000',
        'GET /v2/accounts/cash/dpacc_1/statements?limit=1000',
      ]);
    });

    it('sends no limit for cash accounts, whose endpoint takes none, yet follows a next_cursor', () => {
      const { client, http } = clientFor([page([{ id: 'a1' }], 'c2'), page([{ id: 'a2' }])]);

      const items = [...client.pages('cashAccounts', {})].flatMap((p) => p.items);

      expect(items).toEqual([{ id: 'a1' }, { id: 'a2' }]);
      expect(http.log).toEqual(['GET /v2/accounts/cash', 'GET /v2/accounts/cash?cursor=c2']);
    });

    it('throws a repeated_cursor error instead of looping, before handing out the looping page', () => {
      const { client } = clientFor([page([{ id: 'v1' }], 'c2'), page([{ id: 'v2' }], 'c2')]);
      const seen: string[] = [];

      const error = thrownBy(() => {
        for (const vendorsPage of client.pages('vendors', {}))
          seen.push(...vendorsPage.items.map((v) => v.id));
      });

      expect(error).toBeInstanceOf(BrexError);
      expect(error).toMatchObject({
        kind: 'repeated_cursor',
        operation: 'listVendors',
        traceId: 'trace-200',
      });
      expect(seen).toEqual(['v1']);
    });

    it('treats a page that points back at the resume cursor as a repeat', () => {
      const { client } = clientFor([page([], 'start')]);

      expect(thrownBy(() => [...client.pages('transfers', {}, { cursor: 'start' })])).toMatchObject(
        {
          kind: 'repeated_cursor',
        },
      );
    });

    it('reports a page without an items list as malformed', () => {
      const { client } = clientFor([json(200, { next_cursor: null })]);

      expect(thrownBy(() => [...client.pages('titles', {})])).toMatchObject({
        kind: 'malformed_response',
        operation: 'listTitles',
      });
    });
  });

  describe('collect', () => {
    it('gathers whole pages until maxItems is reached and returns the cursor to resume from', () => {
      const { client, http } = clientFor([
        page([{ id: 1 }, { id: 2 }], 'c2'),
        page([{ id: 3 }, { id: 4 }], 'c3'),
      ]);

      const result = client.collect('cards', {}, { maxItems: 3 });

      expect(result).toEqual({
        items: [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }],
        nextCursor: 'c3',
      });
      expect(http.unused).toBe(0);
    });

    it('stops when the stop callback says so', () => {
      const { client } = clientFor([
        page([{ id: 's1' }], 'c2'),
        page([{ id: 's2' }], 'c3'),
        page([{ id: 's3' }]),
      ]);

      const result = client.collect('spendLimits', {}, { stopWhen: (p) => p.cursor === 'c2' });

      expect(result.items.map((s) => s.id)).toEqual(['s1', 's2']);
      expect(result.nextCursor).toBe('c3');
    });

    it('returns a null cursor once the list is read to its end', () => {
      const { client } = clientFor([page([{ budget_id: 'b1' }])]);

      expect(client.collect('budgets', {}, { maxItems: 10_000 })).toEqual({
        items: [{ budget_id: 'b1' }],
        nextCursor: null,
      });
    });

    it('refuses a cap that is not a positive whole number', () => {
      const { client, http } = clientFor([]);

      expect(() => client.collect('locations', {}, { maxItems: 0 })).toThrow(RangeError);
      expect(http.requests).toHaveLength(0);
    });
  });

  describe('pageOfEach', () => {
    it('fetches one page of several queries in one parallel batch', () => {
      const { client, http } = clientFor([page([{ id: 'a-tx' }]), page([{ id: 'b-tx' }], 'b2')]);

      const pages = client.pageOfEach('cashTransactions', [
        { query: { accountId: 'dpacc_a' } },
        { query: { accountId: 'dpacc_b' }, cursor: 'b1' },
      ]);

      expect(pages.map((p) => [p.items, p.cursor, p.nextCursor])).toEqual([
        [[{ id: 'a-tx' }], null, null],
        [[{ id: 'b-tx' }], 'b1', 'b2'],
      ]);
      expect(http.batches).toBe(1);
      expect(http.log).toEqual([
        'GET /v2/transactions/cash/dpacc_a?limit=1000',
        'GET /v2/transactions/cash/dpacc_b?limit=1000&cursor=b1',
      ]);
    });
  });

  describe('listCardAccounts', () => {
    it('reads the bare array Brex answers, with no paging parameters', () => {
      const { client, http } = clientFor([json(200, [{ id: 'ca1' }, { id: 'ca2' }])]);

      expect(client.listCardAccounts().map((a) => a.id)).toEqual(['ca1', 'ca2']);
      expect(http.log).toEqual(['GET /v2/accounts/card']);
    });
  });
});
