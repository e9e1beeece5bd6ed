/**
 * A spreadsheet with "Brex Vendors" and "Brex Transfers" synced, against a sandbox whose vendors
 * have payment instruments, and two people who hold their own write credentials: the OWNER, who
 * stages payments, and BOB, who approves them. Helpers stage payment rows (a paste, as a person
 * would), review, approve, and read the sandbox's side.
 */
import { startSandbox, type Sandbox, type SandboxOptions } from '../../dev/sandbox';
import { createRuntime, fakeClock, type Runtime } from '../../dev/runtime';
import { findSheet, getCell, type Cell } from '../../dev/runtime/workbook';
import type { Transfer } from '../../src/brex';
import type {
  ChangeResult,
  ChangesReview,
  ChangeView,
  PaymentResult,
} from '../../src/contract/writeback';
import { columnLetter } from '../../src/cells/header';
import { OWNER } from './world';

export { OWNER };
export const BOB = 'bob@example.com';
export const TRANSFERS = 'Brex Transfers';
export const NOW = Date.parse('2026-03-15T12:00:00Z');

const ADDRESS = {
  line1: '1 Main St',
  city: 'Oakland',
  state: 'CA',
  country: 'US',
  postal_code: '94607',
};
const ACH = {
  type: 'ACH',
  routing_number: '021000021',
  account_number: '123456789',
  account_type: 'CHECKING',
  account_class: 'BUSINESS',
};
const WIRE = {
  type: 'DOMESTIC_WIRE',
  routing_number: '026009593',
  account_number: '987654321',
  address: ADDRESS,
};
const CHEQUE = { type: 'CHEQUE', mailing_address: ADDRESS, recipient_name: 'Northwind Traders' };
const INTL = {
  type: 'INTERNATIONAL_WIRE',
  swift_code: 'DEUTDEFF',
  iban: 'DE89370400440532013000',
  address: ADDRESS,
};

/** The vendors the tests pay: names and the methods their instruments offer. */
export const VENDORS = {
  northwind: { company_name: 'Northwind Traders', payment_accounts: [ACH, WIRE, CHEQUE] },
  initech: { company_name: 'Initech', payment_accounts: [ACH] },
  globex: { company_name: 'Globex GmbH', payment_accounts: [INTL] },
  bare: { company_name: 'Empty Vendor LLC', payment_accounts: [] },
};

