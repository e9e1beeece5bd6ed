/**
 * The ids the add-on has ever written, per data set, kept in a hidden sheet (too large for
 * document properties). An id that is known but no longer in its data sheet was deleted by a
 * person, and is never written again.
 *
 * One column per data set; each cell holds many ids, separated by spaces (Brex ids have none), up
 * to `CHUNK_CHARS`. One id per cell would make the sheet as tall as the largest data set and as
 * wide as all of them: 1.4 million cells for 100,000 transactions, read on every refresh and
 * counted against the spreadsheet's 10 million. Chunked, it is a few hundred cells.
 */
import { TEXT_FORMAT } from '../cells/columns';
import type { TablePort } from '../ports/table-port';

export const STATE_SHEET = 'Brex Sync State';

/** Well below Sheets' 50,000 characters per cell. */
export const CHUNK_CHARS = 40_000;
const SEPARATOR = ' ';

interface Column {
  index: number;
  ids: Set<string>;
  /** The column's cells below its header, as the sheet holds them. */
  chunks: string[];
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
      const chunks: string[] = [];
      for (let row = 1; row < grid.length; row += 1) chunks.push(String(grid[row]?.[index] ?? ''));
      while (chunks.length > 0 && chunks[chunks.length - 1] === '') chunks.pop();
      const ids = new Set(chunks.flatMap((chunk) => chunk.split(SEPARATOR)).filter(Boolean));
      this.columns.set(String(name), { index, ids, chunks, pending: [], named: true });
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
    if (column.chunks.length === 0) return;
    this.table.writeBlock(STATE_SHEET, {
      row: 2,
      column: column.index + 1,
      values: column.chunks.map(() => ['']),
      numberFormats: column.chunks.map(() => [TEXT_FORMAT]),
    });
    column.chunks = [];
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
      column = { index: this.width, ids: new Set(), chunks: [], pending: [], named: false };
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
      // The last cell is filled up first, then new cells follow it: one block from there.
      const first = Math.max(0, column.chunks.length - 1);
      const chunks = appendIds(column.chunks.slice(first), column.pending);
      this.table.writeBlock(STATE_SHEET, {
        row: first + 2,
        column: column.index + 1,
        values: chunks.map((chunk) => [chunk]),
        numberFormats: chunks.map(() => [TEXT_FORMAT]),
      });
      column.chunks = [...column.chunks.slice(0, first), ...chunks];
      column.pending = [];
    }
  }
}

/** Pure: `chunks` with `ids` added, each chunk at most CHUNK_CHARS long. */
export function appendIds(chunks: readonly string[], ids: readonly string[]): string[] {
  const out = [...chunks];
  let last = out.pop() ?? '';
  for (const id of ids) {
    if (last !== '' && last.length + SEPARATOR.length + id.length > CHUNK_CHARS) {
      out.push(last);
      last = '';
    }
    last = last === '' ? id : `${last}${SEPARATOR}${id}`;
  }
  out.push(last);
  return out;
}
