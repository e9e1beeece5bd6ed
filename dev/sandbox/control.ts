/**
 * The control API under `/_sandbox/` (a prefix Brex never uses; no token; loopback only): tokens,
 * the request log, state changes as if made in Brex's dashboard, faults, a snapshot, reset.
 */
import { BrexError, badRequest, notFound } from './brex-errors';
import type { DemoCompany } from './demo-company';
import type { FaultPlan, WriteFaultKind } from './faults';
import type { SandboxState } from './model';
import { paymentControl, type PaymentsControlled } from './payment-control';
import type { LoggedRequest } from './request-log';
import { renderExpense } from './routes/expenses';
import { editSpendLimit } from './routes/spend-limit-writes';
import type { RouteResult } from './route-kit';
import type { TokenSet } from './tokens';

export const CONTROL_PREFIX = '/_sandbox';

/** What the control API works on: the running sandbox (server.ts's `Sandbox` extends it). */
export interface ControlledSandbox extends PaymentsControlled {
  readonly tokens: TokenSet;
  readonly company: DemoCompany;
  readonly log: LoggedRequest[];
  readonly faults: FaultPlan;
  setFaults(spec: string): void;
  /** Aims one fault at the first `attempts` requests of every write; null stops it. */
  failWrites(kind: WriteFaultKind | null, attempts?: number): void;
  /** Paths whose pages answer with the very cursor they were asked for: a cursor that repeats. */
  readonly repeatingCursors: Set<string>;
  reset(): void;
  /**
   * The sandbox's current time, ISO 8601: the clock's time when today is the clock's today;
   * otherwise 23:00 UTC on today, one second later per call. No time it serves is later.
   */
  now(): string;
}

export function control(
  sandbox: ControlledSandbox,
  method: string,
  path: string,
  body: unknown,
): RouteResult {
  const route = `${method} ${path.slice(CONTROL_PREFIX.length)}`;
  const input = (body ?? {}) as Record<string, unknown>;
  const company = sandbox.company;
  try {
    switch (route) {
      case 'GET /tokens':
        return { status: 200, body: sandbox.tokens };
      case 'GET /log':
        return { status: 200, body: sandbox.log };
      case 'DELETE /log':
        sandbox.log.length = 0;
        return { status: 200, body: { cleared: true } };
      case 'GET /state':
        return { status: 200, body: snapshot(company.state) };
      case 'POST /reset':
        sandbox.reset();
        return { status: 200, body: { reset: true } };
      case 'PUT /faults':
        sandbox.setFaults(typeof input.spec === 'string' ? input.spec : '');
        return { status: 200, body: sandbox.faults.rates };
      case 'PUT /write-faults': {
        const kind = ['rate429', 'applied5xx', 'lost'].includes(String(input.kind))
          ? (input.kind as WriteFaultKind)
          : null;
        const attempts = typeof input.attempts === 'number' ? input.attempts : 1;
        sandbox.failWrites(kind, attempts);
        return { status: 200, body: { kind, attempts } };
      }
      case 'POST /card-transactions': {
        const rows = company.addCardPurchases(
          count(input),
          postedDate(company.state, input.date),
          optionalString(input.user_id),
        );
        // As in Brex, a purchase's expense is updated when it is made: now, whatever its date.
        for (const row of rows) {
          const expense = row.expenseId ? company.state.expensesById.get(row.expenseId) : undefined;
          if (expense) expense.data.updated_at = sandbox.now();
        }
        return {
          status: 200,
          body: { items: rows.map((r) => ({ ...r.data, expense_id: r.expenseId })) },
        };
      }
      case 'POST /cash-transactions': {
        const account = optionalString(input.account_id) ?? primaryCashAccount(company.state);
        const rows = company.addCashTransactions(
          account,
          count(input),
          postedDate(company.state, input.date),
        );
        return { status: 200, body: { items: rows.map((r) => r.data) } };
      }
      case 'POST /expenses/touch':
        return { status: 200, body: { items: touchExpenses(sandbox, input) } };
      case 'PUT /repeat-cursor': {
        const paths = Array.isArray(input.paths) ? input.paths.map(String) : [];
        sandbox.repeatingCursors.clear();
        for (const path of paths) sandbox.repeatingCursors.add(path);
        return { status: 200, body: { paths } };
      }
    }
    const payments = paymentControl(sandbox, route, input);
    if (payments) return payments;
    const recordEdit = /^PUT \/records\/([^/]+)\/([^/]+)$/.exec(route);
    if (recordEdit) {
      const [, list = '', id = ''] = recordEdit;
      return { status: 200, body: plantFields(company.state, list, decodeURIComponent(id), input) };
    }
    const limitEdit = /^PUT \/spend_limits\/([^/]+)$/.exec(route);
    if (limitEdit) {
      const row = company.state.spendLimits.all().find((r) => r.data.id === limitEdit[1]);
      if (!row) throw notFound();
      return { status: 200, body: editSpendLimit(row.data, input) };
    }
    throw notFound();
  } catch (error) {
    if (error instanceof BrexError) return { status: error.status, body: error.body };
    if (error instanceof Error)
      return { status: 400, body: { type: 'BAD_REQUEST', message: error.message } };
    throw error;
  }
}

