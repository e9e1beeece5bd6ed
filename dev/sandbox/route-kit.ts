/** What every Brex route handler receives and returns, and the paging/query helpers they share. */
import { createHash } from 'node:crypto';
import { badRequest, notFound } from './brex-errors';
import { parseFilterDateTime } from './dates';
import type { DemoCompany } from './demo-company';
import type { SandboxState } from './model';
import { decodeCursor, encodeCursor, type Ordered, type OrderedList } from './ordered-list';
import type { TokenPowers } from './tokens';

export interface RouteContext {
  /** The request's path, as sent. */
  readonly path: string;
  readonly state: SandboxState;
  readonly company: DemoCompany;
  readonly query: URLSearchParams;
  /** Path parameters in template order. */
  readonly params: readonly string[];
  readonly body: unknown;
  readonly powers: TokenPowers;
  /** The sandbox's current time, ISO 8601. */
  readonly now: () => string;
  readonly paging: PagingRules;
}

/** How strictly lists page (`SandboxOptions`): stricter than Brex promises, never looser. */
export interface PagingRules {
  /** Epoch ms, for cursor ages (the real clock, or a test's fake one). */
  readonly clock: () => number;
  /** A cursor older than this answers 400, as Brex may once a stored cursor goes stale. */
  readonly cursorTtlMs: number | null;
  /** The largest `limit` `/v1/expenses` and `/v1/expenses/card` accept. */
  readonly expensePageMax: number;
}

export interface RouteResult {
  readonly status: number;
  readonly body: unknown;
}

export type Handler = (ctx: RouteContext) => RouteResult;

/** Routes keyed `METHOD template`, the template exactly as in Brex's specs. */
export type RouteTable = Record<string, Handler>;

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export function ok(body: unknown): RouteResult {
  return { status: 200, body };
}

export function param(ctx: RouteContext, index = 0): string {
  return decodeURIComponent(ctx.params[index] ?? '');
}

export function found<T>(item: T | undefined | null): T {
  if (item === undefined || item === null) throw notFound();
  return item;
}

/**
 * One page of a list: `{next_cursor, items}`. A `limit` above `max` gets Brex's 400; a cursor
 * this sandbox did not issue, one older than the cursor lifetime, or one issued for another list
 * (another path, or other filters: `limit` aside) gets a 400 too.
 */
export function page<T extends Ordered, R>(
  ctx: RouteContext,
  list: OrderedList<T>,
  accept: (item: T) => boolean,
  render: (item: T) => R,
  max = MAX_LIMIT,
): RouteResult {
  const limit = limitOf(ctx.query, max);
  const cursor = ctx.query.get('cursor');
  const decoded = cursor ? decodeCursor(cursor) : null;
  const listed = listOf(ctx);
  if (cursor && (!decoded || decoded.list !== listed)) throw badRequest('Invalid cursor');
  const { clock, cursorTtlMs } = ctx.paging;
  if (decoded && cursorTtlMs !== null && clock() - decoded.issuedAt > cursorTtlMs) {
    throw badRequest('Invalid cursor');
  }
  const { items, next } = list.page(decoded?.key ?? null, limit, accept);
  return ok({
    next_cursor: next ? encodeCursor(next, clock(), listed) : null,
    items: items.map(render),
  });
}

/** What a cursor pages: the path and every filter, in a stable order; `limit` may change. */
function listOf(ctx: RouteContext): string {
  const filters = [...ctx.query.entries()]
    .filter(([name]) => name !== 'cursor' && name !== 'limit')
    .map(([name, value]) => `${name}=${value}`)
    .sort();
  return createHash('sha256')
    .update([ctx.path, ...filters].join('&'))
    .digest('base64url')
    .slice(0, 16);
}

function limitOf(query: URLSearchParams, max: number): number {
  const raw = query.get('limit');
  if (raw === null || raw === '') return DEFAULT_LIMIT;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1) throw badRequest('limit must be a positive integer');
  if (limit > max) throw badRequest(`limit must be less than or equal to ${max}`);
  return limit;
}

/** A date-time filter as epoch ms, or null when absent; 400 when malformed or zoned. */
export function dateTimeFilter(query: URLSearchParams, name: string): number | null {
  const raw = query.get(name);
  if (raw === null || raw === '') return null;
  const ms = parseFilterDateTime(raw);
  if (ms === null) {
    throw badRequest(
      `${name} must be a UTC date-time like 2024-01-31T23:59:59, with no zone suffix`,
    );
  }
  return ms;
}

/** Values of a repeated array parameter (`status[]=A&status[]=B`), or null when absent. */
export function arrayFilter(query: URLSearchParams, name: string): Set<string> | null {
  const values = query.getAll(name).filter((v) => v !== '');
  return values.length > 0 ? new Set(values) : null;
}

/** Checks `expand[]` values against what the operation supports. */
export function expansions(query: URLSearchParams, allowed: readonly string[]): Set<string> {
  const values = new Set(query.getAll('expand[]'));
  for (const value of values) {
    if (!allowed.includes(value)) throw badRequest(`Invalid expand value: ${value}`);
  }
  return values;
}

export function bodyObject(ctx: RouteContext): Record<string, unknown> {
  if (typeof ctx.body !== 'object' || ctx.body === null || Array.isArray(ctx.body)) {
    throw badRequest('Request body must be a JSON object');
  }
  return ctx.body as Record<string, unknown>;
}

export function isMoney(value: unknown): value is { amount: number; currency?: string | null } {
  return (
    typeof value === 'object' &&
    value !== null &&
    Number.isInteger((value as { amount?: unknown }).amount)
  );
}
