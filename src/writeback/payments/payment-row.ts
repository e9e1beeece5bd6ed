/**
 * One staged payment row of "Brex Transfers", read and judged against the reviewed world: the
 * vendor by company name and its payment instrument for the row's method, the amount in USD minor
 * units (as the spend-limit amounts are read: exactly, or not at all), the originating cash account
 * by name, the description and the external memo, each refused with a message that names the fix.
 */
import { headerText } from '../../cells/header';
import { codeOf } from '../../cells/readable-values';
import type { PaymentMethod } from '../../contract/writeback';
import type { CellValue } from '../../ports/table-port';
import { groupedAmount } from '../amount-text';
import { parseAmount } from '../parse-amount';
import { textProblem } from '../actions/typed-text';
import type { AccountEntry, PaymentWorld, VendorEntry } from './payment-world';

export const TRANSFERS_SHEET = 'Brex Transfers';
export const VENDOR = 'Vendor';
export const METHOD = 'Payment type';
export const AMOUNT = 'Amount';
export const CURRENCY = 'Currency';
export const ACCOUNT = 'From account';
export const DESCRIPTION = 'Description';
export const MEMO = 'External memo';
export const STATUS = 'Status';
export const PAYMENT_KEY = 'Payment key';
export const STAGED_BY = 'Staged by';

/** The cells a person fills to stage a payment; a blank-ID row with any of them is staged. */
export const PAYMENT_INPUTS = [VENDOR, METHOD, AMOUNT, CURRENCY, ACCOUNT, DESCRIPTION, MEMO];

/** The spec's limits on the external memo: 90 characters for ACH and wires, 40 for cheques. */
const MEMO_MAX: Readonly<Record<PaymentMethod, number>> = {
  ACH: 90,
  DOMESTIC_WIRE: 90,
  INTERNATIONAL_WIRE: 90,
  CHEQUE: 40,
};
const METHOD_WORDS: Readonly<Record<PaymentMethod, string>> = {
  ACH: 'ACH',
  DOMESTIC_WIRE: 'domestic wire',
  CHEQUE: 'cheque',
  INTERNATIONAL_WIRE: 'international wire',
};
const METHOD_ALIASES: Readonly<Record<string, PaymentMethod>> = {
  ach: 'ACH',
  wire: 'DOMESTIC_WIRE',
  domestic_wire: 'DOMESTIC_WIRE',
  cheque: 'CHEQUE',
  check: 'CHEQUE',
  international_wire: 'INTERNATIONAL_WIRE',
};

export type RowReader = (header: string) => CellValue;

/** A payment row as read: what it names, what resolved, and its problem (null when it may go). */
export interface PaymentDraft {
  readonly vendorName: string;
  readonly vendor: VendorEntry | null;
  readonly method: PaymentMethod | null;
  readonly instrumentId: string;
  readonly amount: number | null;
  readonly accountName: string;
  readonly account: AccountEntry | null;
  readonly description: string;
  readonly memo: string;
  readonly problem: string | null;
}

export function methodWords(method: PaymentMethod): string {
  return METHOD_WORDS[method];
}

/** Pure: the row judged against the world (its first problem, in the order a person fills it). */
export function readPaymentRow(row: RowReader, world: PaymentWorld): PaymentDraft {
  const vendorName = headerText(row(VENDOR)).trim();
  const accountName = headerText(row(ACCOUNT)).trim();
  const description = headerText(row(DESCRIPTION)).trim();
  const memo = headerText(row(MEMO)).trim();
  const vendor = world.vendors.find((v) => v.name.toLowerCase() === vendorName.toLowerCase());
  const account = world.accounts.find((a) => a.name.toLowerCase() === accountName.toLowerCase());
  const method = vendor ? methodOf(row, vendor) : { method: null, problem: null };
  const amount = amountOf(row);
  const instrument = vendor?.instruments.find((i) => i.method === method.method);
  const problem =
    (vendorName === ''
      ? `A payment needs a vendor. Type the vendor's company name in "${VENDOR}", as "Brex Vendors" shows it.`
      : null) ??
    textProblem(VENDOR, vendorName) ??
    twinsProblem('vendor', world.vendors, vendorName, 'rename one of them in Brex') ??
    twinsProblem('cash account', world.accounts, accountName, 'rename one of them in Brex') ??
    (vendor
      ? null
      : `Brex has no vendor named "${vendorName}". Type a company name from "Brex Vendors" (create the vendor there first, then refresh).`) ??
    method.problem ??
    amount.problem ??
    accountProblem(accountName, account, world) ??
    textsProblem(description, memo, method.method);
  return {
    vendorName,
    vendor: vendor ?? null,
    method: method.method,
    instrumentId: instrument?.id ?? '',
    amount: amount.minorUnits,
    accountName,
    account: account ?? null,
    description,
    memo,
    problem,
  };
}

