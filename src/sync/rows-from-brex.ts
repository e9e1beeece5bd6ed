/**
 * What a refresh tells the composition root after writing a batch of rows (`RefreshDeps`): which
 * rows now hold Brex's values, so that marks on edited cells of those rows can say so. The sync
 * itself knows nothing of marks.
 */
import type { CellValue } from '../ports/table-port';

export interface RowsFromBrex {
  readonly sheetName: string;
  /** The sheet as it now is, header first (with its column tags: a HeaderRow). */
  readonly sheet: readonly (readonly CellValue[])[];
  /**
   * 0-based rows of `sheet` that Brex's records were just written to, each with the own headers
   * whose cells were kept as typed (a pending edit); every other own cell holds Brex's value.
   */
  readonly rows: ReadonlyMap<number, readonly string[]>;
  /** When the rows were written. */
  readonly at: Date;
}
