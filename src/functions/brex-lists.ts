/** =BREX_SPEND_LIMITS(), =BREX_CARDS(), =BREX_USERS(): a sync data set, whole, in any cell. */
import { BrexError, type Page, type User } from '../brex';
import type { DataSet } from '../data-sets/data-set';
import { spendLimits } from '../data-sets/budgets';
import { cards, LIMIT_HEADERS, users, type UserWithLimit } from '../data-sets/team';
import { KEY_HEADER } from '../cells/header';
import { defineFunction, type ComputeContext } from './custom-function';
import { FunctionError } from './arguments';
import { answeredTooSlowly, readSources } from './read-pages';
import { toGrid, type Grid } from './result';
import type { CellValue } from '../ports/table-port';

function readWhole(name: string, dataSet: DataSet, context: ComputeContext): unknown[] {
  const sources = dataSet.sources({ ...context, since: '', historyStart: '' });
  return readSources(sources, answeredTooSlowly(name, dataSet.sheetName));
}

function wholeDataSet(name: string, dataSet: DataSet) {
  return defineFunction<Record<string, never>>({
    name,
    arity: 0,
    syncedSheet: dataSet.sheetName,
    parse: () => ({}),
    compute(_args, context) {
      const rows = readWhole(name, dataSet, context).map((item) =>
        dataSet.row(item, context.lookups),
      );
      return toGrid(dataSet.columns, rows, context.timeZone);
    },
  });
}

export const brexSpendLimits = wholeDataSet('BREX_SPEND_LIMITS', spendLimits);
export const brexCards = wholeDataSet('BREX_CARDS', cards);

/**
 * BREX_USERS sends at most 3 requests at any company size: one page of users (Brex's largest,
 * 1,000) and the departments and locations their rows name. A larger company's directory is the
 * Brex Users sheet's to show: the formula says so in a last row rather than read page after page.
 * Brex gives monthly limits one user at a time, so the formula never reads them: it takes them
 * from the Brex Users sheet when the sync has written one, and otherwise leaves them blank; the
 * limit headers say which.
 */
export const brexUsers = defineFunction<Record<string, never>>({
  name: 'BREX_USERS',
  arity: 0,
  parse: () => ({}),
  compute(_args, context) {
    const page = readFirstPage(context);
    context.lookups.use('users', page.items);
    const synced = syncedLimits(context.sheetValues?.(users.sheetName) ?? null);
    const result = synced
      ? withSyncedLimits(page.items, synced, context)
      : relabel(grid(page.items, context), `(refresh the ${users.sheetName} sheet to see them)`);
    if (page.nextCursor === null) return result;
    const note = `More users in Brex than these ${page.items.length}: the ${users.sheetName} sheet has them all (Extensions ▸ Brex ▸ Refresh now).`;
    return [...result, (result[0] ?? []).map((_, i) => (i === 0 ? note : ''))];
  },
});

function readFirstPage(context: ComputeContext): Page<User> {
  try {
    return context.reader.page('users', {}, null);
  } catch (error) {
    if (error instanceof BrexError && error.kind === 'deadline_reached')
      throw new FunctionError(answeredTooSlowly('BREX_USERS', users.sheetName)());
    throw error;
  }
}

function grid(items: readonly UserWithLimit[], context: ComputeContext): Grid {
  const rows = items.map((u) => users.row(u, context.lookups));
  return toGrid(users.columns, rows, context.timeZone);
}

/** The limit cells by user id, as the Brex Users sheet shows them; null without that sheet. */
function syncedLimits(sheet: CellValue[][] | null): Map<string, CellValue[]> | null {
  const header = (sheet?.[0] ?? []).map((h) => String(h).trim());
  const key = header.indexOf(KEY_HEADER);
  const columns = LIMIT_HEADERS.map((h) => header.indexOf(h));
  if (!sheet || key < 0 || columns.some((c) => c < 0)) return null;
  return new Map(sheet.slice(1).map((row) => [String(row[key]), columns.map((c) => row[c] ?? '')]));
}

function withSyncedLimits(
  all: readonly UserWithLimit[],
  synced: ReadonlyMap<string, CellValue[]>,
  context: ComputeContext,
): Grid {
  const result = grid(all, context);
  const header = result[0] ?? [];
  const positions = LIMIT_HEADERS.map((h) => header.indexOf(h));
  all.forEach((u, i) => {
    const cells = synced.get(u.id);
    const row = result[i + 1];
    if (!row) return;
    positions.forEach((p, j) => (row[p] = cells?.[j] ?? ''));
  });
  return relabel(result, `(from the ${users.sheetName} sheet)`);
}

/** Adds where the limits come from to their headers. */
function relabel(result: Grid, note: string): Grid {
  const [header = [], ...rows] = result;
  return [
    header.map((h) => (LIMIT_HEADERS.includes(String(h)) ? `${String(h)} ${note}` : h)),
    ...rows,
  ];
}
