/**
 * A Brex text longer than a cell holds (50,000 characters) in a custom function's result: Sheets
 * would answer #VALUE! for the whole formula, so the built bundle must cut it, as the synced
 * sheets do, and say so at its end.
 */
import { createRuntime } from '../../dev/runtime/runtime';
import { spawnSandbox, type SpawnedSandbox, type Snapshot } from '../../dev/sandbox';
import { findSheet, getCell } from '../../dev/runtime/workbook';

const LONG = 'L'.repeat(60_000);
let sandbox: SpawnedSandbox;

beforeAll(async () => {
  sandbox = await spawnSandbox({ seed: 'long-text', today: '2026-03-15', transactions: 300 });
  const state = (await fetch(`${sandbox.url}/_sandbox/state`).then((r) => r.json())) as Snapshot;
  const plant = (list: string, id: string | undefined, fields: object) =>
    fetch(`${sandbox.url}/_sandbox/records/${list}/${id ?? ''}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(fields),
    });
  const inFebruary = (day: string | null | undefined) => !!day && day.startsWith('2026-02');
  await plant(
    'card_transactions',
    state.card_transactions.find((t) => inFebruary(t.posted_at_date))?.id,
    { description: LONG },
  );
  await plant('expenses', state.expenses.find((e) => inFebruary(e.purchased_at))?.id, {
    memo: LONG,
  });
});

afterAll(async () => {
  await sandbox?.close();
});

it.each(['BREX_TRANSACTIONS', 'BREX_EXPENSES'])(
  '%s cuts a text longer than a cell holds instead of failing the formula',
  async (name) => {
    const runtime = createRuntime({ brexUrl: sandbox.url });
    await runtime.call('connect', [{ token: sandbox.token }]);

    await runtime.edit('Sheet1!A1', `=${name}("2026-02-01", "2026-02-28")`);

    const sheet = findSheet(runtime.workbook, 'Sheet1');
    expect(sheet && getCell(sheet, 1, 1)?.error).toBeUndefined();
    const long = runtime
      .values('Sheet1')
      .flat()
      .filter((v) => String(v).startsWith('LLLL'));
    expect(long.map((v) => String(v).length)).toEqual([50_000]);
    expect(String(long[0])).toMatch(/L… \(cut: 60000 characters in Brex\)$/);
  },
);
