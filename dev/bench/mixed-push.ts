/**
 * The bench's push of mixed actions: cells of several synced sheets edited as a person would
 * (cards locked, users' monthly limits and departments, spend limits' base limits, expense memos),
 * reviewed, then pushed with the reviewed keys, again with the changes left for another
 * execution until none is left. Its floor in requests is one list read per list the conflict
 * check reads, plus one write per change.
 */
import type { ChangeResult, ChangesReview } from '../../src/contract/writeback';
import type { ExecutionResult, Runtime } from '../runtime';
import { columnLetter } from '../../src/cells/header';

const OWNER = 'owner@example.com';

interface Edit {
  readonly sheet: string;
  readonly row: number;
  readonly header: string;
  readonly value: unknown;
}

/** The rows of a sheet as objects by header, with their 1-based sheet row. */
function rowsOf(
  runtime: Runtime,
  sheet: string,
): { row: number; cells: Record<string, unknown> }[] {
  const [header = [], ...rows] = runtime.values(sheet);
  return rows.map((cells, i) => ({
    row: i + 2,
    cells: Object.fromEntries(header.map((h, c) => [String(h), cells[c]])),
  }));
}

function updatedAt(cells: Record<string, unknown>): number {
  return new Date(cells['Updated at'] as string | number | Date).getTime() || 0;
}

/** Pure-ish: `count` edits spread over the action kinds, as many of each as the company allows. */
export function mixedEdits(runtime: Runtime, count: number): Edit[] {
  const departments = rowsOf(runtime, 'Brex Departments').map((d) => String(d.cells.Name));
  const users = rowsOf(runtime, 'Brex Users').filter((u) => u.cells.Status === 'Active');
  const cards = rowsOf(runtime, 'Brex Cards').filter((c) => c.cells.Status === 'Active');
  // The newest: the memo action tracks the newest expenses only.
  const expenses = rowsOf(runtime, 'Brex Expenses')
    .filter((e) => e.cells.Type === 'Card')
    .sort((a, b) => updatedAt(b.cells) - updatedAt(a.cells));
  const limits = rowsOf(runtime, 'Brex Spend Limits').filter((l) => l.cells.Status === 'Active');
  const edits: Edit[] = [
    ...cards.slice(0, 100).map((c) => ({
      sheet: 'Brex Cards',
      row: c.row,
      header: 'Status',
      value: 'Locked',
    })),
    ...users.map((u, i) => ({
      sheet: 'Brex Users',
      row: u.row,
      header: 'Monthly limit',
      value: 1_000 + i,
    })),
    ...users.flatMap((u) => {
      const other = departments.find((d) => d !== u.cells.Department);
      return other ? [{ sheet: 'Brex Users', row: u.row, header: 'Department', value: other }] : [];
    }),
    ...expenses.slice(0, 100).map((e, i) => ({
      sheet: 'Brex Expenses',
      row: e.row,
      header: 'Memo',
      value: `Bench memo ${i + 1}`,
    })),
  ];
  const rest = Math.max(0, count - edits.length);
  edits.push(
    ...limits.slice(0, rest).map((l) => ({
      sheet: 'Brex Spend Limits',
      row: l.row,
      header: 'Base limit',
      value: Number(l.cells['Base limit']) + 3,
    })),
  );
  return edits.slice(0, count);
}

/** Types each edit into its cell, as the OWNER. */
export async function typeEdits(runtime: Runtime, edits: readonly Edit[]): Promise<void> {
  for (const edit of edits) {
    const header = runtime.values(edit.sheet)[0] as unknown[];
    const column = header.indexOf(edit.header);
    if (column < 0) throw new Error(`No ${edit.header} column in ${edit.sheet}.`);
    await runtime.edit(`${edit.sheet}!${columnLetter(column)}${edit.row}`, edit.value, {
      as: OWNER,
    });
  }
}

/**
 * The review, then the push of every change it found valid, pushed again with the changes left
 * for another execution ("deferred") until none is left. Outcomes are counted in `outcomes`.
 */
export async function reviewAndPush(
  runtime: Runtime,
  outcomes: Record<string, number>,
): Promise<ExecutionResult[]> {
  const review = await runtime.run('reviewChanges', []);
  const changes = (review.value as ChangesReview).changes;
  for (const change of changes.filter((c) => c.problem !== null)) {
    outcomes[`refused in review: ${change.action}`] =
      (outcomes[`refused in review: ${change.action}`] ?? 0) + 1;
  }
  const results = [review];
  let keys = changes.filter((c) => c.problem === null).map((c) => c.key);
  for (let call = 1; keys.length > 0 && call <= 20; call += 1) {
    const pushed = await runtime.run('pushChanges', [keys]);
    results.push(pushed);
    if (!pushed.ok) break;
    const answers = pushed.value as ChangeResult[];
    for (const answer of answers.filter((a) => a.outcome !== 'deferred')) {
      const name = `${answer.action} ${answer.outcome}`;
      outcomes[name] = (outcomes[name] ?? 0) + 1;
    }
    keys = answers.filter((a) => a.outcome === 'deferred').map((a) => a.key);
  }
  return results;
}
