/**
 * Reading a staged payment row and reviewing payments, as pure functions: method names as people
 * type them, the 7-day duplicate window against staged rows and Brex's transfers, and the
 * summary's totals and Brex's limits.
 */
import type { Transfer, Vendor } from '../../src/brex';
import { readPaymentRow, type RowReader } from '../../src/writeback/payments/payment-row';
import { reviewPayments } from '../../src/writeback/payments/payment-review';
import { DEFAULT_PAYMENT_SETTINGS } from '../../src/writeback/payments/payment-settings';
import { paymentWorld } from '../../src/writeback/payments/payment-world';
import type { Payment } from '../../src/writeback/payments/staged-rows';

const NOW = new Date('2026-03-15T12:00:00Z');
const vendor = (id: string, name: string, types: string[]): Vendor =>
  ({
    id,
    company_name: name,
    payment_accounts: types.map((type, i) => ({
      details: { type, payment_instrument_id: `${id}_${i}` },
    })),
  }) as unknown as Vendor;
const transfer = (id: string, vendorId: string, amount: number, day: string, type = 'ACH') =>
  ({
    id,
    counterparty: { type: 'VENDOR', id: vendorId, payment_instrument_id: 'x' },
    amount: { amount, currency: 'USD' },
    created_at: day,
    status: 'PROCESSED',
    payment_type: type,
    originating_account: { type: 'BREX_CASH', id: 'acc' },
  }) as unknown as Transfer;

const world = paymentWorld(
  [
    vendor('v1', 'Northwind Traders', ['ACH', 'DOMESTIC_WIRE', 'CHEQUE']),
    vendor('v2', 'Initech', ['ACH']),
  ],
  [{ id: 'acc', name: 'Operating' } as never],
  [
    transfer('t_old', 'v2', 123_400, '2026-03-01'),
    transfer('t_recent', 'v2', 7_000, '2026-03-09'),
    transfer('t_today', 'v1', 100, '2026-03-15', 'INTERNATIONAL_WIRE'),
  ],
  NOW,
);

const row =
  (cells: Record<string, unknown>): RowReader =>
  (header) =>
    (cells[header] ?? '') as never;
const ok = {
  Vendor: 'Initech',
  Amount: 50,
  'From account': 'Operating',
  Description: 'D',
  'External memo': 'M',
};

function payment(index: number, cells: Record<string, unknown>): Payment {
  const draft = readPaymentRow(row(cells), world);
  return {
    row: index + 2,
    draft,
    record: { key: `k${index}`, stagedBy: 'ana@example.com', stagedAt: NOW.toISOString() },
    problem: draft.problem,
    fingerprint: `f${index}`,
    inFlight: false,
    typists: [],
  };
}

describe('a staged payment row', () => {
  it('refuses a vendor or account name two of Brex\u2019s share, rather than pick one', () => {
    const twins = paymentWorld(
      [vendor('v1', 'Initech', ['ACH']), vendor('v9', 'INITECH', ['ACH'])],
      [{ id: 'acc', name: 'Operating' } as never, { id: 'acc2', name: 'operating' } as never],
      [],
      NOW,
    );
    expect(readPaymentRow(row(ok), twins).problem).toBe(
      '2 vendors are named "Initech" in Brex (v1, v9), so the row cannot tell which: rename one of them in Brex, refresh, then type the new name.',
    );
    const oneVendor = { ...twins, vendors: twins.vendors.slice(0, 1) };
    expect(readPaymentRow(row(ok), oneVendor).problem).toMatch(
      /^2 cash accounts are named "Operating" in Brex \(acc, acc2\)/,
    );
  });

  it.each([
    ['Domestic wire', 'DOMESTIC_WIRE'],
    ['WIRE', 'DOMESTIC_WIRE'],
    ['check', 'CHEQUE'],
    ['Cheque', 'CHEQUE'],
    ['ach', 'ACH'],
  ])('reads the method "%s" as %s', (typed, method) => {
    const draft = readPaymentRow(
      row({ ...ok, Vendor: 'northwind traders', 'Payment type': typed }),
      world,
    );
    expect(draft).toMatchObject({ method, problem: null, vendor: { id: 'v1' } });
    expect(draft.instrumentId).toMatch(/^v1_/);
  });

  it('takes the only method of a vendor with one, and reads "$1,250.50" as 125050 cents', () => {
    expect(readPaymentRow(row({ ...ok, Amount: '$1,250.50' }), world)).toMatchObject({
      method: 'ACH',
      amount: 125_050,
      problem: null,
    });
  });
});

describe('the review of payments', () => {
  it('flags the same vendor and amount within 7 days, staged or in Brex, and not older ones', () => {
    const payments = [
      payment(0, { ...ok, Amount: 70 }),
      payment(1, { ...ok, Amount: 50 }),
      payment(2, { ...ok, Amount: 50, 'External memo': 'other' }),
    ];
    const { views } = reviewPayments(
      [...payments, payment(3, { ...ok, Amount: 1234 })],
      world,
      DEFAULT_PAYMENT_SETTINGS,
      'bob@example.com',
      {},
      NOW,
    );
    expect(views.map((v) => v.payment?.duplicateOf)).toEqual([
      expect.stringMatching(/Brex has transfer t_recent/),
      'row 4 pays Initech the same amount',
      'row 3 pays Initech the same amount',
      null,
    ]);
    expect(views.every((v) => v.payment?.approvableByYou)).toBe(true);
  });

  it("totals per account and counts Brex's limits, the stager cannot approve", () => {
    const { views, summary } = reviewPayments(
      [payment(0, ok), payment(1, { ...ok, Amount: 25.5 })],
      world,
      DEFAULT_PAYMENT_SETTINGS,
      'ana@example.com',
      {},
      NOW,
    );
    expect(summary).toMatchObject({
      all: { count: 2, total: { minorUnits: 7550, text: '75.50' } },
      perAccount: [{ account: 'Operating', count: 2 }],
      transfers24h: { used: 1, staged: 2 },
      internationalWires24h: { used: 1, staged: 0 },
      monthNote: null,
    });
    expect(views.map((v) => v.payment?.approvableByYou)).toEqual([false, false]);
  });
});
