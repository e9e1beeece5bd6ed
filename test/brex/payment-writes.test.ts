import { BrexError } from '../../src/brex';
import { brexError, clientFor, json, thrownBy } from './fakes';

const vendor = { id: 'pdcont_1', company_name: 'Northwind Traders', email: null, phone: null };
const transfer = {
  id: 'dptx_1',
  status: 'PROCESSING',
  payment_type: 'ACH',
  amount: { amount: 4821000, currency: 'USD' },
  originating_account: { type: 'BREX_CASH', id: 'dpacc_1' },
};
const paymentRequest = {
  counterparty: { type: 'VENDOR' as const, payment_instrument_id: 'pdinstl_1' },
  amount: { amount: 4821000, currency: 'USD' },
  description: 'Invoice 4471',
  external_memo: 'INV 4471',
  originating_account: { type: 'BREX_CASH' as const, id: 'dpacc_1' },
};
const busy = brexError(503, 'SERVICE_UNAVAILABLE', 'Try later');

describe('brex client payment and expense writes', () => {
  it('creates and updates a vendor with a key per call, as JSON', () => {
    const { client, http } = clientFor([json(200, vendor), json(200, vendor)]);

    const created = client.createVendor({ company_name: 'Northwind Traders' });
    client.updateVendor('pdcont_1', { email: 'ap@northwind.example.com', phone: null });

    expect(http.log).toEqual(['POST /v1/vendors', 'PUT /v1/vendors/pdcont_1']);
    expect(http.requests.map((r) => r.payload)).toEqual([
      '{"company_name":"Northwind Traders"}',
      '{"email":"ap@northwind.example.com","phone":null}',
    ]);
    expect(http.requests.map((r) => r.headers['Idempotency-Key'])).toEqual([
      '00000000-0000-4000-8000-000000000001',
      '00000000-0000-4000-8000-000000000002',
    ]);
    expect(created).toEqual({
      value: vendor,
      traceId: 'trace-200',
      idempotencyKey: '00000000-0000-4000-8000-000000000001',
    });
  });

  it('deletes a vendor with no body and no idempotency key, whatever Brex answers with', () => {
    const { client, http } = clientFor([{ status: 200, headers: {}, body: '' }]);

    const result = client.deleteVendor('pdcont_1');

    expect(http.log).toEqual(['DELETE /v1/vendors/pdcont_1']);
    expect(http.requests[0]?.payload).toBeUndefined();
    expect(http.requests[0]?.headers['Idempotency-Key']).toBeUndefined();
    expect(result).toEqual({ traceId: null });
  });

  it("sends a payment only with the caller's persisted key, and reuses it on every retry", () => {
    const { client, http } = clientFor([busy, { networkError: 'Timeout' }, json(200, transfer)]);

    const result = client.createTransfer(paymentRequest, { idempotencyKey: 'row-key-7' });

    expect(http.log).toEqual(Array(3).fill('POST /v1/transfers'));
    expect(http.requests.map((r) => r.headers['Idempotency-Key'])).toEqual(
      Array(3).fill('row-key-7'),
    );
    expect(JSON.parse(http.requests[0]?.payload ?? '')).toEqual(paymentRequest);
    expect(result).toEqual({ value: transfer, traceId: 'trace-200', idempotencyKey: 'row-key-7' });
  });

  it('refuses to send a payment without a persisted key, sending nothing', () => {
    const { client, http } = clientFor([]);

    const error = thrownBy(() => client.createTransfer(paymentRequest, { idempotencyKey: '' }));

    expect((error as Error).message).toBe(
      'A vendor payment needs the idempotency key persisted when it was staged.',
    );
    expect(http.requests).toEqual([]);
  });

  it("passes on Brex's refusal of a payment (insufficient funds) without retrying it", () => {
    const refusal = json(400, {
      type: 'BAD_REQUEST',
      code: 'INSUFFICIENT_FUNDS',
      message: 'Insufficient funds: the available balance of Operating is less than the amount.',
    });
    const { client, http } = clientFor([refusal]);

    const error = thrownBy(() => client.createTransfer(paymentRequest, { idempotencyKey: 'k' }));

    expect(error).toBeInstanceOf(BrexError);
    expect(error).toMatchObject({ kind: 'bad_request', status: 400 });
    expect(http.requests).toHaveLength(1);
  });

  it('sets and clears a card expense memo', () => {
    const expense = { id: 'exp_1', memo: 'Client dinner', updated_at: '2026-04-14T23:00:01Z' };
    const { client, http } = clientFor([json(200, expense), json(200, { ...expense, memo: null })]);

    const set = client.updateExpenseMemo('exp_1', 'Client dinner', { idempotencyKey: 'memo-1' });
    client.updateExpenseMemo('exp_1', null);

    expect(http.log).toEqual(['PUT /v1/expenses/card/exp_1', 'PUT /v1/expenses/card/exp_1']);
    expect(http.requests.map((r) => r.payload)).toEqual([
      '{"memo":"Client dinner"}',
      '{"memo":null}',
    ]);
    expect(set.value).toEqual(expense);
    expect(set.idempotencyKey).toBe('memo-1');
  });

  it('names the scope a read-only token lacks to create a vendor', () => {
    const { client } = clientFor([brexError(403, 'FORBIDDEN', 'Missing required scope: vendors')]);

    const error = thrownBy(() => client.createVendor({ company_name: 'X' }));

    expect(error).toMatchObject({ kind: 'missing_scope', scope: 'vendors' });
  });
});
