/** =BREX_SPEND_LIMITS(), =BREX_CARDS(), =BREX_USERS(): a sync data set, whole, in any cell. */
import type { DataSet } from '../sync/data-set';
import { spendLimits } from '../sync/data-sets/budgets';
import { cards, users } from '../sync/data-sets/team';
import { defineFunction } from './custom-function';
import { answeredTooSlowly, readSources } from './read-pages';
import { toGrid } from './result';

function wholeDataSet(name: string, dataSet: DataSet) {
  return defineFunction<Record<string, never>>({
    name,
    arity: 0,
    syncedSheet: dataSet.sheetName,
    parse: () => ({}),
    compute(_args, context) {
      const sources = dataSet.sources({ ...context, since: '', historyStart: '' });
      const items = readSources(sources, answeredTooSlowly(name, dataSet.sheetName));
      const rows = items.map((item) => dataSet.row(item, context.lookups));
      return toGrid(dataSet.columns, rows, context.timeZone);
    },
  });
}

export const brexSpendLimits = wholeDataSet('BREX_SPEND_LIMITS', spendLimits);
export const brexCards = wholeDataSet('BREX_CARDS', cards);
export const brexUsers = wholeDataSet('BREX_USERS', users);
