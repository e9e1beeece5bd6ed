/**
 * The write-back side of the test world (test/support/world.ts): the built bundle with the spend
 * limits synced once by the owner, plus helpers to type into a limit's cell, review and push as
 * the sidebar does, and read the sandbox's side and the audit log.
 */
import { startSandbox, type Sandbox } from '../../dev/sandbox';
import type { Runtime } from '../../dev/runtime';
import { findSheet, getCell, type Sheet } from '../../dev/runtime/workbook';
import type { SpendLimit } from '../../src/brex';
import type { ReviewedChange, SpendLimitReview } from '../../src/contract/writeback';
import { columnLetter } from '../../src/cells/header';
import { actionWorld } from './action-world';
import { OWNER, TODAY } from './world';

export const SHEET = 'Brex Spend Limits';
export const AUDIT = 'Brex Audit Log';

export interface World {
  readonly sandbox: Sandbox;
  readonly runtime: Runtime;
}

export function openSandbox(): Promise<Sandbox> {
  return startSandbox({ seed: 'writeback-tests', today: TODAY, transactions: 20 });
}

/** A fresh spreadsheet connected by the owner (whose token is also their write credential), synced. */
export async function syncedWorld(sandbox: Sandbox): Promise<World> {
  return { sandbox, runtime: await actionWorld(sandbox, { dataSets: ['spend_limits'] }) };
}

export function limitNamed(sandbox: Sandbox, name: string): SpendLimit {
  const limit = (sandbox.snapshot().spend_limits as SpendLimit[]).find((l) => l.name === name);
  if (!limit) throw new Error(`No spend limit named ${name} in the sandbox.`);
  return structuredClone(limit);
}

export function limitById(sandbox: Sandbox, id: string): SpendLimit {
  return structuredClone(
    (sandbox.snapshot().spend_limits as SpendLimit[]).find((l) => l.id === id) as SpendLimit,
  );
}

/** The A1 address of a header's cell in a spend limit's row. */
export function cellOf(runtime: Runtime, id: string, header: string): string {
  const grid = runtime.values(SHEET);
  const column = (grid[0] as unknown[]).indexOf(header);
  const key = (grid[0] as unknown[]).indexOf('Brex ID');
  const row = grid.findIndex((cells) => cells[key] === id);
  if (column < 0 || row < 1) throw new Error(`No ${header} cell for ${id}.`);
  return `${SHEET}!${columnLetter(column)}${row + 1}`;
}

export function valueOf(runtime: Runtime, id: string, header: string): unknown {
  const grid = runtime.values(SHEET);
  const column = (grid[0] as unknown[]).indexOf(header);
  const key = (grid[0] as unknown[]).indexOf('Brex ID');
  return grid.find((cells) => cells[key] === id)?.[column];
}

/** A person types into a limit's cell, as Sheets would take it. */
export async function type(
  runtime: Runtime,
  id: string,
  header: string,
  value: unknown,
): Promise<void> {
  await runtime.edit(cellOf(runtime, id, header), value, { as: OWNER });
}

export function writes(sandbox: Sandbox): Sandbox['log'] {
  return sandbox.log.filter((entry) => ['PUT', 'POST', 'DELETE'].includes(entry.method));
}

/** The audit log's rows by header: the time a Date, the amounts numbers, the rest text. */
export function auditRows(runtime: Runtime): Record<string, unknown>[] {
  const [header, ...rows] = runtime.values(AUDIT) as unknown[][];
  return rows.map((row) =>
    Object.fromEntries((header ?? []).map((name, index) => [String(name), row[index] ?? ''])),
  );
}

/** A limit's "Base limit" cell as the spreadsheet holds it: background and note. */
export function amountMarks(runtime: Runtime, id: string): { background: string; note: string } {
  const [, a1] = cellOf(runtime, id, 'Base limit').split('!') as [string, string];
  const column = (a1.match(/[A-Z]+/)?.[0] ?? 'A')
    .split('')
    .reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
  const row = Number(a1.match(/\d+/)?.[0]);
  const sheet = findSheet(runtime.workbook, SHEET) as Sheet;
  const cell = getCell(sheet, row, column);
  return { background: cell?.background ?? '', note: cell?.note ?? '' };
}

/**
 * What the sidebar's "Push" sends after a review: each change's id with its fingerprint. Without
 * `ids`, every change the review shows ready to push; with `ids`, those (whatever their state).
 */
export async function reviewed(
  runtime: Runtime,
  ids?: readonly string[],
  as?: string,
): Promise<ReviewedChange[]> {
  const review = (await runtime.call(
    'reviewSpendLimitChanges',
    [],
    as ? { as } : {},
  )) as SpendLimitReview;
  const chosen = ids
    ? ids.flatMap((id) => review.changes.filter((c) => c.id === id))
    : review.changes.filter((c) => c.problem === null);
  return chosen.map((c) => ({ id: c.id, fingerprint: c.fingerprint }));
}
