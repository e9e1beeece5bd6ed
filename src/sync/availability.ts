/**
 * Which data sets a token can read, checked when connecting with one small request per data-set
 * family, sent together. A refusal (missing scope, no Brex Cash, no budget management) makes the
 * family's data sets "not available" with Brex's reason; the token itself may still be fine.
 */
import type { BrexError, ListName } from '../brex';
import type { DataSetId } from '../data-sets/data-set';
import { dataSetById } from '../data-sets';

export interface DataSetAvailability {
  readonly id: DataSetId;
  readonly title: string;
  readonly available: boolean;
  /** "Not available: <Brex's reason>", or null when available. */
  readonly reason: string | null;
}

export interface Probe {
  readonly list: ListName;
  readonly query: object;
  readonly dataSets: readonly DataSetId[];
}

/**
 * One list per family. Accounts are left out: the card accounts come as one bare array with no
 * paging, and without Brex Cash the data set still shows them.
 */
export const PROBES: readonly Probe[] = [
  { list: 'departments', query: {}, dataSets: ['departments'] },
  { list: 'locations', query: {}, dataSets: ['locations'] },
  { list: 'users', query: {}, dataSets: ['users'] },
  { list: 'cards', query: {}, dataSets: ['cards'] },
  { list: 'spendLimits', query: {}, dataSets: ['spend_limits'] },
  { list: 'budgets', query: {}, dataSets: ['budgets'] },
  { list: 'vendors', query: {}, dataSets: ['vendors'] },
  { list: 'cardStatements', query: {}, dataSets: ['statements'] },
  { list: 'cardTransactions', query: {}, dataSets: ['card_transactions'] },
  { list: 'cashAccounts', query: {}, dataSets: ['cash_transactions'] },
  { list: 'transfers', query: {}, dataSets: ['transfers'] },
  { list: 'expenses', query: {}, dataSets: ['expenses', 'expense_categories'] },
];

/** Pure: the probes' results (null where Brex answered) → each probed data set's availability. */
export function availabilityOf(results: readonly (BrexError | null)[]): DataSetAvailability[] {
  return PROBES.flatMap((probe, index) => {
    const refusal = results[index] ?? null;
    return probe.dataSets.map((id) => ({
      id,
      title: dataSetById(id)?.title ?? id,
      available: refusal === null,
      reason: refusal === null ? null : `Not available: ${refusal.message}`,
    }));
  });
}
