/**
 * The world of the tests that run what ships: a seeded Brex sandbox, and the built bundle
 * (dist/Code.js) in the local Apps Script runtime against it over loopback HTTP. Helpers to
 * connect a spreadsheet, refresh it until done, read its sheets back, and change Brex as its
 * dashboard would. Every seed replays exactly. test/support/spend-limits.ts adds the write-back
 * side (typing into a limit's cell, reviewing, the audit log).
 */
import { startSandbox, type Sandbox } from '../../dev/sandbox';
import { control as sandboxControl, CONTROL_PREFIX } from '../../dev/sandbox/control';
import { createRuntime, fakeClock, type Runtime, type RuntimeOptions } from '../../dev/runtime';
import { findSheet, type Sheet } from '../../dev/runtime/workbook';
import type { RefreshSummary } from '../../src/sync/refresh';
import { DATA_SET_IDS } from '../../src/data-sets';

export const ALL_DATA_SETS = DATA_SET_IDS;
/** The sandbox's today, and the fake clock's. */
export const TODAY = '2026-03-15';
export const OWNER = 'owner@example.com';

/** The sandbox of the sync tests: the full-size demo company. */
export const SANDBOX_OPTIONS = { seed: 'sync-tests', today: TODAY } as const;

/** Seeds of a run: `HOSTILE_SEEDS` (npm run test:long raises it), else `fallback`. */
export function seeds(fallback: number): number[] {
  const count = Number(process.env.HOSTILE_SEEDS ?? fallback);
  return Array.from({ length: count }, (_, i) => i + 1);
}

/** A small company, so that many seeds fit in the `npm test` budget. */
export function smallSandbox(seed: string, transactions = 60): Promise<Sandbox> {
  return startSandbox({ seed, today: TODAY, transactions });
}

/**
 * The full-size sandbox (unless one is given) and a spreadsheet on the real clock, connected,
 * every data set chosen.
 */
export async function startWorld(
  sandbox?: Sandbox,
): Promise<{ sandbox: Sandbox; runtime: Runtime }> {
  const box = sandbox ?? (await startSandbox(SANDBOX_OPTIONS));
  const runtime = createRuntime({ brexUrl: box.url });
  await runtime.call('connect', [{ token: box.token, environment: 'production' }]);
  await runtime.call('saveSyncSettings', [{ dataSets: ALL_DATA_SETS, historyStart: '2000-01-01' }]);
  return { sandbox: box, runtime };
}

/**
 * A spreadsheet against `sandbox` on a fake clock at noon of TODAY: retry waits cost no real
 * time while the bundle's deadlines still see them, and end dates mean the same to both sides.
 */
export function newRuntime(sandbox: Sandbox, options: RuntimeOptions = {}): Runtime {
  return createRuntime({
    brexUrl: sandbox.url,
    clock: fakeClock(Date.parse(`${TODAY}T12:00:00Z`)),
    ...options,
  });
}

/** A spreadsheet connected by the OWNER, whose token is also their write credential; every data set chosen. */
export async function connectedRuntime(
  sandbox: Sandbox,
  options: RuntimeOptions = {},
): Promise<Runtime> {
  const runtime = newRuntime(sandbox, options);
  await runtime.call('connect', [{ token: sandbox.token, environment: 'production' }], {
    as: OWNER,
  });
  await runtime.call('saveWriteCredential', [{ sameAsConnection: true }], { as: OWNER });
  await runtime.call('saveSyncSettings', [{ dataSets: ALL_DATA_SETS, historyStart: '2000-01-01' }]);
  return runtime;
}

/** Calls `refresh` until it reports done, as the sidebar does. */
export async function untilDone(
  refresh: () => Promise<RefreshSummary>,
  maxCalls = 20,
): Promise<RefreshSummary> {
  for (let call = 1; call <= maxCalls; call += 1) {
    const summary = await refresh();
    if (summary.done) return summary;
  }
  throw new Error(`The refresh was not done after ${maxCalls} calls.`);
}

