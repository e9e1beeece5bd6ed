/**
 * Upsert planning: which cells of a data set's sheet change, given the rows Brex sent.
 *
 * Rows are keyed by Brex id and columns found by their tag, or by header text on an older sheet
 * (`header.ts`), read afresh every run: a person may sort, filter, reorder columns and add their
 * own anywhere. The plan writes only the add-on's own
 * columns, only in rows that changed, and never brings back a row a person deleted.
 */
import { findHeader } from '../cells/header';
import { REMOVED_IN_BREX } from '../data-sets/data-set';
import {
  cellKey,
  columnFormat,
  type Cell,
  type ColumnDefinition,
  TEXT_FORMAT,
} from '../cells/columns';
import { toBlocks } from '../cells/blocks';
import {
  withColumnTags,
  type CellBlock,
  type CellValue,
  type HeaderRow,
} from '../ports/table-port';

/** The status a vanished row gets instead of being deleted. */
export { REMOVED_IN_BREX };
/** The status of a row Brex still lists. */
export const IN_BREX = 'In Brex';

export interface SheetLayout {
  /** The own columns in the order the data set defines them. */
  readonly columns: readonly ColumnDefinition[];
  /** Header of the Brex id column (text); the first own column. */
  readonly keyHeader: string;
  /**
   * Header of the status column ("In Brex", or "Removed in Brex" for a vanished row); null for a
   * data set read incrementally, which cannot tell that a row vanished.
   */
  readonly statusHeader: string | null;
}

/** One row as Brex has it: a cell per own column header (the status column excluded). */
export interface RecordRow {
  readonly id: string;
  readonly cells: Readonly<Record<string, Cell>>;
  /** Headers whose cell an existing row keeps as it is (a pending edit); a new row gets them. */
  readonly keep?: readonly string[];
  /** The status cell's text (a note on a value Brex could not give); empty by default. */
  readonly status?: string;
}

export interface UpsertInput {
  readonly layout: SheetLayout;
  /** The sheet as `readAll` returned it (header first); empty for a new sheet. */
  readonly sheet: readonly (readonly CellValue[])[];
  readonly records: readonly RecordRow[];
  /** Ids a person deleted from the sheet: they are not written again. */
  readonly deletedIds: ReadonlySet<string>;
  /** True when `records` is the whole data set, so rows missing from it vanished from Brex. */
  readonly complete: boolean;
}

export interface UpsertPlan {
  /** Header cells for own columns the sheet lacks (appended after its last header). */
  readonly headerBlock: CellBlock | null;
  /** Own columns not tagged yet (new ones, or found by header text on an older sheet). */
  readonly untagged: readonly { header: string; index: number }[];
  /** Data blocks, each one contiguous range. */
  readonly blocks: readonly CellBlock[];
  readonly added: readonly string[];
  readonly updated: readonly string[];
  readonly removed: readonly string[];
  /** The sheet's values once the plan is applied, for planning the next page without a re-read. */
  readonly sheetAfter: CellValue[][];
}

/**
 * Pure: own header → 0-based sheet column (`header.ts`: exact text, never a guess between two).
 * A missing own column goes to the right of every used column (`header` is as wide as the sheet's
 * used range), never into a column holding anything, even one with an empty header cell.
 */
export function locateColumns(
  layout: SheetLayout,
  header: HeaderRow,
): { positions: Map<string, number>; missing: { header: string; index: number }[] } {
  const positions = new Map<string, number>();
  // A tagged column past the used range (its cells emptied) is still ours: never reused.
  let next = Math.max(header.length, header.tags?.length ?? 0);
  const missing: { header: string; index: number }[] = [];
  for (const name of ownHeaders(layout)) {
    const index = findHeader(header, name);
    if (index !== null) {
      positions.set(name, index);
    } else {
      positions.set(name, next);
      missing.push({ header: name, index: next });
      next += 1;
    }
  }
  return { positions, missing };
}

export function ownHeaders(layout: SheetLayout): string[] {
  const headers = layout.columns.map((c) => c.header);
  return layout.statusHeader === null ? headers : [...headers, layout.statusHeader];
}

/** Pure: the Brex ids present in a sheet's key column, with their 0-based data-row indexes. */
export function readIds(
  layout: SheetLayout,
  sheet: readonly (readonly CellValue[])[],
): Map<string, number> {
  const ids = new Map<string, number>();
  const keyIndex = locateColumns(layout, sheet[0] ?? []).positions.get(layout.keyHeader) ?? 0;
  for (let row = 1; row < sheet.length; row += 1) {
    const id = String(sheet[row]?.[keyIndex] ?? '').trim();
    if (id && !ids.has(id)) ids.set(id, row);
  }
  return ids;
}

