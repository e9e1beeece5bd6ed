/** Showing minor units as text, exactly: no float ever stands between Brex's integer and the text. */
import { currencyExponent } from '../cells/currency';
import type { AmountView } from '../contract/writeback';

/** Pure: 250000 USD → "2500.00" (no separators; what the audit log stores and parses back). */
export function plainAmount(minorUnits: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const digits = Math.abs(minorUnits)
    .toString()
    .padStart(exponent + 1, '0');
  const sign = minorUnits < 0 ? '-' : '';
  if (exponent === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** Pure: 250000 USD → "2,500.00". */
export function groupedAmount(minorUnits: number, currency: string): string {
  const [whole, fraction] = plainAmount(minorUnits, currency).split('.');
  const grouped = (whole as string).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

export function amountView(minorUnits: number, currency: string): AmountView {
  return { minorUnits, text: groupedAmount(minorUnits, currency) };
}
