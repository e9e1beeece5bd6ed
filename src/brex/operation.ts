/** One Brex operation, as data: what the operation table (operations.ts) holds per entry. */
import type { HttpMethod } from './http-port';

/** A Brex feature an account may not have; Brex answers 401 (cash) or 403 (budgets) without it. */
export type Feature = 'cash' | 'budgets';

export interface Operation {
  /** Brex's operationId. */
  readonly id: string;
  readonly method: HttpMethod;
  /** Path template; `{id}` is replaced by the (encoded) path parameter. */
  readonly path: string;
  /** The least scope that allows the call. */
  readonly scope: string;
  /** What the call reads or changes, for messages: "card transactions", "spend limit". */
  readonly subject: string;
  readonly feature?: Feature;
  /** Items per page (the endpoint's maximum); absent when the endpoint takes no `limit`. */
  readonly pageLimit?: number;
  /** The success body carries nothing the client returns (archive answers 200, maybe empty). */
  readonly ignoresBody?: boolean;
}

/** An entry of the table, checked against `Operation` where it is written. */
export function op(operation: Operation): Operation {
  return operation;
}
