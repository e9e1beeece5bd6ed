/** Brex's answers to spend-limit pushes, written into their rows. */
import type { SpendLimit } from '../brex';
import { toCell, type Cell } from '../cells/columns';
import { spendLimits } from '../data-sets/budgets';
import { findHeader } from '../cells/header';
import type { Lookups } from '../data-sets/lookups';
import { toBlocks } from '../cells/blocks';
import { limitColumns } from './edited-cells';
import { SPEND_LIMITS_SHEET } from './pending-changes';
import type { WriteBackDeps } from './write-back-deps';

/** The columns a base-limit change can alter; names and members are left as the sync wrote them. */
const REFRESHED = ['Status', 'Period', 'Base limit', 'Spent this period', 'Remaining', 'Currency'];

/** Names are not refreshed, so the row function gets lookups that are never consulted. */
const NO_LOOKUPS = {
  userNames: () => '',
  departmentName: () => '',
} as unknown as Lookups;

/** Writes Brex's answers into their rows, found by id, in as few blocks as the rows allow. */
export function refreshLimitRows(deps: WriteBackDeps, limits: readonly SpendLimit[]): void {
  if (limits.length === 0) return;
  const grid = deps.table.readAll(SPEND_LIMITS_SHEET);
  const columns = limitColumns(grid?.[0] ?? []);
  if (!grid || !columns) return;
  const rowOf = new Map<string, number>();
  grid.forEach((cells, index) => {
    const id = String(cells[columns.id] ?? '').trim();
    if (index > 0 && id && !rowOf.has(id)) rowOf.set(id, index);
  });
  const timeZone = deps.table.timeZone();
  const writes = new Map<number, Map<number, Cell>>();
  for (const limit of limits) {
    const row = rowOf.get(limit.id);
    if (row === undefined) continue;
    const fields = spendLimits.row(limit, NO_LOOKUPS);
    const cells = new Map<number, Cell>();
    for (const column of spendLimits.columns) {
      const position = findHeader(grid[0] ?? [], column.header);
      if (!REFRESHED.includes(column.header) || position === null) continue;
      cells.set(position, toCell(column.type, fields[column.header], timeZone));
    }
    writes.set(row, cells);
  }
  for (const block of toBlocks(writes)) deps.table.writeBlock(SPEND_LIMITS_SHEET, block);
}
