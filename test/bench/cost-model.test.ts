import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_COST_MODEL, COST_CONSTANTS } from '../../dev/bench/cost-model';

const doc = readFileSync(join(__dirname, '../../docs/performance.md'), 'utf8');

/** The cost table's rows in docs/performance.md, by counter. */
function documentedRows(): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of doc.split('\n')) {
    const match = /^\|\s*`(\w+)`\s*\|(.*)\|\s*$/.exec(line);
    if (match?.[1] && match[2])
      rows.set(
        match[1],
        match[2].split('|').map((c) => c.trim()),
      );
  }
  return rows;
}

describe('bench cost model', () => {
  it('is documented in docs/performance.md with the same cost, unit and basis for every counter', () => {
    const rows = documentedRows();

    expect([...rows.keys()].sort()).toEqual(Object.keys(COST_CONSTANTS).sort());
    for (const [kind, constant] of Object.entries(COST_CONSTANTS)) {
      const [ms, unit, basis, source] = rows.get(kind) ?? [];
      expect({ kind, ms: Number(ms), unit, basis }).toEqual({
        kind,
        ms: constant.ms,
        unit: constant.unit,
        basis: constant.basis,
      });
      expect(source).toBe(constant.source);
    }
  });

  it('gives the runtime a cost for every documented counter', () => {
    for (const [kind, constant] of Object.entries(COST_CONSTANTS)) {
      expect(BENCH_COST_MODEL[kind as keyof typeof BENCH_COST_MODEL]).toBe(constant.ms);
    }
  });
});
