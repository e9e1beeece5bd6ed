/**
 * The hostile suite's world: a small Brex sandbox (seeded, so every failure replays) and the
 * built bundle in the local runtime against it, on a fake clock so that retry waits cost no real
 * time while the bundle's deadlines still see them.
 */
import { startSandbox, type Sandbox } from '../../../dev/sandbox';
import { createRuntime, fakeClock, type Runtime } from '../../../dev/runtime';
import type { RuntimeOptions } from '../../../dev/runtime/runtime';
import { ALL_DATA_SETS, dataSheets, rowsOf } from '../../integration/support/sync-world';

export const TODAY = '2026-03-15';
export const OWNER = 'owner@example.com';

/** Seeds of a run: `HOSTILE_SEEDS` (npm run test:long raises it), else `fallback`. */
export function seeds(fallback: number): number[] {
  const count = Number(process.env.HOSTILE_SEEDS ?? fallback);
  return Array.from({ length: count }, (_, i) => i + 1);
}

/** A small company, so that twenty seeds fit in the `npm test` budget. */
export function smallSandbox(seed: string, transactions = 60): Promise<Sandbox> {
  return startSandbox({ seed, today: TODAY, transactions });
}

export function newRuntime(sandbox: Sandbox, options: RuntimeOptions = {}): Runtime {
  return createRuntime({
    brexUrl: sandbox.url,
    clock: fakeClock(Date.parse(`${TODAY}T12:00:00Z`)),
    ...options,
  });
}

/** A spreadsheet connected with the full token, every data set chosen. */
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

/** Every Brex ID cell of a data sheet, duplicates kept. */
export function idColumn(runtime: Runtime, sheet: string): string[] {
  const [header = [], ...rows] = runtime.values(sheet);
  const column = header.indexOf('Brex ID');
  return rows.map((row) => String(row[column] ?? '')).filter(Boolean);
}

export { ALL_DATA_SETS, dataSheets, rowsOf };
