/**
 * The formula engine: a custom function in a cell runs (as its own CUSTOM_FUNCTION execution)
 * when its cell is new or a range it reads has changed, and its result spills from its cell as
 * Sheets spills an array: `#REF!` when the result would leave the grid or cover data, `#ERROR!`
 * with the message when the function throws. Only custom functions are evaluated.
 */
import { cellA1, rectsIntersect, referenceRect, type GridRect } from './a1-notation';
import { typeValue } from './cell-typing';
import type { ExecuteOptions, ExecutionResult } from './execution';
import { parseFunctionCall, type FunctionCall } from './formulas';
import type { Change } from './host';
import { CELL_CHARS } from './limits';
import { isDateFormat } from './number-format';
import { readCellValue } from './spreadsheet-service';
import { cellFor, findSheet, getCell, type Sheet, type Workbook } from './workbook';

const MAX_RECALC_ROUNDS = 20;

export interface FormulaEngineSetup {
  readonly workbook: Workbook;
  readonly customFunctions: readonly string[];
  execute(functionName: string, args: unknown[], opts: ExecuteOptions): Promise<ExecutionResult>;
  /** Grid areas written since the last recalculation; the engine empties it. */
  readonly changes: Change[];
  /** Evaluate the formulas due all at once, as Sheets recalculates a sheet, or one by one. */
  readonly parallel: boolean;
}

