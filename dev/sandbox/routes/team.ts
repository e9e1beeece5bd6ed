/** Team API reads: users and their limits, departments, locations, titles, cards (writes: *-writes.ts). */
import { at } from '../at';
import type { Row, SandboxState, UserLimit } from '../model';
import type { OrderedList } from '../ordered-list';
import {
  expansions,
  found,
  ok,
  page,
  param,
  type RouteContext,
  type RouteTable,
} from '../route-kit';

export const teamRoutes: RouteTable = {
  'GET /v2/users': (ctx) => {
    expansions(ctx.query, ['limit']);
    const email = ctx.query.get('email');
    const remote = ctx.query.get('remote_display_id');
    return page(
      ctx,
      ctx.state.users,
      (row) =>
        (!email || row.data.email.toLowerCase() === email.toLowerCase()) &&
        (!remote || row.data.remote_display_id === remote),
      (row) => row.data,
    );
  },
  // The demo company itself: the same for every seed, which varies only its people and spend.
  'GET /v2/company': () =>
    ok({
      id: 'cmp_sandbox_demo',
      legal_name: 'Sandbox Demo, Inc.',
      mailing_address: {
        line1: '100 Main Street',
        line2: null,
        city: 'San Francisco',
        state: 'CA',
        country: 'US',
        postal_code: '94105',
        phone_number: null,
      },
      accountType: 'BREX_CLASSIC',
    }),
  // The token belongs to the first user, the company's account admin.
  'GET /v2/users/me': ({ state }) => ok(at(state.users.all(), 0).data),
  'GET /v2/users/{id}': (ctx) => ok(byId(ctx.state.users, param(ctx))),
  'GET /v2/users/{id}/limit': (ctx) => ok(userLimit(ctx.state, param(ctx))),
  'GET /v2/departments': (ctx) => named(ctx, ctx.state.departments),
  'GET /v2/departments/{id}': (ctx) => ok(byId(ctx.state.departments, param(ctx))),
  'GET /v2/locations': (ctx) => named(ctx, ctx.state.locations),
  'GET /v2/locations/{id}': (ctx) => ok(byId(ctx.state.locations, param(ctx))),
  'GET /v2/titles': (ctx) => named(ctx, ctx.state.titles),
  'GET /v2/titles/{id}': (ctx) => ok(byId(ctx.state.titles, param(ctx))),
  'GET /v2/cards': (ctx) => {
    const user = ctx.query.get('user_id');
    return page(
      ctx,
      ctx.state.cards,
      (row) => !user || (row.data.owner as { user_id: string }).user_id === user,
      (row) => row.data,
    );
  },
  'GET /v2/cards/{id}': (ctx) => ok(byId(ctx.state.cards, param(ctx))),
};

function named<T extends { name: string }>(
  ctx: RouteContext,
  list: OrderedList<Row<T>>,
): ReturnType<typeof page> {
  const name = ctx.query.get('name');
  return page(
    ctx,
    list,
    (row) => !name || row.data.name === name,
    (row) => row.data,
  );
}

export function byId<T extends { id: string }>(list: OrderedList<Row<T>>, id: string): T {
  return found(list.all().find((row) => row.data.id === id)).data;
}

function userLimit(state: SandboxState, id: string): UserLimit {
  return found(state.userLimits.get(id));
}
