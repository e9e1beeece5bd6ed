/**
 * Strict request bodies, as a stricter Brex would hold them. Every POST and PUT body is checked
 * against its operation's request schema, and the first problem is refused with a 400 naming the
 * field: a field the schema does not declare (a read-only field such as `id` or
 * `limit_with_increases`, echoed back from a response), a null where the schema does not say
 * `nullable`, a wrong type, a value outside an enum, a missing required field, an empty string
 * where `minLength` forbids it, a longer one than `maxLength` allows (a transfer's external memo),
 * a malformed email or date, and a currency that is not an ISO 4217
 * code. Brex does not document what an
 * undeclared field or a stray null does to a write, so a client that sends one could reset a
 * setting; the sandbox makes such a client fail its tests instead.
 */
import { badRequest } from './brex-errors';
import type { IndexedOperation, OpenApiDocument } from './spec-index';

interface Schema {
  readonly $ref?: string;
  readonly allOf?: readonly Schema[];
  readonly oneOf?: readonly Schema[];
  readonly discriminator?: { propertyName: string; mapping?: Record<string, string> };
  readonly type?: string;
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly nullable?: boolean;
  readonly required?: readonly string[];
  readonly properties?: Record<string, Schema>;
  readonly additionalProperties?: Schema | boolean;
  readonly items?: Schema;
}

const EMAIL = /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[A-Za-z]{2,}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** ISO 4217's codes, as Node's ICU knows them (the specs name the standard, not a list). */
const ISO_4217 = new Set(Intl.supportedValuesOf('currency'));

function schemaNamed(ref: string, document: OpenApiDocument): Schema {
  const name = ref.replace('#/components/schemas/', '');
  return (document.components?.schemas?.[name] ?? {}) as Schema;
}

/**
 * One flat schema: `$ref` followed, `allOf` members merged (nullable if any member says so). A
 * member that is a discriminated base (the variant's back-reference to it) is left out, unless
 * nothing else declares a field.
 */
function resolve(schema: Schema, document: OpenApiDocument): Schema {
  const base = schema.$ref ? schemaNamed(schema.$ref, document) : schema;
  let merged: Schema = { ...base, nullable: schema.nullable === true || base.nullable === true };
  let union: Schema | null = null;
  for (const part of base.allOf ?? []) {
    const inner = resolve(part, document);
    if (inner.discriminator) {
      union = inner;
      continue;
    }
    merged = {
      ...inner,
      ...merged,
      type: merged.type ?? inner.type,
      enum: merged.enum ?? inner.enum,
      nullable: merged.nullable === true || inner.nullable === true,
      required: [...(inner.required ?? []), ...(merged.required ?? [])],
      properties: { ...inner.properties, ...merged.properties },
      allOf: undefined,
    };
  }
  // A field that wraps a discriminated union to describe it (a transfer's `originating_account`:
  // `allOf: [{$ref: OriginatingAccount}, {description}]`) is that union, not a variant of it.
  if (union && Object.keys(merged.properties ?? {}).length === 0) {
    return { ...union, nullable: merged.nullable === true || union.nullable === true };
  }
  return merged;
}

function typeProblem(value: unknown, type: string | undefined, format?: string): string | null {
  switch (type) {
    case 'string':
      if (typeof value !== 'string') return 'must be a string';
      if (format === 'email' && !EMAIL.test(value)) return 'must be an email address';
      if (format === 'date' && (!DATE.test(value) || Number.isNaN(Date.parse(value)))) {
        return 'must be a date like 2026-01-31';
      }
      return null;
    case 'integer':
      return Number.isInteger(value) ? null : 'must be an integer';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'array':
      return Array.isArray(value) ? null : 'must be a list';
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? null
        : 'must be an object';
    default:
      return null;
  }
}

function problemsOf(
  value: unknown,
  schema: Schema,
  document: OpenApiDocument,
  path: string,
): string[] {
  const resolved = resolve(schema, document);
  const name = path || 'The request body';
  if (value === null) return resolved.nullable ? [] : [`${name} may not be null`];
  if (resolved.oneOf && resolved.discriminator) {
    return variantProblems(value, resolved, document, path);
  }
  const wrongType = typeProblem(value, resolved.type, resolved.format);
  if (wrongType) return [`${name} ${wrongType}`];
  if (resolved.enum && !resolved.enum.includes(value)) {
    return [`${name} must be one of ${resolved.enum.join(', ')}`];
  }
  if (typeof value === 'string' && value.length < (resolved.minLength ?? 0)) {
    return [`${name} may not be empty`];
  }
  if (typeof value === 'string' && value.length > (resolved.maxLength ?? Infinity)) {
    return [`${name} must be at most ${resolved.maxLength} characters`];
  }
  // Every Money's `currency` is "in ISO 4217 format", as the specs describe it.
  if (path.endsWith('currency') && typeof value === 'string' && !ISO_4217.has(value)) {
    return [`${name} must be an ISO 4217 currency code like USD`];
  }
  if (Array.isArray(value) && resolved.items) {
    const items = resolved.items;
    return value.flatMap((item, index) => problemsOf(item, items, document, `${path}[${index}]`));
  }
  if (typeof value !== 'object' || Array.isArray(value)) return [];
  return objectProblems(value as Record<string, unknown>, resolved, document, path);
}

function objectProblems(
  value: Record<string, unknown>,
  schema: Schema,
  document: OpenApiDocument,
  path: string,
): string[] {
  const field = (key: string) => (path ? `${path}.${key}` : key);
  const missing = (schema.required ?? []).filter((key) => value[key] === undefined);
  if (missing.length > 0) return missing.map((key) => `${field(key)} is required`);
  return Object.entries(value).flatMap(([key, inner]) => {
    const declared = schema.properties?.[key];
    if (declared) return problemsOf(inner, declared, document, field(key));
    if (typeof schema.additionalProperties === 'object') {
      return problemsOf(inner, schema.additionalProperties, document, field(key));
    }
    if (!schema.properties && schema.additionalProperties !== false) return [];
    return [`${field(key)} is read-only or unknown and may not be sent`];
  });
}

/** A discriminated union (a card's `owner`): the variant its discriminator names. */
function variantProblems(
  value: unknown,
  schema: Schema,
  document: OpenApiDocument,
  path: string,
): string[] {
  const name = path || 'The request body';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [`${name} must be an object`];
  }
  const { propertyName, mapping = {} } = schema.discriminator ?? { propertyName: 'type' };
  const tag = (value as Record<string, unknown>)[propertyName];
  const ref = typeof tag === 'string' ? mapping[tag] : undefined;
  if (!ref)
    return [
      `${path ? `${path}.` : ''}${propertyName} must be one of ${Object.keys(mapping).join(', ')}`,
    ];
  return problemsOf(value, { $ref: ref }, document, path);
}

/**
 * Throws Brex's 400 naming the first problem a strict Brex would refuse in this request's body.
 * Operations that take no body ignore one.
 */
export function refuseInvalidBody(op: IndexedOperation, body: unknown): void {
  const requestBody = op.operation.requestBody;
  const schema = requestBody?.content?.['application/json']?.schema as Schema | undefined;
  if (!schema) return;
  if (body === undefined) {
    if (requestBody?.required) throw badRequest('A JSON request body is required');
    return;
  }
  const [problem] = problemsOf(body, schema, op.document, '');
  if (problem) throw badRequest(problem);
}
