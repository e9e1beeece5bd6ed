/**
 * A formula whose result would not fit below its cell, through the built bundle in the local
 * runtime (which answers such a spill with #REF!, as Sheets does), against the sandbox.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRuntime, type Runtime } from '../../dev/runtime/runtime';
import { startSandbox, type Sandbox } from '../../dev/sandbox';
import { createSheet, findSheet, getCell, type Sheet } from '../../dev/runtime/workbook';

let sandbox: Sandbox;
let runtime: Runtime;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'formula-room', today: '2026-12-07' });
  runtime = createRuntime({ brexUrl: sandbox.url });
  await runtime.call('connect', [{ token: sandbox.token }]);
});

afterAll(async () => {
  await sandbox?.close();
});

function sheet1(): Sheet {
  const sheet = findSheet(runtime.workbook, 'Sheet1');
  if (!sheet) throw new Error('The runtime has no Sheet1.');
  return sheet;
}

describe('a formula’s room', () => {
  it('answers a result taller than the sheet with one cell saying how many rows it needs', async () => {
    const rows =
      1 +
      sandbox.snapshot().card_transactions.filter((t) => t.posted_at_date >= '2026-01-01').length;
    expect(rows).toBeGreaterThan(1000);

    await runtime.edit('Sheet1!A1', '=BREX_TRANSACTIONS("2026-01-01")');

    const cell = getCell(sheet1(), 1, 1);
    expect(cell?.error).toBeUndefined();
    expect(cell?.value).toBe(
      `BREX_TRANSACTIONS needs ${rows.toLocaleString('en-US')} rows here and there is room for ` +
        `1,000: use a narrower range, add ${(rows - 1000).toLocaleString('en-US')} rows at the ` +
        'bottom and enter the formula again, or use the Brex Card Transactions sheet ' +
        '(Extensions ▸ Brex ▸ Refresh now).',
    );
    expect(getCell(sheet1(), 2, 1)?.value ?? '').toBe('');
  });

  it('counts the room from the formula’s own cell', async () => {
    await runtime.edit('Sheet1!A1', '');
    await runtime.edit('Sheet1!C995', '=BREX_CARDS()');

    expect(String(getCell(sheet1(), 995, 3)?.value)).toMatch(
      /^BREX_CARDS needs \d+ rows here and there is room for 6: /,
    );
    await runtime.edit('Sheet1!C995', '');
  });

  it('spills the whole result once the sheet has the rows it asked for', async () => {
    sheet1().maxRows = 5000;

    await runtime.edit('Sheet1!A1', '=BREX_TRANSACTIONS("2026-01-01")');

    expect(getCell(sheet1(), 1, 1)?.value).toBe('Posted date');
    expect(getCell(sheet1(), 1001, 1)?.spilledFrom).toBe('A1');
    await runtime.edit('Sheet1!A1', '');
  });

  it('runs the README’s refresh example in a new sheet of 1,000 rows', async () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const example = readme.match(/^=BREX_TRANSACTIONS\(.*\)$/m)?.[0];
    expect(example).toBeDefined();
    await runtime.call('refreshFormulas');
    createSheet(runtime.workbook, 'New');

    await runtime.edit('New!A1', example as string);

    const fresh = findSheet(runtime.workbook, 'New') as Sheet;
    const values = runtime.values('New');
    expect(getCell(fresh, 1, 1)?.error).toBeUndefined();
    expect(values[0]?.[0]).toBe('Posted date');
    expect(values.length).toBeGreaterThan(50);
    expect(values.length).toBeLessThanOrEqual(1000);
  });
});
