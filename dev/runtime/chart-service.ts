/**
 * Embedded charts: `Sheet.insertChart`, `getCharts`, `removeChart`, `updateChart`, and what an
 * `EmbeddedChart` tells (id, type, ranges, options, position). A chart is recorded on its sheet
 * with its type, data ranges and options, as Sheets keeps it; the builder (`Sheet.newChart()`)
 * is local to the worker (worker-services.ts) and hands its spec over on insert.
 */
import { rectA1, type GridRect } from './a1-notation';
import {
  fail,
  op,
  remote,
  type Execution,
  type Host,
  type RemoteRef,
  type ServiceTable,
} from './host';
import { checkInside, sheetById, type ChartRecord, type Sheet } from './workbook';

/** Sheets' chart types the builder accepts (`Charts.ChartType`). */
export const CHART_TYPES = [
  'AREA',
  'BAR',
  'BUBBLE',
  'CANDLESTICK',
  'COLUMN',
  'COMBO',
  'GAUGE',
  'GEO',
  'HISTOGRAM',
  'LINE',
  'ORG',
  'PIE',
  'RADAR',
  'SCATTER',
  'SPARKLINE',
  'STEPPED_AREA',
  'TABLE',
  'TIMELINE',
  'TREEMAP',
  'WATERFALL',
] as const;

/** What `EmbeddedChartBuilder.build()` hands to `insertChart` and `updateChart`. */
export interface ChartSpec {
  readonly type: string;
  readonly ranges: readonly RemoteRef[];
  readonly options: Record<string, unknown>;
  readonly position: { row: number; column: number; offsetX: number; offsetY: number };
  readonly numHeaders: number;
  /** The chart `modify()` started from, for `updateChart`. */
  readonly chartId?: number;
}

interface SheetHandle {
  readonly sheetId: number;
}

interface ChartHandle {
  readonly sheetId: number;
  readonly chartId: number;
}

interface RangeHandle extends GridRect {
  readonly sheetId: number;
}

export function createChartService(host: Host): ServiceTable {
  const wb = host.workbook;
  const meta = (x: Execution) => host.count(x, 'spreadsheetCalls');
  const chartsOf = (sheet: Sheet): ChartRecord[] => (sheet.charts ??= []);
  const chartOf = (h: ChartHandle): ChartRecord => {
    const chart = chartsOf(sheetById(wb, h.sheetId)).find((c) => c.id === h.chartId);
    if (!chart) fail('The chart does not exist. It may have been removed.');
    return chart;
  };
  const nextId = () =>
    1 + Math.max(0, ...wb.sheets.flatMap((s) => (s.charts ?? []).map((c) => c.id)));

  const record = (spec: unknown, id: number): ChartRecord => {
    const s = spec as Partial<ChartSpec> | null;
    if (!s || !Array.isArray(s.ranges)) fail('Invalid argument: chart');
    if (!CHART_TYPES.includes(s.type as (typeof CHART_TYPES)[number]))
      fail(`Invalid argument: chartType (${String(s.type)})`);
    if (s.ranges.length === 0) fail('The chart has no data. Add a range with addRange.');
    const ranges = s.ranges.map((ref) => {
      const h = ref?.handle as RangeHandle | undefined;
      if (ref?.$remote !== 'Range' || !h) fail('Invalid argument: range');
      checkInside(sheetById(wb, h.sheetId), h);
      return { sheetId: h.sheetId, row: h.row, column: h.column, rows: h.rows, columns: h.columns };
    });
    const position = s.position ?? { row: 1, column: 1, offsetX: 0, offsetY: 0 };
    if (position.row < 1 || position.column < 1)
      fail('The coordinates of the anchor cell are outside the dimensions of the sheet.');
    return {
      id,
      type: s.type as string,
      ranges,
      options: JSON.parse(JSON.stringify(s.options ?? {})) as Record<string, unknown>,
      position: { ...position },
      numHeaders: s.numHeaders ?? -1,
    };
  };

  const chartRef = (sheetId: number, chart: ChartRecord) =>
    remote('EmbeddedChart', { sheetId, chartId: chart.id });

  return {
    'Sheet.insertChart': op('write', (x, h: SheetHandle, spec: unknown) => {
      meta(x);
      const sheet = sheetById(wb, h.sheetId);
      chartsOf(sheet).push(record(spec, nextId()));
    }),
    'Sheet.updateChart': op('write', (x, h: SheetHandle, spec: unknown) => {
      meta(x);
      const id = (spec as Partial<ChartSpec> | null)?.chartId;
      const charts = chartsOf(sheetById(wb, h.sheetId));
      const index = charts.findIndex((c) => c.id === id);
      if (index < 0) fail('The chart does not exist. It may have been removed.');
      charts[index] = record(spec, id as number);
    }),
    'Sheet.removeChart': op('write', (x, h: SheetHandle, chart: RemoteRef) => {
      meta(x);
      const target = chart?.handle as ChartHandle | undefined;
      const charts = chartsOf(sheetById(wb, h.sheetId));
      const index = charts.findIndex((c) => c.id === target?.chartId);
      if (index < 0) fail('The chart does not exist. It may have been removed.');
      charts.splice(index, 1);
    }),
    'Sheet.getCharts': op('read', (x, h: SheetHandle) => {
      meta(x);
      return chartsOf(sheetById(wb, h.sheetId)).map((c) => chartRef(h.sheetId, c));
    }),
    'EmbeddedChart.getChartId': op('read', (_x, h: ChartHandle) => chartOf(h).id),
    'EmbeddedChart.getType': op('read', (_x, h: ChartHandle) => chartOf(h).type),
    'EmbeddedChart.getNumHeaders': op('read', (_x, h: ChartHandle) => chartOf(h).numHeaders),
    'EmbeddedChart.getRanges': op('read', (_x, h: ChartHandle) =>
      chartOf(h).ranges.map((r) => remote('Range', r)),
    ),
    'EmbeddedChart.getSpec': op('read', (_x, h: ChartHandle) => {
      const chart = chartOf(h);
      return { ...chart, ranges: chart.ranges.map((r) => remote('Range', r)), chartId: chart.id };
    }),
    'Range.getA1Notation': op('read', (_x, h: RangeHandle) => rectA1(h)),
  };
}
