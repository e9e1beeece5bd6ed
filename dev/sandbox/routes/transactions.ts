/** Transactions API: card and cash accounts, card and cash transactions, statements. */
import { notFound } from '../brex-errors';
import {
  dateTimeFilter,
  expansions,
  found,
  ok,
  page,
  param,
  type RouteContext,
  type RouteTable,
} from '../route-kit';

export const transactionRoutes: RouteTable = {
  'GET /v2/accounts/card': ({ state }) => ok(state.cardAccounts),
  // The spec declares no paging for cash accounts; every account fits in one envelope.
  'GET /v2/accounts/cash': ({ state }) =>
    ok({ next_cursor: null, items: state.cashAccounts.map((a) => a.account) }),
  'GET /v2/accounts/cash/primary': ({ state }) =>
    ok(found(state.cashAccounts.find((a) => a.account.primary)).account),
  'GET /v2/accounts/cash/{id}': (ctx) => ok(cashAccount(ctx).account),
  'GET /v2/accounts/card/primary/statements': (ctx) =>
    page(
      ctx,
      ctx.state.cardStatements,
      () => true,
      (row) => row.data,
    ),
  'GET /v2/accounts/cash/{id}/statements': (ctx) =>
    page(
      ctx,
      cashAccount(ctx).statements,
      () => true,
      (row) => row.data,
    ),
  'GET /v2/transactions/card/primary': (ctx) => {
    const expand = expansions(ctx.query, ['expense_id']);
    const users = ctx.query.getAll('user_ids').filter((v) => v !== '');
    const since = startDate(ctx);
    return page(
      ctx,
      ctx.state.cardTransactions,
      (row) =>
        (users.length === 0 || (row.userId !== null && users.includes(row.userId))) &&
        (since === null || row.data.posted_at_date >= since),
      (row) => ({ ...row.data, expense_id: expand.has('expense_id') ? row.expenseId : null }),
    );
  },
  'GET /v2/transactions/cash/{id}': (ctx) => {
    const since = startDate(ctx);
    return page(
      ctx,
      cashAccount(ctx).transactions,
      (row) => since === null || row.data.posted_at_date >= since,
      (row) => row.data,
    );
  },
};

function cashAccount(ctx: RouteContext) {
  const id = param(ctx);
  const account = ctx.state.cashAccounts.find((a) => a.account.id === id);
  if (!account) throw notFound();
  return account;
}

/** `posted_at_start` compared by calendar day: posted dates carry no time. */
function startDate(ctx: RouteContext): string | null {
  const ms = dateTimeFilter(ctx.query, 'posted_at_start');
  return ms === null ? null : new Date(ms).toISOString().slice(0, 10);
}
