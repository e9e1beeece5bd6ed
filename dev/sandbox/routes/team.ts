/** Team API: users and their limits, departments, locations, titles, cards. */
import { at } from '../at';
import { badRequest } from '../brex-errors';
import type { Card, Money, Row, SandboxState, UserLimit } from '../model';
import type { OrderedList } from '../ordered-list';
import {
  bodyObject,
  expansions,
  found,
  isMoney,
  ok,
  page,
  param,
  type RouteContext,
  type RouteTable,
} from '../route-kit';

const LOCK_REASONS = [
  'CARD_DAMAGED',
  'CARD_LOST',
  'CARD_NOT_RECEIVED',
  'DO_NOT_NEED_PHYSICAL_CARD',
  'DO_NOT_NEED_VIRTUAL_CARD',
  'FRAUD',
  'OTHER',
];
const SPEND_DURATIONS = ['MONTHLY', 'QUARTERLY', 'YEARLY', 'ONE_TIME'];

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
  'POST /v2/users/{id}/limit': (ctx) => {
    const current = userLimit(ctx.state, param(ctx));
    const requested = bodyObject(ctx).monthly_limit;
    if (requested !== null && (!isMoney(requested) || requested.amount < 0)) {
      throw badRequest('monthly_limit must be a non-negative Money amount or null');
    }
    const spent = (current.monthly_limit?.amount ?? 0) - (current.monthly_available?.amount ?? 0);
    const next: UserLimit = requested
      ? {
          monthly_limit: money(requested),
          monthly_available: {
            amount: requested.amount - spent,
            currency: money(requested).currency,
          },
        }
      : ({ monthly_limit: null, monthly_available: null } as unknown as UserLimit);
    ctx.state.userLimits.set(param(ctx), next);
    return ok(next);
  },
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
  'POST /v2/cards/{id}/lock': (ctx) => {
    const card = byId(ctx.state.cards, param(ctx));
    const reason = bodyObject(ctx).reason;
    if (typeof reason !== 'string' || !LOCK_REASONS.includes(reason)) {
      throw badRequest(`reason must be one of ${LOCK_REASONS.join(', ')}`);
    }
    if (card.status === 'TERMINATED') throw badRequest('Card is terminated and cannot be locked');
    card.status = 'LOCKED';
    return ok(card);
  },
  'POST /v2/cards/{id}/unlock': (ctx) => {
    const card = byId(ctx.state.cards, param(ctx));
    if (card.status !== 'LOCKED') throw badRequest('Card is not locked');
    card.status = 'ACTIVE';
    return ok(card);
  },
  'PUT /v2/cards/{id}': (ctx) => ok(updateCard(byId(ctx.state.cards, param(ctx)), ctx)),
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

/** Only what the body names changes; spend controls exist on vendor (limit_type CARD) cards. */
function updateCard(card: Card, ctx: RouteContext): Card {
  const body = bodyObject(ctx);
  const controls = body.spend_controls as Record<string, unknown> | null | undefined;
  if (controls) {
    if (card.limit_type !== 'CARD' || !card.spend_controls) {
      throw badRequest('spend_controls can only be set on cards with limit_type CARD');
    }
    const current = card.spend_controls;
    if (controls.spend_limit !== undefined && controls.spend_limit !== null) {
      if (!isMoney(controls.spend_limit) || controls.spend_limit.amount < 0) {
        throw badRequest('spend_controls.spend_limit must be a non-negative Money amount');
      }
      const spent = (current.spend_limit.amount ?? 0) - (current.spend_available.amount ?? 0);
      current.spend_limit = money(controls.spend_limit);
      current.spend_available = {
        ...money(controls.spend_limit),
        amount: controls.spend_limit.amount - spent,
      };
    }
    if (typeof controls.spend_duration === 'string') {
      if (!SPEND_DURATIONS.includes(controls.spend_duration)) {
        throw badRequest(`spend_duration must be one of ${SPEND_DURATIONS.join(', ')}`);
      }
      current.spend_duration = controls.spend_duration as typeof current.spend_duration;
    }
    if (controls.reason !== undefined) current.reason = controls.reason as string | null;
    if (controls.lock_after_date !== undefined) {
      current.lock_after_date = controls.lock_after_date as string | null;
    }
  }
  if (body.metadata !== undefined) card.metadata = body.metadata as Record<string, string> | null;
  return card;
}

function money(value: { amount: number; currency?: string | null }): Money {
  return { amount: value.amount, currency: value.currency ?? 'USD' };
}
