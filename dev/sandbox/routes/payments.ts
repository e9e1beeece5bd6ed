/** Payments API: vendors and transfers (both need Brex Cash). */
import { ok, page, param, type RouteTable } from '../route-kit';
import { byId } from './team';

export const paymentRoutes: RouteTable = {
  'GET /v1/vendors': (ctx) => {
    const name = ctx.query.get('name');
    return page(
      ctx,
      ctx.state.vendors,
      (row) => !name || row.data.company_name === name,
      (row) => row.data,
    );
  },
  'GET /v1/vendors/{id}': (ctx) => ok(byId(ctx.state.vendors, param(ctx))),
  'GET /v1/transfers': (ctx) =>
    page(
      ctx,
      ctx.state.transfers,
      () => true,
      (row) => row.data,
    ),
  'GET /v1/transfers/{id}': (ctx) => ok(byId(ctx.state.transfers, param(ctx))),
};
