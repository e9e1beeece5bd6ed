/**
 * Thirty-odd bad payment rows in "Brex Transfers", each refused in the review with its own
 * message naming the fix, and refused again when a second person approves them all: not one
 * request reaches Brex. The one good row among them is sent, once.
 */
import type { Sandbox } from '../../dev/sandbox';
import {
  OWNER,
  accountName,
  approve,
  openPaymentSandbox,
  paymentWorld,
  paymentsOf,
  reviewAs,
  stage,
  type PaymentRow,
} from '../support/payment-world';

const LONG_90 = 'X'.repeat(90);

describe('bad payment rows', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await openPaymentSandbox('payment-rows');
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('refuses each with its own message and sends nothing', async () => {
    const runtime = await paymentWorld(sandbox);
    const account = accountName(sandbox);
    const ok = { vendor: 'Initech', amount: 100, account, description: 'Fine', memo: 'INV-1' };
    const bad: readonly (readonly [PaymentRow, RegExp])[] = [
      [{ ...ok, amount: -100 }, /The amount -100 is negative/],
      [{ ...ok, amount: '-$50.00' }, /The amount -50 is negative/], // Sheets reads a number
      [{ ...ok, amount: 0 }, /The amount is zero/],
      [{ ...ok, amount: '' }, /A payment needs an amount/],
      [{ ...ok, currency: 'EUR' }, /USD only, and this row's "Currency" is EUR/],
      [{ ...ok, amount: 'EUR 100' }, /"EUR 100" is in EUR\. Brex pays vendors in USD only/],
      [{ ...ok, amount: 10.005 }, /10.005 has more decimals than USD has/],
      [{ ...ok, amount: '12,50' }, /"12,50" is not an amount this add-on reads/],
      [{ ...ok, amount: '2k' }, /"2k" is not an amount this add-on reads/],
      [
        { ...ok, amount: 50_000.01 },
        /50,000.01 USD is above the ceiling per payment, 50,000.00 USD/,
      ],
      [{ ...ok, vendor: '' }, /A payment needs a vendor/],
      [{ ...ok, vendor: 'Acme Nowhere' }, /Brex has no vendor named "Acme Nowhere"/],
      [{ ...ok, vendor: '=Initech' }, /"Vendor" starts with "="/],
      [{ ...ok, vendor: '@Initech' }, /"Vendor" starts with "@"/],
      [{ ...ok, vendor: 'Empty Vendor LLC' }, /"Empty Vendor LLC" has no payment details in Brex/],
      [
        { ...ok, method: 'Cheque' },
        /"Initech" has no cheque details in Brex; it can be paid by ACH/,
      ],
      [{ ...ok, method: 'Bitcoin' }, /"Bitcoin" is not a payment method/],
      [
        { ...ok, vendor: 'Northwind Traders' },
        /can be paid by ACH, domestic wire, cheque\. Type one/,
      ],
      [{ ...ok, account: '' }, /needs the cash account it leaves from/],
      [{ ...ok, account: 'Savings 9' }, /Brex has no cash account named "Savings 9"/],
      [{ ...ok, description: '' }, /A payment needs a description/],
      [{ ...ok, memo: '' }, /A payment needs an external memo/],
      [
        { ...ok, memo: `${LONG_90}Y` },
        /91 characters, and Brex takes at most 90 for a payment by ACH/,
      ],
      [
        { ...ok, vendor: 'Northwind Traders', method: 'Cheque', memo: 'C'.repeat(41) },
        /41 characters, and Brex takes at most 40 for a payment by cheque/,
      ],
      [
        { ...ok, vendor: 'Northwind Traders', method: 'Domestic wire', memo: `${LONG_90}ZZ` },
        /92 characters, and Brex takes at most 90 for a payment by domestic wire/,
      ],
      [{ ...ok, memo: '=HYPERLINK("http://x.example")' }, /"External memo" starts with "="/],
      [{ ...ok, description: '+1 555 0100' }, /"Description" starts with "\+"/],
      [{ ...ok, memo: 'Facture n° 12' }, /"External memo" contains "°"/],
      [{ ...ok, description: 'Tab\there' }, /"Description" contains "\t"/],
      [{ ...ok, amount: 'lots' }, /"lots" is not an amount this add-on reads/],
      // The same payment as the good row above it: a row pasted twice.
      [ok, /Row \d+ is the same payment/],
    ];
    const first = await stage(runtime, [ok, ...bad.map(([row]) => row)]);

    const payments = paymentsOf(await reviewAs(runtime, OWNER));
    expect(payments.map((p) => p.row)).toEqual(
      Array.from({ length: bad.length + 1 }, (_, i) => first + i),
    );
    expect(payments[0]?.problem).toBeNull();
    const refused = payments.slice(1);
    refused.forEach((payment, index) => {
      expect({ index, problem: payment.problem }).toEqual({
        index,
        problem: expect.stringMatching(bad[index]?.[1] as RegExp),
      });
    });
    expect(new Set(refused.map((p) => p.problem)).size).toBe(bad.length);
    expect(bad.length).toBeGreaterThanOrEqual(30);

    sandbox.log.length = 0;
    const results = await approve(
      runtime,
      refused.map((p) => p.key),
    );
    expect(results.map((r) => r.outcome)).toEqual(bad.map(() => 'refused'));
    expect(results.map((r) => r.message)).toEqual(refused.map((p) => p.problem));
    expect(sandbox.log).toEqual([]);

    const sent = await approve(runtime, [payments[0]?.key as string]);
    expect(sent.map((r) => r.outcome)).toEqual(['sent']);
    expect(sandbox.log.filter((e) => e.method === 'POST')).toHaveLength(1);
  });
});
