/** @jest-environment jsdom */
import {
  PAYMENT_ACTION,
  type ChangesReview,
  type PaymentResult,
  type PaymentsSummary,
  type PaymentView,
} from '../../src/contract/writeback';
import { PaymentApproval } from '../../src/sidebar/payment-approval';
import { approveLabel, dollars } from '../../src/sidebar/payment-figures';

const usd = (minorUnits: number) => ({
  minorUnits,
  text: dollars(minorUnits).slice(1),
});

function payment(
  n: number,
  cents: number,
  extra: { account?: string; stagedBy?: string; mine?: boolean; problem?: string | null } = {},
): PaymentView {
  return {
    key: `transfers.create:row${n + 1}:fp${n}`,
    sheet: 'Brex Transfers',
    row: n + 1,
    action: PAYMENT_ACTION,
    actionLabel: 'Vendor payment',
    target: { id: '', name: `Vendor ${n}` },
    brexNow: '(new)',
    toSend: `${dollars(cents)} to Vendor ${n}`,
    problem: extra.problem ?? null,
    consequences: [],
    confirmation: 'creation',
    inFlight: false,
    conflict: null,
    payment: {
      vendor: { id: `pdcont_${n}`, name: n === 1 ? '<img src=x onerror=alert(1)>' : `Vendor ${n}` },
      method: 'ACH',
      amount: usd(cents),
      account: { id: 'dpacc_1', name: extra.account ?? 'Operating' },
      description: `Invoice ${n}`,
      externalMemo: `INV ${n}`,
      stagedBy: extra.stagedBy ?? 'ana@acme-demo.com',
      stagedAt: '2026-03-15T10:00:00.000Z',
      idempotencyKey: `key-${n}`,
      duplicateOf: n === 2 ? 'Row 9, staged 2026-03-14' : null,
      limitWarnings: [],
      approvableByYou: !(extra.mine ?? false),
    },
  };
}

const summary = (views: readonly PaymentView[]): PaymentsSummary => {
  const total = views.reduce((sum, v) => sum + (v.payment.amount?.minorUnits ?? 0), 0);
  return {
    all: { count: views.length, total: usd(total) },
    perAccount: [{ account: 'Operating', count: views.length, total: usd(total) }],
    perDay: [{ day: '2026-03-15', count: views.length, total: usd(total) }],
    transfers24h: { limit: 1000, used: 12, staged: views.length },
    internationalWires24h: { limit: 100, used: 0, staged: 0 },
    thisMonth: 1004,
    monthNote: 'Brex asks customers who pay more than 1,000 payments a month to contact it.',
    twoPersonRule: true,
    perPaymentCeiling: usd(5_000_000),
    dailyAccountCeiling: usd(20_000_000),
  };
};

