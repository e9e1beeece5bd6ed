/**
 * The benchmark's cost model: what one unit of each runtime counter costs in Apps Script, with
 * where the figure comes from. The single source of truth: the benchmark turns counts into
 * modelled time with it, and a test checks docs/performance.md's table against it.
 */
import type { CostModel, Counters } from '../runtime';

type CostedKind = Exclude<keyof Counters, 'serviceCalls' | 'lockWaits'>;

export interface CostConstant {
  /** Milliseconds of Apps Script time per unit. */
  readonly ms: number;
  readonly unit: string;
  readonly basis: 'measured' | 'derived' | 'estimate';
  readonly source: string;
}

export const COST_CONSTANTS: Readonly<Record<CostedKind, CostConstant>> = {
  fetches: {
    ms: 300,
    unit: 'UrlFetchApp round trip: a fetch, or a whole fetchAll batch',
    basis: 'estimate',
    source:
      'No published UrlFetch latency. peers.md §4 budgets 0.5–1 s per Brex page of 100 rows, latency and transfer together; 300 ms is the latency part (Google’s fetch proxy and Brex’s server time). A fetchAll batch costs one latency, its slowest request’s, plus all its bytes: Google’s UrlFetchApp reference (fetchAll: “makes multiple requests to fetch multiple URLs”) and apps-script.md §3 [V8] (“to achieve parallel network requests, use UrlFetchApp.fetchAll”); tanaike’s fetchAll benchmark (gist.github.com/tanaikech/c0f383034045ab63c19604139ecb0728) found the requests run asynchronously, a batch taking about as long as its slowest request',
  },
  fetchBytesSent: {
    ms: 0.0005,
    unit: 'byte sent',
    basis: 'estimate',
    source:
      '0.5 ms per KB (about 2 MB/s through the fetch proxy); requests are small, so it barely counts',
  },
  fetchBytesReceived: {
    ms: 0.0005,
    unit: 'byte received',
    basis: 'estimate',
    source:
      '0.5 ms per KB (about 2 MB/s, transfer plus JSON.parse in Apps Script); puts a 100-row page of transactions (≈70 KB) at ≈0.33 s with the latency, the low end of peers.md §4',
  },
  rangeReads: {
    ms: 50,
    unit: 'getValues / getValue call',
    basis: 'estimate',
    source:
      'A read flushes pending writes and goes to the Sheets backend; apps-script.md §3 gives 0.3 s for the metadata of a 10 M-cell sheet (TANAIKE-10M), so one ordinary read is put well below it',
  },
  rangeReadCells: {
    ms: 0.002,
    unit: 'cell read',
    basis: 'estimate',
    source:
      'Reads are batched server-side and much cheaper than writes (apps-script.md §3, BESTPRAC); 2 µs per cell puts 1 M cells at 2 s',
  },
  rangeWrites: {
    ms: 30,
    unit: 'setValues / setValue / appendRow call',
    basis: 'derived',
    source:
      'apps-script.md §3 (DEVREF-FLUSH): 400 row writes with a flush each took ≈12 s, i.e. ≈30 ms per applied write call',
  },
  rangeWriteCells: {
    ms: 0.145,
    unit: 'value cell written',
    basis: 'derived',
    source:
      'apps-script.md §3 (DEVREF-FLUSH): one 4,000-cell write with its flush took ≈610 ms: (610 − 30) / 4,000 ≈ 0.145 ms per cell',
  },
  formatWrites: {
    ms: 30,
    unit: 'setNumberFormats / setNotes / setBackgrounds call',
    basis: 'estimate',
    source: 'Taken equal to a value write call (the same Sheets range update)',
  },
  formatWriteCells: {
    ms: 0.145,
    unit: 'format cell written',
    basis: 'estimate',
    source: 'Taken equal to a value cell written',
  },
  spreadsheetCalls: {
    ms: 10,
    unit: 'other SpreadsheetApp call (sheet lookup, size, insert, clear, sort)',
    basis: 'estimate',
    source:
      'Metadata calls; apps-script.md §3 gives 0.3 s for a 10 M-cell sheet’s metadata, ordinary sheets are far smaller',
  },
  propertyReads: {
    ms: 30,
    unit: 'PropertiesService read',
    basis: 'measured',
    source: 'apps-script.md §3 (ZIRITIONE, 100-run average): get ≈30 ms',
  },
  propertyWrites: {
    ms: 60,
    unit: 'PropertiesService write or delete',
    basis: 'measured',
    source: 'apps-script.md §3 (ZIRITIONE, 100-run average): set ≈60 ms',
  },
  cacheReads: {
    ms: 3,
    unit: 'CacheService get / getAll',
    basis: 'measured',
    source: 'apps-script.md §3 (ZIRITIONE, 100-run average): get ≈3 ms',
  },
  cacheWrites: {
    ms: 90,
    unit: 'CacheService put / putAll / remove',
    basis: 'measured',
    source: 'apps-script.md §3 (ZIRITIONE, 100-run average): put ≈90 ms',
  },
  lockCalls: {
    ms: 30,
    unit: 'LockService call',
    basis: 'estimate',
    source: 'A lock is a small shared-store operation; taken equal to a property read',
  },
  flushes: {
    ms: 30,
    unit: 'SpreadsheetApp.flush',
    basis: 'derived',
    source: 'apps-script.md §3 (DEVREF-FLUSH): a flush per row added ≈30 ms per row',
  },
  triggerCalls: {
    ms: 50,
    unit: 'ScriptApp trigger call',
    basis: 'estimate',
    source: 'No measurement; rare (schedule changes only)',
  },
  uiCalls: {
    ms: 20,
    unit: 'Ui / HtmlService call',
    basis: 'estimate',
    source: 'No measurement; not on any benchmarked path',
  },
  sleepMs: {
    ms: 1,
    unit: 'ms of Utilities.sleep',
    basis: 'measured',
    source: 'By definition',
  },
};

/** The constants as the runtime's cost model (counters without a constant cost nothing). */
export const BENCH_COST_MODEL: CostModel = Object.fromEntries(
  Object.entries(COST_CONSTANTS).map(([kind, constant]) => [kind, constant.ms]),
);

/** The constants as the Markdown table docs/performance.md carries (checked by a test). */
export function costTable(): string {
  const rows = Object.entries(COST_CONSTANTS).map(
    ([kind, c]) => `| \`${kind}\` | ${c.ms} | ${c.unit} | ${c.basis} | ${c.source} |`,
  );
  return ['| Counter | ms per unit | Unit | Basis | Source |', '| --- | --- | --- | --- | --- |']
    .concat(rows)
    .join('\n');
}
