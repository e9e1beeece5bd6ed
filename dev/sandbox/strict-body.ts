/**
 * Strict request bodies, as a stricter Brex would hold them: a field the operation's request
 * schema does not declare (a read-only field such as `id` or `limit_with_increases`, echoed back
 * from a response) and a null where the schema does not say `nullable` are refused with a 400
 * naming the field. Brex does not document what either does to a PUT, so a client that sends one
 * could reset a setting; the sandbox makes such a client fail its tests instead.
 */
import { badRequest } from './brex-errors';
import { findOperation, type OpenApiDocument } from './spec-index';

interface Schema {
  readonly $ref?: string;
  readonly allOf?: readonly Schema[];
  readonly type?: string;
  readonly nullable?: boolean;
  readonly properties?: Record<string, Schema>;
  readonly items?: Schema;
}

function resolve(schema: Schema, document: OpenApiDocument): Schema {
  let current = schema;
  if (current.$ref) {
    const name = current.$ref.replace('#/components/schemas/', '');
    current = { ...(document.components?.schemas?.[name] as Schema), nullable: schema.nullable };
  }
  for (const part of current.allOf ?? []) {
    const inner = resolve(part, document);
    current = {
      ...inner,
      ...current,
      allOf: undefined,
      properties: { ...inner.properties, ...current.properties },
    };
  }
  return current;
}

function problemsOf(
  value: unknown,
  schema: Schema,
  document: OpenApiDocument,
  path: string,
): string[] {
  const resolved = resolve(schema, document);
  if (value === null) {
    return resolved.nullable ? [] : [`${path} may not be null`];
  }
  if (Array.isArray(value) && resolved.items) {
    return value.flatMap((item, index) =>
      problemsOf(item, resolved.items as Schema, document, `${path}[${index}]`),
    );
  }
  if (typeof value !== 'object' || !resolved.properties) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => {
    const field = path ? `${path}.${key}` : key;
    const declared = resolved.properties?.[key];
    if (!declared) return [`${field} is read-only or unknown and may not be sent`];
    return problemsOf(inner, declared, document, field);
  });
}

/** Throws Brex's 400 naming the first field a strict Brex would refuse in this request's body. */
export function refuseUndeclaredFields(method: string, path: string, body: unknown): void {
  const op = findOperation(method, path);
  const schema = op?.operation.requestBody?.content?.['application/json']?.schema as
    Schema | undefined;
  if (!op || !schema) return;
  const [problem] = problemsOf(body, schema, op.document, '');
  if (problem) throw badRequest(problem);
}
