/**
 * Vendor payments through the built bundle (dist/Code.js) in the local runtime, against the Brex
 * sandbox over loopback HTTP: rows staged in "Brex Transfers" are reviewed with their totals and
 * duplicate flags, a push never sends them, their stager cannot approve them, a second person
 * does, and the row then shows Brex's transfer and, after sandbox time and a refresh, its status.
 */
import type { Sandbox } from '../../dev/sandbox';
import { readable } from '../../src/cells/readable-values';
import type { ChangesReview } from '../../src/contract/writeback';
import { auditRows } from '../support/spend-limits';
import {
  BOB,
  OWNER,
  accountName,
  approve,
  cell,
  cellState,
  control,
  openPaymentSandbox,
  paymentWorld,
  paymentsOf,
  push,
  refresh,
  reviewAs,
  stage,
  transferPosts,
  transfers,
} from '../support/payment-world';

describe('vendor payments', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await openPaymentSandbox('payment-tests', { rateLimit: 5000 });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('stages, reviews, refuses a push and the stager, sends on a second approval, then follows the status', async () => {
    const runtime = await paymentWorld(sandbox);
    const account = accountName(sandbox);
    const first = await stage(runtime, [
      {
        vendor: 'Northwind Traders',
        method: 'ACH',
        amount: 1250.5,
        account,
        description: 'March invoice',
        memo: 'INV-1001',
      },
      { vendor: 'initech', amount: '$2,000.00', account, description: 'Licences', memo: 'INV-77' },
      {
        vendor: 'Northwind Traders',
        method: 'Cheque',
        amount: 1250.5,
        account,
        description: 'Spare parts',
        memo: 'INV-1002',
      },
    ]);

    const review = await reviewAs(runtime, OWNER);
    const payments = paymentsOf(review);
    expect(payments.map((p) => [p.row, p.problem, p.toSend])).toEqual([
      [first, null, `1,250.50 USD to Northwind Traders (ACH) from ${account}`],
      [first + 1, null, `2,000.00 USD to Initech (ACH) from ${account}`],
      [first + 2, null, `1,250.50 USD to Northwind Traders (cheque) from ${account}`],
    ]);
    expect(payments.map((p) => p.payment?.duplicateOf)).toEqual([
      `row ${first + 2} pays Northwind Traders the same amount`,
      null,
      `row ${first} pays Northwind Traders the same amount`,
    ]);
    expect(payments.every((p) => p.payment?.stagedBy === OWNER && !p.payment.approvableByYou)).toBe(
      true,
    );
    const keys = payments.map((p) => p.payment?.idempotencyKey);
    expect(new Set(keys).size).toBe(3);
    expect(cell(runtime, first, 'Staged by')).toBe(OWNER);
    expect(cell(runtime, first, 'Payment key')).toBe(keys[0]);
    expect(review.payments).toMatchObject({
      all: { count: 3, total: { minorUnits: 450_100, text: '4,501.00' } },
      perAccount: [{ account, count: 3, total: { minorUnits: 450_100 } }],
      perDay: [{ day: '2026-03-15', count: 3 }],
      transfers24h: { limit: 1000, staged: 3 },
      internationalWires24h: { limit: 100, staged: 0 },
      monthNote: null,
      twoPersonRule: true,
    });

    // Neither a push without keys nor one naming the payments sends money.
    expect(await push(runtime)).toEqual([]);
    const pushed = await push(
      runtime,
      payments.map((p) => p.key),
    );
    expect(pushed.map((r) => r.outcome)).toEqual(['refused', 'refused', 'refused']);
    expect(pushed[0]?.message).toMatch(/A push never sends a payment/);
    expect(transferPosts(sandbox)).toEqual([]);

    // The stager cannot approve: refused before any request.
    sandbox.log.length = 0;
    const own = await approve(
      runtime,
      payments.map((p) => p.key),
      OWNER,
    );
    expect(own.map((r) => r.outcome)).toEqual(['refused', 'refused', 'refused']);
    expect(own[0]?.message).toMatch(/You staged this payment, and payments need a second person/);
    expect(sandbox.log).toEqual([]);

    // BOB reviews (the keys stay the same: staging is kept) and approves two of them.
    const bobs = paymentsOf(await reviewAs(runtime, BOB));
    expect(bobs.map((p) => p.key)).toEqual(payments.map((p) => p.key));
    expect(bobs.every((p) => p.payment?.approvableByYou)).toBe(true);
    sandbox.log.length = 0;
    const sent = await approve(runtime, [bobs[0]?.key as string, bobs[1]?.key as string]);
    expect(sent.map((r) => [r.outcome, r.status, r.idempotencyKey])).toEqual([
      ['sent', 'PROCESSING', keys[0]],
      ['sent', 'PROCESSING', keys[1]],
    ]);
    const posts = transferPosts(sandbox);
    expect(posts).toHaveLength(2);
    expect(posts.map((p) => p.headers['idempotency-key'])).toEqual([keys[0], keys[1]]);
    expect(posts.flatMap((p) => p.violations)).toEqual([]);
    const made = transfers(sandbox).filter((t) => sent.some((r) => r.transferId === t.id));
    expect(made.map((t) => [t.amount.amount, t.external_memo, t.description])).toEqual([
      [125_050, 'INV-1001', 'March invoice'],
      [200_000, 'INV-77', 'Licences'],
    ]);
    expect(cell(runtime, first, 'Brex ID')).toBe(sent[0]?.transferId);
    expect(cell(runtime, first, 'Status')).toBe(readable('PROCESSING'));
    const audit = auditRows(runtime).filter((r) => r.Action === 'transfers.create');
    expect(audit.map((r) => [r.User, r.Result, r['Typed by']])).toEqual([
      [OWNER, 'refused', OWNER],
      [OWNER, 'refused', OWNER],
      [OWNER, 'refused', OWNER],
      [BOB, 'pushed', OWNER],
      [BOB, 'pushed', OWNER],
    ]);

    // Approving the same keys again sends nothing: the rows were sent.
    sandbox.log.length = 0;
    const again = await approve(runtime, [bobs[0]?.key as string]);
    expect(again[0]?.outcome).toBe('not_pending');
    expect(transferPosts(sandbox)).toEqual([]);

    // The review now shows one payment left, and Brex's transfer flags it as a possible duplicate.
    const left = paymentsOf(await reviewAs(runtime, BOB));
    expect(left.map((p) => p.row)).toEqual([first + 2]);
    expect(left[0]?.payment?.duplicateOf).toMatch(
      new RegExp(`Brex has transfer ${sent[0]?.transferId}`),
    );

    // Sandbox time moves on: a refresh brings PROCESSED into the sent rows, keeping key and stager.
    await control(sandbox, '/advance', { days: 2 });
    await refresh(runtime);
    expect(cell(runtime, first, 'Status')).toBe(readable('PROCESSED'));
    expect(cell(runtime, first, 'Payment key')).toBe(keys[0]);
    expect(cell(runtime, first, 'Staged by')).toBe(OWNER);
    const grid = runtime.values('Brex Transfers');
    const idColumn = (grid[0] ?? []).indexOf('Brex ID');
    const ids = grid.map((r) => r[idColumn]);
    expect(ids.filter((id) => id === sent[0]?.transferId)).toHaveLength(1);
  });

  it('refuses a payment over the ceiling and over the daily total of its account with 0 requests', async () => {
    const runtime = await paymentWorld(sandbox);
    const account = accountName(sandbox);
    await runtime.call(
      'saveWriteBackSettings',
      [
        {
          ceilings: {},
          defaultCeiling: 1_000_000,
          payments: {
            twoPersonRule: true,
            perPaymentCeiling: 500_000,
            dailyAccountCeiling: 800_000,
          },
        },
      ],
      { as: OWNER },
    );
    const first = await stage(runtime, [
      { vendor: 'Initech', amount: 5000.01, account, description: 'Too much', memo: 'A' },
      { vendor: 'Initech', amount: 4000, account, description: 'First', memo: 'B' },
      { vendor: 'Initech', amount: 4000.01, account, description: 'Second', memo: 'C' },
    ]);
    const review = (await reviewAs(runtime, OWNER)) as ChangesReview;
    const payments = paymentsOf(review);
    expect(payments[0]?.problem).toMatch(
      /5,000.01 USD is above the ceiling per payment, 5,000.00 USD/,
    );
    expect(payments[2]?.consequences.join(' ')).toMatch(/over its daily total of 8,000.00 USD/);
    expect(review.payments?.dailyAccountCeiling.minorUnits).toBe(800_000);

    sandbox.log.length = 0;
    const results = await approve(runtime, [
      payments[0]?.key as string,
      payments[2]?.key as string,
      payments[1]?.key as string,
    ]);
    // The second asked (8,000.01) fits alone; then the third (4,000) would pass 8,000.00.
    expect(results.map((r) => r.outcome)).toEqual(['refused', 'sent', 'refused']);
    expect(results[0]?.message).toMatch(/above the ceiling per payment/);
    expect(results[2]?.message).toMatch(
      /would send 8,000.01 USD today with this payment, over its daily total of 8,000.00 USD/,
    );
    expect(transferPosts(sandbox)).toHaveLength(1);
    expect(cell(runtime, first + 2, 'Brex ID')).toBe(results[1]?.transferId);

    // Refused alone: not one request.
    sandbox.log.length = 0;
    const alone = await approve(runtime, [payments[1]?.key as string]);
    expect(alone[0]?.outcome).toBe('refused');
    expect(sandbox.log).toEqual([]);
  });

  it("shows Brex's daily limits and the monthly note, and refuses past them with 0 requests", async () => {
    const runtime = await paymentWorld(sandbox);
    const account = accountName(sandbox);
    const vendors = sandbox.snapshot().vendors as {
      company_name: string;
      payment_accounts: { details: { payment_instrument_id: string } }[];
    }[];
    const instrument = (name: string) =>
      vendors.find((v) => v.company_name === name)?.payment_accounts[0]?.details
        .payment_instrument_id;
    const accountId = (sandbox.snapshot().cash_accounts as { id: string; name: string }[]).find(
      (a) => a.name === account,
    )?.id;
    // Made elsewhere today: 100 international wires and 900 ACH payments.
    for (let i = 0; i < 1000; i += 1) {
      const reply = await fetch(`${sandbox.url}/v1/transfers`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${sandbox.token}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': `elsewhere-${i}`,
        },
        body: JSON.stringify({
          counterparty: {
            type: 'VENDOR',
            payment_instrument_id: instrument(i < 100 ? 'Globex GmbH' : 'Initech'),
          },
          amount: { amount: 100, currency: 'USD' },
          description: 'Elsewhere',
          external_memo: `E-${i}`,
          originating_account: { type: 'BREX_CASH', id: accountId },
        }),
      });
      expect(reply.status).toBe(200);
    }
    await stage(runtime, [
      { vendor: 'Initech', amount: 10, account, description: 'One more', memo: 'M-1' },
      { vendor: 'Globex GmbH', amount: 20, account, description: 'One more wire', memo: 'M-2' },
    ]);
    const review = await reviewAs(runtime, OWNER);
    expect(review.payments).toMatchObject({
      transfers24h: { limit: 1000, used: 1000, staged: 2 },
      internationalWires24h: { limit: 100, used: 100, staged: 1 },
      thisMonth: expect.any(Number),
    });
    expect(review.payments?.thisMonth).toBeGreaterThanOrEqual(1000);
    expect(review.payments?.monthNote).toMatch(
      /Brex asks customers who pay this many to contact it/,
    );
    const payments = paymentsOf(review);
    expect(payments[0]?.consequences.join(' ')).toMatch(/Past Brex's 1,000 transfers per 24 hours/);
    expect(payments[1]?.consequences.join(' ')).toMatch(/Past Brex's 100 international wires/);

    sandbox.log.length = 0;
    const results = await approve(
      runtime,
      payments.map((p) => p.key),
    );
    expect(results.map((r) => r.outcome)).toEqual(['refused', 'refused']);
    expect(results[0]?.message).toMatch(
      /Brex allows 1,000 transfers per 24 hours, and they are used/,
    );
    expect(sandbox.log).toEqual([]);
  });

  it("marks staged rows, fills a sent row's blank cells from Brex's answer as a refresh does, and clears its mark", async () => {
    const runtime = await paymentWorld(sandbox);
    const account = accountName(sandbox);
    const first = await stage(runtime, [
      { vendor: 'Initech', amount: 75, account, description: 'Blank cells', memo: 'B-1' },
      { vendor: 'Initech', amount: 0, account, description: 'Zero', memo: 'B-2' },
      { vendor: 'Initech', amount: 80, account, description: 'Cleared', memo: 'B-3' },
    ]);
    const mark = (row: number) => {
      const { background = '', note = '' } = cellState(runtime, row, 'Vendor');
      return { background, note };
    };
    const [payment] = paymentsOf(await reviewAs(runtime, OWNER));
    expect(mark(first)).toEqual({ background: '#fff2cc', note: '' });
    expect(mark(first + 1).background).toBe('#f4cccc');
    expect(mark(first + 1).note).toMatch(/^Brex write-back: The amount is zero/);
    expect(mark(first + 2)).toEqual({ background: '#fff2cc', note: '' });

    const [sent] = await approve(runtime, [payment?.key as string]);
    expect(sent?.outcome).toBe('sent');
    const made = transfers(sandbox).find((t) => t.id === sent?.transferId);
    const answered = ['Created at', 'Recipient', 'Currency', 'Payment type'];
    const state = () =>
      answered.map((header) => {
        const { value, format } = cellState(runtime, first, header);
        return { header, value, format };
      });
    const afterApproval = state();
    expect(answered.map((header) => cell(runtime, first, header))).toEqual([
      new Date(`${made?.created_at}T00:00:00Z`),
      made?.display_name,
      'USD',
      readable('ACH'),
    ]);
    expect(mark(first)).toEqual({ background: '#ffffff', note: '' });
    expect(mark(first + 2).background).toBe('#fff2cc');

    // The refresh writes the same values, formatted the same.
    await refresh(runtime);
    expect(state()).toEqual(afterApproval);

    // A staged row cleared before approval loses its mark at the next review.
    const width = (runtime.values('Brex Transfers')[0] ?? []).length;
    const blank = [Array.from({ length: width }, () => '')];
    await runtime.paste(`Brex Transfers!A${first + 2}`, blank, { as: OWNER });
    expect(paymentsOf(await reviewAs(runtime, OWNER)).map((p) => p.row)).toEqual([first + 1]);
    expect(mark(first + 2)).toEqual({ background: '#ffffff', note: '' });
  });
});
