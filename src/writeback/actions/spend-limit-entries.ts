/**
 * The last-synced names, members and row identities of spend limits (the "limits" set of
 * `synced-rows.ts`), which the Name and Members actions compare an edited cell with. Members are
 * kept as ids, sorted, so that a cell reads as an edit only when the people it names differ; the
 * cell's text as written is kept too (digested), so that an untouched cell is never read as an
 * edit, even when a name in it is no longer in the last sync of "Brex Users".
 * Also kept: the expense policy the account's spend limits use, which a new limit takes (Brex
 * requires one and lists no policies).
 */
import type { SpendLimit } from '../../brex';
import { headerText } from '../../cells/header';
import type { Lookups } from '../../data-sets/lookups';
import { readJson, writeJson, type KeyValuePort } from '../../ports/key-value-port';
import { digest } from '../row-identity';
import { entries } from './directory';
import { spendLimitIdentity } from './spend-limit-identity';
import { SyncedRows, type SyncedRow } from './synced-rows';

export type LimitEntry = SyncedRow<'limits'>;

const POLICY_KEY = 'writeback.limits.policy';

/** Pure: ids as the entry keeps them: unique, sorted, comma-separated. */
export function memberList(ids: readonly string[]): string {
  return [...new Set(ids)].sort().join(',');
}

/** Pure: the ids of a kept member list. */
export function memberIds(list: string): string[] {
  return list === '' ? [] : list.split(',');
}

/** Pure: the digest a Members cell's text is kept as. */
export function cellDigest(text: string): string {
  return digest(headerText(text));
}

/** Pure: a spend limit as its row was written, with its Members cell's text. */
export function limitEntry(limit: SpendLimit, membersCell: string): LimitEntry {
  return {
    id: limit.id,
    status: limit.status ?? '',
    members: memberList(limit.member_user_ids ?? []),
    membersCell: cellDigest(membersCell),
    name: limit.name ?? '',
    identity: spendLimitIdentity(limit),
  };
}

type Person = ReturnType<typeof entries>[number];
type People = {
  readonly stamp: (string | null)[];
  readonly all: Person[];
  readonly names: Map<string, string>;
};

/** The last sync of "Brex Users", parsed once while it is unchanged: every row names people. */
const read = new WeakMap<KeyValuePort, People>();

function directory(store: KeyValuePort): People {
  const stamp = SyncedRows.stamp(store, 'users');
  const last = read.get(store);
  if (
    last &&
    last.stamp.length === stamp.length &&
    last.stamp.every((raw, i) => raw === stamp[i])
  ) {
    return last;
  }
  const all = entries(store, 'users');
  const fresh = { stamp, all, names: new Map(all.map((person) => [person.id, person.name])) };
  read.set(store, fresh);
  return fresh;
}

/** Every person in the last sync of "Brex Users". */
export function people(store: KeyValuePort): readonly Person[] {
  return directory(store).all;
}

/** People's names from the last sync of "Brex Users" (an id where it has none), in order. */
export function peopleNames(store: KeyValuePort, ids: readonly string[]): string[] {
  const { names } = directory(store);
  return ids.map((id) => names.get(id) || id);
}

/** After a refresh: every limit's entry, with the Members text the rows were written with. */
export function recordLimits(
  store: KeyValuePort,
  limits: readonly SpendLimit[],
  lookups: Lookups,
): void {
  SyncedRows.record(
    store,
    'limits',
    limits.map((limit) => limitEntry(limit, lookups.userNames(limit.member_user_ids))),
  );
  const policy = commonPolicy(limits);
  if (policy) writeJson(store, POLICY_KEY, policy);
}

/** The expense policy most of the account's active limits use, at the last refresh; null if none. */
export function expensePolicy(store: KeyValuePort): string | null {
  return readJson<string>(store, POLICY_KEY);
}

/** Pure: the most used expense policy of the active limits (the first, on a tie). */
function commonPolicy(limits: readonly SpendLimit[]): string | null {
  const counts = new Map<string, number>();
  for (const limit of limits) {
    if (limit.status !== 'ACTIVE' || !limit.expense_policy_id) continue;
    counts.set(limit.expense_policy_id, (counts.get(limit.expense_policy_id) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [id, count] of counts) if (best === null || count > (counts.get(best) ?? 0)) best = id;
  return best;
}
