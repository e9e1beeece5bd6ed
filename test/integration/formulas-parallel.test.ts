/**
 * A sheet of 30 Brex formulas recalculating together, as Sheets does after Refresh formulas: the
 * built bundle in the local runtime's parallel mode (each formula its own execution, started at
 * once, with cold globals and its own rate limiter), against the Brex sandbox over loopback HTTP,
 * which answers 429 past Brex's 1,000 requests a minute per token.
 */
import { createRuntime, type Runtime } from '../../dev/runtime/runtime';
import { createSheet, getCell, writeValue } from '../../dev/runtime/workbook';
import { spawnSandbox, type SpawnedSandbox } from '../../dev/sandbox';

let sandbox: SpawnedSandbox;

beforeAll(async () => {
  sandbox = await spawnSandbox({ seed: 'parallel-formulas', today: '2026-03-15' });
});

afterAll(async () => {
  await sandbox?.close();
});

interface LogEntry {
  readonly status: number;
  readonly path: string;
}

async function requestLog(): Promise<LogEntry[]> {
  return (await fetch(`${sandbox.url}/_sandbox/log`).then((r) => r.json())) as LogEntry[];
}

const REFRESH = "'Brex Settings'!B1";
const month = (m: number) => {
  const start = new Date(Date.UTC(2025, 2 + m, 1));
  const end = new Date(Date.UTC(2025, 3 + m, 0));
  return [start, end].map((d) => `"${d.toISOString().slice(0, 10)}"`);
};

/** Twelve months of card transactions and of expenses, and six whole lists or totals. */
const FORMULAS = [
  ...Array.from({ length: 12 }, (_, m) => {
    const [start, end] = month(m);
    return `=BREX_TRANSACTIONS(${start}, ${end}, "card", "", ${REFRESH})`;
  }),
  ...Array.from({ length: 12 }, (_, m) => {
    const [start, end] = month(m);
    return `=BREX_EXPENSES(${start}, ${end}, "", ${REFRESH})`;
  }),
  `=BREX_BALANCES(${REFRESH})`,
  `=BREX_USERS(${REFRESH})`,
  `=BREX_CARDS(${REFRESH})`,
  `=BREX_SPEND_LIMITS(${REFRESH})`,
  `=BREX_SPEND("month", "2025-03-15", "2026-03-15", ${REFRESH})`,
  `=BREX_EXPENSE_CATEGORIES("2025-03-15", "2026-03-15", ${REFRESH})`,
];

/** Each formula's cell: its value (the table's top-left cell) and its error, if any. */
function answers(runtime: Runtime): Array<{ value: unknown; error?: string }> {
  return FORMULAS.map((_, i) => {
    const sheet = runtime.workbook.sheets.find((s) => s.name === `F${i + 1}`);
    const cell = sheet && getCell(sheet, 1, 1);
    return { value: cell?.value, error: cell?.error };
  });
}

describe('30 Brex formulas recalculating together', () => {
  it('each answers after Refresh formulas, and Brex sees no burst of 429s', async () => {
    const runtime = createRuntime({ brexUrl: sandbox.url, recalculation: 'parallel' });
    await runtime.call('connect', [{ token: sandbox.token }]);
    await runtime.call('refreshFormulas');
    FORMULAS.forEach((formula, i) => {
      writeValue(createSheet(runtime.workbook, `F${i + 1}`), 1, 1, formula, 'Etc/UTC');
    });
    await runtime.recalculate();
    const before = (await requestLog()).length;

    const refreshed = await runtime.run('refreshFormulas');

    expect(refreshed.ok).toBe(true);
    const results = answers(runtime);
    expect(results.filter((r) => r.error !== undefined)).toEqual([]);
    expect(results.every((r) => typeof r.value === 'string' && r.value !== 'Loading...')).toBe(
      true,
    );
    const burst = (await requestLog()).slice(before);
    expect(burst.filter((e) => e.status === 429)).toEqual([]);
    // Every formula asked Brex again (the refresh cell is part of each cache key), and all of
    // them together sent fewer than Brex's 1,000 requests a minute, however fast they came.
    expect(burst.length).toBeGreaterThanOrEqual(FORMULAS.length);
    expect(burst.length).toBeLessThan(1000);
  });
});
