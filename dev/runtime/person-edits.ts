/**
 * A person at the keyboard: typing one cell or pasting a block, typed as Sheets types input,
 * refused on a range protected against them, then dependent formulas recalculated and the edit
 * triggers fired with Sheets' event. A paste writes every cell of the block, rows a filter hides
 * included (the stricter case: values land where the person cannot see them), and its event has
 * the whole block as `range` and, like Sheets' for several cells, no `value` or `oldValue`.
 */
import { parseA1, type GridRect } from './a1-notation';
import type { ExecutionResult } from './execution';
import type { Change } from './host';
import { displayValue } from './number-format';
import { rangeRef, readCellValue } from './spreadsheet-service';
import type { TriggerFiring } from './triggers';
import {
  blockingProtection,
  checkInside,
  findSheet,
  getCell,
  writeValue,
  type Workbook,
} from './workbook';

export interface PersonEditsSetup {
  readonly workbook: Workbook;
  /** Grid areas written, for the next recalculation. */
  readonly changes: Change[];
  recalculate(): Promise<void>;
  readonly triggers: TriggerFiring;
}

export interface PersonEdits {
  edit(a1: string, value: unknown, options?: { as?: string }): Promise<ExecutionResult[]>;
  paste(a1: string, rows: unknown[][], options?: { as?: string }): Promise<ExecutionResult[]>;
}

const PROTECTED =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

export function createPersonEdits(setup: PersonEditsSetup): PersonEdits {
  const { workbook, changes, recalculate, triggers } = setup;

  async function paste(
    a1: string,
    rows: unknown[][],
    opts: { as?: string } = {},
  ): Promise<ExecutionResult[]> {
    const ref = parseA1(a1);
    const sheet = ref?.sheet
      ? findSheet(workbook, ref.sheet)
      : workbook.sheets.find((s) => s.id === workbook.activeSheetId);
    if (!ref || !sheet || ref.startRow === undefined || ref.startColumn === undefined) {
      throw new Error(`"${a1}" is not a cell of this workbook. Name it like "Sheet1!B2".`);
    }
    const width = Math.max(0, ...rows.map((r) => r.length));
    if (rows.length === 0 || width === 0 || rows.some((r) => r.length !== width))
      throw new Error('A paste is a block: give every row the same number of cells.');
    const rect: GridRect = {
      row: ref.startRow,
      column: ref.startColumn,
      rows: rows.length,
      columns: width,
    };
    checkInside(sheet, rect);
    const user = opts.as ?? workbook.owner;
    if (blockingProtection(workbook, sheet, user, rect)) throw new Error(PROTECTED);
    const single = rect.rows === 1 && rect.columns === 1;
    const oldValue = readCellValue(getCell(sheet, rect.row, rect.column), workbook.timeZone);
    rows.forEach((cells, r) =>
      cells.forEach((value, c) =>
        writeValue(sheet, rect.row + r, rect.column + c, value, workbook.timeZone),
      ),
    );
    changes.push({ sheetId: sheet.id, ...rect });
    await recalculate();
    const cell = getCell(sheet, rect.row, rect.column);
    return triggers.fireEditTriggers(user, (authMode, triggerUid) => ({
      authMode,
      range: rangeRef(sheet, rect),
      source: { $remote: 'Spreadsheet', handle: null },
      ...(single
        ? {
            value: displayValue(cell?.value, undefined, workbook.timeZone),
            oldValue: oldValue === '' ? undefined : oldValue,
          }
        : {}),
      user: { $remote: 'User', handle: { email: user } },
      ...(triggerUid ? { triggerUid } : {}),
    }));
  }

  return {
    edit: (a1, value, opts) => paste(a1, [[value]], opts),
    paste,
  };
}
