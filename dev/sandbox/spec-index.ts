/**
 * Brex's vendored OpenAPI specs, indexed by operation (method + path template), so the sandbox
 * takes scopes, required headers and schemas from the specs instead of restating them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const SPECS_DIR = join(__dirname, '../../specs/brex');

/** The APIs the add-on uses (the others are not served by the sandbox). */
const SPEC_FILES = [
  'transactions_api.2024-06.json',
  'expenses_api.2025-03.json',
  'team_api.2025-03.json',
  'payments_api.2024-06.json',
  'budgets_v2.from-docs.json',
];

export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, OpenApiOperation>>;
  readonly components?: { schemas?: Record<string, unknown> };
}

export interface OpenApiParameter {
  readonly name: string;
  readonly in: 'query' | 'header' | 'path' | 'cookie';
  readonly required?: boolean;
  readonly schema?: unknown;
}

export interface OpenApiOperation {
  readonly operationId?: string;
  readonly parameters?: OpenApiParameter[];
  readonly requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
  readonly responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  readonly security?: Record<string, string[]>[];
}

export interface IndexedOperation {
  readonly method: string;
  readonly template: string;
  readonly file: string;
  readonly document: OpenApiDocument;
  readonly operation: OpenApiOperation;
  readonly pattern: RegExp;
  /** Number of `{param}` segments; literal paths win over templated ones. */
  readonly params: number;
}

let cached: IndexedOperation[] | null = null;

export function operations(): IndexedOperation[] {
  if (cached) return cached;
  const found: IndexedOperation[] = [];
  for (const file of readdirSync(SPECS_DIR).filter((f) => SPEC_FILES.includes(f))) {
    const document = JSON.parse(readFileSync(join(SPECS_DIR, file), 'utf8')) as OpenApiDocument;
    for (const [template, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!['get', 'put', 'post', 'delete'].includes(method)) continue;
        const source = template
          .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
          .replace(/\{[^}]+\}/g, '([^/]+)');
        found.push({
          method: method.toUpperCase(),
          template,
          file,
          document,
          operation,
          pattern: new RegExp(`^${source}$`),
          params: (template.match(/\{/g) ?? []).length,
        });
      }
    }
  }
  found.sort((a, b) => a.params - b.params);
  cached = found;
  return found;
}

/** The operation a request path matches, preferring literal segments (`/cash/primary`). */
export function findOperation(method: string, path: string): IndexedOperation | null {
  return operations().find((op) => op.method === method && op.pattern.test(path)) ?? null;
}

/**
 * Scopes that grant the operation (any one suffices). The reconstructed budgets v2 spec declares
 * none; like v1 budgets, reads take `budgets.readonly` or `budgets`, writes take `budgets`.
 */
export function grantingScopes(op: IndexedOperation): string[] {
  const declared = (op.operation.security ?? []).flatMap((s) => Object.values(s).flat());
  if (declared.length > 0) return declared;
  if (op.template.startsWith('/v2/spend_limits') || op.template.startsWith('/v2/budgets')) {
    return op.method === 'GET' ? ['budgets.readonly', 'budgets'] : ['budgets'];
  }
  return [];
}

export function requiresIdempotencyKey(op: IndexedOperation): boolean {
  return (op.operation.parameters ?? []).some(
    (p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key' && p.required === true,
  );
}
