/**
 * Whether a card expense's receipt is in, for the Receipt column of Brex Expenses: a list of the
 * receipts to chase is one filter ("Missing"). Only card spend needs a receipt here, from an
 * amount the sync settings set: a reimbursement is claimed with its receipt, and a refund or a
 * small purchase needs none.
 */
import type { Expense } from '../brex';
import { currencyExponent } from '../cells/currency';

/** A common receipt policy: travel and entertainment receipts are required from $75. */
export const DEFAULT_RECEIPT_THRESHOLD = 75;

export type ReceiptStatus = 'Attached' | 'Missing' | 'Not required' | '';

/**
 * Pure: "Attached" for a card expense with a receipt; "Missing" for one without, billed at least
 * `threshold` (major units of its billing currency); "Not required" below it; blank for any
 * other expense type.
 */
export function receiptStatus(expense: Expense, threshold: number): ReceiptStatus {
  if (expense.expense_type !== 'CARD') return '';
  if ((expense.receipts?.length ?? 0) > 0) return 'Attached';
  const money = expense.billing_amount ?? expense.original_amount;
  const minor = Number(money?.amount ?? 0);
  const billed = minor / 10 ** currencyExponent(String(money?.currency || 'USD'));
  return billed >= threshold ? 'Missing' : 'Not required';
}
