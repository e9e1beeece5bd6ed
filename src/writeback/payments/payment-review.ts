/**
 * The review of staged payments: each as a change of the review (with its facts, a possible
 * duplicate and the limits it comes close to), and the summary above them: totals per account and
 * per day, Brex's daily limits and the monthly note. The per-payment ceiling is a problem (it can
 * never be approved as it is); the daily total and Brex's limits depend on which payments are
 * approved together, so the review warns and the approval refuses. The two-person rule is judged
 * here for both (`ownPayment`): whoever staged the payment or typed any of its cells may not
 * approve it.
 */
import {
  PAYMENT_ACTION,
  type ChangeView,
  type PaymentSettings,
  type PaymentsSummary,
  type PaymentTotal,
} from '../../contract/writeback';
import { amountView, groupedAmount } from '../amount-text';
import { paymentText } from './payment-row';
import type { PaymentWorld } from './payment-world';
import { paymentKey, type Payment } from './staged-rows';

/**
 * Pure: why the two-person rule keeps `user` from approving this payment (they staged it, or typed
 * one of its cells); null when it does not. When Sheets named no typist, only the stager counts.
 */
export function ownPayment(p: Payment, user: string): string | null {
  const me = user.toLowerCase();
  if ((p.record?.stagedBy ?? '').toLowerCase() === me) {
    return `You staged this payment, and payments need a second person: someone else with their own Brex write credential must approve it. Nothing was sent.`;
  }
  if (me !== '' && p.typists.includes(me)) {
    return `You entered this payment (row ${p.row}); another person must approve it. Nothing was sent.`;
  }
  return null;
}

/** Brex's limits per 24 hours, and the monthly volume past which Brex asks to be contacted. */
export const BREX_TRANSFERS_PER_DAY = 1000;
export const BREX_WIRES_PER_DAY = 100;
export const BREX_MONTHLY_NOTE_AT = 1000;
const DAY_MS = 86_400_000;

export interface PaymentsReviewed {
  readonly views: ChangeView[];
  readonly summary: PaymentsSummary;
}

/** Pure: a problem for a payment above the ceiling per payment; null when within it. */
export function ceilingProblem(payment: Payment, settings: PaymentSettings): string | null {
  const amount = payment.draft.amount;
  if (amount === null || amount <= settings.perPaymentCeiling) return null;
  return `${groupedAmount(amount, 'USD')} USD is above the ceiling per payment, ${groupedAmount(settings.perPaymentCeiling, 'USD')} USD. Nothing was sent. Split it, or have the ceiling raised in the write-back settings.`;
}

/** Pure: the review of these payments. `sentToday` is what the add-on sent per account today. */
export function reviewPayments(
  payments: readonly Payment[],
  world: PaymentWorld,
  settings: PaymentSettings,
  user: string,
  sentToday: Readonly<Record<string, number>>,
  now: Date,
): PaymentsReviewed {
  const valid = payments.filter((p) => effectiveProblem(p, settings) === null);
  const dailyTotals = new Map(Object.entries(sentToday));
  const warnings = new Map<Payment, string[]>();
  const warn = (p: Payment, text: string) => warnings.set(p, [...(warnings.get(p) ?? []), text]);
  valid.forEach((p, index) => {
    const account = p.draft.account?.id ?? '';
    const total = (dailyTotals.get(account) ?? 0) + (p.draft.amount ?? 0);
    dailyTotals.set(account, total);
    if (total > settings.dailyAccountCeiling) {
      warn(
        p,
        `With the payments above it, ${p.draft.account?.name ?? ''} would send ${groupedAmount(total, 'USD')} USD today, over its daily total of ${groupedAmount(settings.dailyAccountCeiling, 'USD')} USD: it is refused unless fewer are approved.`,
      );
    }
    if (world.last24h + index + 1 > BREX_TRANSFERS_PER_DAY) {
      warn(
        p,
        `Past Brex's ${BREX_TRANSFERS_PER_DAY.toLocaleString('en-US')} transfers per 24 hours: Brex would refuse it. Approve it tomorrow.`,
      );
    }
  });
  const wires = valid.filter((p) => p.draft.method === 'INTERNATIONAL_WIRE');
  wires.forEach((p, index) => {
    if (world.wires24h + index + 1 > BREX_WIRES_PER_DAY) {
      warn(
        p,
        `Past Brex's ${BREX_WIRES_PER_DAY} international wires per 24 hours: Brex would refuse it. Approve it tomorrow.`,
      );
    }
  });
  const views = payments.map((p) =>
    viewOf(p, settings, user, duplicateOf(p, payments, world, now), warnings.get(p) ?? []),
  );
  return { views, summary: summaryOf(valid, world, settings, now) };
}

/** A payment's problem, the ceiling per payment included. */
export function effectiveProblem(payment: Payment, settings: PaymentSettings): string | null {
  return payment.problem ?? ceilingProblem(payment, settings);
}