/** Pure: plans one upsert. See the module comment for the rules. */
export function planUpsert(input: UpsertInput): UpsertPlan {
  const { layout } = input;
  const sheet = input.sheet.map((row) => [...row]);
  if (sheet.length === 0) sheet.push([]);
  const header = sheet[0] as CellValue[];
  const { positions, missing } = locateColumns(layout, input.sheet[0] ?? []);
  for (const { header: name, index } of missing) header[index] = name;
  const headerBlock = headerBlockFor(missing);
  const tags = [...((input.sheet[0] as HeaderRow | undefined)?.tags ?? [])];
  // The key column last: header.ts trusts tags only once it is tagged.
  const untagged = [...positions]
    .filter(([name, index]) => tags[index] !== name)
    .map(([name, index]) => ({ header: name, index }))
    .sort((a, b) => Number(a.header === layout.keyHeader) - Number(b.header === layout.keyHeader));
  for (const { header: name, index } of untagged) tags[index] = name;
  withColumnTags(header, tags);

  const ids = readIds(layout, sheet);
  const statusColumn =
    layout.statusHeader === null ? undefined : positions.get(layout.statusHeader);
  const writes = new Map<number, Map<number, Cell>>();
  const added: string[] = [];
  const updated: string[] = [];
  const removed: string[] = [];

  const latest = new Map<string, RecordRow>();
  for (const record of input.records) latest.set(record.id, record);

  for (const record of latest.values()) {
    if (input.deletedIds.has(record.id)) continue;
    const desired = new Map<number, Cell>();
    const existing = ids.get(record.id);
    for (const column of layout.columns) {
      if (existing !== undefined && record.keep?.includes(column.header)) continue;
      const cell = record.cells[column.header] ?? { value: '', numberFormat: TEXT_FORMAT };
      desired.set(positions.get(column.header) as number, cell);
    }
    // A kept status keeps a note, never the mark of a row that Brex sends again.
    const keepStatus =
      existing !== undefined &&
      statusColumn !== undefined &&
      layout.statusHeader !== null &&
      record.keep?.includes(layout.statusHeader) &&
      String(sheet[existing]?.[statusColumn] ?? '') !== REMOVED_IN_BREX;
    if (statusColumn !== undefined && !keepStatus) {
      desired.set(statusColumn, { value: record.status || IN_BREX, numberFormat: TEXT_FORMAT });
    }
    if (existing === undefined) {
      const row = sheet.length;
      sheet.push([]);
      ids.set(record.id, row);
      writes.set(row, desired);
      added.push(record.id);
    } else if (differs(sheet[existing] as CellValue[], desired)) {
      writes.set(existing, desired);
      updated.push(record.id);
    }
  }

  if (input.complete && statusColumn !== undefined) {
    for (const [id, row] of ids) {
      if (latest.has(id)) continue;
      if (String(sheet[row]?.[statusColumn] ?? '') === REMOVED_IN_BREX) continue;
      writes.set(
        row,
        new Map([[statusColumn, { value: REMOVED_IN_BREX, numberFormat: TEXT_FORMAT }]]),
      );
      removed.push(id);
    }
  }

  for (const [row, cells] of writes) {
    const values = sheet[row] as CellValue[];
    for (const [column, cell] of cells) values[column] = cell.value;
  }
  fillHoles(sheet);
  // An amount's format follows its row's currency, which may change between refreshes, so money
  // cells always carry their own; the other columns' formats never vary by row.
  const formats = new Map(
    layout.columns
      .filter((c) => c.type !== 'money')
      .map((c) => [positions.get(c.header) as number, columnFormat(c.type)]),
  );
  if (statusColumn !== undefined) formats.set(statusColumn, TEXT_FORMAT);
  return {
    headerBlock,
    untagged,
    blocks: toBlocks(writes, formats),
    added,
    updated,
    removed,
    sheetAfter: sheet,
  };
}

function differs(current: readonly CellValue[], desired: ReadonlyMap<number, Cell>): boolean {
  for (const [column, cell] of desired) {
    if (cellKey(current[column]) !== cellKey(cell.value)) return true;
  }
  return false;
}

function headerBlockFor(missing: readonly { header: string; index: number }[]): CellBlock | null {
  if (missing.length === 0) return null;
  const first = missing[0] as { index: number };
  const last = missing[missing.length - 1] as { index: number };
  const values: CellValue[] = [];
  for (let index = first.index; index <= last.index; index += 1) {
    values.push(missing.find((m) => m.index === index)?.header ?? '');
  }
  return {
    row: 1,
    column: first.index + 1,
    values: [values],
    numberFormats: [values.map(() => TEXT_FORMAT)],
  };
}

/** Sparse rows (new rows, new columns) become dense, '' where nothing is. */
function fillHoles(sheet: CellValue[][]): void {
  for (const row of sheet) {
    for (let index = 0; index < row.length; index += 1) {
      if (row[index] === undefined) row[index] = '';
    }
  }
}
