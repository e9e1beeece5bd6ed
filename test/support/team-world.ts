/**
 * The built bundle in the local runtime against a Brex sandbox, with users, departments,
 * locations and cards synced once by the owner, plus helpers to edit their sheets through
 * `onEdit`, review and push with the general entry points, and read the sandbox's side.
 */
import type { Sandbox } from '../../dev/sandbox';
import type { Runtime } from '../../dev/runtime';
import type { Card, User } from '../../src/brex';
import { findSheet, getCell, type Sheet } from '../../dev/runtime/workbook';
import { columnLetter } from '../../src/cells/header';
import type { ChangeResult, ChangeView, ChangesReview } from '../../src/contract/writeback';
import { actionWorld } from './action-world';
import { OWNER } from './world';

export { OWNER } from './world';
export { auditRows, openSandbox, writes } from './spend-limits';

export const CARDS = 'Brex Cards';
export const USERS = 'Brex Users';

/** `dataSets`: the ones synced (a person may sync "Brex Users" alone). */
export function teamWorld(
  sandbox: Sandbox,
  dataSets: readonly string[] = ['users', 'departments', 'locations', 'cards'],
): Promise<Runtime> {
  return actionWorld(sandbox, { dataSets });
}

export async function refresh(runtime: Runtime): Promise<void> {
  const summary = (await runtime.call('refreshNow', [])) as { done: boolean };
  if (!summary.done) throw new Error('The data sets did not sync in one execution.');
}

export function cards(sandbox: Sandbox): Card[] {
  return structuredClone(sandbox.snapshot().cards as Card[]);
}

export function card(sandbox: Sandbox, id: string): Card {
  return cards(sandbox).find((c) => c.id === id) as Card;
}

export function users(sandbox: Sandbox): User[] {
  return structuredClone(sandbox.snapshot().users as User[]);
}

/** The A1 address of a header's cell in the row of a Brex id (or, with `row`, in that row). */
export function cellOf(
  runtime: Runtime,
  sheet: string,
  id: string | number,
  header: string,
): string {
  const grid = runtime.values(sheet);
  const column = (grid[0] as unknown[]).indexOf(header);
  const key = (grid[0] as unknown[]).indexOf('Brex ID');
  const row = typeof id === 'number' ? id - 1 : grid.findIndex((cells) => cells[key] === id);
  if (column < 0 || row < 1) throw new Error(`No ${header} cell for ${id} in ${sheet}.`);
  return `${sheet}!${columnLetter(column)}${row + 1}`;
}

export function valueOf(runtime: Runtime, sheet: string, id: string, header: string): unknown {
  const grid = runtime.values(sheet);
  const column = (grid[0] as unknown[]).indexOf(header);
  const key = (grid[0] as unknown[]).indexOf('Brex ID');
  return grid.find((cells) => cells[key] === id)?.[column];
}

/** A person types into a cell of a Brex id's row (or of a sheet row number, for a new row). */
export async function type(
  runtime: Runtime,
  sheet: string,
  id: string | number,
  header: string,
  value: unknown,
): Promise<void> {
  await runtime.edit(cellOf(runtime, sheet, id, header), value, { as: OWNER });
}

/** The write-back note on a cell ('' when unmarked). */
export function noteOf(runtime: Runtime, sheet: string, id: string, header: string): string {
  const [, a1] = cellOf(runtime, sheet, id, header).split('!') as [string, string];
  const column = (a1.match(/[A-Z]+/)?.[0] ?? 'A')
    .split('')
    .reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
  const cell = getCell(
    findSheet(runtime.workbook, sheet) as Sheet,
    Number(a1.match(/\d+/)?.[0]),
    column,
  );
  return cell?.note ?? '';
}

/** The first row below a sheet's data: where a person adds a new row. */
export function nextRow(runtime: Runtime, sheet: string): number {
  return runtime.values(sheet).length + 1;
}

export async function review(runtime: Runtime): Promise<ChangeView[]> {
  return ((await runtime.call('reviewChanges')) as ChangesReview).changes as ChangeView[];
}

export async function push(runtime: Runtime, keys?: readonly string[]): Promise<ChangeResult[]> {
  return (await runtime.call('pushChanges', keys ? [keys] : [])) as ChangeResult[];
}
