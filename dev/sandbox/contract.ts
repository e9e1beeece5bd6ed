/**
 * Validates requests and responses against the operation they target in Brex's vendored specs,
 * with ajv. OpenAPI 3.0 schemas are first turned into JSON Schema (see `toJsonSchema`).
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { findOperation, type IndexedOperation, operations } from './spec-index';

/** Brex's error body, for error statuses whose operation declares no schema (the Team API). */
const ERROR_SCHEMA = {
  type: 'object',
  required: ['type', 'message'],
  properties: { type: { type: 'string' }, message: { type: 'string' }, code: { type: 'string' } },
};

/**
 * Turns OpenAPI 3.0 into JSON Schema: `nullable: true` becomes "or null" (also when it sits alone
 * in an `allOf` member, as Brex's generator writes it); `discriminator` is dropped and its
 * `oneOf` becomes `anyOf`, because the variants share a base schema and may all match; `$ref`s
 * are re-pointed at the document registered under `file`.
 */
export function toJsonSchema(schema: unknown, file: string): unknown {
  if (Array.isArray(schema)) return schema.map((s) => toJsonSchema(s, file));
  if (typeof schema !== 'object' || schema === null) return schema;
  const source = schema as Record<string, unknown>;
  let nullable = source.nullable === true;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'nullable' || key === 'discriminator' || key === 'example' || key.startsWith('x-'))
      continue;
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.startsWith('#') ? `${file}${value}` : value;
    } else if (key === 'allOf' && Array.isArray(value)) {
      const members = value.filter((m) => {
        const keys = Object.keys(m as object).filter((k) => k !== 'description');
        if (keys.length === 1 && keys[0] === 'nullable') {
          nullable ||= (m as { nullable: unknown }).nullable === true;
          return false;
        }
        return keys.length > 0;
      });
      if (members.length > 0) out.allOf = toJsonSchema(members, file);
    } else if (key === 'oneOf' && source.discriminator) {
      out.anyOf = toJsonSchema(value, file);
    } else if (key === 'properties' && typeof value === 'object' && value !== null) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, toJsonSchema(sub, file)]),
      );
    } else if (
      key === 'required' &&
      Array.isArray(value) &&
      source.type !== 'object' &&
      !source.properties
    ) {
      // Brex's specs put `required: ["true"]` on scalar properties; it means nothing there.
    } else {
      out[key] = toJsonSchema(value, file);
    }
  }
  return nullable ? { anyOf: [out, { type: 'null' }] } : out;
}

function makeAjv(lenientDateTime: boolean): Ajv {
  // `enum` appears as a format in the Fields spec; it is no format at all.
  const ajv = new Ajv({ strict: false, allErrors: true, formats: { enum: true } });
  addFormats(ajv);
  if (lenientDateTime) {
    // The shared convention: filter date-times are sent in UTC with no zone suffix.
    ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?$/);
  }
  const seen = new Set<string>();
  for (const op of operations()) {
    if (seen.has(op.file)) continue;
    seen.add(op.file);
    const components = withoutPolymorphicCycles(op.document.components ?? {});
    ajv.addSchema({ components: toJsonSchema(components, op.file) }, op.file);
  }
  return ajv;
}

/**
 * Brex's polymorphic schemas point both ways: a base (`CardOwner`) lists its variants in `oneOf`,
 * and each variant (`UserOwner`) includes the base through `allOf`, which would recurse forever
 * during validation. The variant's back-reference to its base is dropped.
 */
function withoutPolymorphicCycles(components: { schemas?: Record<string, unknown> }) {
  const schemas = structuredClone(components.schemas ?? {}) as Record<
    string,
    Record<string, unknown>
  >;
  for (const [name, schema] of Object.entries(schemas)) {
    if (!schema.discriminator || !Array.isArray(schema.oneOf)) continue;
    const self = `#/components/schemas/${name}`;
    for (const variant of schema.oneOf as Record<string, unknown>[]) {
      const target =
        typeof variant.$ref === 'string'
          ? schemas[variant.$ref.slice(variant.$ref.lastIndexOf('/') + 1)]
          : variant;
      if (target && Array.isArray(target.allOf)) {
        target.allOf = (target.allOf as { $ref?: string }[]).filter((m) => m.$ref !== self);
      }
    }
  }
  return { ...components, schemas };
}

