/**
 * What a custom function returns: a 2-D array with a header row, or one number. Cells are the
 * values Sheets accepts from a custom function; strings stay strings (Sheets shows a returned
 * string as text, never as a formula, so a merchant named `=IMPORTXML(…)` reads as that text).
 */
import { isDate, toCell, type ColumnDefinition, type FieldValue } from '../cells/columns';
import type { CellValue } from '../ports/table-port';

export type Grid = CellValue[][];
export type FunctionResult = Grid | number;

type FieldRow = Readonly<Record<string, FieldValue>>;

/** Pure: header row plus one row per item, each field typed as its column says. */
export function toGrid(
  columns: readonly ColumnDefinition[],
  rows: readonly FieldRow[],
  timeZone: string,
): Grid {
  return [
    columns.map((c) => c.header),
    ...rows.map((row) => columns.map((c) => toCell(c.type, row[c.header], timeZone).value)),
  ];
}

/**
 * Pure: a result as plain ASCII JSON (dates tagged, every non-ASCII character escaped), so that
 * its length in characters is its size in bytes when the cache cuts it into chunks.
 */
export function encodeResult(result: FunctionResult): string {
  const value =
    typeof result === 'number'
      ? result
      : result.map((row) => row.map((cell) => (isDate(cell) ? { d: cell.getTime() } : cell)));
  return JSON.stringify({ v: value }).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Pure: the inverse of `encodeResult`; null when the text is not one. */
export function decodeResult(text: string): FunctionResult | null {
  let parsed: unknown;
  try {
    parsed = (JSON.parse(text) as { v?: unknown }).v;
  } catch {
    return null;
  }
  if (typeof parsed === 'number') return parsed;
  if (!Array.isArray(parsed)) return null;
  return parsed.map((row: unknown[]) =>
    row.map((cell) =>
      typeof cell === 'object' && cell !== null ? new Date((cell as { d: number }).d) : cell,
    ),
  ) as Grid;
}
