/** Brex's error bodies, as the client and the sandbox agree on them (docs/sandbox.md). */

export interface ErrorBody {
  readonly type: string;
  readonly message: string;
  readonly code?: string;
}

/** Thrown by handlers; the server turns it into a JSON error response. */
export class BrexError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

export const invalidToken = () =>
  new BrexError(401, {
    type: 'UNAUTHORIZED',
    message: 'PERMISSION_DENIED: Invalid or Revoked Token',
  });

export const expiredToken = () =>
  new BrexError(403, { type: 'FORBIDDEN', message: 'Expired token' });

export const missingScope = (scope: string) =>
  new BrexError(403, { type: 'FORBIDDEN', message: `Missing required scope: ${scope}` });

export const noBrexCash = () =>
  new BrexError(401, { type: 'UNAUTHORIZED', message: 'Must be cash admin, bookkeeper or user' });

export const noBudgetManagement = () =>
  new BrexError(403, {
    type: 'FORBIDDEN',
    message: 'Budget management is not enabled for this account, please contact Brex support',
  });

export const notFound = () => new BrexError(404, { type: 'NOT_FOUND', message: 'Not Found' });

/** A request body in another media type than the spec's only one, `application/json`. */
export const unsupportedMediaType = () =>
  new BrexError(415, {
    type: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Content-Type must be application/json',
  });

export const badRequest = (message: string) => new BrexError(400, { type: 'BAD_REQUEST', message });

/** The same Idempotency-Key sent with a different body (see idempotency.ts). */
export const keyReused = () =>
  badRequest(
    'Idempotency-Key was already used for a different request: send a new key for a new request',
  );

export const rateLimited = (retryAfterSeconds: number | null) =>
  new BrexError(
    429,
    { type: 'TOO_MANY_REQUESTS', message: 'Rate limit exceeded' },
    retryAfterSeconds === null ? {} : { 'Retry-After': String(retryAfterSeconds) },
  );

export const serverError = () =>
  new BrexError(503, { type: 'SERVICE_UNAVAILABLE', message: 'Service temporarily unavailable' });
