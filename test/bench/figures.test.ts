import { figuresOf, ratios } from '../../dev/bench/figures';
import type { ExecutionResult } from '../../dev/runtime';
import { emptyCounters } from '../../dev/runtime/stats';

function execution(
  stats: Partial<ExecutionResult['stats']>,
  cellsWritten: Record<string, number>,
  modelledMs: number,
): ExecutionResult {
  return {
    functionName: 'refreshNow',
    ok: true,
    logs: [],
    stats: { ...emptyCounters(), ...stats },
    cellsWritten,
    modelledMs,
  };
}

describe('bench figures', () => {
  it('sums every execution of a scenario and leaves the add-on’s bookkeeping sheets out of data cells', () => {
    const figures = figuresOf({
      results: [
        execution(
          { fetches: 3, rangeWriteCells: 30, propertyReads: 2 },
          { 'Brex Cards': 20, 'Brex Sync Log': 10 },
          400_000,
        ),
        execution(
          { fetches: 2, rangeWriteCells: 5, propertyWrites: 1 },
          { 'Brex Sync State': 5 },
          1_000,
        ),
      ],
      brexRequests: 5,
      wallMs: 12.4,
      peakRssMb: 100,
      limitMs: 360_000,
    });

    expect(figures).toMatchObject({
      executions: 2,
      overLimit: 1,
      fetches: 5,
      propertyCalls: 3,
      cellsWritten: 35,
      dataCellsWritten: 20,
      modelledMs: 401_000,
    });
  });

  it('gives baseline / ours, and no ratio where ours is zero', () => {
    const ours = figuresOf({
      results: [execution({ fetches: 2 }, {}, 100)],
      brexRequests: 2,
      wallMs: 1,
      peakRssMb: 1,
      limitMs: 1_000,
    });
    const baseline = figuresOf({
      results: [execution({ fetches: 20 }, { Sheet1: 7 }, 2_000)],
      brexRequests: 20,
      wallMs: 1,
      peakRssMb: 1,
      limitMs: 1_000,
    });

    const ratio = ratios(ours, baseline);

    expect(ratio.brexRequests).toBe(10);
    expect(ratio.modelledMs).toBe(20);
    expect(ratio.dataCellsWritten).toBeNull();
  });
});
