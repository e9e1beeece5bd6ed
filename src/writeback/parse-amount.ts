/**
 * Reading an edited limit cell as integer minor units, exactly or not at all.
 *
 * A number cell is read through its shortest round-trip decimal (`String(2500.5)` is "2500.5"),
 * which is the decimal the person typed for anything Sheets can hold exactly enough; a value that
 * needs more decimals than the currency has (2500.555 for USD, or 0.1 + 0.2 from a formula) is
 * refused, never rounded. Text is accepted only in one unambiguous shape: digits with optional
 * comma thousands separators in groups of three and a dot for decimals, optionally with the row's
 * ISO code before or after ("USD 2,500.00", "2500 JPY") or `$` for a USD row ("$2,500"). Anything
 * else (a comma decimal "2.500,00", spaces inside the number, "2k") is refused with a message.
 */
import { currencyExponent } from '../cells/currency';
import type { CellValue } from '../ports/table-port';

export type ParsedAmount =
  | { readonly ok: true; readonly minorUnits: number }
  | { readonly ok: false; readonly problem: string };

const TEXT_AMOUNT =
  /^(?:([A-Za-z]{3})\s*)?(\$)?\s*(-)?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(?:([A-Za-z]{3}))?$/;

/** Pure: the cell's value → minor units of `currency`, or why it cannot be read exactly. */
export function parseAmount(cell: CellValue, currency: string): ParsedAmount {
  if (cell === '' || (typeof cell === 'string' && cell.trim() === '')) {
    return refuse('The new limit is blank. Type an amount, or discard the change');
  }
  if (typeof cell === 'number') return parseNumber(cell, currency);
  if (typeof cell !== 'string') {
    return refuse(`The new limit "${String(cell)}" is not an amount. Type a number`);
  }
  return parseText(cell.trim(), currency);
}

function parseNumber(value: number, currency: string): ParsedAmount {
  if (!Number.isFinite(value)) return refuse('The new limit is not a finite number. Type a number');
  if (value < 0) return negative(String(value));
  const decimal = String(value);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (!match) {
    // Exponent notation: too large to be a limit, or too small to be a whole minor unit.
    return value >= 1
      ? refuse(`The new limit ${decimal} is too large. Type a smaller amount`)
      : tooManyDecimals(decimal, currency);
  }
  return toMinorUnits(match[1] as string, match[2] ?? '', currency, decimal);
}

function parseText(text: string, currency: string): ParsedAmount {
  const match = TEXT_AMOUNT.exec(text);
  if (!match) {
    return refuse(
      `The new limit "${text}" is not an amount this add-on reads. Type a plain number such as 2500.50`,
    );
  }
  const [, codeBefore, dollar, minus, whole, fraction, codeAfter] = match;
  if (codeBefore && codeAfter) {
    return refuse(`The new limit "${text}" names a currency twice. Type a plain number`);
  }
  const code = (codeBefore ?? codeAfter)?.toUpperCase();
  if (code && code !== currency.toUpperCase()) return otherCurrency(text, code, currency);
  if (dollar && currency.toUpperCase() !== 'USD') return otherCurrency(text, '$', currency);
  if (minus) return negative(text);
  return toMinorUnits((whole as string).replace(/,/g, ''), fraction ?? '', currency, text);
}

function toMinorUnits(
  whole: string,
  fraction: string,
  currency: string,
  shown: string,
): ParsedAmount {
  const exponent = currencyExponent(currency);
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > exponent) return tooManyDecimals(shown, currency);
  const digits = `${whole}${significant.padEnd(exponent, '0')}`.replace(/^0+(?=\d)/, '');
  const minorUnits = Number(digits);
  if (!Number.isSafeInteger(minorUnits)) {
    return refuse(`The new limit ${shown} is too large. Type a smaller amount`);
  }
  return { ok: true, minorUnits };
}

function tooManyDecimals(shown: string, currency: string): ParsedAmount {
  const exponent = currencyExponent(currency);
  const allowed =
    exponent === 0 ? 'no decimals' : `${exponent} decimal${exponent === 1 ? '' : 's'}`;
  return refuse(
    `The new limit ${shown} has more decimals than ${currency} has (${allowed}). Type the amount with ${allowed}`,
  );
}

function negative(shown: string): ParsedAmount {
  return refuse(`The new limit ${shown} is negative. Type an amount of zero or more`);
}

function otherCurrency(shown: string, code: string, currency: string): ParsedAmount {
  return refuse(
    `The new limit "${shown}" is in ${code}, but this spend limit is in ${currency}. Type the amount in ${currency}; a limit's currency cannot be changed from the sheet`,
  );
}

function refuse(problem: string): ParsedAmount {
  return { ok: false, problem: `${problem}.` };
}
