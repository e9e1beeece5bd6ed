/**
 * Accounting: every service call counted by kind, per execution and for the whole runtime, and
 * a cost model that turns the counts into "modelled Apps Script time" for the benchmark.
 */

export interface Counters {
  serviceCalls: number;
  /** UrlFetchApp round trips: one per `fetch`, one per `fetchAll` batch (its requests run in parallel). */
  fetches: number;
  fetchBytesSent: number;
  fetchBytesReceived: number;
  rangeReads: number;
  rangeReadCells: number;
  rangeWrites: number;
  rangeWriteCells: number;
  /** Grids of number formats, notes, backgrounds or font weights set (`setNumberFormats`, …). */
  formatWrites: number;
  formatWriteCells: number;
  /** Other SpreadsheetApp calls (sheets, metadata, formats). */
  spreadsheetCalls: number;
  propertyReads: number;
  propertyWrites: number;
  cacheReads: number;
  cacheWrites: number;
  lockCalls: number;
  /** Lock acquisitions that had to wait for another execution. */
  lockWaits: number;
  flushes: number;
  triggerCalls: number;
  uiCalls: number;
  sleepMs: number;
}

export type CounterKind = keyof Counters;

export function emptyCounters(): Counters {
  return {
    serviceCalls: 0,
    fetches: 0,
    fetchBytesSent: 0,
    fetchBytesReceived: 0,
    rangeReads: 0,
    rangeReadCells: 0,
    rangeWrites: 0,
    rangeWriteCells: 0,
    formatWrites: 0,
    formatWriteCells: 0,
    spreadsheetCalls: 0,
    propertyReads: 0,
    propertyWrites: 0,
    cacheReads: 0,
    cacheWrites: 0,
    lockCalls: 0,
    lockWaits: 0,
    flushes: 0,
    triggerCalls: 0,
    uiCalls: 0,
    sleepMs: 0,
  };
}

/** Milliseconds of Apps Script time per unit of each counter. */
export type CostModel = Partial<Record<CounterKind, number>>;

/**
 * Rough Apps Script costs (community measurements: property get ≈30 ms, set ≈60 ms, cache get
 * ≈3 ms, put ≈90 ms; fetch latency and range costs are estimates). The benchmark may pass its own.
 */
export const DEFAULT_COST_MODEL: CostModel = {
  fetches: 150,
  fetchBytesSent: 0.00005,
  fetchBytesReceived: 0.0001,
  rangeReads: 40,
  rangeReadCells: 0.01,
  rangeWrites: 60,
  rangeWriteCells: 0.02,
  formatWrites: 60,
  formatWriteCells: 0.02,
  spreadsheetCalls: 5,
  propertyReads: 30,
  propertyWrites: 60,
  cacheReads: 3,
  cacheWrites: 90,
  lockCalls: 10,
  flushes: 100,
  triggerCalls: 50,
  uiCalls: 20,
  sleepMs: 1,
};

export function costOf(kind: CounterKind, amount: number, model: CostModel): number {
  return (model[kind] ?? 0) * amount;
}

export function modelledMs(counters: Counters, model: CostModel = DEFAULT_COST_MODEL): number {
  return (Object.keys(counters) as CounterKind[]).reduce(
    (sum, kind) => sum + costOf(kind, counters[kind], model),
    0,
  );
}

export function addCounters(into: Counters, from: Counters): void {
  for (const kind of Object.keys(from) as CounterKind[]) into[kind] += from[kind];
}
