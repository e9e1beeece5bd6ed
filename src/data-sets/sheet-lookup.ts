/**
 * Columns of another synced sheet, by Brex id, as the refresh left it: what a row joins in from a
 * data set read earlier in the same refresh (an expense's category, a holder's monthly limit)
 * without asking Brex again. A sheet that does not exist (its data set not chosen) reads as empty.
 */
import { readRuns } from '../cells/read-runs';
import type { CellValue, TablePort } from '../ports/table-port';

export type SheetRecord = Readonly<Record<string, CellValue>>;

/**
 * Reads a sheet's `headers` columns (found by header), near ones in one block
 * (cells/read-runs.ts); rows keyed by Brex id.
 */
export type SheetLookup = (
  sheetName: string,
  headers: readonly string[],
) => ReadonlyMap<string, SheetRecord>;

/** `keyHeader`: the Brex id column's header. */
export function tableLookup(table: TablePort, keyHeader: string): SheetLookup {
  return (sheetName, headers) => {
    const records = new Map<string, SheetRecord>();
    const size = table.usedSize(sheetName);
    if (!size || size.rows < 2 || size.columns === 0) return records;
    const header = (table.readBlock(sheetName, 1, 1, 1, size.columns)[0] ?? []).map((h) =>
      String(h).trim().toLowerCase(),
    );
    const index = (name: string) => header.indexOf(name.toLowerCase());
    const wanted = [keyHeader, ...headers].map(index).filter((i) => i >= 0);
    const blocks = readRuns(wanted, size.rows - 1).map((run) => ({
      ...run,
      cells: table.readBlock(sheetName, 2, run.first + 1, size.rows - 1, run.last - run.first + 1),
    }));
    const column = (name: string): CellValue[] => {
      const at = index(name);
      const block = blocks.find((b) => b.first <= at && at <= b.last);
      return block ? block.cells.map((row) => row[at - block.first] ?? '') : [];
    };
    const ids = column(keyHeader);
    const values = headers.map(column);
    ids.forEach((id, row) => {
      const key = String(id).trim();
      if (key && !records.has(key))
        records.set(key, Object.fromEntries(headers.map((h, i) => [h, values[i]?.[row] ?? ''])));
    });
    return records;
  };
}

/** For a reader without a spreadsheet: no sheet to join from. */
export const noSheets: SheetLookup = () => new Map();
