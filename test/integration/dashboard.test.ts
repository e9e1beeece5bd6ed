/**
 * The Brex Dashboard, end to end: dist/Code.js in the local runtime against the sandbox. Its
 * figures are checked against totals computed here from the sandbox's own state, in minor units.
 */
import { fakeClock } from '../../dev/runtime';
import { createRuntime, type Runtime } from '../../dev/runtime/runtime';
import { findSheet, type Sheet } from '../../dev/runtime/workbook';
import { startSandbox, type Sandbox } from '../../dev/sandbox';
import { minorUnitsToAmount } from '../../src/cells/currency';
import { control, refreshUntilDone, SANDBOX_OPTIONS } from '../support/world';

const DASHBOARD = 'Brex Dashboard';
const TODAY = SANDBOX_OPTIONS.today;
const SPEND_TYPES = ['PURCHASE', 'REFUND', 'CHARGEBACK'];

let sandbox: Sandbox;
let runtime: Runtime;

beforeAll(async () => {
  sandbox = await startSandbox(SANDBOX_OPTIONS);
  runtime = createRuntime({
    brexUrl: sandbox.url,
    clock: fakeClock(Date.parse(`${TODAY}T12:00:00Z`)),
  });
  await runtime.call('connect', [{ token: sandbox.token, environment: 'production' }]);
  await runtime.call('saveSyncSettings', [
    {
      dataSets: [
        'departments',
        'users',
        'cards',
        'spend_limits',
        'accounts',
        'card_transactions',
        'expenses',
      ],
      historyStart: '2025-01-01',
    },
  ]);
  await refreshUntilDone(runtime);
});

afterAll(async () => {
  await sandbox.close();
});

function dashboard(): Sheet {
  const sheet = findSheet(runtime.workbook, DASHBOARD);
  if (!sheet) throw new Error('No dashboard sheet.');
  return sheet;
}

/** The dashboard row whose first cell reads `label` (the first one from `after`). */
function rowOf(label: string, after = 0): unknown[] {
  const rows = runtime.values(DASHBOARD);
  const row = rows.find((r, i) => i >= after && r[0] === label);
  if (!row) throw new Error(`No dashboard row "${label}".`);
  return row;
}

function rowIndex(label: string): number {
  return runtime.values(DASHBOARD).findIndex((r) => r[0] === label);
}

/** Card spend in the sandbox in minor units, posted within [start, end]. */
function spend(start: string, end: string): { minor: number; count: number } {
  let minor = 0;
  let count = 0;
  for (const t of sandbox.snapshot().card_transactions) {
    if (!SPEND_TYPES.includes(String(t.type)) || (t.amount.currency ?? 'USD') !== 'USD') continue;
    if (t.posted_at_date < start || t.posted_at_date > end) continue;
    minor += t.amount.amount ?? 0;
    count += 1;
  }
  return { minor, count };
}

const usd = (minor: number) => minorUnitsToAmount(minor, 'USD');

