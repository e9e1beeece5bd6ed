/**
 * Every field Brex's specs mark `nullable` (or leave optional) in a list's items may come back
 * null: Brex's generated data rarely has them so, so one record of each synced list is given a
 * null in every such field at once, read from the specs (specs/brex/), and the built bundle must
 * still sync every record of every data set.
 */
import type { Sandbox } from '../../dev/sandbox';
import type { Runtime } from '../../dev/runtime';
import { findOperation, type OpenApiDocument } from '../../dev/sandbox/spec-index';
import {
  connectedRuntime,
  control,
  expectedIds,
  idColumn,
  OWNER,
  refreshUntilDone,
  smallSandbox,
} from '../support/world';
import type { RefreshSummary } from '../../src/sync/refresh';

/** The control API's list name, and the Brex list it serves. */
const LISTS: Record<string, string> = {
  users: '/v2/users',
  departments: '/v2/departments',
  locations: '/v2/locations',
  cards: '/v2/cards',
  vendors: '/v1/vendors',
  transfers: '/v1/transfers',
  spend_limits: '/v2/spend_limits',
  budgets: '/v2/budgets',
  card_transactions: '/v2/transactions/card/primary',
  expenses: '/v1/expenses',
};

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  nullable?: boolean;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
}

function resolved(schema: Schema, document: OpenApiDocument): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  return resolved((document.components?.schemas?.[name] ?? {}) as Schema, document);
}

/** The item fields of a list that the spec lets be null: nullable, or not required. */
function nullableFields(path: string): string[] {
  const op = findOperation('GET', path);
  if (!op) throw new Error(`No operation for ${path}`);
  const page = op.operation.responses?.['200']?.content?.['application/json']?.schema as Schema;
  const item = resolved(resolved(page, op.document).properties?.items?.items ?? {}, op.document);
  const parts = [item, ...(item.allOf ?? []).map((p) => resolved(p, op.document))];
  const required = new Set(parts.flatMap((p) => p.required ?? []));
  return parts.flatMap((part) =>
    Object.entries(part.properties ?? {})
      .filter(([name, field]) => {
        const nullable =
          field.nullable === true ||
          resolved(field, op.document).nullable === true ||
          (field.allOf ?? []).some((m) => m.nullable === true);
        return nullable || !required.has(name);
      })
      .map(([name]) => name),
  );
}

describe('null in every field Brex may leave null', () => {
  let sandbox: Sandbox;
  let runtime: Runtime;
  let summary: RefreshSummary;
  const planted: Record<string, string[]> = {};

  beforeAll(async () => {
    sandbox = await smallSandbox('nullable-fields');
    const state = sandbox.snapshot() as unknown as Record<string, Record<string, unknown>[]>;
    for (const [list, path] of Object.entries(LISTS)) {
      const record = state[list]?.[1];
      const id = String(record?.[list === 'budgets' ? 'budget_id' : 'id']);
      planted[list] = nullableFields(path);
      const nulls = Object.fromEntries(planted[list].map((field) => [field, null]));
      control(sandbox, 'PUT', `/records/${list}/${encodeURIComponent(id)}`, nulls);
    }
    runtime = await connectedRuntime(sandbox);
    summary = await refreshUntilDone(runtime, { as: OWNER, maxCalls: 10 });
  });

  afterAll(() => sandbox.close());

  it('plants nulls in the fields the specs allow, in every list', () => {
    expect(planted.expenses).toEqual(expect.arrayContaining(['category', 'purchased_at', 'memo']));
    expect(planted.card_transactions).toEqual(expect.arrayContaining(['type', 'merchant']));
    for (const fields of Object.values(planted)) expect(fields.length).toBeGreaterThan(0);
  });

  it('syncs every data set, every record in its sheet', () => {
    expect(summary.dataSets.filter((d) => d.state !== 'ok')).toEqual([]);
    for (const [sheet, ids] of Object.entries(expectedIds(sandbox))) {
      expect({ sheet, ids: idColumn(runtime, sheet).sort() }).toEqual({ sheet, ids: ids.sort() });
    }
  });
});
