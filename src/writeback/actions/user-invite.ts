/**
 * A new row of "Brex Users" invites a person: "Name" (first and last), "Email", and optionally
 * "Department", "Location" and "Manager" by name (a manager by email too). Brex emails them an
 * invitation; their status is Invited until they accept.
 */
import type { CreateUserRequest, User } from '../../brex';
import { toCell, type Cell } from '../../cells/columns';
import { headerText } from '../../cells/header';
import { personName } from '../../cells/person-name';
import { readable } from '../../cells/readable-values';
import type { KeyValuePort } from '../../ports/key-value-port';
import type { WriteAction } from '../action';
import { distinctName, entries, resolveIn, type Directory } from './directory';
import { newRowAction, type Creation } from './new-row-action';
import type { RowReader } from './column-action';
import { userEntry } from './synced-entries';
import { SyncedRows } from './synced-rows';
import { emailProblem, textProblem } from './typed-text';
import { USERS_SHEET } from './users';

const OPTIONAL: readonly [string, Directory, 'department_id' | 'location_id' | 'manager_id'][] = [
  ['Department', 'departments', 'department_id'],
  ['Location', 'locations', 'location_id'],
  ['Manager', 'users', 'manager_id'],
];

/** Pure: "Ana María Li" → first "Ana María", last "Li"; null without both. */
export function splitName(text: string): { first: string; last: string } | null {
  const parts = text.trim().split(/\s+/).filter(Boolean);
  if (parts.length < 2) return null;
  return { first: parts.slice(0, -1).join(' '), last: parts[parts.length - 1] as string };
}

function parseInvite(row: RowReader, store: KeyValuePort): Creation<CreateUserRequest> {
  const name = headerText(row('Name'));
  const email = headerText(row('Email'));
  const split = splitName(name);
  const refused = (problem: string): Creation<CreateUserRequest> => ({
    name: name || email,
    to: null,
    toSend: [name, email].filter(Boolean).join(' '),
    payload: null,
    problem,
  });
  const nameProblem = textProblem('Name', name);
  if (nameProblem) return refused(nameProblem);
  if (!split) {
    return refused(
      `Inviting a person needs a first and a last name. Type both in "Name" (for example "Ana Li").`,
    );
  }
  const badEmail = emailProblem(email);
  if (badEmail) return refused(badEmail);
  const users = entries(store, 'users');
  const known = users.find((u) => u.email?.toLowerCase() === email.toLowerCase());
  if (known) {
    return refused(
      `${known.name} already has the email ${email} in Brex (${known.id}). Nothing to invite: clear this row.`,
    );
  }
  const request: { -readonly [K in keyof CreateUserRequest]: CreateUserRequest[K] } = {
    first_name: split.first,
    last_name: split.last,
    email,
  };
  const shown = [`${split.first} ${split.last} <${email}>`];
  for (const [header, kind, field] of OPTIONAL) {
    const text = headerText(row(header));
    if (text === '') continue;
    const all = kind === 'users' ? users : entries(store, kind);
    const found = resolveIn(all, kind, text);
    if (!('id' in found)) return refused(`${header}: ${found.problem}`);
    request[field] = found.id;
    shown.push(`${header.toLowerCase()} ${distinctName(all, found.id)}`);
  }
  return {
    name: `${split.first} ${split.last}`,
    to: JSON.stringify(request),
    toSend: `Invite ${shown.join(', ')}`,
    payload: request,
    problem: null,
    consequences: [`Brex emails ${email} an invitation to join your Brex account.`],
  };
}

export const userInvite: WriteAction = newRowAction<CreateUserRequest, User[], User>({
  id: 'user.invite',
  label: 'Invite user',
  noun: 'invitation',
  sheet: USERS_SHEET,
  headers: ['Name', 'Email', 'Department', 'Location', 'Manager'],
  parse: parseInvite,
  readCurrent: (brex) => brex.users(),
  refusal(users, request) {
    const taken = users.find((u) => u.email.toLowerCase() === request.email.toLowerCase());
    return taken
      ? `Brex already has ${personName(taken)} with the email ${taken.email} (${taken.id}). Nothing was sent. Clear this row.`
      : null;
  },
  send: (deps, request, key) => deps.brex.inviteUser(request, key),
  created: (user) => ({ id: user.id, name: personName(user) }),
  matches: (row, user) => headerText(row('Email')).toLowerCase() === user.email.toLowerCase(),
  settle(users, store, timeZone) {
    SyncedRows.read(store, 'users').update(
      users.map((u) => userEntry(u, { limit: '', currency: '' })),
    );
    return new Map<User, Record<string, Cell>>(
      users.map((u) => [
        u,
        {
          Name: toCell('text', personName(u), timeZone),
          Email: toCell('text', u.email, timeZone),
          Status: toCell('text', readable(u.status), timeZone),
        },
      ]),
    );
  },
});
