/**
 * The "Brex Users" sheet's column edits. "Status": Active → Disabled suspends a person, Disabled →
 * Active reactivates them. "Monthly limit" sets their monthly limit. "Department", "Location" and
 * "Manager" take a name (or an email, for a manager), resolved to its Brex id from the last sync;
 * a blank cell clears it.
 */
import type { Money, User, UserLimit, UpdateUserRequest, WriteResult } from '../../brex';
import { toCell } from '../../cells/columns';
import { headerText } from '../../cells/header';
import { readable } from '../../cells/readable-values';
import type { KeyValuePort } from '../../ports/key-value-port';
import type { WriteAction } from '../action';
import { codeText, followBorrowedLimits } from './cards';
import { columnAction, type Parsed } from './column-action';
import { distinctName, entries, nameOf, resolve, type Directory } from './directory';
import { moneyColumn, plainLimit } from './money-column';
import { SyncedRows, type SyncedRow } from './synced-rows';
import { byIds } from './team-writes';

export const USERS_SHEET = 'Brex Users';
const USER_IDENTITY = ['Email'];

const refused = (problem: string): Parsed<never> => ({ to: null, payload: null, problem });

const common = {
  sheet: USERS_SHEET,
  set: 'users' as const,
  identity: USER_IDENTITY,
  confirmation: 'none' as const,
  reversible: true,
};

const userAnswer = {
  readCurrent: (brex: Parameters<WriteAction['readCurrent']>[0], ids: readonly string[]) =>
    byIds(() => brex.users(), ids, 'user'),
  answerId: (user: User) => user.id,
};

export const userStatus: WriteAction = columnAction<'users', 'ACTIVE' | 'DISABLED', User, User>({
  ...common,
  ...userAnswer,
  id: 'user.status',
  label: 'Suspend or reactivate user',
  labelOf: (typed) =>
    typed === 'DISABLED'
      ? 'Suspend user'
      : typed === 'ACTIVE'
        ? 'Reactivate user'
        : 'Suspend or reactivate user',
  header: 'Status',
  synced: (entry) => entry.status,
  read: (cell) => codeText(headerText(cell)),
  shown: (value) => readable(value),
  cell: (value) => toCell('text', readable(value), 'Etc/UTC'),
  parse(to, entry, row) {
    if (
      (to === 'DISABLED' && entry.status === 'ACTIVE') ||
      (to === 'ACTIVE' && entry.status === 'DISABLED')
    ) {
      return {
        to,
        payload: to,
        problem: null,
        consequences:
          to === 'DISABLED'
            ? ['A suspended person cannot sign in or spend until reactivated.']
            : [],
      };
    }
    if (to === 'ACTIVE' || to === 'DISABLED') {
      return refused(
        `A person whose status is ${readable(entry.status)} cannot become ${readable(to)} from the sheet: only Active ↔ Disabled. Put "${readable(entry.status)}" back.`,
      );
    }
    return refused(
      `"${headerText(row('Status'))}" is not a status the sheet can set for a person. Type Active or Disabled.`,
    );
  },
  current: (user) => user.status ?? '',
  send: (deps, id, status, key) => deps.brex.updateUser(id, { status }, key),
  settle: (user, entry) => ({
    entry: { ...entry, status: user.status ?? entry.status },
    cells: { Status: toCell('text', readable(user.status), 'Etc/UTC') },
  }),
});

/** Brex's answer to a limit, with the user it is about (Brex's answer does not name them). */
interface LimitAnswer {
  readonly id: string;
  readonly limit: UserLimit;
}

export const userMonthlyLimit: WriteAction = columnAction<
  'users',
  number,
  UserLimit | null,
  LimitAnswer
>({
  ...common,
  ...moneyColumn<'users'>(),
  id: 'user.monthly_limit',
  label: 'Change monthly limit',
  header: 'Monthly limit',
  readCurrent(brex, ids) {
    const found = new Map<string, UserLimit | null | Error>();
    try {
      brex.userLimits(ids).forEach((limit, i) => found.set(ids[i] as string, limit));
    } catch (error) {
      for (const id of ids)
        found.set(id, error instanceof Error ? error : new Error(String(error)));
    }
    return found as Map<string, UserLimit | null | Error> as Map<string, UserLimit | Error>;
  },
  current: (limit) => {
    const money = limit?.monthly_limit;
    return money ? plainLimit(money.amount, money.currency || 'USD') : '';
  },
  send(deps, id, amount, key): WriteResult<LimitAnswer> {
    const currency = currencyOf(deps, id);
    const money: Money = { amount, currency };
    const result = deps.brex.setUserMonthlyLimit(id, money, key);
    return { ...result, value: { id, limit: result.value } };
  },
  answerId: (answer) => answer.id,
  settled(deps, answers) {
    const holders = new Set(answers.map((answer) => answer.id));
    followBorrowedLimits(deps, (card) => !card.budgetId && holders.has(card.holderId));
  },
  settle(answer, entry, timeZone) {
    const { monthly_limit: limit, monthly_available: available } = answer.limit;
    const currency = limit?.currency || entry.currency || 'USD';
    return {
      entry: { ...entry, limit: limit ? plainLimit(limit.amount, currency) : '', currency },
      cells: {
        'Monthly limit': toCell('money', limit, timeZone),
        'Monthly available': toCell('money', available, timeZone),
        'Limit currency': toCell('text', currency, timeZone),
      },
    };
  },
});

