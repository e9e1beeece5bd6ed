/**
 * Answers one Brex API request: token, feature gates, scope, Idempotency-Key, then the route.
 * Returns the response to send; faults and logging are the server's business.
 */
import { at } from './at';
import {
  BrexError,
  badRequest,
  expiredToken,
  keyReused,
  invalidToken,
  missingScope,
  noBrexCash,
  noBudgetManagement,
  notFound,
  unsupportedMediaType,
} from './brex-errors';
import type { DemoCompany } from './demo-company';
import type { IdempotencyStore, StoredResponse } from './idempotency';
import type { PagingRules, RouteTable } from './route-kit';
import { budgetRoutes } from './routes/budgets';
import { cardWriteRoutes } from './routes/card-writes';
import { expenseRoutes } from './routes/expenses';
import { paymentRoutes } from './routes/payments';
import { spendLimitWriteRoutes } from './routes/spend-limit-writes';
import { transferWriteRoutes } from './routes/transfer-writes';
import { vendorWriteRoutes } from './routes/vendor-writes';
import { teamRoutes } from './routes/team';
import { teamWriteRoutes } from './routes/team-writes';
import { transactionRoutes } from './routes/transactions';
import { findOperation, grantingScopes, requiresIdempotencyKey } from './spec-index';
import { refuseInvalidBody } from './strict-body';
import { refuseInvalidQuery } from './strict-query';
import { powersOf, type TokenPowers, type TokenSet } from './tokens';

const ROUTES: RouteTable = {
  ...transactionRoutes,
  ...expenseRoutes,
  ...budgetRoutes,
  ...teamRoutes,
  ...paymentRoutes,
  ...spendLimitWriteRoutes,
  ...teamWriteRoutes,
  ...cardWriteRoutes,
  ...vendorWriteRoutes,
  ...transferWriteRoutes,
};

/** Paths that need Brex Cash: without it Brex answers 401 "Must be cash admin…". */
const CASH_PATHS = [
  /^\/v2\/accounts\/cash/,
  /^\/v2\/transactions\/cash\//,
  /^\/v1\/vendors/,
  /^\/v1\/transfers/,
];
const BUDGET_PATHS = [/^\/v2\/spend_limits/, /^\/v2\/budgets/];

export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly rawBody: string;
}

export interface ApiAnswer extends StoredResponse {
  readonly token: TokenPowers | null;
  readonly replayed: boolean;
  /** True when the request changed state (a write that was applied). */
  readonly applied: boolean;
}

export function answer(
  request: ApiRequest,
  company: DemoCompany,
  tokens: TokenSet,
  idempotency: IdempotencyStore,
  now: () => string,
  paging: PagingRules,
): ApiAnswer {
  let powers: TokenPowers | null = null;
  try {
    powers = authenticate(request, tokens);
    const op = findOperation(request.method, request.path);
    const handler = op && ROUTES[`${op.method} ${op.template}`];
    if (!op || !handler) throw notFound();
    if (!powers.cash && CASH_PATHS.some((p) => p.test(request.path))) throw noBrexCash();
    if (!powers.budgets && BUDGET_PATHS.some((p) => p.test(request.path)))
      throw noBudgetManagement();
    const scopes = grantingScopes(op);
    const granted = powers.scopes;
    if (scopes.length > 0 && !scopes.some((s) => granted.has(s))) {
      throw missingScope(scopes.find((s) => !s.endsWith('.readonly')) ?? at(scopes, 0));
    }
    const write = request.method === 'POST' || request.method === 'PUT';
    const key = header(request, 'idempotency-key');
    if (write && !key && requiresIdempotencyKey(op)) {
      throw badRequest('Idempotency-Key header is required');
    }
    if (write && request.rawBody.trim() !== '' && !isJson(header(request, 'content-type'))) {
      throw unsupportedMediaType();
    }
    if (write && key) {
      const recalled = idempotency.recall(request.method, request.path, key, request.rawBody);
      if (recalled.kind === 'other_request') throw keyReused();
      if (recalled.kind === 'replay') {
        return { ...recalled.response, token: powers, replayed: true, applied: false };
      }
    }
    if (request.method === 'GET') refuseInvalidQuery(op, request.query);
    const params = (op.pattern.exec(request.path) ?? []).slice(1);
    const body = parseBody(request);
    if (write) refuseInvalidBody(op, body);
    const result = handler({
      path: request.path,
      state: company.state,
      company,
      query: request.query,
      params,
      body,
      powers,
      now,
      paging,
    });
    const response = json(result.status, result.body);
    if (write && key) {
      idempotency.remember(request.method, request.path, key, request.rawBody, response);
    }
    return { ...response, token: powers, replayed: false, applied: write };
  } catch (error) {
    if (!(error instanceof BrexError)) throw error;
    return {
      ...json(error.status, error.body, error.headers),
      token: powers,
      replayed: false,
      applied: false,
    };
  }
}

function authenticate(request: ApiRequest, tokens: TokenSet): TokenPowers {
  const auth = header(request, 'authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(auth);
  const powers = match ? powersOf(tokens, at(match, 1)) : null;
  if (!powers) throw invalidToken();
  if (powers.expired) throw expiredToken();
  return powers;
}

/**
 * Brex's specs declare every request body `application/json` and nothing else. UrlFetchApp sends
 * a string payload as `application/x-www-form-urlencoded` unless given a content type.
 */
function isJson(contentType: string | undefined): boolean {
  return /^application\/json\s*(;|$)/i.test(contentType ?? '');
}

function parseBody(request: ApiRequest): unknown {
  if (request.method === 'GET' || request.rawBody.trim() === '') return undefined;
  try {
    return JSON.parse(request.rawBody) as unknown;
  } catch {
    throw badRequest('Request body is not valid JSON');
  }
}

export function header(
  request: { headers: ApiRequest['headers'] },
  name: string,
): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): StoredResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}
