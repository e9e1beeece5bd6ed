/**
 * 10,000 card transactions through one formula: the built bundle in the local runtime, which
 * enforces the 30-s custom-function limit, against a sandbox seeded with that many.
 */
import { createRuntime } from '../../dev/runtime/runtime';
import { findSheet, getCell } from '../../dev/runtime/workbook';
import { spawnSandbox, type SpawnedSandbox, type Snapshot } from '../../dev/sandbox';

let sandbox: SpawnedSandbox;

beforeAll(async () => {
  sandbox = await spawnSandbox({ seed: 'volume', today: '2026-03-15', transactions: 10_000 });
});

afterAll(async () => {
  await sandbox?.close();
});

describe('BREX_TRANSACTIONS with 10,000 transactions', () => {
  it('returns every one within the custom-function time limit', async () => {
    const state = (await fetch(`${sandbox.url}/_sandbox/state`).then((r) => r.json())) as Snapshot;
    const runtime = createRuntime({ brexUrl: sandbox.url });
    await runtime.call('connect', [{ token: sandbox.token }]);

    // As a person would, give the sheet room for the result (a new sheet has 1,000 rows).
    const sheet = findSheet(runtime.workbook, 'Sheet1');
    if (!sheet) throw new Error('The runtime has no Sheet1.');
    sheet.maxRows = 12_000;

    await runtime.edit('Sheet1!A1', '=BREX_TRANSACTIONS("2000-01-01", , , "Brex ID, Amount")');

    expect(getCell(sheet, 1, 1)?.error).toBeUndefined();
    const [header, ...rows] = runtime.values('Sheet1');
    expect(header).toEqual(['Brex ID', 'Amount']);
    expect(state.card_transactions.length).toBeGreaterThanOrEqual(10_000);
    expect(rows.map((r) => r[0])).toEqual(state.card_transactions.map((t) => t.id));
  });
});
