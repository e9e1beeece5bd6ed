/**
 * Budgets API v2 spend-limit writes: create, update (PUT, a partial update), archive. Bodies reach
 * these handlers already checked against the spec (strict-body.ts); here are the rules the schema
 * cannot say: an archived or deleted limit no longer changes, members, owners, the department,
 * the parent budget and the expense policy must exist, and dates must run forwards. Members are
 * changed the way the spec allows: `member_user_ids` replaces the whole list.
 */
import { badRequest } from '../brex-errors';
import { addDays, addMonths, firstOfMonth } from '../dates';
import type { SandboxState, SpendLimit } from '../model';
import { bodyObject, isMoney, ok, param, type RouteContext, type RouteTable } from '../route-kit';
import { nonNegative } from './card-writes';
import { byId } from './team';

type Body = Record<string, unknown>;

/** Statuses Brex sets itself (an end date passed, a deletion): a PUT may not ask for them. */
const SETTABLE_STATUSES = new Set(['ACTIVE', 'ARCHIVED']);

export const spendLimitWriteRoutes: RouteTable = {
  'POST /v2/spend_limits': (ctx) => ok(createSpendLimit(ctx)),
  'PUT /v2/spend_limits/{id}': (ctx) => {
    const limit = liveLimit(ctx, 'updated');
    const body = bodyObject(ctx);
    if (typeof body.status === 'string' && !SETTABLE_STATUSES.has(body.status)) {
      throw badRequest('status can only be set to ACTIVE or ARCHIVED');
    }
    checkReferences(ctx.state, body);
    checkDates(body.start_date ?? limit.start_date, body.end_date ?? limit.end_date);
    return ok(editSpendLimit(limit, body));
  },
  'POST /v2/spend_limits/{id}/archive': (ctx) => {
    const limit = liveLimit(ctx, 'archived');
    limit.status = 'ARCHIVED';
    return ok(limit);
  },
};

function liveLimit(ctx: RouteContext, change: string): SpendLimit {
  const limit = byId(ctx.state.spendLimits, param(ctx));
  if (limit.status === 'ARCHIVED' || limit.status === 'DELETED') {
    throw badRequest(`Spend limit is ${limit.status.toLowerCase()} and cannot be ${change}`);
  }
  return limit;
}

function createSpendLimit(ctx: RouteContext): SpendLimit {
  const { company, state } = ctx;
  const body = bodyObject(ctx);
  checkReferences(state, body);
  checkDates(body.start_date, body.end_date);
  const settings = body.authorization_settings as Body;
  if (!isMoney(settings.base_limit)) {
    throw badRequest('authorization_settings.base_limit is required');
  }
  const base = nonNegative(settings.base_limit, 'authorization_settings.base_limit');
  const period = body.period_recurrence_type as SpendLimit['period_recurrence_type'];
  if (period === 'ONE_TIME' && !body.end_date) {
    throw badRequest('end_date is required when period_recurrence_type is ONE_TIME');
  }
  const start = (body.start_date as string | null | undefined) ?? null;
  const end = (body.end_date as string | null | undefined) ?? null;
  const [periodStart, periodEnd] =
    period === 'ONE_TIME'
      ? [start ?? state.today, end ?? state.today]
      : periodOf(period, state.today);
  const limit = {
    id: company.id('splim'),
    account_id: state.accountId,
    name: body.name,
    description: body.description ?? null,
    parent_budget_id: body.parent_budget_id ?? null,
    status: 'ACTIVE',
    period_recurrence_type: period,
    start_date: start,
    end_date: end,
    start_time_utc: null,
    end_time_utc: null,
    authorization_settings: {
      base_limit: base,
      limit_buffer_percentage: settings.limit_buffer_percentage ?? 0,
      authorization_type: settings.authorization_type ?? 'HARD',
      rollover_refresh_rate: settings.rollover_refresh_rate ?? 'OFF',
    },
    expense_visibility: body.expense_visibility,
    authorization_visibility: body.authorization_visibility,
    merchant_category_controls: {
      allowed_merchant_categories: [],
      blocked_merchant_categories: [],
    },
    ...(body.transaction_limit ? { transaction_limit: body.transaction_limit } : {}),
    limit_increase_setting: body.limit_increase_setting,
    spend_type: body.spend_type,
    auto_transfer_cards_setting: body.auto_transfer_cards_setting,
    auto_create_limit_cards_setting: body.auto_create_limit_cards_setting,
    owner_user_ids: body.owner_user_ids ?? [],
    member_user_ids: body.member_user_ids ?? [],
    expense_policy_id: body.expense_policy_id,
    ...(body.department_id ? { department_id: body.department_id } : {}),
    current_period_balance: {
      start_date: periodStart,
      end_date: periodEnd,
      amount_spent: { amount: 0, currency: base.currency },
      rollover_amount: { amount: 0, currency: base.currency },
    },
  } as unknown as SpendLimit;
  editSpendLimit(limit, { authorization_settings: {} });
  state.spendLimits.insert({ sortKey: '', seq: company.nextSeq(), data: limit });
  return limit;
}