export async function control(sandbox: Sandbox, path: string, body: unknown): Promise<unknown> {
  const reply = await fetch(`${sandbox.url}/_sandbox${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
  if (!reply.ok) throw new Error(`${path}: ${reply.status} ${await reply.text()}`);
  return reply.json();
}

/** The payment tests' sandbox: strict, on NOW's day, with a few transactions. */
export function openPaymentSandbox(seed: string, options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ seed, today: '2026-03-15', transactions: 20, strict: true, ...options });
}

/**
 * A fresh spreadsheet, vendors and transfers synced by the OWNER; BOB, and any of `others`, hold
 * write credentials of their own too.
 */
export async function paymentWorld(
  sandbox: Sandbox,
  others: readonly string[] = [],
): Promise<Runtime> {
  sandbox.reset();
  for (const vendor of Object.values(VENDORS)) {
    const accounts = vendor.payment_accounts.map((details) => ({ details }));
    await control(sandbox, '/vendors', { ...vendor, payment_accounts: accounts });
  }
  const runtime = createRuntime({ brexUrl: sandbox.url, clock: fakeClock(NOW) });
  const as = { as: OWNER };
  await runtime.call('connect', [{ token: sandbox.token, environment: 'production' }], as);
  await runtime.call('saveWriteCredential', [{ sameAsConnection: true }], as);
  for (const person of [BOB, ...others]) {
    await runtime.call('saveWriteCredential', [{ token: sandbox.token }], { as: person });
  }
  await runtime.call(
    'saveSyncSettings',
    [{ dataSets: ['vendors', 'transfers'], historyStart: '2026-01-01' }],
    as,
  );
  await refresh(runtime);
  sandbox.log.length = 0;
  return runtime;
}

export async function refresh(runtime: Runtime): Promise<void> {
  const summary = (await runtime.call('refreshNow', [], { as: OWNER })) as { done: boolean };
  if (!summary.done) throw new Error('Vendors and transfers did not sync in one execution.');
}

export interface PaymentRow {
  readonly vendor?: unknown;
  readonly method?: unknown;
  readonly amount?: unknown;
  readonly currency?: unknown;
  readonly account?: unknown;
  readonly description?: unknown;
  readonly memo?: unknown;
}

const FIELDS: Readonly<Record<keyof PaymentRow, string>> = {
  vendor: 'Vendor',
  method: 'Payment type',
  amount: 'Amount',
  currency: 'Currency',
  account: 'From account',
  description: 'Description',
  memo: 'External memo',
};

/** The first cash account's name (the primary one). */
export function accountName(sandbox: Sandbox): string {
  const accounts = sandbox.snapshot().cash_accounts as { name: string; primary: boolean }[];
  return (accounts.find((a) => a.primary) ?? accounts[0])?.name ?? '';
}

/** A person pastes payment rows below the sheet's data, in one paste; returns their first row. */
export async function stage(
  runtime: Runtime,
  rows: readonly PaymentRow[],
  as = OWNER,
): Promise<number> {
  const grid = runtime.values(TRANSFERS);
  const header = (grid[0] ?? []) as string[];
  const first = grid.length + 1;
  const width = Math.max(...Object.values(FIELDS).map((h) => header.indexOf(h))) + 1;
  const block = rows.map((row) => {
    const cells: unknown[] = Array.from({ length: width }, () => '');
    for (const [field, value] of Object.entries(row)) {
      cells[header.indexOf(FIELDS[field as keyof PaymentRow])] = value ?? '';
    }
    return cells;
  });
  await runtime.paste(`${TRANSFERS}!A${first}`, block, { as });
  return first;
}

export async function reviewAs(runtime: Runtime, as = OWNER): Promise<ChangesReview> {
  return (await runtime.call('reviewChanges', [], { as })) as ChangesReview;
}

export function paymentsOf(review: ChangesReview): ChangeView[] {
  return review.changes.filter((c) => c.action === 'transfers.create');
}

export async function approve(
  runtime: Runtime,
  keys: readonly string[],
  as = BOB,
): Promise<PaymentResult[]> {
  return (await runtime.call('approvePayments', [keys], { as })) as PaymentResult[];
}

export async function push(runtime: Runtime, keys?: readonly string[]): Promise<ChangeResult[]> {
  return (await runtime.call('pushChanges', keys ? [keys] : [], { as: OWNER })) as ChangeResult[];
}

export function transfers(sandbox: Sandbox): Transfer[] {
  return structuredClone(sandbox.snapshot().transfers as Transfer[]);
}

/** Requests that create a transfer. */
export function transferPosts(sandbox: Sandbox): Sandbox['log'] {
  return sandbox.log.filter((e) => e.method === 'POST' && e.path === '/v1/transfers');
}

/** A header's cell value in a sheet row. */
export function cell(runtime: Runtime, row: number, header: string): unknown {
  const grid = runtime.values(TRANSFERS);
  const column = ((grid[0] ?? []) as string[]).indexOf(header);
  return grid[row - 1]?.[column];
}

export function a1(runtime: Runtime, row: number, header: string): string {
  const column = ((runtime.values(TRANSFERS)[0] ?? []) as string[]).indexOf(header);
  return `${TRANSFERS}!${columnLetter(column)}${row}`;
}

/** A header's cell in a sheet row as the spreadsheet holds it: value, format, colour and note. */
export function cellState(runtime: Runtime, row: number, header: string): Cell {
  const column = ((runtime.values(TRANSFERS)[0] ?? []) as string[]).indexOf(header);
  const sheet = findSheet(runtime.workbook, TRANSFERS);
  return { ...(sheet ? getCell(sheet, row, column + 1) : undefined) };
}