function server(views: PaymentView[], canPush = true) {
  const approved: string[][] = [];
  let pending = views;
  return {
    approved,
    reviewChanges: (): Promise<ChangesReview> =>
      Promise.resolve({
        changes: [
          // Another action's change in the same review: never listed or approved here.
          { ...(views[0] as PaymentView), key: 'vendor.email:pdcont_1:x', action: 'vendor.email' },
          ...pending,
        ],
        canPush,
        credentialHelp: canPush ? null : 'Add your own write credential in Connection.',
        payments: pending.length ? summary(pending) : undefined,
      }),
    approvePayments: (keys: string[]): Promise<PaymentResult[]> => {
      approved.push(keys);
      pending = pending.filter((v) => !keys.includes(v.key));
      return Promise.resolve(
        keys.map((key, i) => ({
          key,
          outcome: i === 0 ? 'refused' : 'sent',
          message: i === 0 ? 'Insufficient funds in Operating.' : 'Sent.',
          transferId: i === 0 ? null : `dptx_${i}`,
          status: i === 0 ? null : 'PROCESSING',
          traceId: null,
          idempotencyKey: `key-${i}`,
        })),
      );
    },
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const button = (section: PaymentApproval, name: RegExp): HTMLButtonElement =>
  [...section.element.querySelectorAll('button')].find((b) =>
    name.test(b.textContent ?? ''),
  ) as HTMLButtonElement;

describe('payment-figures', () => {
  it('names the count, the total and the account, per account when several', () => {
    const one = [payment(1, 4_000_000), payment(2, 821_000)];
    const two = [...one, payment(3, 5_000, { account: 'Reserve' })];

    expect(dollars(4_821_000)).toBe('$48,210.00');
    expect(approveLabel(one)).toBe('Approve and send 2 payments, $48,210.00 from Operating');
    expect(approveLabel(two)).toBe(
      'Approve and send 3 payments: $48,210.00 (2) from Operating, $50.00 (1) from Reserve',
    );
  });
});

describe('PaymentApproval', () => {
  it('lists the staged payments with their facts, totals and limits, names as text', async () => {
    const section = new PaymentApproval(server([payment(1, 4_000_000), payment(2, 821_000)]));
    await section.load();

    const text = section.element.textContent ?? '';
    expect(section.count).toBe(2);
    expect(section.element.querySelectorAll('li.payment')).toHaveLength(2);
    expect(text).toContain('<img src=x onerror=alert(1)> $40,000.00');
    expect(section.element.querySelector('img')).toBeNull();
    expect(text).toContain('ACH from Operating');
    expect(text).toContain('Staged by ana@acme-demo.com, 2026-03-15, row 2');
    expect(text).toContain('Possible duplicate of Row 9, staged 2026-03-14.');
    expect(text).toContain('2 payments ready, $48,210.00 in all.');
    expect(text).toContain(
      "Brex's transfer limit: 12 of 1,000 used in the last 24 hours, 2 more staged.",
    );
    expect(text).toContain('International wires: 0 of 100 used');
    expect(text).toContain('Brex asks customers who pay more than 1,000 payments a month');
    expect(text).toContain('Two-person rule on.');
    const [perAccount, perDay] = [...section.element.querySelectorAll('table.totals')];
    expect(perAccount?.textContent).toContain('Operating2$48,210.00');
    expect(perDay?.textContent).toContain('2026-03-152$48,210.00');
  });

  it('approves exactly the shown keys after an explicit confirmation, one result each', async () => {
    const views = [payment(1, 4_000_000), payment(2, 821_000), payment(3, 100)];
    const fake = server(views);
    const section = new PaymentApproval(fake);
    await section.load();
    const third = section.element.querySelectorAll<HTMLInputElement>('li.payment input')[2];
    (third as HTMLInputElement).checked = false;
    third?.dispatchEvent(new Event('change'));

    const approve = button(section, /^Approve and send/);
    expect(approve.textContent).toBe('Approve and send 2 payments, $48,210.00 from Operating');
    approve.click();
    expect(fake.approved).toEqual([]);
    const dialog = section.element.querySelector('[role="alertdialog"]');
    expect(dialog?.textContent).toContain('Send 2 payments, $48,210.00 from Operating now?');
    button(section, /^Send now$/).click();
    await flush();
    await flush();

    expect(fake.approved).toEqual([[views[0]?.key, views[1]?.key]]);
    const results = section.element.querySelector('[aria-label="Payment results"]');
    expect([...(results?.querySelectorAll('li') ?? [])].map((li) => li.textContent)).toEqual([
      '<img src=x onerror=alert(1)>, $40,000.00: not sentInsufficient funds in Operating.',
      'Vendor 2, $8,210.00: sentSent. Transfer dptx_1, PROCESSING.',
    ]);
    expect(section.count).toBe(1);
  });

  it('cancelling the confirmation sends nothing', async () => {
    const fake = server([payment(1, 4_000_000)]);
    const section = new PaymentApproval(fake);
    await section.load();

    button(section, /^Approve and send/).click();
    button(section, /^Cancel$/).click();

    expect(section.element.querySelector('[role="alertdialog"]')).toBeNull();
    expect(fake.approved).toEqual([]);
  });

  it('disables the button with the reason when you staged every payment (two-person rule)', async () => {
    const section = new PaymentApproval(
      server([payment(1, 4_000_000, { mine: true }), payment(2, 500, { mine: true })]),
    );
    await section.load();

    const approve = button(section, /^Approve and send/);
    expect(approve.disabled).toBe(true);
    expect(section.element.textContent).toContain(
      'You staged every payment listed: under the two-person rule another person must approve them.',
    );
    expect(section.element.textContent).toContain('Staged by you: another person must approve it');
    const boxes = [...section.element.querySelectorAll<HTMLInputElement>('li.payment input')];
    expect(boxes.map((b) => [b.checked, b.disabled])).toEqual([
      [false, true],
      [false, true],
    ]);
  });

  it('leaves out refused payments and needs a write credential', async () => {
    const refused = payment(2, 500, { problem: 'Vendor "Nobody" is not in Brex Vendors.' });
    const section = new PaymentApproval(server([payment(1, 4_000_000), refused], false));
    await section.load();

    const approve = button(section, /^Approve and send/);
    expect(approve.textContent).toBe('Approve and send 1 payment, $40,000.00 from Operating');
    expect(approve.disabled).toBe(true);
    expect(section.element.textContent).toContain('Add your own write credential in Connection.');
    expect(section.element.textContent).toContain('Vendor "Nobody" is not in Brex Vendors.');
  });

  it('says how to stage a payment when none is staged', async () => {
    const section = new PaymentApproval(server([]));
    await section.load();

    expect(section.count).toBe(0);
    expect(section.element.textContent).toContain('No payments staged.');
    expect([...section.element.querySelectorAll('button')].map((b) => b.textContent)).toEqual([
      'Review payments',
    ]);
  });
});