/** The period containing `today`, as `[start, end]` dates. */
function periodOf(period: string, today: string): [string, string] {
  if (period === 'PER_WEEK') {
    const monday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
    return [monday, addDays(monday, 6)];
  }
  const months = period === 'PER_YEAR' ? 12 : period === 'PER_QUARTER' ? 3 : 1;
  const month = Number(today.slice(5, 7)) - 1;
  const first = addMonths(firstOfMonth(today), -(month % months));
  return [first, addDays(addMonths(first, months), -1)];
}

function checkDates(start: unknown, end: unknown): void {
  if (typeof start === 'string' && typeof end === 'string' && end < start) {
    throw badRequest('end_date may not be before start_date');
  }
}

/** Members, owners, the department, the parent budget and the expense policy must exist. */
function checkReferences(state: SandboxState, body: Body): void {
  const users = new Set(state.users.all().map((row) => row.data.id));
  for (const field of ['member_user_ids', 'owner_user_ids']) {
    const ids = (body[field] ?? []) as string[];
    const unknown = ids.find((id) => !users.has(id));
    if (unknown) throw badRequest(`${field} names ${unknown}, which is not a user`);
    if (new Set(ids).size !== ids.length) throw badRequest(`${field} lists a user twice`);
  }
  const known: [string, string[]][] = [
    ['department_id', state.departments.all().map((row) => row.data.id)],
    ['parent_budget_id', state.budgets.all().map((row) => row.data.budget_id ?? '')],
    ['expense_policy_id', state.spendLimits.all().map((row) => row.data.expense_policy_id ?? '')],
  ];
  for (const [field, ids] of known) {
    const id = body[field];
    if (typeof id === 'string' && !ids.includes(id)) {
      throw badRequest(`${field} ${id} does not exist`);
    }
  }
}

/** Fields a PUT may change (UpdateSpendLimitRequest); anything else in the body is ignored. */
const EDITABLE = new Set([
  'name',
  'description',
  'status',
  'period_recurrence_type',
  'start_date',
  'end_date',
  'expense_visibility',
  'authorization_visibility',
  'merchant_category_controls',
  'transaction_limit',
  'limit_increase_setting',
  'spend_type',
  'auto_transfer_cards_setting',
  'auto_create_limit_cards_setting',
  'owner_user_ids',
  'member_user_ids',
  'expense_policy_id',
  'limit_increase_request_policy_id',
  'limit_approval_policy_id',
  'legal_entity_id',
  'department_id',
]);
/** Fields Brex returns as nullable: sending null clears them. Other nulls leave a field as is. */
const CLEARABLE = new Set(['description', 'start_date', 'end_date']);
const SETTINGS = [
  'base_limit',
  'limit_buffer_percentage',
  'authorization_type',
  'rollover_refresh_rate',
];

/**
 * Applies an edit the way PUT /v2/spend_limits/{id} does (and Brex's dashboard would): only the
 * fields the body names change; `authorization_settings` is merged field by field, and the
 * response-only `limit_with_increases` is recomputed.
 */
export function editSpendLimit(limit: SpendLimit, body: Record<string, unknown>): SpendLimit {
  const settings = body.authorization_settings;
  if (settings !== undefined && settings !== null && typeof settings !== 'object') {
    throw badRequest('authorization_settings must be an object');
  }
  const changes = (settings ?? {}) as Record<string, unknown>;
  if (
    changes.base_limit != null &&
    (!isMoney(changes.base_limit) || changes.base_limit.amount < 0)
  ) {
    throw badRequest('authorization_settings.base_limit must be a non-negative Money amount');
  }
  const target = limit as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(body)) {
    if (!EDITABLE.has(key)) continue;
    if (value === null && !CLEARABLE.has(key)) continue;
    target[key] = value;
  }
  if (settings !== undefined && settings !== null) {
    const current = (limit.authorization_settings ?? {}) as Record<string, unknown>;
    for (const key of SETTINGS) {
      if (changes[key] !== undefined && changes[key] !== null) current[key] = changes[key];
    }
    const base = current.base_limit as { amount: number; currency?: string | null };
    const buffer = Number(current.limit_buffer_percentage ?? 0) || 0;
    current.limit_with_increases = {
      amount: Math.round(base.amount * (1 + buffer / 100)),
      currency: base.currency ?? 'USD',
    };
    limit.authorization_settings = current as SpendLimit['authorization_settings'];
  }
  return limit;
}