/** Calls refreshNow (as `as`, when given) until it reports done; every call must succeed. */
export function refreshUntilDone(
  runtime: Runtime,
  options: { as?: string; maxCalls?: number } = {},
): Promise<RefreshSummary> {
  return untilDone(async () => {
    const result = await runtime.run('refreshNow', [], options.as ? { as: options.as } : {});
    if (!result.ok) throw new Error(`refreshNow failed: ${result.error?.message}`);
    return result.value as RefreshSummary;
  }, options.maxCalls);
}

export function sheetOf(runtime: Runtime, name: string): Sheet {
  const sheet = findSheet(runtime.workbook, name);
  if (!sheet) throw new Error(`No sheet ${name}.`);
  return sheet;
}

/** A data sheet as objects keyed by header, one per row that has a Brex ID. */
export function rowsOf(runtime: Runtime, name: string): Map<string, Record<string, unknown>> {
  const [header = [], ...rows] = runtime.values(name);
  const rowsById = new Map<string, Record<string, unknown>>();
  for (const row of rows) {
    const record = Object.fromEntries(header.map((h, i) => [String(h), row[i]]));
    const id = String(record['Brex ID'] ?? '');
    if (id) rowsById.set(id, record);
  }
  return rowsById;
}

/** Every Brex ID cell of a data sheet, duplicates kept. */
export function idColumn(runtime: Runtime, sheet: string): string[] {
  const [header = [], ...rows] = runtime.values(sheet);
  const column = header.indexOf('Brex ID');
  return rows.map((row) => String(row[column] ?? '')).filter(Boolean);
}

// "Brex Settings" holds the formulas' refresh cell, stamped with the time of connecting.
const BOOKKEEPING_SHEETS = ['Brex Sync Log', 'Brex Sync State', 'Brex Settings'];

/** Every data sheet's values (the add-on's hidden state and log sheets aside). */
export function dataSheets(runtime: Runtime): Record<string, unknown[][]> {
  return Object.fromEntries(
    runtime.workbook.sheets
      .filter((s) => s.name.startsWith('Brex ') && !BOOKKEEPING_SHEETS.includes(s.name))
      .map((s) => [s.name, runtime.values(s.name)]),
  );
}

/** The ids each data sheet must hold: the sandbox's state, by sheet. */
export function expectedIds(sandbox: Sandbox): Record<string, string[]> {
  const state = sandbox.snapshot();
  return {
    'Brex Departments': state.departments.map((d) => d.id),
    'Brex Locations': state.locations.map((d) => d.id),
    'Brex Users': state.users.map((d) => d.id),
    'Brex Cards': state.cards.map((d) => d.id),
    'Brex Spend Limits': state.spend_limits.map((d) => d.id),
    'Brex Budgets': state.budgets.map((d) => d.budget_id),
    'Brex Vendors': state.vendors.map((d) => d.id),
    'Brex Accounts': [...state.card_accounts, ...state.cash_accounts].map((d) => d.id),
    'Brex Statements': [
      ...state.card_statements,
      ...Object.values(state.cash_statements).flat(),
    ].map((d) => d.id),
    'Brex Card Transactions': state.card_transactions.map((d) => d.id),
    'Brex Cash Transactions': Object.values(state.cash_transactions)
      .flat()
      .map((d) => d.id),
    'Brex Transfers': state.transfers.map((d) => d.id),
    'Brex Expenses': state.expenses.map((d) => d.id),
  };
}

/** A change made as if in Brex's dashboard, through the sandbox's control API (in process). */
export function control(sandbox: Sandbox, method: string, path: string, body?: unknown): unknown {
  const result = sandboxControl(sandbox, method, `${CONTROL_PREFIX}${path}`, body);
  if (result.status !== 200) {
    throw new Error(`${method} ${path}: ${result.status} ${JSON.stringify(result.body)}`);
  }
  return result.body;
}
