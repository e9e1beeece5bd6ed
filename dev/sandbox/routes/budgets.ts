/** Budgets API v2: spend limits (list, get, create, update, archive) and budgets (list, get). */
import { badRequest, notFound } from '../brex-errors';
import type { SpendLimit } from '../model';
import { bodyObject, isMoney, ok, page, param, type RouteTable } from '../route-kit';
import { refuseUndeclaredFields } from '../strict-body';
import { byId } from './team';

export const budgetRoutes: RouteTable = {
  'GET /v2/spend_limits': (ctx) => {
    const members = ctx.query.getAll('member_user_id[]').filter((v) => v !== '');
    return page(
      ctx,
      ctx.state.spendLimits,
      (row) => members.length === 0 || members.some((m) => row.data.member_user_ids?.includes(m)),
      (row) => row.data,
    );
  },
  'GET /v2/spend_limits/{id}': (ctx) => ok(byId(ctx.state.spendLimits, param(ctx))),
  'PUT /v2/spend_limits/{id}': (ctx) => {
    const limit = byId(ctx.state.spendLimits, param(ctx));
    const body = bodyObject(ctx);
    refuseUndeclaredFields('PUT', `/v2/spend_limits/${limit.id}`, body);
    return ok(editSpendLimit(limit, body));
  },
  'POST /v2/spend_limits/{id}/archive': (ctx) => {
    const limit = byId(ctx.state.spendLimits, param(ctx));
    limit.status = 'ARCHIVED';
    return ok(limit);
  },
  'POST /v2/spend_limits': (ctx) => {
    const body = bodyObject(ctx);
    const settings = body.authorization_settings as Record<string, unknown> | undefined;
    if (typeof body.name !== 'string' || !settings || !isMoney(settings.base_limit)) {
      throw badRequest('name and authorization_settings.base_limit are required');
    }
    const { company, state } = ctx;
    const limit = {
      id: company.id('splim'),
      account_id: state.accountId,
      name: body.name,
      status: 'ACTIVE',
      period_recurrence_type: 'PER_MONTH',
      authorization_settings: { base_limit: settings.base_limit },
      owner_user_ids: [],
      member_user_ids: [],
    } as unknown as SpendLimit;
    editSpendLimit(limit, body);
    state.spendLimits.insert({ sortKey: '', seq: company.nextSeq(), data: limit });
    return ok(limit);
  },
  'GET /v2/budgets': (ctx) =>
    page(
      ctx,
      ctx.state.budgets,
      () => true,
      (row) => row.data,
    ),
  'GET /v2/budgets/{id}': (ctx) => {
    const id = param(ctx);
    const row = ctx.state.budgets.all().find((r) => r.data.budget_id === id);
    if (!row) throw notFound();
    return ok(row.data);
  },
};

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
 * fields the body names change; `authorization_settings` is merged field by field.
 */
export function editSpendLimit(limit: SpendLimit, body: Record<string, unknown>): SpendLimit {
  const target = limit as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(body)) {
    if (!EDITABLE.has(key)) continue;
    if (value === null && !CLEARABLE.has(key)) continue;
    target[key] = value;
  }
  const settings = body.authorization_settings;
  if (settings !== undefined && settings !== null) {
    if (typeof settings !== 'object') throw badRequest('authorization_settings must be an object');
    const changes = settings as Record<string, unknown>;
    if (
      changes.base_limit != null &&
      (!isMoney(changes.base_limit) || changes.base_limit.amount < 0)
    ) {
      throw badRequest('authorization_settings.base_limit must be a non-negative Money amount');
    }
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
