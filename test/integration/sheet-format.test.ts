/**
 * How the synced sheets look, through the built bundle in the local runtime against the sandbox:
 * the header row, column widths a person changes kept, readable values, the expense category of
 * each card transaction, and the logs' typed cells.
 */
import type { Sandbox } from '../../dev/sandbox';
import type { Runtime } from '../../dev/runtime/runtime';
import { columnWidth, deleteColumns, getCell } from '../../dev/runtime/workbook';
import { readable } from '../../src/cells/readable-values';
import { refreshUntilDone, rowsOf, sheetOf, startWorld } from '../support/world';

let sandbox: Sandbox;
let runtime: Runtime;

beforeAll(async () => {
  ({ sandbox, runtime } = await startWorld());
  await refreshUntilDone(runtime);
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
});

// "Brex Settings" is a two-cell form (a label beside its value), not a table with a header.
const dataSheetNames = () =>
  runtime.workbook.sheets
    .filter((s) => s.name.startsWith('Brex ') && s.name !== 'Brex Settings' && !s.hidden)
    .map((s) => s.name);

describe('synced sheets in the local runtime', () => {
  it('make every visible sheet’s header frozen, bold and shaded, and size its columns', () => {
    const looks = dataSheetNames().map((name) => {
      const sheet = sheetOf(runtime, name);
      const header = runtime.values(name)[0] ?? [];
      const cells = header.map((_, c) => getCell(sheet, 1, c + 1));
      return {
        name,
        frozen: sheet.frozenRows,
        bold: cells.every((cell) => cell?.fontWeight === 'bold'),
        shaded: cells.every((cell) => cell?.background === '#e8eaed'),
        sized: header.every((_, c) => sheet.columnWidths?.[c + 1] !== undefined),
      };
    });

    expect(looks.length).toBeGreaterThanOrEqual(15);
    expect(looks.filter((l) => !(l.frozen === 1 && l.bold && l.shaded && l.sized))).toEqual([]);
  });

  it('put names, dates and amounts first and the Brex ID last; the categories’ key hidden', () => {
    const header = (name: string) => runtime.values(name)[0] ?? [];
    const categories = sheetOf(runtime, 'Brex Expense Categories');
    const keyColumn = header('Brex Expense Categories').indexOf('Brex ID') + 1;

    expect(header('Brex Card Transactions').slice(0, 3)).toEqual([
      'Posted date',
      'Description',
      'Amount',
    ]);
    expect(header('Brex Card Transactions').at(-1)).toBe('Brex ID');
    expect(header('Brex Spend Limits').slice(-2)).toEqual(['Brex ID', 'Sync status']);
    expect(categories.hiddenColumns?.[keyColumn - 1]).toBe(true);
  });

  it('never sets a width again once a person changed it', async () => {
    const sheet = sheetOf(runtime, 'Brex Cards');
    sheet.columnWidths = { ...sheet.columnWidths, 1: 333 };

    await refreshUntilDone(runtime);

    expect(columnWidth(sheet, 1)).toBe(333);
  });

  it('formats and sizes a column the refresh adds to an existing sheet', async () => {
    const sheet = sheetOf(runtime, 'Brex Card Transactions');
    const category = (runtime.values('Brex Card Transactions')[0] ?? []).indexOf('Category') + 1;
    deleteColumns(sheet, category, 1);

    await refreshUntilDone(runtime);

    const header = runtime.values('Brex Card Transactions')[0] ?? [];
    const added = header.indexOf('Category') + 1;
    expect(added).toBe(header.length);
    expect(getCell(sheet, 1, added)?.fontWeight).toBe('bold');
    expect(columnWidth(sheet, added)).toBe(210);
  });

  it('show Brex’s codes as words, and each card transaction’s expense category', () => {
    const state = sandbox.snapshot();
    const cards = rowsOf(runtime, 'Brex Cards');
    const transactions = rowsOf(runtime, 'Brex Card Transactions');
    const expenses = new Map(state.expenses.map((e) => [e.id, e]));

    expect(state.cards.map((c) => cards.get(c.id)?.Status)).toEqual(
      state.cards.map((c) => readable(c.status)),
    );
    const joined = state.card_transactions.filter((t) => t.expense_id);
    expect(joined.length).toBeGreaterThan(100);
    expect(joined.map((t) => transactions.get(t.id)?.Category)).toEqual(
      joined.map((t) => readable(expenses.get(t.expense_id ?? '')?.category)),
    );
    expect(
      [...transactions.values()].filter((r) => r['Spend limit'] !== '').length,
    ).toBeGreaterThan(0);
  });

  it('show each card’s limit, its holder’s monthly limit when the card has none of its own', () => {
    const state = sandbox.snapshot();
    const cards = rowsOf(runtime, 'Brex Cards');
    const onHolder = state.cards.filter((c) => c.limit_type === 'USER');
    const holderLimit = (c: (typeof onHolder)[number]) => {
      const money = state.user_limits[c.owner?.user_id ?? '']?.monthly_limit;
      return money?.amount === undefined ? '' : money.amount / 100;
    };

    expect(onHolder.length).toBeGreaterThan(40);
    expect(
      onHolder.map((c) => [cards.get(c.id)?.Limit, cards.get(c.id)?.['Limit period']]),
    ).toEqual(onHolder.map((c) => [holderLimit(c), "Per month, holder's limit"]));
    expect(state.cards.filter((c) => cards.get(c.id)?.['Limit period'] === '')).toEqual([]);
  });

  it('write the Sync Log with data-set titles, results in words and real times', () => {
    const sheet = sheetOf(runtime, 'Brex Sync Log');
    const [header = [], ...rows] = runtime.values('Brex Sync Log');

    expect(header.slice(0, 3)).toEqual(['Time', 'Data set', 'Result']);
    expect(rows.map((r) => r[1])).toContain('Card transactions');
    expect(rows.map((r) => r[2])).toContain('OK');
    expect(getCell(sheet, 2, 1)?.format).toBe('yyyy-mm-dd hh:mm:ss');
    expect(typeof getCell(sheet, 2, 1)?.value).toBe('number');
  });
});
