/**
 * For the hostile action tests, on test/support/action-world.ts's spreadsheet: Brex with a card
 * on a spend limit, and one edit per action kind: the cell typed, the Brex request it must
 * become, and what Brex must hold after it.
 */
import type { Sandbox } from '../../../dev/sandbox';
import type { Runtime } from '../../../dev/runtime';
import type { Card, Expense, SpendLimit, User, Vendor } from '../../../src/brex';
import { CARDS, USERS, cards, nextRow, type, users } from '../../support/team-world';
import { control } from '../../support/world';

export const LIMITS = 'Brex Spend Limits';
export const VENDORS = 'Brex Vendors';
export const EXPENSES = 'Brex Expenses';

/**
 * Brex for the hostile action tests: the seeded company, with one card spending from the first
 * active spend limit, as if set so in Brex's dashboard (its "Limit" cell shows that limit's base
 * limit). Pass it as `actionWorld`'s `company`.
 */
export function cardOnSpendLimit(sandbox: Sandbox): void {
  sandbox.reset();
  const state = sandbox.snapshot();
  const budget = state.spend_limits.find((l) => l.status === 'ACTIVE') as SpendLimit;
  const spending = state.cards.filter((c) => c.status === 'ACTIVE' && c.limit_type === 'USER');
  control(sandbox, 'PUT', `/records/cards/${(spending.at(-1) as Card).id}`, {
    budget_id: budget.id,
  });
}

/** One action's edit: what to type, and how to tell the request and Brex's state it leads to. */
export interface ActionEdit {
  readonly action: string;
  /** `METHOD /path` of the one write it becomes. */
  readonly write: string;
  /** Whether Brex holds the change now (once, for a creation). */
  readonly applied: (sandbox: Sandbox) => boolean;
}

const snapshotOf = <T>(sandbox: Sandbox, list: string): T[] =>
  (sandbox.snapshot() as unknown as Record<string, T[]>)[list] as T[];

function shown(runtime: Runtime, sheet: string): Set<unknown> {
  const grid = runtime.values(sheet);
  const key = (grid[0] as unknown[]).indexOf('Brex ID');
  return new Set(grid.slice(1).map((cells) => cells[key]));
}

/**
 * Types one edit per action kind into the synced sheets (disjoint targets), tagged with `tag` so
 * that created names are unique; returns what each must become.
 */
