/**
 * The figures the benchmark reports for one scenario run by one program (the add-on or the naive
 * baseline), summed over the executions the scenario took, and their ratios.
 */
import type { Counters, ExecutionResult } from '../runtime';

/** The add-on's own bookkeeping sheets: what it writes there is not data. */
const BOOKKEEPING_SHEETS = ['Brex Sync Log', 'Brex Sync State', 'Brex Audit Log'];

export interface Figures {
  readonly executions: number;
  /** Executions whose modelled time passed Apps Script's limit (6 min; 30 s for a custom function). */
  readonly overLimit: number;
  readonly failed: number;
  readonly brexRequests: number;
  readonly bytesSent: number;
  readonly bytesReceived: number;
  /** UrlFetchApp round trips: a `fetchAll` batch is one (brexRequests counts its requests). */
  readonly fetches: number;
  readonly rangeReads: number;
  readonly rangeWrites: number;
  readonly formatWrites: number;
  readonly spreadsheetCalls: number;
  readonly propertyCalls: number;
  readonly cacheCalls: number;
  readonly lockCalls: number;
  readonly cellsRead: number;
  readonly cellsWritten: number;
  readonly dataCellsWritten: number;
  readonly formatCellsWritten: number;
  readonly modelledMs: number;
  readonly wallMs: number;
  readonly peakRssMb: number;
}

export interface Measured {
  readonly results: readonly ExecutionResult[];
  readonly brexRequests: number;
  readonly wallMs: number;
  readonly peakRssMb: number;
  readonly limitMs: number;
}

function sum(results: readonly ExecutionResult[], kind: keyof Counters): number {
  return results.reduce((total, r) => total + r.stats[kind], 0);
}

export function figuresOf({
  results,
  brexRequests,
  wallMs,
  peakRssMb,
  limitMs,
}: Measured): Figures {
  const dataCells = results.reduce(
    (total, r) =>
      total +
      Object.entries(r.cellsWritten)
        .filter(([sheet]) => !BOOKKEEPING_SHEETS.includes(sheet))
        .reduce((cells, [, n]) => cells + n, 0),
    0,
  );
  return {
    executions: results.length,
    overLimit: results.filter((r) => r.modelledMs > limitMs).length,
    failed: results.filter((r) => !r.ok).length,
    brexRequests,
    bytesSent: sum(results, 'fetchBytesSent'),
    bytesReceived: sum(results, 'fetchBytesReceived'),
    fetches: sum(results, 'fetches'),
    rangeReads: sum(results, 'rangeReads'),
    rangeWrites: sum(results, 'rangeWrites'),
    formatWrites: sum(results, 'formatWrites'),
    spreadsheetCalls: sum(results, 'spreadsheetCalls'),
    propertyCalls: sum(results, 'propertyReads') + sum(results, 'propertyWrites'),
    cacheCalls: sum(results, 'cacheReads') + sum(results, 'cacheWrites'),
    lockCalls: sum(results, 'lockCalls'),
    cellsRead: sum(results, 'rangeReadCells'),
    cellsWritten: sum(results, 'rangeWriteCells'),
    dataCellsWritten: dataCells,
    formatCellsWritten: sum(results, 'formatWriteCells'),
    modelledMs: Math.round(results.reduce((total, r) => total + r.modelledMs, 0)),
    wallMs: Math.round(wallMs),
    peakRssMb: Math.round(peakRssMb),
  };
}

/** baseline / ours for every figure; null where ours is 0 (the ratio has no finite value). */
export function ratios(ours: Figures, baseline: Figures): Record<keyof Figures, number | null> {
  return Object.fromEntries(
    (Object.keys(ours) as (keyof Figures)[]).map((key) => [
      key,
      ours[key] === 0 ? null : Math.round((baseline[key] / ours[key]) * 100) / 100,
    ]),
  ) as Record<keyof Figures, number | null>;
}

/** A scenario's figures as a text table: one row per figure, ours, baseline, ratio. */
export function table(title: string, ours: Figures, baseline: Figures): string {
  const r = ratios(ours, baseline);
  const rows: string[][] = (Object.keys(ours) as (keyof Figures)[]).map((key) => [
    key,
    ours[key].toLocaleString('en-US'),
    baseline[key].toLocaleString('en-US'),
    r[key] === null ? (baseline[key] === 0 ? '=' : '∞') : `${r[key]}×`,
  ]);
  const header = ['figure', 'ours', 'baseline', 'baseline/ours'];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ');
  return [title, line(header), ...rows.map(line)].join('\n');
}