function viewOf(
  p: Payment,
  settings: PaymentSettings,
  user: string,
  duplicate: string | null,
  limitWarnings: readonly string[],
): ChangeView {
  const { draft } = p;
  const stagedBy = p.record?.stagedBy ?? '';
  const own = ownPayment(p, user) !== null;
  return {
    key: paymentKey(p),
    sheet: 'Brex Transfers',
    row: p.row,
    action: PAYMENT_ACTION,
    actionLabel: 'Vendor payment',
    target: { id: '', name: draft.vendor?.name ?? draft.vendorName },
    brexNow: '(new)',
    toSend: paymentText(draft),
    problem: effectiveProblem(p, settings),
    consequences: [
      'Sends money to the vendor. Once Brex has it, it cannot be undone from the sheet: cancel it in Brex while it is still pending or scheduled.',
      ...(duplicate ? [`Possible duplicate: ${duplicate}.`] : []),
      ...limitWarnings,
    ],
    confirmation: 'creation',
    inFlight: p.inFlight,
    conflict: null,
    payment: {
      vendor: { id: draft.vendor?.id ?? '', name: draft.vendor?.name ?? draft.vendorName },
      method: draft.method,
      amount: draft.amount === null ? null : amountView(draft.amount, 'USD'),
      account: { id: draft.account?.id ?? '', name: draft.account?.name ?? draft.accountName },
      description: draft.description,
      externalMemo: draft.memo,
      stagedBy,
      stagedAt: p.record?.stagedAt ?? '',
      idempotencyKey: p.record?.key ?? '',
      duplicateOf: duplicate,
      limitWarnings,
      approvableByYou: stagedBy !== '' && user !== '' && !(settings.twoPersonRule && own),
    },
  };
}

/** Pure: another payment to the same vendor of the same amount within 7 days, staged or in Brex. */
function duplicateOf(
  p: Payment,
  payments: readonly Payment[],
  world: PaymentWorld,
  now: Date,
): string | null {
  const { vendor, amount } = p.draft;
  if (!vendor || amount === null) return null;
  const staged = payments.find(
    (other) =>
      other !== p &&
      other.draft.vendor?.id === vendor.id &&
      other.draft.amount === amount &&
      withinWeek(
        other.record?.stagedAt ?? now.toISOString(),
        p.record?.stagedAt ?? now.toISOString(),
      ),
  );
  if (staged) return `row ${staged.row} pays ${vendor.name} the same amount`;
  const sent = world.transfers.find(
    (t) =>
      t.vendorId === vendor.id && t.amount === amount && withinWeek(t.createdOn, now.toISOString()),
  );
  return sent
    ? `Brex has transfer ${sent.id} of the same amount to ${vendor.name}, created ${sent.createdOn} (${sent.status})`
    : null;
}

function withinWeek(a: string, b: string): boolean {
  return Math.abs(Date.parse(a.slice(0, 10)) - Date.parse(b.slice(0, 10))) <= 7 * DAY_MS;
}

function summaryOf(
  valid: readonly Payment[],
  world: PaymentWorld,
  settings: PaymentSettings,
  now: Date,
): PaymentsSummary {
  const byAccount = new Map<string, Payment[]>();
  for (const p of valid) {
    const name = p.draft.account?.name ?? '';
    byAccount.set(name, [...(byAccount.get(name) ?? []), p]);
  }
  const thisMonth = world.thisMonth;
  return {
    all: totalOf(valid),
    perAccount: [...byAccount].map(([account, own]) => ({ account, ...totalOf(own) })),
    // Approved payments are created today (UTC), the day Brex counts them in.
    perDay: valid.length > 0 ? [{ day: now.toISOString().slice(0, 10), ...totalOf(valid) }] : [],
    transfers24h: { limit: BREX_TRANSFERS_PER_DAY, used: world.last24h, staged: valid.length },
    internationalWires24h: {
      limit: BREX_WIRES_PER_DAY,
      used: world.wires24h,
      staged: valid.filter((p) => p.draft.method === 'INTERNATIONAL_WIRE').length,
    },
    thisMonth,
    monthNote:
      thisMonth + valid.length > BREX_MONTHLY_NOTE_AT
        ? `This account makes more than ${BREX_MONTHLY_NOTE_AT.toLocaleString('en-US')} payments a month (${thisMonth.toLocaleString('en-US')} so far, ${valid.length} staged). Brex asks customers who pay this many to contact it (developer-support@brex.com) before going further.`
        : null,
    twoPersonRule: settings.twoPersonRule,
    perPaymentCeiling: amountView(settings.perPaymentCeiling, 'USD'),
    dailyAccountCeiling: amountView(settings.dailyAccountCeiling, 'USD'),
  };
}

function totalOf(payments: readonly Payment[]): PaymentTotal {
  const total = payments.reduce((sum, p) => sum + (p.draft.amount ?? 0), 0);
  return { count: payments.length, total: amountView(total, 'USD') };
}
