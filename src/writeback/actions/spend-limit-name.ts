/**
 * "Name" on "Brex Spend Limits": an edited name becomes `PUT /v2/spend_limits/{id}` with the name
 * alone. Its conflict check compares Brex's name now with the last sync; its inverse stages the
 * old name. The name is one of the row's identity cells (`row-identity.ts`), so the row counts as
 * the limit's while its Period still reads as synced, and a new name that another limit has in
 * the last sync is refused: that is what sorting the Name column on its own looks like. The
 * Members edit of a row waiting to be renamed holds by the same rule (`limitRowHolds`).
 */
import type { SpendLimit } from '../../brex';
import { toCell } from '../../cells/columns';
import { headerText } from '../../cells/header';
import { readable } from '../../cells/readable-values';
import type { WriteAction } from '../action';
import { SPEND_LIMITS_SHEET } from '../pending-changes';
import { identityOf, IDENTITY_HEADERS } from '../row-identity';
import { SyncedValues } from '../synced-values';
import type { KeyValuePort } from '../../ports/key-value-port';
import { columnAction, type Parsed, type RowReader } from './column-action';
import type { LimitEntry } from './spend-limit-entries';
import { spendLimitIdentity } from './spend-limit-identity';
import { currentLimits } from './spend-limit-base-limit';
import { SyncedRows } from './synced-rows';
import { textProblem } from './typed-text';

const refused = (problem: string): Parsed<never> => ({ to: null, payload: null, problem });

/** Pure: why Brex no longer lets this limit change; null while it is active. */
export function limitClosed(status: string): string | null {
  return status === 'ACTIVE' || status === ''
    ? null
    : `This spend limit is ${readable(status).toLowerCase()} in Brex, so it can no longer be changed. Nothing was sent. Discard the edit.`;
}

/** The limit other than `id` that the last sync names `name` (any case), if any. */
function namedElsewhere(store: KeyValuePort, id: string, name: string): LimitEntry | undefined {
  const wanted = name.toLowerCase();
  return SyncedRows.read(store, 'limits')
    .all()
    .find((other) => other.id !== id && other.name.toLowerCase() === wanted);
}

/**
 * Whether a row is still the limit's when its Name may hold a rename waiting to be pushed: its
 * Period reads as synced, and its Name is either the synced one or a name no other limit has (a
 * Name column sorted on its own shows other limits' names).
 */
export function limitRowHolds(row: RowReader, entry: LimitEntry, store: KeyValuePort): boolean {
  if (identityOf([row('Name'), row('Period')]) === entry.identity) return true;
  if (identityOf([entry.name, row('Period')]) !== entry.identity) return false;
  const name = headerText(row('Name'));
  return name !== '' && namedElsewhere(store, entry.id, name) === undefined;
}

export const limitName: WriteAction = columnAction<'limits', string, SpendLimit, SpendLimit>({
  id: 'spend_limit.name',
  label: 'Rename spend limit',
  sheet: SPEND_LIMITS_SHEET,
  set: 'limits',
  header: 'Name',
  identity: [...IDENTITY_HEADERS],
  whole: (row, entry) => identityOf([entry.name, row('Period')]) === entry.identity,
  confirmation: 'none',
  reversible: true,
  synced: (entry) => entry.name,
  read: (cell) => headerText(cell),
  shown: (value) => value,
  cell: (value, _entry, timeZone) => toCell('text', value, timeZone),
  parse(to, entry, _row, deps) {
    if (to === '') {
      return refused(`A spend limit needs a name. Type one, or put back "${entry.name}".`);
    }
    const problem = textProblem('Name', to) ?? limitClosed(entry.status);
    if (problem) return refused(problem);
    const twin = namedElsewhere(deps.store, entry.id, to);
    if (twin) {
      return refused(
        `Another spend limit (${twin.id}) is named "${twin.name}" in Brex. Was the Name column sorted on its own? Undo the sort, or choose a name no other limit has.`,
      );
    }
    return { to, payload: to, problem: null };
  },
  readCurrent: (brex, ids) => currentLimits(brex.spendLimits, ids),
  current: (limit) => limit.name ?? '',
  closed: (limit) => limitClosed(limit.status),
  send: (deps, id, name, key) => deps.brex.updateSpendLimit(id, { name }, key),
  answerId: (limit) => limit.id,
  settle: (limit, entry, timeZone) => ({
    entry: {
      ...entry,
      name: limit.name,
      status: limit.status,
      identity: spendLimitIdentity(limit),
    },
    cells: { Name: toCell('text', limit.name, timeZone) },
  }),
  // The base limit's last-synced identity names the limit too.
  settled: (deps, limits) =>
    SyncedValues.read(deps.store).rename(limits, deps.now(), spendLimitIdentity),
});
