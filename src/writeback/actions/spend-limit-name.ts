/**
 * "Name" on "Brex Spend Limits": an edited name becomes `PUT /v2/spend_limits/{id}` with the name
 * alone. Its conflict check compares Brex's name now with the last sync; its inverse stages the
 * old name. The name is one of the row's identity cells (`row-identity.ts`), so the row counts as
 * the limit's while its Period still reads as synced, and a new name that another limit has in
 * the last sync is refused: that is what sorting the Name column on its own looks like.
 */
import type { SpendLimit } from '../../brex';
import { toCell } from '../../cells/columns';
import { headerText } from '../../cells/header';
import { readable } from '../../cells/readable-values';
import type { WriteAction } from '../action';
import { SPEND_LIMITS_SHEET } from '../pending-changes';
import { identityOf, IDENTITY_HEADERS } from '../row-identity';
import { SyncedValues } from '../synced-values';
import { columnAction, type Parsed } from './column-action';
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

export const limitName: WriteAction = columnAction<'limits', string, SpendLimit, SpendLimit>({
  id: 'spend_limit.name',
  label: 'Limit name',
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
    const twin = SyncedRows.read(deps.store, 'limits')
      .all()
      .find((other) => other.id !== entry.id && other.name.toLowerCase() === to.toLowerCase());
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
