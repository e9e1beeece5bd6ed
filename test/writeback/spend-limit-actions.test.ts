/** The Name and Members actions of "Brex Spend Limits" over an in-memory sheet and store. */
import type { SpendLimit } from '../../src/brex';
import { KEY_HEADER } from '../../src/cells/header';
import { limitEntry, memberList } from '../../src/writeback/actions/spend-limit-entries';
import {
  limitMembers,
  listedPeople,
  resolvePeople,
} from '../../src/writeback/actions/spend-limit-members';
import { limitName } from '../../src/writeback/actions/spend-limit-name';
import { SyncedRows } from '../../src/writeback/actions/synced-rows';
import { MemoryStore } from '../sync/support/memory-store';

const HEADER = ['Name', 'Period', 'Members', KEY_HEADER];

const limit = (id: string, name: string, members: string[]): SpendLimit =>
  ({
    id,
    name,
    status: 'ACTIVE',
    period_recurrence_type: 'PER_MONTH',
    member_user_ids: members,
  }) as unknown as SpendLimit;

function world(): MemoryStore {
  const store = new MemoryStore();
  SyncedRows.record(store, 'users', [
    user('u1', 'Ana Li', 'ana@acme.com'),
    user('u2', 'Ana Li', 'ana.li@acme.com'),
    user('u3', 'Bo Chen', 'bo@acme.com'),
    user('u4', 'Cy Diaz', 'cy@acme.com'),
    { ...user('u5', 'Di Gone', 'di@acme.com'), status: 'DISABLED' },
  ]);
  SyncedRows.record(store, 'limits', [
    limitEntry(limit('sl1', 'Travel', ['u1', 'u3']), 'Ana Li, Bo Chen'),
    limitEntry(limit('sl2', 'Meals', []), ''),
  ]);
  return store;
}

function user(id: string, name: string, email: string): SyncedRow {
  return {
    id,
    name,
    email,
    status: 'ACTIVE',
    limit: '',
    currency: '',
    departmentId: '',
    locationId: '',
    department: '',
    location: '',
    managerId: '',
    identity: '',
  };
}
type SyncedRow = Parameters<typeof SyncedRows.record<'users'>>[2][number];

const find = (store: MemoryStore, rows: string[][]) =>
  [limitName, limitMembers].flatMap((action) =>
    action.find(
      { store, now: () => new Date('2026-03-15T00:00:00Z') },
      { grid: [HEADER, ...rows] },
      [],
    ),
  );

describe('Members', () => {
  it('splits a list at commas, semicolons and line breaks', () => {
    expect(listedPeople(' ana@acme.com;Bo Chen,\n\ncy@acme.com ')).toEqual([
      'ana@acme.com',
      'Bo Chen',
      'cy@acme.com',
    ]);
  });

  it('finds a present member by the name the cell shows, even when another person has it', () => {
    const store = world();
    expect(resolvePeople(store, 'ana li, CY@ACME.COM', ['u1', 'u3'])).toEqual({
      ids: ['u1', 'u4'],
    });
    expect(resolvePeople(store, 'Ana Li')).toEqual({
      problem:
        'Two people are named "Ana Li": Ana Li <ana@acme.com>, Ana Li <ana.li@acme.com>. Type the email of the one you mean instead.',
    });
  });

  it('leaves an untouched cell alone and shows an edit as its difference', () => {
    const store = world();
    expect(find(store, [['Travel', 'Per month', 'Ana Li, Bo Chen', 'sl1']])).toEqual([]);
    expect(find(store, [['Travel', 'Per month', 'bo@acme.com; Ana Li', 'sl1']])).toEqual([]);
    const [change] = find(store, [
      ['Travel', 'Per month', 'Ana Li; cy@acme.com; ana.li@acme.com', 'sl1'],
    ]);
    expect(change).toMatchObject({
      from: memberList(['u1', 'u3']),
      to: memberList(['u1', 'u2', 'u4']),
      brexNow: 'Ana Li, Bo Chen',
      toSend: 'adds Ana Li, Cy Diaz; removes Bo Chen',
      problem: null,
    });
  });

  it('refuses an ambiguous new member, listing both', () => {
    const [change] = find(world(), [['Meals', 'Per month', 'Ana Li', 'sl2']]);
    expect(change?.problem).toMatch(
      /^Members: Two people are named "Ana Li": .*Type the email of the one you mean instead\.$/,
    );
    expect(change?.to).toBeNull();
  });

  it('refuses a disabled newcomer', () => {
    expect(resolvePeople(world(), 'di@acme.com')).toEqual({
      problem:
        'Di Gone is disabled in Brex and cannot spend from a limit. Leave them out, or reactivate them first.',
    });
  });

  it('warns that a limit left with no members cannot be spent from', () => {
    const [change] = find(world(), [['Travel', 'Per month', '', 'sl1']]);
    expect(change).toMatchObject({ toSend: 'removes Ana Li, Bo Chen', problem: null });
    expect(change?.consequences).toEqual(['With no members, no one can spend from this limit.']);
  });
});

describe('Name', () => {
  it('reads a renamed row as the limit while its period holds, and not once the period moved', () => {
    const store = world();
    const [renamed] = find(store, [['Offsite', 'Per month', 'Ana Li, Bo Chen', 'sl1']]);
    expect(renamed).toMatchObject({ action: limitName, to: 'Offsite', problem: null });
    const [moved] = find(store, [['Offsite', 'Per year', 'Ana Li, Bo Chen', 'sl1']]);
    expect(moved?.problem).toMatch(/no longer matches Brex ID sl1/);
  });

  it('lets a Members edit go beside a rename, but not beside another limit\u2019s name', () => {
    const store = world();
    const [, members] = find(store, [['Offsite', 'Per month', 'Ana Li', 'sl1']]);
    expect(members).toMatchObject({ action: limitMembers, problem: null });
    const [, sorted] = find(store, [['Meals', 'Per month', 'Ana Li', 'sl1']]);
    expect(sorted).toMatchObject({ action: limitMembers });
    expect(sorted?.problem).toMatch(/no longer matches Brex ID sl1/);
  });

  it('refuses the name of another limit, as a sort of the Name column would give', () => {
    const [change] = find(world(), [
      ['meals', 'Per month', 'Ana Li, Bo Chen', 'sl1'],
      ['Travel', 'Per month', '', 'sl2'],
    ]);
    expect(change?.problem).toMatch(/Another spend limit \(sl2\) is named "Meals".*sorted/);
  });
});