/** Evaluates the formulas whose arguments changed, round after round until none is due. */
export function createFormulaEngine(setup: FormulaEngineSetup): { recalculate(): Promise<void> } {
  const { workbook, customFunctions, execute, parallel } = setup;
  const pendingChanges = setup.changes;

  const referencedRects = (
    sheet: Sheet,
    call: FunctionCall,
  ): Array<{ sheet: Sheet; rect: GridRect }> =>
    call.args.flatMap((arg) => {
      if (arg.kind !== 'reference') return [];
      const target = arg.ref.sheet ? findSheet(workbook, arg.ref.sheet) : sheet;
      return target
        ? [{ sheet: target, rect: referenceRect(arg.ref, target.maxRows, target.maxColumns) }]
        : [];
    });

  const argumentValue = (sheet: Sheet, arg: FunctionCall['args'][number]): unknown => {
    if (arg.kind === 'literal') return arg.value;
    const target = arg.ref.sheet ? findSheet(workbook, arg.ref.sheet) : sheet;
    if (!target) return '#REF!';
    const rect = referenceRect(arg.ref, target.maxRows, target.maxColumns);
    const read = (r: number, c: number) => readCellValue(getCell(target, r, c), workbook.timeZone);
    if (rect.rows === 1 && rect.columns === 1) return read(rect.row, rect.column);
    return Array.from({ length: rect.rows }, (_, r) =>
      Array.from({ length: rect.columns }, (_, c) => read(rect.row + r, rect.column + c)),
    );
  };

  const clearSpill = (sheet: Sheet, origin: string) => {
    for (const cells of sheet.rows) {
      for (const cell of cells ?? []) {
        if (cell?.spilledFrom === origin) {
          delete cell.value;
          delete cell.spilledFrom;
          if (cell.autoFormat) {
            delete cell.format;
            delete cell.autoFormat;
          }
        }
      }
    }
  };

  /** Writes a custom function's result from its cell, as Sheets spills an array. */
  const spill = (
    sheet: Sheet,
    row: number,
    column: number,
    result: unknown,
    name: string,
  ): Change => {
    const origin = cellA1(row, column);
    const cell = cellFor(sheet, row, column);
    clearSpill(sheet, origin);
    delete cell.error;
    const rows: unknown[][] = Array.isArray(result)
      ? result.map((r) => (Array.isArray(r) ? r : [r]))
      : [[result]];
    const height = rows.length;
    const width = Math.max(1, ...rows.map((r) => r.length));
    const area = { sheetId: sheet.id, row, column, rows: Math.max(1, height), columns: width };
    if (row + height - 1 > sheet.maxRows || column + width - 1 > sheet.maxColumns) {
      cell.value = '#REF!';
      cell.error = `Result was not automatically expanded, please insert more rows (${row + height - 1 - sheet.maxRows}).`;
      return area;
    }
    // No cell holds more than 50,000 characters: Sheets answers #VALUE!, as its own functions do.
    if (rows.some((values) => values.some((v) => typeof v === 'string' && v.length > CELL_CHARS))) {
      cell.value = '#VALUE!';
      cell.error = `Text result of ${name.toUpperCase()} is longer than the limit of ${CELL_CHARS} characters.`;
      return area;
    }
    for (let r = 0; r < height; r++) {
      for (let c = 0; c < width; c++) {
        if (r === 0 && c === 0) continue;
        const other = getCell(sheet, row + r, column + c);
        if (other && (other.formula || (other.value !== undefined && other.value !== ''))) {
          cell.value = '#REF!';
          cell.error = `Array result was not expanded because it would overwrite data in ${cellA1(row + r, column + c)}.`;
          return area;
        }
      }
    }
    rows.forEach((values, r) =>
      values.forEach((v, c) => {
        const target = cellFor(sheet, row + r, column + c);
        // A custom function's strings are text, never formulas; the formula cell keeps its formula.
        const typed =
          typeof v === 'string' ? { value: v } : typeValue(v, target.format, workbook.timeZone);
        target.value = typed.value ?? '';
        if (typed.format && !isDateFormat(target.format)) {
          target.format = typed.format;
          target.autoFormat = true;
        }
        if (r !== 0 || c !== 0) target.spilledFrom = origin;
      }),
    );
    if (height === 0) cell.value = '';
    return area;
  };

  async function evaluateFormula(
    sheet: Sheet,
    row: number,
    column: number,
  ): Promise<Change | undefined> {
    const cell = getCell(sheet, row, column);
    if (!cell?.formula) return undefined;
    const call = parseFunctionCall(cell.formula);
    const name = call && customFunctions.find((f) => f.toUpperCase() === call.name);
    if (!call || !name) {
      cell.value = '#NAME?';
      cell.error = call
        ? `Unknown function: '${call.name}'.`
        : 'Only custom functions are evaluated by the local runtime.';
      return undefined;
    }
    const result = await execute(
      name,
      call.args.map((a) => argumentValue(sheet, a)),
      { authMode: 'CUSTOM_FUNCTION', activeCell: { sheetId: sheet.id, row, column } },
    );
    if (!result.ok) {
      clearSpill(sheet, cellA1(row, column));
      cell.value = '#ERROR!';
      cell.error = result.error?.message ?? 'Error';
      return { sheetId: sheet.id, row, column, rows: 1, columns: 1 };
    }
    return spill(sheet, row, column, result.value, name);
  }

  async function recalculate(): Promise<void> {
    for (let round = 0; round < MAX_RECALC_ROUNDS; round++) {
      const changes = pendingChanges.splice(0);
      const due: Array<{ sheet: Sheet; row: number; column: number }> = [];
      for (const sheet of workbook.sheets) {
        sheet.rows.forEach((cells, r) =>
          cells?.forEach((cell, c) => {
            if (!cell?.formula) return;
            const call = parseFunctionCall(cell.formula);
            const fresh = cell.value === 'Loading...';
            const touched =
              call !== undefined &&
              referencedRects(sheet, call).some(({ sheet: s, rect }) =>
                changes.some((ch) => ch.sheetId === s.id && rectsIntersect(ch, rect)),
              );
            if (fresh || touched) due.push({ sheet, row: r + 1, column: c + 1 });
          }),
        );
      }
      if (due.length === 0) return;
      if (parallel) {
        const changes = await Promise.all(
          due.map((d) => evaluateFormula(d.sheet, d.row, d.column)),
        );
        for (const change of changes) if (change) pendingChanges.push(change);
        continue;
      }
      for (const d of due) {
        const change = await evaluateFormula(d.sheet, d.row, d.column);
        if (change) pendingChanges.push(change);
      }
    }
  }

  return { recalculate };
}
