/**
 * The ids the add-on has ever written, per data set, kept in a hidden sheet (too large for
 * document properties). An id that is known but no longer in its data sheet was deleted by a
 * person, and is never written again.
 */
import { TEXT_FORMAT } from './columns';
import type { CellValue, TablePort } from './table-port';

export const STATE_SHEET = 'Brex Sync State';

export class KnownIds {
  private readonly columns = new Map<string, { index: number; ids: Set<string>; length: number }>();
  private width = 0;

  constructor(private readonly table: TablePort) {
    const grid = table.readAll(STATE_SHEET) ?? [];
    const header = grid[0] ?? [];
    header.forEach((name, index) => {
      if (!name) return;
      const ids = new Set<string>();
      let length = 0;
      for (let row = 1; row < grid.length; row += 1) {
        const id = String(grid[row]?.[index] ?? '');
        if (!id) continue;
        ids.add(id);
        length = row;
      }
      this.columns.set(String(name), { index, ids, length });
      this.width = Math.max(this.width, index + 1);
    });
  }

  of(dataSetId: string): ReadonlySet<string> {
    return this.columns.get(dataSetId)?.ids ?? new Set();
  }

  /** Forgets a data set's ids (its sheet was deleted whole, so it starts over). */
  forget(dataSetId: string): void {
    const column = this.columns.get(dataSetId);
    if (!column || column.length === 0) return;
    this.table.writeBlock(STATE_SHEET, {
      row: 2,
      column: column.index + 1,
      values: Array.from({ length: column.length }, () => ['']),
      numberFormats: Array.from({ length: column.length }, () => [TEXT_FORMAT]),
    });
    column.ids.clear();
    column.length = 0;
  }

  /** Records ids after their rows are written, in one block. */
  remember(dataSetId: string, ids: Iterable<string>): void {
    let column = this.columns.get(dataSetId);
    const fresh = [...new Set(ids)].filter((id) => !column?.ids.has(id));
    if (fresh.length === 0) return;
    if (!column) {
      this.table.ensureSheet(STATE_SHEET, { hidden: true });
      column = { index: this.width, ids: new Set(), length: 0 };
      this.width += 1;
      this.table.writeBlock(STATE_SHEET, {
        row: 1,
        column: column.index + 1,
        values: [[dataSetId]],
        numberFormats: [[TEXT_FORMAT]],
      });
      this.columns.set(dataSetId, column);
    }
    const values: CellValue[][] = fresh.map((id) => [id]);
    this.table.writeBlock(STATE_SHEET, {
      row: column.length + 2,
      column: column.index + 1,
      values,
      numberFormats: fresh.map(() => [TEXT_FORMAT]),
    });
    column.length += fresh.length;
    for (const id of fresh) column.ids.add(id);
  }
}
