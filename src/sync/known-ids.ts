/**
 * The ids the add-on has ever written, per data set, kept in a hidden sheet (too large for
 * document properties). An id that is known but no longer in its data sheet was deleted by a
 * person, and is never written again.
 */
import { TEXT_FORMAT } from './columns';
import type { CellValue, TablePort } from './table-port';

export const STATE_SHEET = 'Brex Sync State';

interface Column {
  index: number;
  ids: Set<string>;
  /** Ids written to the sheet (rows 2 onwards). */
  length: number;
  /** Remembered in this run but not yet written; `flush` writes them in one block. */
  pending: string[];
  /** False until the column's header is in the sheet. */
  named: boolean;
}

export class KnownIds {
  private readonly columns = new Map<string, Column>();
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
      this.columns.set(String(name), { index, ids, length, pending: [], named: true });
      this.width = Math.max(this.width, index + 1);
    });
  }

  of(dataSetId: string): ReadonlySet<string> {
    return this.columns.get(dataSetId)?.ids ?? new Set();
  }

  /** Forgets a data set's ids (its sheet was deleted whole, so it starts over). */
  forget(dataSetId: string): void {
    const column = this.columns.get(dataSetId);
    if (!column) return;
    column.pending = [];
    column.ids.clear();
    if (column.length === 0) return;
    this.table.writeBlock(STATE_SHEET, {
      row: 2,
      column: column.index + 1,
      values: Array.from({ length: column.length }, () => ['']),
      numberFormats: Array.from({ length: column.length }, () => [TEXT_FORMAT]),
    });
    column.length = 0;
  }

  /**
   * Records ids after their rows are written; they are written to the sheet by `flush`, which the
   * refresh calls before each checkpoint of its cursors. An id written to a data sheet and not yet
   * flushed is not lost: the next run remembers every id its data sheet shows.
   */
  remember(dataSetId: string, ids: Iterable<string>): void {
    let column = this.columns.get(dataSetId);
    const fresh = [...new Set(ids)].filter((id) => !column?.ids.has(id));
    if (fresh.length === 0) return;
    if (!column) {
      column = { index: this.width, ids: new Set(), length: 0, pending: [], named: false };
      this.width += 1;
      this.columns.set(dataSetId, column);
    }
    column.pending.push(...fresh);
    for (const id of fresh) column.ids.add(id);
  }

  /** Writes the ids remembered since the last flush: one block per data set that has any. */
  flush(): void {
    for (const [dataSetId, column] of this.columns) {
      if (column.pending.length === 0) continue;
      if (!column.named) {
        // One column per data set, added as each first has ids.
        this.table.ensureSheet(STATE_SHEET, { columns: 1, hidden: true });
        this.table.writeBlock(STATE_SHEET, {
          row: 1,
          column: column.index + 1,
          values: [[dataSetId]],
          numberFormats: [[TEXT_FORMAT]],
        });
        column.named = true;
      }
      const values: CellValue[][] = column.pending.map((id) => [id]);
      this.table.writeBlock(STATE_SHEET, {
        row: column.length + 2,
        column: column.index + 1,
        values,
        numberFormats: column.pending.map(() => [TEXT_FORMAT]),
      });
      column.length += column.pending.length;
      column.pending = [];
    }
  }
}