let responseAjv: Ajv | null = null;
let requestAjv: Ajv | null = null;
const compiled = new Map<string, ValidateFunction>();

function validator(kind: 'request' | 'response', key: string, schema: unknown, file: string) {
  const id = `${kind} ${key}`;
  let validate = compiled.get(id);
  if (!validate) {
    const ajv =
      kind === 'request' ? (requestAjv ??= makeAjv(true)) : (responseAjv ??= makeAjv(false));
    validate = ajv.compile(toJsonSchema(schema, file) as object);
    compiled.set(id, validate);
  }
  return validate;
}

function errorsOf(validate: ValidateFunction, where: string): string[] {
  return (validate.errors ?? []).map(
    (e) => `${where}${e.instancePath} ${e.message ?? 'is invalid'}`,
  );
}

/**
 * Violations of the response schema the operation declares for `status` (or Brex's error body
 * for an undeclared error status). An empty list means the response is valid.
 */
export function validateResponse(
  method: string,
  path: string,
  status: number,
  body: unknown,
): string[] {
  const op = findOperation(method, path);
  if (!op) return [`${method} ${path}: no such operation in Brex's specs`];
  const response = op.operation.responses?.[String(status)] ?? op.operation.responses?.default;
  const schema = response?.content?.['application/json']?.schema;
  if (schema === undefined) {
    if (status < 400) return [];
    const validate = validator('response', 'error', ERROR_SCHEMA, op.file);
    return validate(body) ? [] : errorsOf(validate, `${status} body`);
  }
  const validate = validator('response', `${op.method} ${op.template} ${status}`, schema, op.file);
  return validate(body) ? [] : errorsOf(validate, `${status} body`);
}

/**
 * Violations of the operation's declared parameters and body: unknown or missing query
 * parameters, values that do not fit their schema, a missing required header, an invalid body.
 */
export function validateRequest(
  method: string,
  path: string,
  query: URLSearchParams,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
): string[] {
  const op = findOperation(method, path);
  if (!op) return [`${method} ${path}: no such operation in Brex's specs`];
  const problems: string[] = [];
  const params = op.operation.parameters ?? [];
  for (const name of new Set(query.keys())) {
    if (!params.some((p) => p.in === 'query' && p.name === name)) {
      problems.push(`query parameter ${name} is not declared by ${op.method} ${op.template}`);
    }
  }
  for (const p of params) {
    if (p.in === 'path') continue;
    const values =
      p.in === 'query'
        ? query.getAll(p.name)
        : [headers[p.name.toLowerCase()]].flat().filter((v) => v !== undefined);
    if (values.length === 0) {
      if (p.required) problems.push(`${p.in} parameter ${p.name} is required`);
      continue;
    }
    const schema = (p.schema ?? {}) as { type?: string; items?: { type?: string } };
    const value =
      schema.type === 'array'
        ? values.map((v) => coerce(String(v), schema.items?.type))
        : coerce(String(values[0]), schema.type);
    if (schema.type !== 'array' && values.length > 1)
      problems.push(`query parameter ${p.name} is repeated`);
    const validate = validator(
      'request',
      `${op.method} ${op.template} ${p.in} ${p.name}`,
      schema,
      op.file,
    );
    if (!validate(value)) problems.push(...errorsOf(validate, `${p.in} parameter ${p.name}`));
  }
  problems.push(...validateBody(op, rawBody));
  return problems;
}

function validateBody(op: IndexedOperation, rawBody: string): string[] {
  const declared = op.operation.requestBody;
  const schema = declared?.content?.['application/json']?.schema;
  if (rawBody.trim() === '') return declared?.required ? ['request body is required'] : [];
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return ['request body is not valid JSON'];
  }
  if (schema === undefined) return [];
  const validate = validator('request', `${op.method} ${op.template} body`, schema, op.file);
  return validate(body) ? [] : errorsOf(validate, 'body');
}

function coerce(value: string, type: string | undefined): unknown {
  if (type === 'integer' || type === 'number') return value.trim() === '' ? value : Number(value);
  if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}
