/**
 * Team API card writes: create, update, lock, unlock, terminate. Bodies reach these handlers
 * already checked against the spec (strict-body.ts); here are the rules the schema cannot say:
 * which transitions a card's status allows, and what `limit_type` asks of the other fields.
 * A refusal is Brex's 400 `{type, message}`, and leaves the card as it was.
 */
import { badRequest } from '../brex-errors';
import { HQ_ADDRESS } from '../demo-company';
import type { Card, Money, SandboxState } from '../model';
import { bodyObject, ok, param, type RouteContext, type RouteTable } from '../route-kit';
import { byId } from './team';

/** A physical card is shipped before it is active; Brex caps active physical cards per user. */
const MAX_PHYSICAL_CARDS = 10;
const CARD_YEARS = 3;
const CARD_METADATA_KEYS = 50;

type Body = Record<string, unknown>;

export const cardWriteRoutes: RouteTable = {
  'POST /v2/cards': (ctx) => ok(createCard(ctx)),
  'PUT /v2/cards/{id}': (ctx) => ok(updateCard(liveCard(ctx, 'updated'), bodyObject(ctx))),
  'POST /v2/cards/{id}/lock': (ctx) => {
    const card = liveCard(ctx, 'locked');
    if (card.status === 'LOCKED') throw badRequest('Card is already locked');
    card.status = 'LOCKED';
    return ok(card);
  },
  'POST /v2/cards/{id}/unlock': (ctx) => {
    const card = liveCard(ctx, 'unlocked');
    if (card.status !== 'LOCKED') throw badRequest('Card is not locked');
    card.status = 'ACTIVE';
    return ok(card);
  },
  'POST /v2/cards/{id}/terminate': (ctx) => {
    const card = liveCard(ctx, 'terminated');
    card.status = 'TERMINATED';
    return ok(card);
  },
};

/** The card the path names; a terminated card can no longer change. */
function liveCard(ctx: RouteContext, change: string): Card {
  const card = byId(ctx.state.cards, param(ctx));
  if (card.status === 'TERMINATED') {
    throw badRequest(`Card is terminated and cannot be ${change}`);
  }
  return card;
}

function createCard(ctx: RouteContext): Card {
  const { state, company } = ctx;
  const body = bodyObject(ctx);
  const owner = body.owner as { user_id: string };
  const user = state.users.all().find((row) => row.data.id === owner.user_id)?.data;
  if (!user) throw badRequest(`owner.user_id ${owner.user_id} is not a user of this account`);
  if (user.status !== 'ACTIVE' && user.status !== 'INVITED') {
    throw badRequest(`owner.user_id ${owner.user_id} is ${user.status} and cannot get a card`);
  }
  checkMetadata(body.metadata, CARD_METADATA_KEYS);
  const controls = body.spend_controls as Body | null | undefined;
  const physical = body.card_type === 'PHYSICAL';
  if (body.limit_type === 'CARD') {
    if (!controls) throw badRequest('spend_controls is required when limit_type is CARD');
    if (physical) throw badRequest('A card with limit_type CARD must have card_type VIRTUAL');
  } else if (controls) {
    throw badRequest('spend_controls must be null when limit_type is USER');
  }
  if (physical) checkPhysical(state, owner.user_id, body);
  const seq = company.nextSeq();
  const limit =
    controls && nonNegative(controls.spend_limit as Money, 'spend_controls.spend_limit');
  const card = {
    id: company.id('ncard'),
    owner: { type: 'USER', user_id: owner.user_id },
    status: physical ? 'SHIPPED' : 'ACTIVE',
    last_four: String((seq * 7919) % 10_000).padStart(4, '0'),
    card_name: body.card_name,
    card_type: body.card_type,
    limit_type: body.limit_type,
    spend_controls:
      controls && limit
        ? {
            spend_limit: limit,
            spend_available: limit,
            spend_duration: controls.spend_duration,
            reason: controls.reason ?? null,
            lock_after_date: controls.lock_after_date ?? null,
          }
        : null,
    billing_address: HQ_ADDRESS,
    mailing_address: physical ? body.mailing_address : null,
    expiration_date: {
      month: Number(state.today.slice(5, 7)),
      year: Number(state.today.slice(0, 4)) + CARD_YEARS,
    },
    has_been_transferred: false,
    metadata: body.metadata ?? {},
    budget_id: null,
  } as unknown as Card;
  state.cards.insert({ sortKey: '', seq, data: card });
  return card;
}

function checkPhysical(state: SandboxState, userId: string, body: Body): void {
  const address = body.mailing_address as Body | null | undefined;
  if (!address?.line1 || !address.city || !address.postal_code) {
    throw badRequest('mailing_address (line1, city, postal_code) is required for a physical card');
  }
  const active = state.cards
    .all()
    .filter(
      ({ data }) =>
        data.owner.user_id === userId &&
        data.card_type === 'PHYSICAL' &&
        data.status !== 'TERMINATED',
    );
  if (active.length >= MAX_PHYSICAL_CARDS) {
    throw badRequest(`A user can have at most ${MAX_PHYSICAL_CARDS} active physical cards`);
  }
}

/** Only what the body names changes; spend controls exist on vendor (limit_type CARD) cards. */
function updateCard(card: Card, body: Body): Card {
  checkMetadata(body.metadata, CARD_METADATA_KEYS);
  const controls = body.spend_controls as Body | null | undefined;
  if (controls) {
    if (card.limit_type !== 'CARD' || !card.spend_controls) {
      throw badRequest('spend_controls can only be set on cards with limit_type CARD');
    }
    const current = card.spend_controls;
    if (controls.spend_limit) {
      const limit = nonNegative(controls.spend_limit as Money, 'spend_controls.spend_limit');
      if (limit.currency !== current.spend_limit.currency) {
        throw badRequest(
          `spend_controls.spend_limit must be in the card's currency, ${current.spend_limit.currency}`,
        );
      }
      const spent = (current.spend_limit.amount ?? 0) - (current.spend_available.amount ?? 0);
      current.spend_limit = limit;
      current.spend_available = { ...limit, amount: limit.amount - spent };
    }
    if (controls.spend_duration) {
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

/**
 * Brex's stated metadata limits: at most `maxKeys` entries (50 on cards, 100 on users), keys of
 * at most 40 characters, values of at most 500.
 */
export function checkMetadata(metadata: unknown, maxKeys: number): void {
  if (typeof metadata !== 'object' || metadata === null) return;
  const entries = Object.entries(metadata as Record<string, string>);
  if (entries.length > maxKeys) throw badRequest(`metadata may have at most ${maxKeys} keys`);
  for (const [key, value] of entries) {
    if (key.length > 40)
      throw badRequest(`metadata key ${key.slice(0, 40)}… is over 40 characters`);
    if (value.length > 500) throw badRequest(`metadata.${key} is over 500 characters`);
  }
}

/** Money as stored: the currency defaults to USD, as the spec says; amounts are never negative. */
export function nonNegative(
  value: { amount: number; currency?: string | null },
  field: string,
): Money {
  if (value.amount === undefined) throw badRequest(`${field}.amount is required`);
  if (value.amount < 0) throw badRequest(`${field}.amount may not be negative`);
  return { amount: value.amount, currency: value.currency ?? 'USD' };
}