describe('the Brex Dashboard', () => {
  it('is made with its tables and six native charts, sending no request to Brex', async () => {
    const result = await runtime.run('createDashboard', []);

    expect(result.ok).toBe(true);
    expect(result.value).toMatchObject({ created: true, chartsAdded: 6 });
    expect(result.stats.fetches).toBe(0);
    const charts = dashboard().charts ?? [];
    expect(charts.map((c) => c.type)).toEqual(['COLUMN', 'PIE', 'BAR', 'BAR', 'BAR', 'BAR']);
    for (const chart of charts) {
      // Anchored beside its table (column H), reading the table's label and value columns.
      expect(chart.position.column).toBe(8);
      expect(chart.ranges.every((r) => r.sheetId === dashboard().id && r.columns === 1)).toBe(true);
      expect(chart.numHeaders).toBe(1);
      expect(chart.options.title).toEqual(expect.any(String));
    }
    expect(runtime.values(DASHBOARD)[2]?.slice(0, 2)).toEqual(['Period', 'This month']);
  });

  it('shows spend by month and this month against last month and last year, exactly', () => {
    const march = spend('2026-03-01', TODAY);
    const february = spend('2026-02-01', '2026-02-28');
    const lastMarch = spend('2025-03-01', '2025-03-31');

    expect(rowOf('Mar 2026').slice(1, 3)).toEqual([usd(march.minor), march.count]);
    expect(rowOf('Apr 2025').slice(1, 3)).toEqual([
      usd(spend('2025-04-01', '2025-04-30').minor),
      spend('2025-04-01', '2025-04-30').count,
    ]);
    expect(rowOf('This month so far').slice(2, 4)).toEqual([usd(march.minor), march.count]);
    expect(rowOf('Last month').slice(2, 4)).toEqual([usd(february.minor), february.count]);
    expect(rowOf('Same month last year').slice(2, 4)).toEqual([
      usd(lastMarch.minor),
      lastMarch.count,
    ]);
    expect(rowOf('Last month')[4]).toBeCloseTo((march.minor - february.minor) / february.minor, 12);
  });

  it('ranks merchants, departments and categories for the period, the rest in one row', () => {
    const byMerchant = new Map<string, number>();
    for (const t of sandbox.snapshot().card_transactions) {
      if (!SPEND_TYPES.includes(String(t.type)) || t.posted_at_date < '2026-03-01') continue;
      const name = t.merchant?.raw_descriptor ?? '';
      byMerchant.set(name, (byMerchant.get(name) ?? 0) + (t.amount.amount ?? 0));
    }
    const top = [...byMerchant.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const first = rowIndex('Merchant');
    const rows = runtime.values(DASHBOARD).slice(first + 1, first + 11);

    expect(rows.slice(0, 9).map((r) => [r[0], r[1]])).toEqual(
      top.slice(0, 9).map(([name, minor]) => [name, usd(minor)]),
    );
    expect(rows[9]?.[0]).toBe(`All others (${top.length - 9})`);
    expect(rows[9]?.[1]).toBe(usd(top.slice(9).reduce((sum, [, m]) => sum + m, 0)));
    const total = spend('2026-03-01', TODAY).minor;
    for (const header of ['Category', 'Department']) {
      const at = rowIndex(header);
      const shown = runtime
        .values(DASHBOARD)
        .slice(at + 1, at + 11)
        .filter((r) => r[0] !== '');
      const sum = shown.reduce((s, r) => s + Math.round(Number(r[1]) * 100), 0);
      expect(sum).toBe(total);
    }
    expect(rowOf('Category', 0)).toBeDefined();
    expect(runtime.values(DASHBOARD)[rowIndex('Category') + 1]?.[0]).not.toBe('Uncategorized');
  });

  it('shows each active spend limit in its own currency, flagging those past 80 %', () => {
    const limits = sandbox.snapshot().spend_limits.filter((l) => l.status === 'ACTIVE');
    const sheet = dashboard();
    const header = rowIndex('Spend limit');
    let flagged = 0;
    for (const limit of limits) {
      const base = limit.authorization_settings?.base_limit;
      const spent = limit.current_period_balance?.amount_spent;
      if (!base || base.amount <= 0) continue;
      const at = runtime
        .values(DASHBOARD)
        .findIndex((r) => String(r[0]).startsWith(`${limit.name} (`));
      const row = runtime.values(DASHBOARD)[at] ?? [];
      const currency = base.currency ?? 'USD';
      expect(row.slice(1, 3)).toEqual([
        minorUnitsToAmount(spent?.amount ?? 0, currency),
        minorUnitsToAmount(base.amount, currency),
      ]);
      expect(row[4]).toBe(currency);
      const used = (spent?.amount ?? 0) / base.amount;
      expect(row[5]).toBe(used > 1 ? 'Over limit' : used > 0.8 ? 'Over 80 %' : '');
      if (used > 0.8) flagged += 1;
      const decimals = currency === 'JPY' ? '#,##0' : '#,##0.00';
      expect(sheet.rows[at]?.[1]?.format).toBe(decimals);
    }
    expect(header).toBeGreaterThan(0);
    expect(flagged).toBeGreaterThan(0);
  });

  it('never adds currencies: another currency in B4 shows its own spend and says so', async () => {
    await runtime.edit(`${DASHBOARD}!B4`, 'EUR');
    await runtime.call('createDashboard', []);

    expect(rowOf('Month')[1]).toBe('Spend (EUR)');
    expect(rowOf('Mar 2026').slice(1, 3)).toEqual([0, 0]);
    expect(String(runtime.values(DASHBOARD)[3]?.[2])).toContain('Also spent in USD');

    await runtime.edit(`${DASHBOARD}!B4`, '');
    await runtime.call('createDashboard', []);
    expect(rowOf('Month')[1]).toBe('Spend (USD)');
  });

  it('is not duplicated when created again, and keeps a person’s cells and charts through refreshes', async () => {
    const sheet = dashboard();
    const gap = rowIndex('Spend this month'); // the blank row above a section is the person's
    sheet.rows[gap - 1] ??= [];
    (sheet.rows[gap - 1] as unknown[])[0] = { value: 'my own note' };
    (sheet.rows[1] as unknown[])[9] = { value: 'my budget', fontWeight: 'bold' };
    sheet.charts?.push({
      id: 999,
      type: 'LINE',
      ranges: [{ sheetId: sheet.id, row: 2, column: 10, rows: 1, columns: 1 }],
      options: { title: 'Mine' },
      position: { row: 2, column: 12, offsetX: 0, offsetY: 0 },
      numHeaders: 0,
    });
    const before = spend('2026-03-01', TODAY);

    control(sandbox, 'POST', '/card-transactions', { count: 200 });
    await refreshUntilDone(runtime);

    // The refresh itself rewrote the tables.
    const after = spend('2026-03-01', TODAY);
    expect(after.count).toBe(before.count + 200);
    expect(rowOf('This month so far').slice(2, 4)).toEqual([usd(after.minor), after.count]);
    const again = await runtime.run('createDashboard', []);
    expect(again.value).toMatchObject({ created: false, chartsAdded: 0 });
    expect(runtime.workbook.sheets.filter((s) => s.name === DASHBOARD)).toHaveLength(1);
    expect(dashboard().charts?.map((c) => c.id)).toHaveLength(7);
    expect(dashboard().charts?.find((c) => c.id === 999)?.options.title).toBe('Mine');
    expect(runtime.values(DASHBOARD)[gap - 1]?.[0]).toBe('my own note');
    expect(runtime.values(DASHBOARD)[1]?.[9]).toBe('my budget');
  });

  it('is left as it is by a refresh that changes nothing, and follows a new period at the next one', async () => {
    const quiet = await runtime.run('refreshNow', []);
    expect(quiet.value).toMatchObject({ done: true });
    expect(quiet.cellsWritten[DASHBOARD] ?? 0).toBe(0);

    await runtime.edit(`${DASHBOARD}!B3`, 'Last month');
    const next = await runtime.run('refreshNow', []);

    expect(next.cellsWritten[DASHBOARD]).toBeGreaterThan(0);
    expect(rowOf('Merchant')).toBeDefined();
    expect(String(runtime.values(DASHBOARD)[2]?.[2])).toBe('Feb 2026: 2026-02-01 to 2026-02-28.');
    await runtime.edit(`${DASHBOARD}!B3`, 'This month');
    await runtime.run('refreshNow', []);
  });

  it('reads the synced sheets by header, whatever the order of their columns', async () => {
    const before = runtime.values(DASHBOARD);
    const sheet = findSheet(runtime.workbook, 'Brex Card Transactions') as Sheet;
    // A person moves the first columns (id, dates, description, amount) to the end.
    for (const cells of sheet.rows) cells.push(...cells.splice(0, 5));

    await runtime.call('createDashboard', []);

    const after = runtime.values(DASHBOARD);
    expect(after.slice(2)).toEqual(before.slice(2));
  });
});
