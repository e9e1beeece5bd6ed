/**
 * Number formats per column, through the built bundle in the local runtime against the sandbox:
 * a first sync sets each column's format once, for the column's rows, not with every block of
 * values; rows added later inherit it; a format a person gives a column is kept.
 */
import type { Sandbox } from '../../dev/sandbox';
import type { Runtime } from '../../dev/runtime/runtime';
import { getCell } from '../../dev/runtime/workbook';
import { control, refreshUntilDone, sheetOf, startWorld } from '../support/world';

let sandbox: Sandbox;
let runtime: Runtime;
let firstSyncFormatCells = 0;
let firstSyncValueCells = 0;

beforeAll(async () => {
  ({ sandbox, runtime } = await startWorld());
  const before = { ...runtime.stats };
  await refreshUntilDone(runtime);
  firstSyncFormatCells = runtime.stats.formatWriteCells - before.formatWriteCells;
  firstSyncValueCells = runtime.stats.rangeWriteCells - before.rangeWriteCells;
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
});

const TRANSACTIONS = 'Brex Card Transactions';

/** The 1-based column of a header in a synced sheet. */
function columnOf(sheetName: string, header: string): number {
  return (runtime.values(sheetName)[0] ?? []).indexOf(header) + 1;
}

/** The number formats of a column's data rows (row 2 to the last with a value). */
function formatsOf(sheetName: string, header: string): (string | undefined)[] {
  const sheet = sheetOf(runtime, sheetName);
  const column = columnOf(sheetName, header);
  const rows = runtime.values(sheetName).length;
  return Array.from({ length: rows - 1 }, (_, i) => getCell(sheet, i + 2, column)?.format);
}

describe('number formats per column', () => {
  it('cost a first sync about one format cell per column, not one per value', () => {
    const columns = runtime.workbook.sheets
      .filter((s) => s.name.startsWith('Brex '))
      .reduce((sum, s) => sum + (runtime.values(s.name)[0]?.length ?? 0), 0);

    expect(firstSyncValueCells).toBeGreaterThan(20_000);
    // The header cells (each sheet's header is written as text) plus one per column and run; an
    // amount carries its currency's format, in runs down its column.
    expect(firstSyncFormatCells).toBeLessThanOrEqual(4 * columns);
  });

  it('give every synced row its column’s format, past the 1,000 rows a new sheet has', () => {
    const rows = runtime.values(TRANSACTIONS).length;
    const amounts = formatsOf(TRANSACTIONS, 'Amount');

    expect(rows).toBeGreaterThan(1_000);
    expect(new Set(formatsOf(TRANSACTIONS, 'Posted date'))).toEqual(new Set(['yyyy-mm-dd']));
    expect(new Set(formatsOf(TRANSACTIONS, 'Brex ID'))).toEqual(new Set(['@']));
    expect(amounts.filter((f) => !f?.startsWith('#,##0'))).toEqual([]);
  });

  it('keep a format a person gave a column, in old rows and in rows added after', async () => {
    const sheet = sheetOf(runtime, TRANSACTIONS);
    // A date column: an amount's format follows its row's currency, so it is always written.
    const column = columnOf(TRANSACTIONS, 'Initiated date');
    for (let row = 2; row <= sheet.maxRows; row += 1) {
      const cell = getCell(sheet, row, column);
      if (cell) cell.format = 'd mmm yyyy';
      else (sheet.rows[row - 1] ??= [])[column - 1] = { format: 'd mmm yyyy' };
    }
    const before = runtime.values(TRANSACTIONS).length;
    const maxRows = sheet.maxRows;
    control(sandbox, 'POST', '/card-transactions', {
      count: maxRows - before + 5,
      date: '2026-03-15',
    });

    await refreshUntilDone(runtime);

    expect(runtime.values(TRANSACTIONS).length).toBeGreaterThan(maxRows);
    expect(new Set(formatsOf(TRANSACTIONS, 'Initiated date'))).toEqual(new Set(['d mmm yyyy']));
  });
});
