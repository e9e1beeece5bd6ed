/** Custom functions: Brex data in any cell. The entry points call `runCustomFunction`. */
export { brexBalance, brexBalances } from './brex-balances';
export { brexExpenseCategories, brexExpenses } from './brex-expenses';
export { brexCards, brexSpendLimits, brexUsers } from './brex-lists';
export { brexSpend } from './brex-spend';
export { brexTransactions } from './brex-transactions';
export { FunctionError } from './arguments';
export { DEFAULT_CACHE_MINUTES, readCacheMinutes, saveCacheMinutes } from './cache-settings';
export type { CustomFunction } from './custom-function';
export type { FunctionResult, Grid } from './result';
export type { Room } from './result-room';
export { OutageMemo } from './outage-memo';
export { ResultCache, type CachePort } from './result-cache';
export {
  BREX_BUDGET_MS,
  NOT_CONNECTED,
  runCustomFunction,
  type FunctionHost,
  type ReadConnection,
} from './run-custom-function';