function methodOf(
  row: RowReader,
  vendor: VendorEntry,
): { method: PaymentMethod | null; problem: string | null } {
  const typed = headerText(row(METHOD)).trim();
  const offered = vendor.instruments.map((i) => methodWords(i.method)).join(', ');
  if (vendor.instruments.length === 0) {
    return {
      method: null,
      problem: `"${vendor.name}" has no payment details in Brex, so it cannot be paid. Add its bank or mailing details in Brex's dashboard, then refresh.`,
    };
  }
  if (typed === '') {
    const only = vendor.instruments.length === 1 ? vendor.instruments[0] : undefined;
    return only
      ? { method: only.method, problem: null }
      : {
          method: null,
          problem: `"${vendor.name}" can be paid by ${offered}. Type one of them in "${METHOD}".`,
        };
  }
  const code = codeOf(typed)
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  const method = METHOD_ALIASES[code.toLowerCase()] ?? null;
  if (!method) {
    return {
      method: null,
      problem: `"${typed}" is not a payment method. Type ACH, Domestic wire or Cheque in "${METHOD}".`,
    };
  }
  if (!vendor.instruments.some((i) => i.method === method)) {
    return {
      method: null,
      problem: `"${vendor.name}" has no ${methodWords(method)} details in Brex; it can be paid by ${offered}. Type one of them in "${METHOD}".`,
    };
  }
  return { method, problem: null };
}

function amountOf(row: RowReader): { minorUnits: number | null; problem: string | null } {
  const cell = row(AMOUNT);
  const currency = headerText(row(CURRENCY)).trim().toUpperCase();
  if (currency !== '' && currency !== 'USD') {
    return {
      minorUnits: null,
      problem: `Brex pays vendors in USD only, and this row's "${CURRENCY}" is ${currency}. Type the amount in USD and USD (or nothing) in "${CURRENCY}".`,
    };
  }
  if (headerText(cell).trim() === '') {
    return {
      minorUnits: null,
      problem: `A payment needs an amount. Type it in USD in "${AMOUNT}".`,
    };
  }
  const text = headerText(cell).trim();
  if ((typeof cell === 'number' && cell < 0) || /^[^\d]*-/.test(text)) {
    return {
      minorUnits: null,
      problem: `The amount ${text} is negative. A payment sends money to the vendor: type a positive amount in USD.`,
    };
  }
  const parsed = parseAmount(cell, 'USD');
  if (!parsed.ok) {
    const problem = parsed.problem
      .replace('The new limit', 'The amount')
      .replace(
        /, but this spend limit is in USD.*$/,
        '. Brex pays vendors in USD only: type the amount in USD.',
      );
    return { minorUnits: null, problem };
  }
  if (parsed.minorUnits === 0) {
    return { minorUnits: null, problem: `The amount is zero. Type the amount to pay, in USD.` };
  }
  return { minorUnits: parsed.minorUnits, problem: null };
}

/**
 * Pure: why a name two of Brex's vendors or accounts share cannot be paid or paid from (a row
 * names them, and could only go to one of them by guessing); null when at most one has it.
 */
function twinsProblem(
  what: string,
  all: readonly { readonly id: string; readonly name: string }[],
  name: string,
  fix: string,
): string | null {
  const twins = all.filter((e) => name !== '' && e.name.toLowerCase() === name.toLowerCase());
  if (twins.length < 2) return null;
  return `${twins.length} ${what}s are named "${name}" in Brex (${twins.map((e) => e.id).join(', ')}), so the row cannot tell which: ${fix}, refresh, then type the new name.`;
}

function accountProblem(
  name: string,
  account: AccountEntry | undefined,
  world: PaymentWorld,
): string | null {
  const names = world.accounts.map((a) => `"${a.name}"`).join(', ');
  if (name === '') {
    return `A payment needs the cash account it leaves from. Type its name in "${ACCOUNT}"${names ? `: ${names}` : ''}.`;
  }
  if (!account) {
    return `Brex has no cash account named "${name}". Type one of ${names || 'your Brex business accounts'} in "${ACCOUNT}".`;
  }
  return null;
}

function textsProblem(
  description: string,
  memo: string,
  method: PaymentMethod | null,
): string | null {
  if (description === '') {
    return `A payment needs a description (for your team; the vendor does not see it). Type one in "${DESCRIPTION}".`;
  }
  if (memo === '') {
    return `A payment needs an external memo, which the vendor sees (an invoice number, say). Type one in "${MEMO}".`;
  }
  const formula = textProblem(DESCRIPTION, description) ?? textProblem(MEMO, memo);
  if (formula) return formula.replace('Type the name without it.', 'Type the text without it.');
  for (const [header, text] of [
    [DESCRIPTION, description],
    [MEMO, memo],
  ] as const) {
    // Brex's payment rails carry plain ASCII.
    const other = [...text].find((c) => c.charCodeAt(0) > 126 || c.charCodeAt(0) < 32);
    if (other) {
      return `"${header}" contains "${other}", which bank payments cannot carry. Use plain letters, digits and punctuation.`;
    }
  }
  const max = method ? MEMO_MAX[method] : 90;
  if (method && memo.length > max) {
    return `The external memo has ${memo.length} characters, and Brex takes at most ${max} for a payment by ${methodWords(method)}. Shorten it to ${max}.`;
  }
  return null;
}

/** Pure: "12,500.00 USD to Acme (ACH) from Operating". */
export function paymentText(draft: PaymentDraft): string {
  const amount = draft.amount === null ? '?' : `${groupedAmount(draft.amount, 'USD')} USD`;
  const method = draft.method ? ` (${methodWords(draft.method)})` : '';
  const account = draft.account?.name ?? draft.accountName;
  return `${amount} to ${draft.vendor?.name ?? draft.vendorName}${method} from ${account}`;
}