/** A user's limit stays in the currency of the last sync (USD when they had none). */
function currencyOf(deps: { store: KeyValuePort }, id: string): string {
  return SyncedRows.read(deps.store, 'users').get(id)?.currency || 'USD';
}

type ReferenceField = 'departmentId' | 'locationId' | 'managerId';
/** Where an entry keeps its cell's text as last synced (a manager's is their entry's name). */
type NameField = 'department' | 'location' | null;

/**
 * A column holding a name that Brex keeps as an id. A cell that still reads as the last sync wrote
 * it is the entry's id, whatever the directory holds: the Users sheet names departments and
 * locations even when "Brex Departments" or "Brex Locations" was never synced.
 */
function referenceAction(
  id: string,
  header: string,
  kind: Directory,
  field: ReferenceField,
  body: keyof UpdateUserRequest,
  nameField: NameField,
): WriteAction {
  /** The cell's last-synced text, when `value` is the last-synced id ('' otherwise). */
  const syncedName = (entry: SyncedRow<'users'>, value: string): string =>
    nameField !== null && value === entry[field] ? entry[nameField] : '';
  const name = (store: KeyValuePort, entry: SyncedRow<'users'>, value: string): string =>
    nameOf(store, kind, value) || syncedName(entry, value);
  return columnAction<'users', string | null, User, User>({
    ...common,
    ...userAnswer,
    id,
    label: `Change ${header.toLowerCase()}`,
    header,
    synced: (entry) => entry[field],
    read(cell, entry, deps) {
      const text = headerText(cell);
      if (text === '') return '';
      if (nameField !== null && text === entry[nameField]) return entry[field];
      const found = resolve(deps.store, kind, text);
      return 'id' in found ? found.id : text;
    },
    shown: (value, entry, store) => name(store, entry, value) || value,
    // Sent is an id: a name another entry has too is shown with what tells them apart.
    toSend: (value, entry, store) =>
      nameOf(store, kind, value)
        ? distinctName(entries(store, kind), value)
        : name(store, entry, value),
    cell: (value, entry, timeZone, store) => toCell('text', name(store, entry, value), timeZone),
    parse(to, entry, _row, deps) {
      if (to === '') return { to, payload: null, problem: null };
      const found = resolve(deps.store, kind, to);
      if (!('id' in found)) return refused(found.problem);
      if (field === 'managerId' && found.id === entry.id) {
        return refused(`A person cannot be their own manager. Type someone else's name or email.`);
      }
      return { to: found.id, payload: found.id, problem: null };
    },
    current: (user) => String(user[fieldOf(field)] ?? ''),
    send: (deps, target, value, key) => deps.brex.updateUser(target, { [body]: value }, key),
    settle: (user, entry, timeZone, store) => {
      const value = String(user[fieldOf(field)] ?? '');
      const text = name(store, entry, value);
      return {
        entry: { ...entry, [field]: value, ...(nameField ? { [nameField]: text } : {}) },
        cells: { [header]: toCell('text', text, timeZone) },
      };
    },
  });
}

function fieldOf(field: ReferenceField): 'department_id' | 'location_id' | 'manager_id' {
  return field === 'departmentId'
    ? 'department_id'
    : field === 'locationId'
      ? 'location_id'
      : 'manager_id';
}

export const userDepartment = referenceAction(
  'user.department',
  'Department',
  'departments',
  'departmentId',
  'department_id',
  'department',
);
export const userLocation = referenceAction(
  'user.location',
  'Location',
  'locations',
  'locationId',
  'location_id',
  'location',
);
export const userManager = referenceAction(
  'user.manager',
  'Manager',
  'users',
  'managerId',
  'manager_id',
  null,
);

export const USER_ACTIONS: readonly WriteAction[] = [
  userStatus,
  userMonthlyLimit,
  userDepartment,
  userLocation,
  userManager,
];
