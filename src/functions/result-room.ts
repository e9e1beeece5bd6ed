/**
 * Whether a result fits below and to the right of its formula's cell. Sheets answers a result
 * that does not fit with a bare #REF! ("Result was not automatically expanded"); a formula that
 * checks first returns one cell saying how much room it needs and what to do instead.
 */
import type { FunctionResult } from './result';

/** The cells from the formula's own cell to the sheet's last row and column, inclusive. */
export interface Room {
  readonly rows: number;
  readonly columns: number;
}

const count = (n: number): string => n.toLocaleString('en-US');

/** Pure: the result as it is when it fits, else a one-cell message naming the fixes. */
export function fitToRoom(
  name: string,
  result: FunctionResult,
  room: Room | null,
  syncedSheet: string | undefined,
): FunctionResult {
  if (typeof result === 'number' || room === null) return result;
  const rows = result.length;
  const columns = Math.max(0, ...result.map((row) => row.length));
  if (rows <= room.rows && columns <= room.columns) return result;
  const instead = syncedSheet
    ? [`use the ${syncedSheet} sheet (Extensions ▸ Brex ▸ Refresh now)`]
    : [];
  if (rows > room.rows) {
    const fixes = [
      'use a narrower range',
      `add ${count(rows - room.rows)} rows at the bottom and enter the formula again`,
      ...instead,
    ];
    return [
      [
        `${name} needs ${count(rows)} rows here and there is room for ${count(room.rows)}: ` +
          `${anyOf(fixes)}.`,
      ],
    ];
  }
  const fixes = [
    'choose fewer columns',
    'move the formula left',
    `add ${count(columns - room.columns)} columns and enter the formula again`,
    ...instead,
  ];
  return [
    [
      `${name} needs ${count(columns)} columns here and there is room for ` +
        `${count(room.columns)}: ${anyOf(fixes)}.`,
    ],
  ];
}

/** Pure: "a, b, or c". */
function anyOf(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')}, or ${items[items.length - 1] as string}`;
}
