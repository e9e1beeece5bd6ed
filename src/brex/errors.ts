/**
 * The client's one error family. `kind` says what went wrong in terms a caller can branch on;
 * `message` says it in terms a finance user can act on ("<what happened>. <what to do>.").
 * Every error carries Brex's trace id when Brex sent one, and never the token: the constructor
 * scrubs it from the message, the URL and the response body it keeps.
 */

export type BrexErrorKind =
  /** 401: the token is wrong or was revoked. */
  | 'invalid_token'
  /** 403 "Expired token": unused for too long. */
  | 'expired_token'
  /** 403: the token lacks the operation's scope (named in `scope`). */
  | 'missing_scope'
  /** 401 on cash endpoints: the account has no Brex Cash; the token is fine. */
  | 'cash_not_enabled'
  /** 403 on spend limits and budgets: the account has no budget management. */
  | 'budget_management_not_enabled'
  | 'not_found'
  /** 400: Brex refused the request; `brexMessage` says why. */
  | 'bad_request'
  /** 429 still, after every retry. */
  | 'rate_limited'
  /** 5xx still, after every retry. */
  | 'server_error'
  /** Brex could not be reached, still, after every retry. */
  | 'network'
  /** A success status with a truncated or non-JSON body. */
  | 'malformed_response'
  /** The caller's deadline came before the call (or its next retry) could finish. */
  | 'deadline_reached'
  /** Brex handed back a cursor it had already given: paging stopped instead of looping. */
  | 'repeated_cursor'
  /** A value the caller passed cannot be sent to Brex (e.g. an unreadable date). */
  | 'invalid_input'
  /** Any other status (405, 409, 422, …). */
  | 'unexpected_status';

export interface BrexErrorDetails {
  readonly kind: BrexErrorKind;
  /** A short sentence pair for the user. */
  readonly message: string;
  /** Brex's operationId, e.g. `updateSpendLimit`. */
  readonly operation: string;
  /** The HTTP status, or 0 when there was no response. */
  readonly status?: number;
  readonly traceId?: string | null;
  readonly url?: string;
  /** The response body, cut to a few KB. */
  readonly responseBody?: string;
  /** Brex's own `message` from the error body. */
  readonly brexMessage?: string;
  /** The scope the operation needs (set on `missing_scope`). */
  readonly scope?: string;
}

const REDACTED = '[redacted]';
const MAX_BODY_CHARS = 2000;

export class BrexError extends Error {
  readonly kind: BrexErrorKind;
  readonly operation: string;
  readonly status: number;
  readonly traceId: string | null;
  readonly url: string | undefined;
  readonly responseBody: string | undefined;
  readonly brexMessage: string | undefined;
  readonly scope: string | undefined;

  /** `secret` (the token) is removed from every text the error keeps. */
  constructor(details: BrexErrorDetails, secret?: string) {
    const scrub = (text: string | undefined): string | undefined =>
      text === undefined ? undefined : redact(text, secret);
    super(scrub(details.message));
    this.name = 'BrexError';
    this.kind = details.kind;
    this.operation = details.operation;
    this.status = details.status ?? 0;
    this.traceId = details.traceId ?? null;
    this.url = scrub(details.url);
    this.responseBody = scrub(details.responseBody?.slice(0, MAX_BODY_CHARS));
    this.brexMessage = scrub(details.brexMessage);
    this.scope = details.scope;
  }
}

/** Removes the secret, and anything shaped like a bearer credential, from a text. */
export function redact(text: string, secret?: string): string {
  let clean = text.replace(/(bearer\s+)[^\s"',]+/gi, `$1${REDACTED}`);
  if (!secret) return clean;
  for (const form of new Set([secret, encodeURIComponent(secret)]))
    clean = clean.split(form).join(REDACTED);
  return clean;
}
