/**
 * Validation of one edited limit before anything is sent, and the consequences worth a second
 * look. A refused change carries a message for the review and the cell's note; it is never sent.
 */
import type { WriteBackSettings } from '../contract/writeback';
import type { CellValue } from '../ports/table-port';
import { groupedAmount } from './amount-text';
import { parseAmount } from './parse-amount';
import { ceilingFor } from './settings';
import type { SyncedLimit } from './synced-values';

export interface ChangeCheck {
  /** The new amount in minor units; null when the cell cannot be read. */
  readonly minorUnits: number | null;
  readonly problem: string | null;
  readonly consequences: readonly string[];
}

const CLOSED_STATUSES: Readonly<Record<string, string>> = {
  ARCHIVED: 'archived',
  EXPIRED: 'expired',
  DELETED: 'deleted',
};

/** Pure: whether Brex still lets this limit change, given its status and end date. */
export function closedProblem(
  status: string,
  endDate: string | null,
  today: string,
): string | null {
  const closed = CLOSED_STATUSES[status.toUpperCase()];
  if (closed) {
    return `This spend limit is ${closed} in Brex, so its amount cannot change. Discard the edit.`;
  }
  if (endDate && endDate < today) {
    return `This spend limit expired on ${endDate}, so its amount cannot change. Discard the edit, or extend it in Brex first.`;
  }
  return null;
}

/**
 * Pure: checks the edited amount cell (and the row's currency cell) against the last-synced
 * values. `today` is `YYYY-MM-DD`.
 */
export function checkChange(
  synced: SyncedLimit,
  amountCell: CellValue,
  currencyCell: CellValue,
  settings: WriteBackSettings,
  today: string,
): ChangeCheck {
  const { currency } = synced;
  const typedCurrency = String(currencyCell ?? '').trim();
  if (typedCurrency && typedCurrency.toUpperCase() !== currency.toUpperCase()) {
    return refused(
      `The currency was changed to "${typedCurrency}", but this spend limit is in ${currency}. Put ${currency} back; a limit's currency cannot be changed from the sheet.`,
    );
  }
  const closed = closedProblem(synced.status, synced.endDate, today);
  if (closed) return refused(closed);
  const parsed = parseAmount(amountCell, currency);
  if (!parsed.ok) return refused(parsed.problem);
  const amount = parsed.minorUnits;
  const ceiling = ceilingFor(settings, currency);
  if (amount > ceiling) {
    return {
      minorUnits: amount,
      problem: `The new limit ${groupedAmount(amount, currency)} ${currency} is above the ceiling of ${groupedAmount(ceiling, currency)} ${currency} set for this spreadsheet. Type a smaller amount, or raise the ceiling in the write-back settings.`,
      consequences: [],
    };
  }
  return { minorUnits: amount, problem: null, consequences: consequencesOf(synced, amount) };
}

function consequencesOf(synced: SyncedLimit, amount: number): string[] {
  const { currency } = synced;
  const out: string[] = [];
  if (synced.spent !== null && amount < synced.spent) {
    out.push(
      `The new limit is below the ${groupedAmount(synced.spent, currency)} ${currency} already spent this period: new spend against it will be declined until the period ends.`,
    );
  }
  if (amount === 0) out.push('A limit of zero blocks all new spend against it.');
  if (synced.amount > 0 && amount >= synced.amount * 10) {
    out.push('The new limit is ten times the old one or more: check for an extra zero.');
  }
  return out;
}

function refused(problem: string): ChangeCheck {
  return { minorUnits: null, problem, consequences: [] };
}
