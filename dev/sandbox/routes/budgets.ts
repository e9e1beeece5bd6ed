/** Budgets API v2 reads: spend limits and budgets (list, get); writes: spend-limit-writes.ts. */
import { notFound } from '../brex-errors';
import { ok, page, param, type RouteTable } from '../route-kit';
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
