/**
 * The top of "Payments to approve": how many payments are ready and their total, totals per
 * account and per day (with what each day already sent), how much of Brex's own limits the last
 * 24 hours used, the month's count (and Brex's note past 1,000), and the settings in force.
 */
import type { PaymentsSummary } from '../contract/writeback';
import { h, notice } from './dom';
import { plural } from './format';

/** Totals per account and per day, Brex's limits used, the settings in force. */
export function paymentSummary(s: PaymentsSummary): HTMLElement {
  const rows = (items: readonly { label: string; count: number; text: string }[]) =>
    items.map((i) =>
      h(
        'tr',
        {},
        h('td', {}, i.label),
        h('td', { class: 'num' }, String(i.count)),
        h('td', { class: 'num' }, `$${i.text}`),
      ),
    );
  const table = (caption: string, first: string, items: Parameters<typeof rows>[0]) =>
    h(
      'table',
      { class: 'totals' },
      h('caption', {}, caption),
      h(
        'tr',
        {},
        h('th', {}, first),
        h('th', { class: 'num' }, 'Payments'),
        h('th', { class: 'num' }, 'Total'),
      ),
      ...rows(items),
    );
  const use = (what: string, u: PaymentsSummary['transfers24h']) =>
    `${what}: ${u.used.toLocaleString('en-US')} of ${u.limit.toLocaleString('en-US')} used in the last 24 hours, ${u.staged} more staged.`;
  return h(
    'div',
    { class: 'payment-summary' },
    h('p', {}, `${plural(s.all.count, 'payment')} ready, $${s.all.total.text} in all.`),
    table(
      'Per account',
      'Account',
      s.perAccount.map((t) => ({ label: t.account, count: t.count, text: t.total.text })),
    ),
    table(
      'Per day (UTC), with what was sent that day',
      'Day',
      s.perDay.map((t) => ({ label: t.day, count: t.count, text: t.total.text })),
    ),
    h('p', { class: 'secondary-text' }, use("Brex's transfer limit", s.transfers24h)),
    h('p', { class: 'secondary-text' }, use('International wires', s.internationalWires24h)),
    h('p', { class: 'secondary-text' }, `${plural(s.thisMonth, 'transfer')} this month.`),
    s.monthNote ? notice(s.monthNote, 'warning') : null,
    h(
      'p',
      { class: 'secondary-text' },
      `Two-person rule ${s.twoPersonRule ? 'on' : 'off'}. Ceiling per payment $${s.perPaymentCeiling.text}; per account per day $${s.dailyAccountCeiling.text}.`,
    ),
  );
}