export async function typeOneEditPerAction(
  runtime: Runtime,
  sandbox: Sandbox,
  tag: string,
): Promise<ActionEdit[]> {
  const allCards = cards(sandbox);
  const userCard = allCards.find((c) => c.status === 'ACTIVE' && c.limit_type === 'USER') as Card;
  const ownCard = allCards.find((c) => c.status === 'ACTIVE' && c.limit_type === 'CARD') as Card;
  const active = users(sandbox).filter((u) => u.status === 'ACTIVE');
  const [holder, suspended, limited] = active as [User, User, User];
  const limits = snapshotOf<SpendLimit>(sandbox, 'spend_limits').filter(
    (l) => l.status === 'ACTIVE' && shown(runtime, LIMITS).has(l.id),
  );
  const based = limits.find((l) => allCards.some((c) => c.budget_id === l.id)) as SpendLimit;
  const archived = limits.find((l) => l !== based) as SpendLimit;
  const vendor = snapshotOf<Vendor>(sandbox, 'vendors')[0] as Vendor;
  const expense = snapshotOf<Expense>(sandbox, 'expenses').find(
    (e) => e.expense_type === 'CARD' && shown(runtime, EXPENSES).has(e.id),
  ) as Expense;
  const card = (id: string): Card => cards(sandbox).find((c) => c.id === id) as Card;
  const user = (id: string): User => users(sandbox).find((u) => u.id === id) as User;
  const limit = (id: string): SpendLimit =>
    snapshotOf<SpendLimit>(sandbox, 'spend_limits').find((l) => l.id === id) as SpendLimit;
  const named = <T>(list: string, field: keyof T, value: string) =>
    snapshotOf<T>(sandbox, list).filter((o) => o[field] === value).length === 1;
  const email = `fault.${tag.toLowerCase()}@acme-demo.com`;

  await type(runtime, CARDS, userCard.id, 'Status', 'Locked');
  await type(runtime, CARDS, ownCard.id, 'Limit', 777);
  const newCard = nextRow(runtime, CARDS);
  await type(runtime, CARDS, newCard, 'Card name', `Fault card ${tag}`);
  await type(runtime, CARDS, newCard, 'Holder', holder.email);
  await type(runtime, USERS, suspended.id, 'Status', 'Disabled');
  await type(runtime, USERS, limited.id, 'Monthly limit', 4321);
  const invite = nextRow(runtime, USERS);
  await type(runtime, USERS, invite, 'Name', `Fault ${tag}`);
  await type(runtime, USERS, invite, 'Email', email);
  await type(runtime, 'Brex Departments', nextRow(runtime, 'Brex Departments'), 'Name', `D ${tag}`);
  await type(runtime, 'Brex Locations', nextRow(runtime, 'Brex Locations'), 'Name', `L ${tag}`);
  await type(runtime, LIMITS, based.id, 'Base limit', 1234.5);
  await type(runtime, LIMITS, archived.id, 'Status', 'Archived');
  await type(runtime, VENDORS, nextRow(runtime, VENDORS), 'Company name', `Vendor ${tag}`);
  await type(runtime, VENDORS, vendor.id, 'Email', `billing.${tag.toLowerCase()}@vendor.example`);
  await type(runtime, EXPENSES, expense.id, 'Memo', `Memo ${tag}`);

  return [
    {
      action: 'card.status',
      write: `POST /v2/cards/${userCard.id}/lock`,
      applied: () => card(userCard.id).status === 'LOCKED',
    },
    {
      action: 'card.limit',
      write: `PUT /v2/cards/${ownCard.id}`,
      applied: () => card(ownCard.id).spend_controls?.spend_limit.amount === 77_700,
    },
    {
      action: 'card.create',
      write: 'POST /v2/cards',
      applied: () => named<Card>('cards', 'card_name', `Fault card ${tag}`),
    },
    {
      action: 'user.status',
      write: `PUT /v2/users/${suspended.id}`,
      applied: () => user(suspended.id).status === 'DISABLED',
    },
    {
      action: 'user.monthly_limit',
      write: `POST /v2/users/${limited.id}/limit`,
      applied: (box) =>
        JSON.stringify(box.snapshot().user_limits[limited.id]).includes('"amount":432100'),
    },
    {
      action: 'user.invite',
      write: 'POST /v2/users',
      applied: () => named<User>('users', 'email', email),
    },
    {
      action: 'department.create',
      write: 'POST /v2/departments',
      applied: () => named<{ name: string }>('departments', 'name', `D ${tag}`),
    },
    {
      action: 'location.create',
      write: 'POST /v2/locations',
      applied: () => named<{ name: string }>('locations', 'name', `L ${tag}`),
    },
    {
      action: 'spend_limit.base_limit',
      write: `PUT /v2/spend_limits/${based.id}`,
      applied: () => limit(based.id).authorization_settings?.base_limit.amount === 123_450,
    },
    {
      action: 'spend_limit.archive',
      write: `POST /v2/spend_limits/${archived.id}/archive`,
      applied: () => limit(archived.id).status === 'ARCHIVED',
    },
    {
      action: 'vendor.create',
      write: 'POST /v1/vendors',
      applied: () => named<Vendor>('vendors', 'company_name', `Vendor ${tag}`),
    },
    {
      action: 'vendor.email',
      write: `PUT /v1/vendors/${vendor.id}`,
      applied: (box) =>
        snapshotOf<Vendor>(box, 'vendors').find((v) => v.id === vendor.id)?.email ===
        `billing.${tag.toLowerCase()}@vendor.example`,
    },
    {
      action: 'expense.memo',
      write: `PUT /v1/expenses/card/${expense.id}`,
      applied: (box) =>
        snapshotOf<Expense>(box, 'expenses').find((e) => e.id === expense.id)?.memo ===
        `Memo ${tag}`,
    },
  ];
}
