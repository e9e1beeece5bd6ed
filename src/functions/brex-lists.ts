/** =BREX_SPEND_LIMITS(), =BREX_CARDS(), =BREX_USERS(): a sync data set, whole, in any cell. */
import type { DataSet } from '../sync/data-set';
import { spendLimits } from '../sync/data-sets/budgets';
import { cards, FORMULA_LIMITS_MAX_USERS, users } from '../sync/data-sets/team';
import { defineFunction } from './custom-function';
import { answeredTooSlowly, readSources } from './read-pages';
import { toGrid } from './result';

function wholeDataSet(name: string, dataSet: DataSet) {
  return defineFunction<Record<string, never>>({
    name,
    arity: 0,
    parse: () => ({}),
    compute(_args, context) {
      const sources = dataSet.sources({ ...context, since: '', historyStart: '' });
      const items = readSources(sources, answeredTooSlowly(name, dataSet.sheetName));
      const rows = items.map((item) => dataSet.row(item, context.lookups));
      return toGrid(columnsShown(dataSet, items.length), rows, context.timeZone);
    },
  });
}

/**
 * A large company's users come without their limits (Brex reads them one user at a time): the
 * limit headers say where they are instead.
 */
function columnsShown(dataSet: DataSet, count: number): DataSet['columns'] {
  if (dataSet !== users || count <= FORMULA_LIMITS_MAX_USERS) return dataSet.columns;
  return dataSet.columns.map((c) =>
    c.header.startsWith('Monthly ') || c.header === 'Limit currency'
      ? { ...c, header: `${c.header} (see ${users.sheetName} sheet)` }
      : c,
  );
}

export const brexSpendLimits = wholeDataSet('BREX_SPEND_LIMITS', spendLimits);
export const brexCards = wholeDataSet('BREX_CARDS', cards);
export const brexUsers = wholeDataSet('BREX_USERS', users);
