/**
 * The Brex scope each write needs, in a finance user's words. Brex's specs declare the scopes in
 * each operation's `security`: cards, users, departments and locations (Team API), vendors and
 * transfers (Payments API), expenses.card (Expenses API). The spend-limit pages declare none;
 * like the v1 budgets they take `budgets`, and the client's operation table says so too. When
 * Brex refuses a call for a missing scope, the client names that call's scope (BrexError.scope):
 * a write's own, or the read of the conflict check.
 */

/** The write scope of the actions of each kind, by the first part of an action id. */
const ACTION_SCOPES: Readonly<Record<string, string>> = {
  spend_limit: 'budgets',
  card: 'cards',
  user: 'users',
  department: 'departments',
  location: 'locations',
  vendor: 'vendors',
  payment: 'transfers',
  expense: 'expenses.card',
};

/** What each scope lets a token do; a `.readonly` scope reads the same things. */
const PURPOSES: Readonly<Record<string, string>> = {
  budgets: 'spend limits',
  cards: 'cards',
  users: 'people',
  departments: 'departments',
  locations: 'locations',
  vendors: 'vendors',
  transfers: 'vendor payments',
  'expenses.card': 'card expenses',
};

/** Pure: the write scope an action needs ("card.status" → "cards"); null for an unknown kind. */
export function scopeOfAction(actionId: string): string | null {
  return ACTION_SCOPES[actionId.split('.')[0] ?? ''] ?? null;
}

/** Pure: "changing cards" for `cards`, "reading cards" for `cards.readonly`. */
export function scopePurpose(scope: string): string {
  const reads = scope.endsWith('.readonly');
  const what = PURPOSES[scope.replace(/\.readonly$/, '')] ?? `this ${scope} request`;
  return `${reads ? 'reading' : 'changing'} ${what}`;
}

/**
 * Pure: what to tell a person whose write credential lacks `scope` (the scope of the call Brex
 * refused, else the action's own).
 */
export function missingScopeMessage(scope: string | undefined, actionId?: string): string {
  const needed = scope ?? (actionId ? scopeOfAction(actionId) : null);
  if (!needed) {
    return 'Your Brex token lacks a scope this change needs. Create a token with the scopes of the changes you push in Brex under Developer ▸ Settings, then add it under “Your write credential” in the sidebar.';
  }
  return `Your Brex token lacks the "${needed}" scope, which ${scopePurpose(needed)} needs. Create a token with the ${needed} scope in Brex under Developer ▸ Settings, then add it under “Your write credential” in the sidebar.`;
}

/** Pure: the write scopes these actions need, in a stable order, without repeats. */
export function scopesOfActions(actionIds: Iterable<string>): string[] {
  const needed = new Set<string>();
  for (const id of actionIds) {
    const scope = scopeOfAction(id);
    if (scope) needed.add(scope);
  }
  return Object.values(ACTION_SCOPES).filter((scope) => needed.has(scope));
}

/** Pure: "budgets", "budgets and cards", "budgets, cards and users". */
export function listOfScopes(scopes: readonly string[]): string {
  if (scopes.length <= 1) return scopes[0] ?? '';
  return `${scopes.slice(0, -1).join(', ')} and ${scopes[scopes.length - 1]}`;
}
