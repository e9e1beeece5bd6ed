/**
 * Strict query parameters: a value outside the enum the spec gives a parameter (`status[]`,
 * `payment_status[]`, `expense_type[]`), or a boolean parameter that is neither `true` nor
 * `false`, is refused with a 400 naming the parameter, as a typed API refuses a malformed request,
 * instead of filtering by a value that matches nothing. `limit`, `cursor`, date-times and
 * `expand[]` are checked by the routes (route-kit.ts); undeclared parameters are ignored.
 */
import { badRequest } from './brex-errors';
import type { IndexedOperation } from './spec-index';

interface ParameterSchema {
  readonly $ref?: string;
  readonly type?: string;
  readonly enum?: readonly string[];
  readonly items?: ParameterSchema;
}

function resolve(schema: ParameterSchema, op: IndexedOperation): ParameterSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  return (op.document.components?.schemas?.[name] ?? {}) as ParameterSchema;
}

export function refuseInvalidQuery(op: IndexedOperation, query: URLSearchParams): void {
  for (const parameter of op.operation.parameters ?? []) {
    if (parameter.in !== 'query') continue;
    const schema = resolve((parameter.schema ?? {}) as ParameterSchema, op);
    const values = query.getAll(parameter.name);
    const allowed = schema.type === 'array' ? resolve(schema.items ?? {}, op).enum : schema.enum;
    for (const value of values) {
      if (allowed && !allowed.includes(value)) {
        throw badRequest(`${parameter.name} must be one of ${allowed.join(', ')}`);
      }
      if (schema.type === 'boolean' && value !== 'true' && value !== 'false') {
        throw badRequest(`${parameter.name} must be true or false`);
      }
    }
  }
}
