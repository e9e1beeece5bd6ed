/**
 * What the card and user actions add to a refresh (handed to it by the composition root, beside
 * the spend limits' hooks): a cell waiting to be pushed stays as typed, with the cells its action
 * also reads ("Reason"); once the rows are written, Brex's values become the last-synced ones,
 * pending rows included, and the departments, locations and people become the directory that
 * typed names are resolved against.
 */
import type { Card, Department, Location } from '../../brex';
import type { RefreshHooks } from '../../data-sets/data-set';
import { users as usersDataSet, type UserWithLimit } from '../../data-sets/team';
import type { KeyValuePort } from '../../ports/key-value-port';
import type { CellValue } from '../../ports/table-port';
import type { WriteAction } from '../action';
import { CARD_ACTIONS } from './cards';
import { plainLimit } from './money-column';
import { cardEntry, userEntry } from './synced-entries';
import { SyncedRows } from './synced-rows';
import { USER_ACTIONS } from './users';

type Grid = readonly (readonly CellValue[])[];

/** The cells of every pending change of these actions, as headers by Brex id. */
function pendingCells(
  actions: readonly WriteAction[],
  sheet: Grid,
  store: KeyValuePort,
): Map<string, string[]> {
  const kept = new Map<string, string[]>();
  const deps = { store, now: () => new Date() };
  for (const action of actions) {
    if (action.reads === 'new row') continue;
    for (const change of action.find(deps, { grid: sheet }, [])) {
      kept.set(change.targetId, [...(kept.get(change.targetId) ?? []), ...action.reads]);
    }
  }
  return kept;
}

function merged(
  a: ReadonlyMap<string, readonly string[]>,
  b: ReadonlyMap<string, readonly string[]>,
): Map<string, string[]> {
  const all = new Map<string, string[]>([...a].map(([id, headers]) => [id, [...headers]]));
  for (const [id, headers] of b) all.set(id, [...new Set([...(all.get(id) ?? []), ...headers])]);
  return all;
}

export const teamHooks: RefreshHooks = {
  cards: {
    keepCells: (_items, sheet, store) => pendingCells(CARD_ACTIONS, sheet, store),
    afterWrite: (items, store) =>
      SyncedRows.record(store, 'cards', (items as readonly Card[]).map(cardEntry)),
  },
  users: {
    keepCells: (items, sheet, store) =>
      merged(
        usersDataSet.keepCells?.(items as never, sheet, store) ?? new Map(),
        pendingCells(USER_ACTIONS, sheet, store),
      ),
    afterWrite: (items, store, _now, _kept, lookups) => {
      const before = SyncedRows.read(store, 'users');
      SyncedRows.record(
        store,
        'users',
        (items as readonly UserWithLimit[]).map((user) => {
          // The names the row was written with: an untouched cell reads as its ids even when
          // "Brex Departments" or "Brex Locations" was never synced.
          const names = {
            department: lookups.departmentName(user.department_id),
            location: lookups.locationName(user.location_id),
          };
          // A limit not read in this run stays as the sheet (and the last entry) has it.
          if (user.monthlyLimit === undefined) {
            const last = before.get(user.id);
            const limit = { limit: last?.limit ?? '', currency: last?.currency ?? '' };
            return userEntry(user, limit, names);
          }
          const money = user.monthlyLimit?.monthly_limit;
          const currency = money?.currency || '';
          return userEntry(
            user,
            { limit: money ? plainLimit(money.amount, currency || 'USD') : '', currency },
            names,
          );
        }),
      );
    },
  },
  departments: {
    afterWrite: (items, store) =>
      SyncedRows.record(
        store,
        'departments',
        (items as readonly Department[]).map((d) => ({ id: d.id, name: d.name })),
      ),
  },
  locations: {
    afterWrite: (items, store) =>
      SyncedRows.record(
        store,
        'locations',
        (items as readonly Location[]).map((l) => ({ id: l.id, name: l.name })),
      ),
  },
};
