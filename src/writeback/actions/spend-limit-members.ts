/**
 * "Members" on "Brex Spend Limits": a list of people, by email, name or Brex ID, separated by
 * commas, semicolons or line breaks, in any case. Each is resolved to a user id from the last sync
 * of "Brex Users" (an unknown or ambiguous one is refused, with the candidates); a person already
 * a member is also found by the name the cell showed. The review shows the difference ("adds A,
 * B; removes C"). Brex's spec takes the members of `PUT /v2/spend_limits/{id}` as one list,
 * `member_user_ids`, that replaces the old one: the push sends Brex's current members (read by the
 * conflict check, which sends nothing unless they are still the last-synced ones) with exactly
 * that difference applied. Its inverse stages the old members.
 */
import type { SpendLimit } from '../../brex';
import { toCell } from '../../cells/columns';
import { headerText } from '../../cells/header';
import { readable } from '../../cells/readable-values';
import type { KeyValuePort } from '../../ports/key-value-port';
import type { WriteAction } from '../action';
import { SPEND_LIMITS_SHEET } from '../pending-changes';
import { IDENTITY_HEADERS } from '../row-identity';
import { columnAction } from './column-action';
import { resolveIn } from './directory';
import { currentLimits } from './spend-limit-base-limit';
import {
  cellDigest,
  limitEntry,
  memberIds,
  memberList,
  people,
  peopleNames,
  type LimitEntry,
} from './spend-limit-entries';
import { limitClosed, limitRowHolds } from './spend-limit-name';

/** The statuses of people who can be added to a limit. */
const JOINABLE = new Set(['ACTIVE', 'INVITED']);

/** Pure: the people a list cell names, as typed. */
export function listedPeople(text: string): string[] {
  return text
    .split(/[,;\n\r]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * The user ids a typed list names, or the first problem: each person by id, email or name, a
 * present member first by the name they have (so that two people of one name stay apart). A
 * newcomer must be active or invited in the last sync of "Brex Users".
 */
export function resolvePeople(
  store: KeyValuePort,
  text: string,
  present: readonly string[] = [],
): { readonly ids: string[] } | { readonly problem: string } {
  const users = people(store);
  const members = users.filter((user) => present.includes(user.id));
  const ids: string[] = [];
  for (const typed of listedPeople(text)) {
    if (present.includes(typed)) {
      ids.push(typed);
      continue;
    }
    const own = resolveIn(members, 'users', typed);
    if ('id' in own) {
      ids.push(own.id);
      continue;
    }
    const found = resolveIn(users, 'users', typed);
    if (!('id' in found)) return { problem: found.problem };
    const status = (users.find((user) => user.id === found.id) as { status?: string }).status;
    if (status && !JOINABLE.has(status)) {
      return {
        problem: `${found.name} is ${readable(status).toLowerCase()} in Brex and cannot spend from a limit. Leave them out, or reactivate them first.`,
      };
    }
    ids.push(found.id);
  }
  return { ids };
}

/** Pure: what changes between two member lists, by name. */
function difference(store: KeyValuePort, from: string, to: string): string {
  const before = memberIds(from);
  const after = memberIds(to);
  const adds = peopleNames(
    store,
    after.filter((id) => !before.includes(id)),
  );
  const removes = peopleNames(
    store,
    before.filter((id) => !after.includes(id)),
  );
  return [
    adds.length > 0 ? `adds ${adds.join(', ')}` : '',
    removes.length > 0 ? `removes ${removes.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

export const limitMembers: WriteAction = columnAction<'limits', string[], SpendLimit, SpendLimit>({
  id: 'spend_limit.members',
  label: 'Change spend limit members',
  sheet: SPEND_LIMITS_SHEET,
  set: 'limits',
  header: 'Members',
  identity: [...IDENTITY_HEADERS],
  whole: limitRowHolds,
  confirmation: 'none',
  reversible: true,
  synced: (entry) => entry.members,
  read(cell, entry, deps) {
    const text = headerText(cell);
    if (cellDigest(text) === entry.membersCell) return entry.members;
    const found = resolvePeople(deps.store, text, memberIds(entry.members));
    return 'ids' in found ? memberList(found.ids) : text;
  },
  shown: (value, _entry, store) => peopleNames(store, memberIds(value)).join(', ') || '(none)',
  toSend: (value, entry, store) => difference(store, entry.members, value),
  cell: (value, _entry, timeZone, store) =>
    toCell('text', peopleNames(store, memberIds(value)).join(', '), timeZone),
  parse(to, entry, _row, deps) {
    const found = resolvePeople(deps.store, to, memberIds(entry.members));
    const problem = 'ids' in found ? limitClosed(entry.status) : `Members: ${found.problem}`;
    if (problem || !('ids' in found)) return { to: null, payload: null, problem };
    return {
      to: memberList(found.ids),
      payload: found.ids,
      problem: null,
      consequences:
        found.ids.length === 0 ? ['With no members, no one can spend from this limit.'] : [],
    };
  },
  readCurrent: (brex, ids) => currentLimits(brex.spendLimits, ids),
  current: (limit) => memberList(limit.member_user_ids ?? []),
  closed: (limit) => limitClosed(limit.status),
  send: (deps, id, members, key) =>
    deps.brex.updateSpendLimit(id, { member_user_ids: [...new Set(members)].sort() }, key),
  answerId: (limit) => limit.id,
  settle(limit, _entry, timeZone, store) {
    const names = peopleNames(store, memberIds(memberList(limit.member_user_ids ?? []))).join(', ');
    return {
      entry: limitEntry(limit, names) satisfies LimitEntry,
      cells: { Members: toCell('text', names, timeZone) },
    };
  },
});
