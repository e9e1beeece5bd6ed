/**
 * What an amount cell's number format says about what the person typed. Sheets turns a typed
 * `$5000` into the number 5000 with a dollar format, `50%` into 0.5 with a percent format and
 * `3/4/2026` into a date serial: the number alone looks like a plain amount. The format tells
 * them apart, so an amount typed in another currency, as a percentage or as a date is refused
 * instead of being sent in the limit's currency.
 */

/** Currency symbols Sheets puts in a format when a person types them, and the codes they mean. */
const SYMBOLS: Readonly<Record<string, readonly string[]>> = {
  $: ['USD'],
  '€': ['EUR'],
  '£': ['GBP'],
  '¥': ['JPY', 'CNY'],
  '₹': ['INR'],
  '₩': ['KRW'],
  '₪': ['ILS'],
  '₫': ['VND'],
  '₱': ['PHP'],
  '₽': ['RUB'],
  '₺': ['TRY'],
  R$: ['BRL'],
  CHF: ['CHF'],
};

export type FormatReading =
  | { readonly kind: 'plain' }
  | { readonly kind: 'currency'; readonly symbol: string; readonly codes: readonly string[] }
  | { readonly kind: 'percent' }
  | { readonly kind: 'date' };

/** Pure: the format with its quoted literals and bracketed sections taken out, and both kept. */
function split(format: string): { bare: string; literals: string[] } {
  const literals: string[] = [];
  const bare = format
    .replace(/"([^"]*)"/g, (_, text: string) => {
      literals.push(text);
      return '';
    })
    .replace(/\[\$([^\]-]*)(?:-[^\]]*)?\]/g, (_, text: string) => {
      literals.push(text);
      return '';
    })
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\(.)/g, (_, char: string) => {
      literals.push(char);
      return '';
    });
  return { bare, literals };
}

/** Pure: what a number format says (first section, the one positive numbers use). */
export function readFormat(format: string): FormatReading {
  const { bare: raw, literals } = split((format ?? '').split(';')[0] ?? '');
  const bare = raw.replace(/general/gi, '').replace(/e[+-]/gi, '');
  if (bare.includes('%')) return { kind: 'percent' };
  if (/[ydhs]/i.test(bare) || /(^|[^0#?,.])m/i.test(bare)) return { kind: 'date' };
  const texts = [...literals, bare.replace(/[0#?,.\s_*()+-]/g, '')]
    .map((text) => text.trim())
    .filter((text) => text !== '' && text !== '@');
  for (const text of texts) {
    const code = /^[A-Za-z]{3}$/.test(text) ? text.toUpperCase() : null;
    const codes = SYMBOLS[text] ?? (code ? [code] : null);
    return { kind: 'currency', symbol: text, codes: codes ?? [] };
  }
  return { kind: 'plain' };
}

/**
 * Pure: why a number cell with this format cannot be this limit's new amount, or null when it can
 * (a plain number, or the limit's own currency).
 */
export function formatProblem(format: string, currency: string): string | null {
  const reading = readFormat(format);
  const code = currency.toUpperCase();
  switch (reading.kind) {
    case 'plain':
      return null;
    case 'percent':
      return `The new limit was typed as a percentage, but a limit is an amount in ${code}. Type the amount as a plain number.`;
    case 'date':
      return `The new limit was typed as a date or time, but a limit is an amount in ${code}. Type the amount as a plain number.`;
    case 'currency':
      if (reading.codes.includes(code)) return null;
      return `The new limit was typed in "${reading.symbol}", but this spend limit is in ${code}. Type the amount in ${code} as a plain number; a limit's currency cannot be changed from the sheet.`;
  }
}
