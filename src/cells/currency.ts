/**
 * Money in Brex is an integer count of the currency's minor unit (USD 7.00 = 700, JPY 700 = 700,
 * KWD 7.000 = 7000). Sheets shows it with the currency's own number of decimals.
 */

/** ISO 4217 minor-unit exponents that differ from 2 (the usual case). */
// prettier-ignore
const EXPONENTS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0,
  UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

/** Brex's Money defaults to USD when the currency is missing (Transactions API, `Money`). */
export const DEFAULT_CURRENCY = 'USD';

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.toUpperCase()] ?? 2;
}

/**
 * Pure: minor units → the amount as a number. Built from the decimal string so the result is the
 * double nearest the exact decimal (what Sheets stores for a typed-in amount).
 */
export function minorUnitsToAmount(minorUnits: number, currency: string): number {
  if (!Number.isSafeInteger(minorUnits)) {
    throw new Error(
      `Brex sent the amount ${minorUnits}, which is not a whole number of minor units. Report this to the add-on's maintainers.`,
    );
  }
  const exponent = currencyExponent(currency);
  if (exponent === 0) return minorUnits;
  const digits = Math.abs(minorUnits)
    .toString()
    .padStart(exponent + 1, '0');
  const sign = minorUnits < 0 ? '-' : '';
  return Number(`${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`);
}

/** Pure: the Sheets number format showing exactly the currency's decimals. */
export function moneyNumberFormat(currency: string): string {
  const exponent = currencyExponent(currency);
  return exponent === 0 ? '#,##0' : `#,##0.${'0'.repeat(exponent)}`;
}
