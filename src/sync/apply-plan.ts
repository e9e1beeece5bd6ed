import type { UpsertPlan } from './upsert-plan';
import type { TablePort } from '../ports/table-port';

/**
 * Writes an upsert plan: the header first, then every block holding the key column, then the
 * rest. A run killed between two blocks therefore leaves, at worst, rows that have their Brex id
 * and miss some cells, which the next run finds by id and completes; never a row without an id.
 */
export function applyPlan(
  table: TablePort,
  sheetName: string,
  plan: UpsertPlan,
  keyColumn: number,
): void {
  const blocks = plan.headerBlock ? [plan.headerBlock, ...plan.blocks] : plan.blocks;
  // All or nothing: a plan that cannot fit is refused before its first cell.
  table.reserve(
    sheetName,
    Math.max(0, ...blocks.map((b) => b.row + b.values.length - 1)),
    Math.max(0, ...blocks.map((b) => b.column + (b.values[0]?.length ?? 0) - 1)),
  );
  if (plan.headerBlock) table.writeBlock(sheetName, plan.headerBlock);
  if (plan.untagged.length > 0) table.tagColumns(sheetName, plan.untagged);
  const holdsKey = (block: UpsertPlan['blocks'][number]): boolean =>
    block.column <= keyColumn && keyColumn < block.column + (block.values[0]?.length ?? 0);
  for (const block of plan.blocks.filter(holdsKey)) table.writeBlock(sheetName, block);
  for (const block of plan.blocks.filter((b) => !holdsKey(b))) table.writeBlock(sheetName, block);
}
