/**
 * What the payment approval section says about a choice of payments: their totals per account,
 * in dollars, and the approve button's words ("Approve and send 7 payments, $48,210.00 from
 * Operating"). Pure. Amounts are added as integer minor units, never as floats.
 */
import type { PaymentMethod, PaymentView } from '../contract/writeback';

/** Pure: USD minor units as the sidebar shows them: "$48,210.00", "-$5.00". */
export function dollars(minorUnits: number): string {
  const sign = minorUnits < 0 ? '-' : '';
  const units = Math.abs(Math.round(minorUnits));
  const whole = String(Math.floor(units / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}$${whole}.${String(units % 100).padStart(2, '0')}`;
}

export const METHOD_TEXT: Readonly<Record<PaymentMethod, string>> = {
  ACH: 'ACH',
  DOMESTIC_WIRE: 'Domestic wire',
  CHEQUE: 'Cheque',
  INTERNATIONAL_WIRE: 'International wire',
};

export interface AccountTotal {
  readonly account: string;
  readonly count: number;
  readonly minorUnits: number;
}

/** Pure: the payments' count and total per originating account, in the order first met. */
export function totalsByAccount(payments: readonly PaymentView[]): AccountTotal[] {
  const totals = new Map<string, AccountTotal>();
  for (const { payment } of payments) {
    const account = payment.account.name;
    const before = totals.get(account) ?? { account, count: 0, minorUnits: 0 };
    totals.set(account, {
      account,
      count: before.count + 1,
      minorUnits: before.minorUnits + (payment.amount?.minorUnits ?? 0),
    });
  }
  return [...totals.values()];
}

/**
 * Pure: the approve button's words, naming exactly what will be sent: "Approve and send 7
 * payments, $48,210.00 from Operating", or per account when there are several ("…: $40,000.00
 * (5) from Operating, $8,210.00 (2) from Reserve").
 */
export function approveLabel(payments: readonly PaymentView[]): string {
  const count = payments.length;
  const what = `${count} ${count === 1 ? 'payment' : 'payments'}`;
  if (count === 0) return 'Approve and send: choose payments first';
  const totals = totalsByAccount(payments);
  if (totals.length === 1) {
    const only = totals[0] as AccountTotal;
    return `Approve and send ${what}, ${dollars(only.minorUnits)} from ${only.account}`;
  }
  const parts = totals.map((t) => `${dollars(t.minorUnits)} (${t.count}) from ${t.account}`);
  return `Approve and send ${what}: ${parts.join(', ')}`;
}
