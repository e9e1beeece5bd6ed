/** Expenses API: list and get, with `expand[]` and the date and status filters. */
import type { ExpenseRow, SandboxState } from '../model';
import { notFound } from '../brex-errors';
import {
  arrayFilter,
  bodyObject,
  dateTimeFilter,
  expansions,
  found,
  ok,
  page,
  param,
  type RouteContext,
  type RouteTable,
} from '../route-kit';

/**
 * Brex's changelog (developer.brex.com/changelog, February 2026) cut the largest expense page
 * from 1000, as the 2025-03 spec still says, to 100.
 */
export const EXPENSES_MAX_LIMIT = 100;

const EXPANDABLE = [
  'location',
  'department',
  'merchant',
  'receipts.download_uris',
  'user',
  'budget',
  'payment',
];

export const expenseRoutes: RouteTable = {
  'GET /v1/expenses': (ctx) => listExpenses(ctx, true),
  'GET /v1/expenses/card': (ctx) => listExpenses(ctx, false),
  'GET /v1/expenses/{id}': (ctx) => getExpense(ctx),
  'GET /v1/expenses/card/{expense_id}': (ctx) => getExpense(ctx),
  // A card expense only: the path says so, and a stricter Brex would not find a reimbursement here.
  'PUT /v1/expenses/card/{expense_id}': (ctx) => {
    const row = found(ctx.state.expensesById.get(param(ctx)));
    if (row.data.expense_type !== 'CARD') throw notFound();
    const body = bodyObject(ctx);
    const memo = body.memo as string | null | undefined;
    if (memo !== undefined) row.data.memo = memo;
    row.data.updated_at = ctx.now();
    return ok(pick(row.data, UPDATED_EXPENSE_FIELDS));
  },
};

/** The fields of the spec's `Expense`, what an update returns (a subset of ExpandableExpense). */
const UPDATED_EXPENSE_FIELDS = [
  'id',
  'memo',
  'location_id',
  'department_id',
  'updated_at',
  'category',
  'merchant_id',
  'budget_id',
  'original_amount',
  'billing_amount',
  'purchased_at',
  'status',
  'payment_status',
] as const;

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) if (key in source) out[key] = source[key];
  return out;
}

function listExpenses(ctx: RouteContext, allTypes: boolean) {
  const expand = expansions(ctx.query, EXPANDABLE);
  const q = ctx.query;
  const users = arrayFilter(q, 'user_id[]');
  const parents = arrayFilter(q, 'parent_expense_id[]');
  const budgets = arrayFilter(q, 'budget_id[]');
  const entities = arrayFilter(q, 'spending_entity_id[]');
  const types = allTypes ? arrayFilter(q, 'expense_type[]') : new Set(['CARD']);
  const statuses = arrayFilter(q, 'status[]');
  const payments = arrayFilter(q, 'payment_status[]');
  const purchasedFrom = dateTimeFilter(q, 'purchased_at_start');
  const purchasedTo = dateTimeFilter(q, 'purchased_at_end');
  const updatedFrom = dateTimeFilter(q, 'updated_at_start');
  const updatedTo = dateTimeFilter(q, 'updated_at_end');
  return page(
    ctx,
    ctx.state.expenses,
    ({ data: e }) =>
      (!users || users.has(e.user_id ?? '')) &&
      !parents && // demo expenses are never split, so none has a parent
      !entities &&
      (!budgets || budgets.has(e.budget_id ?? '')) &&
      (!types || types.has(e.expense_type ?? '')) &&
      (!statuses || statuses.has(e.status ?? '')) &&
      (!payments || payments.has(e.payment_status ?? '')) &&
      (purchasedFrom === null || purchased(e) >= purchasedFrom) &&
      (purchasedTo === null || purchased(e) <= purchasedTo) &&
      (updatedFrom === null || Date.parse(e.updated_at) >= updatedFrom) &&
      (updatedTo === null || Date.parse(e.updated_at) <= updatedTo),
    (row) => renderExpense(ctx.state, row, expand),
    ctx.paging.expensePageMax,
  );
}

/** Purchase time in epoch ms; an expense without one never passes a purchase-date filter. */
function purchased(e: { purchased_at?: string | null }): number {
  return e.purchased_at ? Date.parse(e.purchased_at) : Number.NaN;
}

function getExpense(ctx: RouteContext) {
  const expand = expansions(ctx.query, EXPANDABLE);
  return ok(renderExpense(ctx.state, found(ctx.state.expensesById.get(param(ctx))), expand));
}

/** The stored expense plus each expanded object the caller asked for. */
export function renderExpense(state: SandboxState, row: ExpenseRow, expand: ReadonlySet<string>) {
  const e = row.data;
  const out: Record<string, unknown> = { ...e };
  if (expand.has('merchant')) out.merchant = row.merchant;
  if (expand.has('location')) out.location = named(state.locations.all(), e.location_id);
  if (expand.has('department')) out.department = named(state.departments.all(), e.department_id);
  if (expand.has('budget')) out.budget = named(state.spendLimits.all(), e.budget_id);
  if (expand.has('user')) {
    const user = state.users.all().find((u) => u.data.id === e.user_id)?.data;
    out.user = user
      ? {
          id: user.id,
          first_name: user.first_name,
          last_name: user.last_name,
          department_id: user.department_id ?? null,
          location_id: user.location_id ?? null,
        }
      : null;
  }
  if (expand.has('payment')) {
    out.payment = row.cardId
      ? {
          id: `pay_${e.id}`,
          paymentInstrument: { type: 'CARD', id: row.cardId },
          statusReason: e.status === 'OUT_OF_POLICY' ? 'OTHER' : 'APPROVED',
        }
      : null;
  }
  if (expand.has('receipts.download_uris')) {
    out.receipts = (e.receipts ?? []).map((r) => ({
      id: r.id,
      download_uris: [`https://receipts.sandbox.invalid/${r.id}.pdf`],
    }));
  }
  return out;
}

function named(
  rows: readonly { data: { id: string; name: string } }[],
  id: string | null | undefined,
): { id: string; name: string } | null {
  const data = rows.find((r) => r.data.id === id)?.data;
  return data ? { id: data.id, name: data.name } : null;
}
