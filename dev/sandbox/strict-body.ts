/**
 * Strict request bodies, as a stricter Brex would hold them: a field the operation's request
 * schema does not declare (a read-only field such as `id` or `limit_with_increases`, echoed back
 * from a response) and a null where the schema does not say `nullable` are refused with a 400
 * naming the field. Brex does not document what either does to a PUT, so a client that sends one
 * could reset a setting; the sandbox makes such a client fail its tests instead. So are a missing
 * required field, a value of the wrong type, a value outside the field's enum or longer than its
 * `maxLength`, and a malformed email or date. A discriminated `oneOf` (a vendor's payment
 * details by `type`) is checked against the variant its discriminator names.
 */
import { badRequest } from './brex-errors';
import { findOperation, type OpenApiDocument } from './spec-index';

interface Schema {
  readonly $ref?: string;
  readonly allOf?: readonly Schema[];
  readonly oneOf?: readonly Schema[];
  readonly discriminator?: { propertyName: string; mapping?: Record<string, string> };
  readonly type?: string;
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly maxLength?: number;
  readonly nullable?: boolean;
  readonly required?: readonly string[];
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

/**
 * The variant of a discriminated `oneOf` that the value's discriminator names, without the
 * back-reference to its base (which would pick the variant again), or a problem.
 */
function variantOf(
  value: Record<string, unknown>,
  schema: Schema,
  document: OpenApiDocument,
  path: string,
): Schema | string {
  const { propertyName, mapping = {} } = schema.discriminator ?? { propertyName: '' };
  const field = path ? `${path}.${propertyName}` : propertyName;
  const ref = mapping[String(value[propertyName])];
  if (value[propertyName] === undefined) return `${field} is required`;
  if (!ref) return `${field} must be one of ${Object.keys(mapping).join(', ')}`;
  const variant = resolve({ $ref: ref }, document);
  return { ...variant, discriminator: undefined, oneOf: undefined };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Problems with a scalar or the kind of a value, against its resolved schema. */
function valueProblems(value: unknown, schema: Schema, field: string): string[] {
  const { type } = schema;
  const kind = Array.isArray(value) ? 'array' : typeof value;
  if (type === 'integer' && !Number.isInteger(value)) return [`${field} must be an integer`];
  if (type === 'number' && (kind !== 'number' || !Number.isFinite(value)))
    return [`${field} must be a number`];
  if ((type === 'string' || type === 'boolean' || type === 'array') && kind !== type)
    return [`${field} must be a${type === 'array' ? 'n' : ''} ${type}`];
  if (type === 'object' && (kind !== 'object' || value === null))
    return [`${field} must be an object`];
  if (schema.enum && !schema.enum.includes(value))
    return [`${field} must be one of ${schema.enum.join(', ')}`];
  if (typeof value === 'string') {
    if (schema.maxLength !== undefined && value.length > schema.maxLength)
      return [`${field} must be at most ${schema.maxLength} characters`];
    if (schema.format === 'email' && !EMAIL.test(value)) return [`${field} is not an email`];
    if (schema.format === 'date' && !DATE.test(value)) return [`${field} must be YYYY-MM-DD`];
  }
  return [];
}

function problemsOf(
  value: unknown,
  schema: Schema,
  document: OpenApiDocument,
  path: string,
): string[] {
  let resolved = resolve(schema, document);
  const where = path || 'the body';
  if (value === null) {
    return resolved.nullable ? [] : [`${where} may not be null`];
  }
  const scalar = valueProblems(value, resolved, where);
  if (scalar.length > 0) return scalar;
  if (Array.isArray(value) && resolved.items) {
    return value.flatMap((item, index) =>
      problemsOf(item, resolved.items as Schema, document, `${path}[${index}]`),
    );
  }
  if (typeof value !== 'object' || Array.isArray(value)) return [];
  const object = value as Record<string, unknown>;
  const declared = Object.keys(resolved.properties ?? {}).length > 0;
  if (resolved.discriminator && resolved.oneOf && !declared) {
    const variant = variantOf(object, resolved, document, path);
    if (typeof variant === 'string') return [variant];
    resolved = variant;
  }
  if (!resolved.properties) return [];
  const missing = (resolved.required ?? [])
    .filter((key) => object[key] === undefined)
    .map((key) => `${path ? `${path}.${key}` : key} is required`);
  return [
    ...missing,
    ...Object.entries(object).flatMap(([key, inner]) => {
      const field = path ? `${path}.${key}` : key;
      const declared = resolved.properties?.[key];
      if (!declared) return [`${field} is read-only or unknown and may not be sent`];
      return problemsOf(inner, declared, document, field);
    }),
  ];
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
