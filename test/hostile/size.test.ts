/**
 * A spreadsheet near Google Sheets' 10,000,000-cell limit, and a sync that would overflow it:
 * the add-on stops with a clear message before writing, instead of failing midway.
 */
import { gridCells, findSheet } from '../../dev/runtime/workbook';
import type { Sandbox } from '../../dev/sandbox';
import type { Runtime } from '../../dev/runtime';
import { control, idColumn, newRuntime, OWNER, smallSandbox, TODAY } from '../support/world';
import type { RefreshSummary } from '../../src/sync/refresh';

const LIMIT = 10_000_000;

describe('a sync that would pass the spreadsheet’s cell limit', () => {
  let sandbox: Sandbox;
  let runtime: Runtime;

  beforeAll(async () => {
    sandbox = await smallSandbox('size');
    runtime = newRuntime(sandbox);
    await runtime.call('connect', [{ token: sandbox.token, environment: 'production' }], {
      as: OWNER,
    });
    await runtime.call('saveSyncSettings', [
      { dataSets: ['card_transactions'], historyStart: '2000-01-01' },
    ]);
    await runtime.call('refreshNow', [], { as: OWNER });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('stops before writing a row, says what to do, and completes once there is room', async () => {
    const sheet1 = findSheet(runtime.workbook, 'Sheet1');
    if (!sheet1) throw new Error('No Sheet1.');
    // A person's own sheet fills the spreadsheet to within 1,000 cells of the limit.
    const others = gridCells(runtime.workbook) - sheet1.maxRows * sheet1.maxColumns;
    sheet1.maxRows = Math.floor((LIMIT - others - 1_000) / sheet1.maxColumns);
    control(sandbox, 'POST', '/card-transactions', { count: 1_200, date: TODAY });
    const before = runtime.values('Brex Card Transactions');
    const writesBefore = runtime.stats.rangeWriteCells;

    const result = await runtime.run('refreshNow', [], { as: OWNER });

    expect(result.ok).toBe(true);
    const summary = result.value as RefreshSummary;
    expect(summary.message).toMatch(
      /^The spreadsheet is too full for the Brex Card Transactions rows: .+\. Delete unused sheets, rows or columns, .+, then refresh again\.$/,
    );
    expect(runtime.values('Brex Card Transactions')).toEqual(before);
    expect(gridCells(runtime.workbook)).toBeLessThanOrEqual(LIMIT);
    // Nothing but the sync log's own row was written.
    expect(runtime.stats.rangeWriteCells - writesBefore).toBeLessThan(20);

    sheet1.maxRows = 1000;
    await runtime.call('refreshNow', [], { as: OWNER });
    expect(idColumn(runtime, 'Brex Card Transactions').sort()).toEqual(
      sandbox
        .snapshot()
        .card_transactions.map((t) => t.id)
        .sort(),
    );
  });
});
