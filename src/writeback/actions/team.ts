/**
 * New rows of "Brex Departments" and "Brex Locations": a name (and an optional description)
 * creates one. A name Brex already has, in any case, is refused: the sheets resolve people's
 * departments and locations by name, so two of the same name could not be told apart.
 */
import type { Department, Location, WriteResult } from '../../brex';
import { toCell, type Cell } from '../../cells/columns';
import { headerText } from '../../cells/header';
import type { KeyValuePort } from '../../ports/key-value-port';
import type { WriteAction } from '../action';
import type { BrexWrites, PushDeps } from '../write-back-deps';
import { newRowAction } from './new-row-action';
import { takenProblem } from './directory';
import { SyncedRows } from './synced-rows';
import { textProblem } from './typed-text';

interface NamedRequest {
  readonly name: string;
  readonly description: string | null;
}

type Named = Department | Location;

function namedAction(
  id: string,
  noun: string,
  sheet: string,
  set: 'departments' | 'locations',
  list: (brex: BrexWrites) => Named[],
  create: (deps: PushDeps, request: NamedRequest, key: string) => WriteResult<Named>,
): WriteAction {
  return newRowAction<NamedRequest, Named[], Named>({
    id,
    label: `Create ${noun}`,
    noun,
    sheet,
    headers: ['Name', 'Description'],
    parse(row, store) {
      const name = headerText(row('Name'));
      const description = headerText(row('Description'));
      const problem =
        name === ''
          ? `A new ${noun} needs a name. Type one in "Name", or clear the row.`
          : (textProblem('Name', name) ??
            textProblem('Description', description) ??
            takenProblem(SyncedRows.read(store, set).all(), noun, sheet, name));
      return {
        name,
        to: JSON.stringify([name.toLowerCase(), description]),
        toSend: description ? `${name} (${description})` : name,
        payload: { name, description: description || null },
        problem,
      };
    },
    readCurrent: list,
    refusal(current, request) {
      const taken = current.find((d) => d.name.trim().toLowerCase() === request.name.toLowerCase());
      return taken
        ? `Brex already has a ${noun} named "${taken.name}" (${taken.id}). Nothing was sent. Use that one, or choose another name.`
        : null;
    },
    send: create,
    created: (answer) => ({ id: answer.id, name: answer.name }),
    matches: (row, answer) => headerText(row('Name')).toLowerCase() === answer.name.toLowerCase(),
    settle(answers, store: KeyValuePort) {
      SyncedRows.read(store, set).update(answers.map((a) => ({ id: a.id, name: a.name })));
      return new Map<Named, Record<string, Cell>>(
        answers.map((a) => [a, { Name: toCell('text', a.name, 'Etc/UTC') }]),
      );
    },
  });
}

export const departmentCreate = namedAction(
  'department.create',
  'department',
  'Brex Departments',
  'departments',
  (brex) => brex.departments(),
  (deps, request, key) => deps.brex.createDepartment(request, key),
);

export const locationCreate = namedAction(
  'location.create',
  'location',
  'Brex Locations',
  'locations',
  (brex) => brex.locations(),
  (deps, request, key) => deps.brex.createLocation(request, key),
);
