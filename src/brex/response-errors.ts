/**
 * Turns a failed call into a BrexError whose message names the fix. Brex's error body is
 * `{"type", "message", "code"?}`; the client also knows each operation's scope and feature, so it
 * can name the missing scope, or tell "no Brex Cash" from "bad token", whatever the body says.
 */
import { BrexError } from './errors';
import type { HttpResponse } from './http-port';
import type { Operation } from './operations';

/** What the sender knows about the failed call. */
export interface CallContext {
  readonly operation: Operation;
  readonly url: string;
  /** The path parameter (an id), when the path has one. */
  readonly pathId?: string;
  /** Requests sent for this call, retries included. */
  readonly attempts: number;
  readonly token: string;
}

const CREATE_TOKEN = 'Create a new token in Brex under Developer ▸ Settings and connect it again.';

export function errorForResponse(context: CallContext, response: HttpResponse): BrexError {
  const { operation } = context;
  const { status } = response;
  const brexMessage = readBrexMessage(response.body);
  const action = describeAction(operation);
  const base = {
    operation: operation.id,
    status,
    traceId: traceIdOf(response),
    url: context.url,
    responseBody: response.body,
    brexMessage,
  };
  const make = (kind: BrexError['kind'], message: string, scope?: string): BrexError =>
    new BrexError({ ...base, kind, message, scope }, context.token);
  const said = (pattern: RegExp) => brexMessage !== undefined && pattern.test(brexMessage);

  if (status === 401) {
    if (operation.feature === 'cash' && !said(/invalid|revoked|token/i)) {
      return make(
        'cash_not_enabled',
        `Brex Cash is not enabled for this Brex account, so Brex cannot ${action}. The token is fine: leave this data set out, or ask a Brex admin to enable Brex Cash.`,
      );
    }
    return make(
      'invalid_token',
      `Brex rejected the API token as invalid or revoked. ${CREATE_TOKEN}`,
    );
  }
  if (status === 403) {
    if (said(/expired/i)) {
      return make(
        'expired_token',
        `The Brex API token has expired (Brex expires tokens that go unused). ${CREATE_TOKEN}`,
      );
    }
    if (said(/budget management/i)) {
      return make(
        'budget_management_not_enabled',
        `Budget management is not enabled for this Brex account, so Brex cannot ${action}. Ask Brex support to enable it, or leave this data set out.`,
      );
    }
    return make(
      'missing_scope',
      `The Brex token is not allowed to ${action}: it lacks the "${operation.scope}" scope. Create a token with that scope in Brex under Developer ▸ Settings and connect it again.`,
      operation.scope,
    );
  }
  if (status === 404) {
    const what =
      context.pathId === undefined ? operation.subject : `${operation.subject} "${context.pathId}"`;
    return make(
      'not_found',
      `Brex has no ${what}. It may have been deleted or archived: refresh the data and check the id.`,
    );
  }
  if (status === 400) {
    const reason = brexMessage ? `: ${brexMessage.replace(/\.$/, '')}` : '';
    return make(
      'bad_request',
      `Brex refused to ${action}${reason}. Correct the value and try again.`,
    );
  }
  const tries = `after ${context.attempts} ${context.attempts === 1 ? 'attempt' : 'attempts'}`;
  if (status === 429) {
    return make(
      'rate_limited',
      `Brex is receiving too many requests and still refused ${tries}. Wait a minute, then try again.`,
    );
  }
  if (status >= 500) {
    return make(
      'server_error',
      `Brex had a server error (${status}) while trying to ${action}, still ${tries}. Try again in a few minutes.${traceNote(base.traceId)}`,
    );
  }
  return make(
    'unexpected_status',
    `Brex answered ${status} when asked to ${action}${brexMessage ? `: ${brexMessage.replace(/\.$/, '')}` : ''}. Try again later.${traceNote(base.traceId)}`,
  );
}

export function networkError(context: CallContext, cause: unknown): BrexError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new BrexError(
    {
      kind: 'network',
      operation: context.operation.id,
      url: context.url,
      message: `Brex could not be reached to ${describeAction(context.operation)} (${reason}), after ${context.attempts} attempts. Check the connection and try again.`,
    },
    context.token,
  );
}

export function malformedResponseError(context: CallContext, response: HttpResponse): BrexError {
  const traceId = traceIdOf(response);
  return new BrexError(
    {
      kind: 'malformed_response',
      operation: context.operation.id,
      status: response.status,
      traceId,
      url: context.url,
      responseBody: response.body,
      message: `Brex's answer when asked to ${describeAction(context.operation)} was cut off or unreadable. Try again.${traceNote(traceId)}`,
    },
    context.token,
  );
}

/** The call, or its next retry, would end after the caller's deadline. */
export function deadlineError(context: CallContext, last?: BrexError): BrexError {
  return new BrexError(
    {
      kind: 'deadline_reached',
      operation: context.operation.id,
      status: last?.status,
      traceId: last?.traceId,
      url: context.url,
      brexMessage: last?.brexMessage,
      message: `Stopped before Brex could ${describeAction(context.operation)}, to stay within the Apps Script time limit. Run it again to continue.`,
    },
    context.token,
  );
}

export function repeatedCursorError(
  operation: Operation,
  cursor: string,
  traceId: string | null,
): BrexError {
  return new BrexError({
    kind: 'repeated_cursor',
    operation: operation.id,
    traceId,
    message: `Brex returned the same page twice while listing ${operation.subject} (cursor "${cursor}"), so paging stopped rather than loop. Try again later.${traceNote(traceId)}`,
  });
}

export function traceIdOf(response: HttpResponse): string | null {
  return response.headers['x-brex-trace-id'] ?? null;
}

/** "read card transactions", "change the spend limit". */
function describeAction(operation: Operation): string {
  const verb = operation.method === 'get' ? 'read' : 'change';
  const article = operation.subject.endsWith('s') ? '' : 'the ';
  return `${verb} ${article}${operation.subject}`;
}

function traceNote(traceId: string | null): string {
  return traceId ? ` If it keeps happening, give Brex support the trace id ${traceId}.` : '';
}

function readBrexMessage(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (
      parsed &&
      typeof parsed === 'object' &&
      'message' in parsed &&
      typeof parsed.message === 'string'
    ) {
      return parsed.message;
    }
  } catch {
    // A proxy's HTML page or a cut-off body: the status alone decides.
  }
  return undefined;
}
