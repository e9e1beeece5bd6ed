/** Every data set, in the order a refresh reads them (the small lists whose names others join first). */
import type { DataSet, DataSetId } from './data-set';
import { accounts, statements } from './accounts';
import { budgets, spendLimits } from './budgets';
import { expenseCategories, expenses } from './expenses';
import { transfers, vendors } from './payments';
import { cards, departments, locations, users } from './team';
import { cardTransactions, cashTransactions } from './transactions';

export const DATA_SETS: readonly DataSet[] = [
  departments,
  locations,
  users,
  cards,
  spendLimits,
  budgets,
  vendors,
  accounts,
  statements,
  // Before the card transactions, which show each one's expense category from its sheet.
  expenses,
  expenseCategories,
  cardTransactions,
  cashTransactions,
  transfers,
];

export const DATA_SET_IDS: readonly DataSetId[] = DATA_SETS.map((d) => d.id);

export function dataSetById(id: string): DataSet | undefined {
  return DATA_SETS.find((d) => d.id === id);
}

/** The data set of an id this version knows (a round or a setting saved by it). */
export function dataSetOf(id: DataSetId): DataSet {
  const dataSet = dataSetById(id);
  if (!dataSet) throw new Error(`No data set is called "${id}".`);
  return dataSet;
}
