/**
 * Brex's codes as words a person reads ("PER_MONTH" → "Per month"), and back. Sheets show the
 * words; anything that reads a cell back (the write-back's row checks) accepts either form.
 *
 * Pure. Only the codes listed here are turned into words: Brex adds values without notice, and a
 * code this table does not know is shown, and read back, exactly as Brex sent it. docs/sheets.md
 * lists the mapping.
 */

/** Words that the sentence-case rule would get wrong. */
const SPECIAL_WORDS: Readonly<Record<string, string>> = {
  ACH: 'ACH',
  BNPL_FEE: 'Buy now, pay later fee',
  CRYPTO_BRIDGE: 'Crypto bridge',
  FBO_TRANSFER: 'FBO transfer',
  INTRA_CUSTOMER_ACCOUNT_BOOK_TRANSFER: 'Book transfer between own accounts',
  RECURRING_SOFTWARE_AND_SAAS: 'Recurring software and SaaS',
  TRAVEL_WIFI: 'Travel Wi-Fi',
  PENDING_ACTIVATION: 'Pending activation',
  UNSET: 'Not set',
};

/** Brex's codes by field, from the specs (specs/brex/): statuses, periods, types, categories. */
// prettier-ignore
const KNOWN_CODES: readonly string[] = [
  // Statuses: cards, users, spend limits, budgets, expenses, payments, transfers, accounts.
  'ACTIVE', 'SHIPPED', 'LOCKED', 'TERMINATED', 'INVITED', 'CLOSED', 'DISABLED', 'DELETED',
  'PENDING_ACTIVATION', 'INACTIVE', 'ARCHIVED', 'EXPIRED', 'APPROVED', 'DRAFT', 'SUBMITTED',
  'OUT_OF_POLICY', 'VOID', 'CANCELED', 'SPLIT', 'SETTLED', 'NOT_STARTED', 'PROCESSING', 'DECLINED',
  'CLEARED', 'REFUNDING', 'REFUNDED', 'CASH_ADVANCE', 'CREDITED', 'AWAITING_PAYMENT', 'SCHEDULED',
  'PENDING_APPROVAL', 'FAILED', 'PROCESSED',
  // Periods: spend limits (PER_…), budgets and card controls.
  'PER_WEEK', 'PER_MONTH', 'PER_QUARTER', 'PER_YEAR', 'ONE_TIME', 'WEEKLY', 'MONTHLY', 'QUARTERLY',
  'YEARLY',
  // Card types, limit types, expense types.
  'VIRTUAL', 'PHYSICAL', 'CARD', 'USER', 'HARD', 'SOFT', 'BILLPAY', 'REIMBURSEMENT', 'CLAWBACK',
  'UNSET',
  // Transaction types (card, then cash).
  'PURCHASE', 'REFUND', 'CHARGEBACK', 'REWARDS_CREDIT', 'COLLECTION', 'BNPL_FEE', 'PAYMENT',
  'DIVIDEND', 'FEE', 'ADJUSTMENT', 'INTEREST', 'CARD_COLLECTION', 'REWARDS_REDEMPTION',
  'RECEIVABLES_OFFERS_ADVANCE', 'FBO_TRANSFER', 'RECEIVABLES_OFFERS_REPAYMENT',
  'RECEIVABLES_OFFERS_COLLECTION', 'BREX_OPERATIONAL_TRANSFER',
  'INTRA_CUSTOMER_ACCOUNT_BOOK_TRANSFER', 'BOOK_TRANSFER', 'CRYPTO_BRIDGE',
  // Payment types.
  'ACH', 'DOMESTIC_WIRE', 'CHEQUE', 'INTERNATIONAL_WIRE',
  // Expense categories.
  'ADVERTISING_AND_MARKETING', 'AIRLINE_EXPENSES', 'BANK_AND_FINANCIAL_FEES', 'BARS_AND_NIGHTLIFE',
  'BOOKS_AND_NEWSPAPERS', 'CAR_RENTAL', 'CHARITY', 'CLOTHING', 'CONFERENCES',
  'CONSULTANT_AND_CONTRACTOR', 'CORPORATE_INSURANCE', 'DIGITAL_GOODS', 'ELECTRONICS',
  'EVENT_EXPENSES', 'FACILITIES_EXPENSES', 'FEES_AND_LICENSES_AND_TAXES', 'FLOWERS',
  'FOOD_DELIVERY', 'FURNITURE', 'GAMBLING', 'GAS_AND_FUEL', 'GENERAL_MERCHANDISE', 'GROCERY',
  'LAUNDRY', 'LEGAL_SERVICES', 'LODGING', 'MEDICAL', 'MEMBERSHIPS_AND_CLUBS', 'OFFICE_SUPPLIES',
  'OTHER_BUSINESS_EXPENSES', 'OTHER_TRAVEL_EXPENSES', 'PARKING_EXPENSES', 'POLITICAL_DONATIONS',
  'PRIVATE_AIR_TRAVEL', 'PUBLIC_TRANSPORTATION', 'RECURRING_SOFTWARE_AND_SAAS', 'RENT',
  'RESTAURANTS', 'RIDESHARE_AND_TAXI', 'SERVERS', 'SHIPPING', 'SOFTWARE_NON_RECURRING',
  'TELEPHONY', 'TOLL_AND_BRIDGE_FEES', 'TRAINING_AND_EDUCATION', 'TRAVEL_WIFI', 'UTILITIES',
  'VEHICLE_EXPENSES', 'UNCATEGORIZED',
];

/** Pure: "GENERAL_MERCHANDISE" → "General merchandise". */
function sentenceCase(code: string): string {
  const words = code.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const WORDS = new Map(KNOWN_CODES.map((code) => [code, SPECIAL_WORDS[code] ?? sentenceCase(code)]));
const CODES = new Map([...WORDS].map(([code, words]) => [words.toLowerCase(), code]));

/** Pure: a Brex code as words; an unknown code (or no code) as it came. */
export function readable(code: string | null | undefined): string {
  if (code === null || code === undefined) return '';
  return WORDS.get(code) ?? code;
}

/** Pure: the Brex code a cell means, whether it shows the words or the code itself. */
export function codeOf(text: string): string {
  const trimmed = text.trim();
  if (WORDS.has(trimmed)) return trimmed;
  return CODES.get(trimmed.toLowerCase()) ?? trimmed;
}

/** Every known code with its words, for the docs and their test. */
export function readableTable(): readonly (readonly [string, string])[] {
  return [...WORDS];
}
