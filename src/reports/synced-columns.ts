/**
 * Reads chosen columns of a synced "Brex …" sheet, found by their header names: people reorder
 * columns and add their own, so a position means nothing. Adjacent wanted columns are read in one
 * block; the others one column each, never the whole sheet (at 100,000 transactions the sheet
 * holds 1.7 million cells, the columns a report needs a third of that).
 */
import type { CellValue, TablePort } from '../ports/table-port';

export interface SyncedColumns {
  /** Data rows (the header row not counted). */
  readonly rows: number;
  /** The column's values, one per data row; null when the sheet has no such header. */
  column(header: string): readonly CellValue[] | null;
}

/** Null when the sheet does not exist. */
export function readSyncedColumns(
  table: TablePort,
  sheetName: string,
  headers: readonly string[],
): SyncedColumns | null {
  const size = table.usedSize(sheetName);
  if (size === null) return null;
  const rows = Math.max(0, size.rows - 1);
  const found = new Map<string, CellValue[]>();
  if (size.rows === 0 || size.columns === 0) return { rows: 0, column: () => null };
  const headerRow = table.readBlock(sheetName, 1, 1, 1, size.columns)[0] ?? [];
  const wanted = headers
    .map((header) => ({ header, index: headerRow.findIndex((cell) => cell === header) }))
    .filter((w) => w.index >= 0)
    .sort((a, b) => a.index - b.index);
  for (const run of adjacentRuns(wanted)) {
    const first = run[0]?.index ?? 0;
    const block = rows > 0 ? table.readBlock(sheetName, 2, first + 1, rows, run.length) : [];
    run.forEach((w, offset) =>
      found.set(
        w.header,
        block.map((row) => row[offset] ?? ''),
      ),
    );
  }
  return { rows, column: (header) => found.get(header) ?? null };
}

function adjacentRuns<T extends { readonly index: number }>(sorted: readonly T[]): T[][] {
  const runs: T[][] = [];
  for (const item of sorted) {
    const last = runs[runs.length - 1];
    const previous = last?.[last.length - 1];
    if (last && previous && item.index === previous.index + 1) last.push(item);
    else if (!previous || item.index !== previous.index) runs.push([item]);
  }
  return runs;
}
