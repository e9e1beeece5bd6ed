/**
 * Charts in the workbook file: type, data ranges in A1 (named with their sheet), anchor cell and
 * offsets, header rows and options, as a person would read them.
 */
import { cellA1, parseA1, quoteSheetName, rectA1, referenceRect } from './a1-notation';
import type { ChartRecord, Sheet, Workbook } from './workbook';

export interface ChartFile {
  id: number;
  type: string;
  /** `'Brex Dashboard'!A24:A36` */
  ranges: string[];
  /** The anchor cell, `H22`. */
  anchor: string;
  offsetX?: number;
  offsetY?: number;
  numHeaders: number;
  options: Record<string, unknown>;
}

export function chartsToFile(sheet: Sheet, workbook: Workbook): ChartFile[] | undefined {
  if (!sheet.charts?.length) return undefined;
  return sheet.charts.map((chart) => ({
    id: chart.id,
    type: chart.type,
    ranges: chart.ranges.map((range) => {
      const owner = workbook.sheets.find((s) => s.id === range.sheetId);
      return `${quoteSheetName(owner?.name ?? sheet.name)}!${rectA1(range)}`;
    }),
    anchor: cellA1(chart.position.row, chart.position.column),
    ...(chart.position.offsetX ? { offsetX: chart.position.offsetX } : {}),
    ...(chart.position.offsetY ? { offsetY: chart.position.offsetY } : {}),
    numHeaders: chart.numHeaders,
    options: chart.options,
  }));
}

/** Reads the charts back once every sheet exists (a chart may read another sheet). */
export function chartsFromFile(
  files: readonly ChartFile[] | undefined,
  workbook: Workbook,
): ChartRecord[] {
  return (files ?? []).map((file) => {
    const anchor = parseA1(file.anchor);
    return {
      id: file.id,
      type: file.type,
      ranges: file.ranges.map((a1) => {
        const ref = parseA1(a1);
        const owner = workbook.sheets.find((s) => s.name === ref?.sheet);
        if (!ref || !owner)
          throw new Error(`The chart range ${a1} names no sheet of the workbook.`);
        return { sheetId: owner.id, ...referenceRect(ref, owner.maxRows, owner.maxColumns) };
      }),
      options: file.options ?? {},
      position: {
        row: anchor?.startRow ?? 1,
        column: anchor?.startColumn ?? 1,
        offsetX: file.offsetX ?? 0,
        offsetY: file.offsetY ?? 0,
      },
      numHeaders: file.numHeaders ?? -1,
    };
  });
}
