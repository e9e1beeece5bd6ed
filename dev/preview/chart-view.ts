/**
 * What the preview draws of a sheet's embedded charts: each chart's type, title, place and size,
 * its labels and its series read from the chart's ranges now, as Sheets redraws a chart when its
 * cells change. Rows with neither a label nor a value are left out, as Sheets leaves them out.
 */
import { displayValue } from '../runtime/number-format';
import {
  getCell,
  sheetById,
  type ChartRecord,
  type Sheet,
  type Workbook,
} from '../runtime/workbook';

export interface ChartView {
  readonly id: number;
  readonly type: string;
  readonly title: string;
  /** 1-based anchor cell and pixel offsets from its top left corner. */
  readonly anchorRow: number;
  readonly anchorColumn: number;
  readonly offsetX: number;
  readonly offsetY: number;
  readonly width: number;
  readonly height: number;
  readonly labels: readonly string[];
  readonly series: readonly { readonly name: string; readonly values: readonly number[] }[];
  /** The values' number format (of the first series' first value), for the axis and tips. */
  readonly valueFormat: string;
  readonly legend: boolean;
}

const DEFAULT_WIDTH = 600;
const DEFAULT_HEIGHT = 371;

/** Every column of every range, in order: the first is the labels, the rest the series. */
function columnsOf(workbook: Workbook, chart: ChartRecord) {
  return chart.ranges.flatMap((range) => {
    const sheet = sheetById(workbook, range.sheetId);
    return Array.from({ length: range.columns }, (_, c) =>
      Array.from({ length: range.rows }, (_, r) => getCell(sheet, range.row + r, range.column + c)),
    );
  });
}

export function chartViews(workbook: Workbook, sheet: Sheet): ChartView[] {
  return (sheet.charts ?? []).map((chart) => {
    const [labelCells = [], ...seriesCells] = columnsOf(workbook, chart);
    const headers = chart.numHeaders > 0 ? chart.numHeaders : 0;
    const text = (i: number, cells = labelCells) =>
      displayValue(cells[i]?.value, cells[i]?.format, workbook.timeZone);
    const keep: number[] = [];
    for (let i = headers; i < labelCells.length; i++) {
      const hasValue = seriesCells.some((cells) => typeof cells[i]?.value === 'number');
      if (text(i) !== '' || hasValue) keep.push(i);
    }
    const options = chart.options;
    const legend = (options.legend as { position?: string } | undefined)?.position;
    return {
      id: chart.id,
      type: chart.type,
      title: typeof options.title === 'string' ? options.title : '',
      anchorRow: chart.position.row,
      anchorColumn: chart.position.column,
      offsetX: chart.position.offsetX,
      offsetY: chart.position.offsetY,
      width: typeof options.width === 'number' ? options.width : DEFAULT_WIDTH,
      height: typeof options.height === 'number' ? options.height : DEFAULT_HEIGHT,
      labels: keep.map((i) => text(i)),
      series: seriesCells.map((cells, s) => ({
        name: headers > 0 ? text(0, cells) : `Series ${s + 1}`,
        values: keep.map((i) => {
          const value = cells[i]?.value;
          return typeof value === 'number' ? value : 0;
        }),
      })),
      valueFormat: seriesCells[0]?.[keep[0] ?? headers]?.format ?? '',
      legend: legend !== 'none',
    };
  });
}