/** Bumps `updated_at` of the named expenses (or the `count` newest) to the sandbox's now. */
function touchExpenses(sandbox: ControlledSandbox, input: Record<string, unknown>) {
  const state = sandbox.company.state;
  const ids = Array.isArray(input.ids) ? (input.ids as string[]) : null;
  const rows = ids
    ? ids.map((id) => {
        const row = state.expensesById.get(id);
        if (!row) throw badRequest(`No expense ${id}.`);
        return row;
      })
    : state.expenses.all().slice(0, count(input));
  const memo = typeof input.memo === 'string' ? input.memo : undefined;
  return rows.map((row) => {
    row.data.updated_at = sandbox.now();
    if (memo !== undefined) row.data.memo = memo;
    return renderExpense(state, row, new Set());
  });
}

/** The lists whose records `PUT /records/{list}/{id}` may rewrite, and each one's id field. */
function plantable(
  state: SandboxState,
  list: string,
): { rows: readonly { data: object }[]; key: string } {
  const lists: Record<string, { rows: readonly { data: object }[]; key: string }> = {
    users: { rows: state.users.all(), key: 'id' },
    departments: { rows: state.departments.all(), key: 'id' },
    locations: { rows: state.locations.all(), key: 'id' },
    cards: { rows: state.cards.all(), key: 'id' },
    vendors: { rows: state.vendors.all(), key: 'id' },
    transfers: { rows: state.transfers.all(), key: 'id' },
    spend_limits: { rows: state.spendLimits.all(), key: 'id' },
    budgets: { rows: state.budgets.all(), key: 'budget_id' },
    card_transactions: { rows: state.cardTransactions.all(), key: 'id' },
    expenses: { rows: state.expenses.all(), key: 'id' },
  };
  const found = lists[list];
  if (!found) throw badRequest(`No list ${list}. Use one of ${Object.keys(lists).join(', ')}.`);
  return found;
}

/**
 * Overwrites fields of a record exactly as given, with no validation: hostile data as a careless
 * or changed Brex might send it (null where a value is promised, an unknown enum value or field,
 * a 60,000-character name). The record keeps its place in its list.
 */
function plantFields(
  state: SandboxState,
  list: string,
  id: string,
  fields: Record<string, unknown>,
) {
  const { rows, key } = plantable(state, list);
  const row = rows.find((r) => (r.data as Record<string, unknown>)[key] === id);
  if (!row) throw notFound();
  Object.assign(row.data, structuredClone(fields));
  return row.data;
}

function primaryCashAccount(state: SandboxState): string {
  const primary = state.cashAccounts.find((a) => a.account.primary);
  if (!primary) throw notFound();
  return primary.account.id;
}

function count(input: Record<string, unknown>): number {
  const n = input.count ?? 1;
  if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > 100_000) {
    throw badRequest('count must be an integer from 1 to 100000');
  }
  return n as number;
}

/** A posting date for an addition: today or earlier (Brex posts nothing in the future). */
function postedDate(state: SandboxState, value: unknown): string | undefined {
  const date = optionalString(value);
  if (date !== undefined && date > state.today)
    throw badRequest(`date ${date} is after the sandbox's today, ${state.today}.`);
  return date;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The whole state as API objects, each list in the order its endpoint returns it. A deep copy:
 * later changes to the sandbox do not reach a snapshot already taken.
 */
export function snapshot(state: SandboxState) {
  return structuredClone(view(state));
}

function view(state: SandboxState) {
  const data = <T>(rows: readonly { data: T }[]) => rows.map((r) => r.data);
  return {
    today: state.today,
    card_accounts: state.cardAccounts,
    cash_accounts: state.cashAccounts.map((a) => a.account),
    card_transactions: state.cardTransactions
      .all()
      .map((r) => ({ ...r.data, expense_id: r.expenseId })),
    card_statements: data(state.cardStatements.all()),
    cash_transactions: Object.fromEntries(
      state.cashAccounts.map((a) => [a.account.id, data(a.transactions.all())]),
    ),
    cash_statements: Object.fromEntries(
      state.cashAccounts.map((a) => [a.account.id, data(a.statements.all())]),
    ),
    expenses: data(state.expenses.all()),
    users: data(state.users.all()),
    user_limits: Object.fromEntries(state.userLimits),
    departments: data(state.departments.all()),
    locations: data(state.locations.all()),
    titles: data(state.titles.all()),
    cards: data(state.cards.all()),
    vendors: data(state.vendors.all()),
    transfers: data(state.transfers.all()),
    spend_limits: data(state.spendLimits.all()),
    budgets: data(state.budgets.all()),
  };
}

export type Snapshot = ReturnType<typeof snapshot>;
