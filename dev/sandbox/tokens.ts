/**
 * The tokens the sandbox knows, each with different powers so every error path can be exercised.
 * Any other bearer value gets Brex's 401 for an invalid or revoked token.
 */
import { randomBytes } from 'node:crypto';

export type TokenKind = 'full' | 'readonly' | 'expired' | 'no_cash' | 'no_budgets';

export interface TokenPowers {
  readonly kind: TokenKind;
  readonly scopes: ReadonlySet<string>;
  readonly expired: boolean;
  /** False for a company without Brex Cash: cash, vendor and transfer endpoints answer 401. */
  readonly cash: boolean;
  /** False for a company without budget management: spend limits and budgets answer 403. */
  readonly budgets: boolean;
}

const READ_SCOPES = [
  'accounts.card.readonly',
  'accounts.cash.readonly',
  'transactions.card.readonly',
  'transactions.cash.readonly',
  'statements.card.readonly',
  'statements.cash.readonly',
  'expenses.card.readonly',
  'budgets.readonly',
  'users.readonly',
  'departments.readonly',
  'locations.readonly',
  'titles.readonly',
  'cards.readonly',
  'companies.readonly',
  'legal_entities.readonly',
  'vendors.readonly',
  'transfers.readonly',
  'linked_accounts.readonly',
];

const WRITE_SCOPES = [
  'expenses.card',
  'budgets',
  'users',
  'departments',
  'locations',
  'titles',
  'cards',
  'legal_entities',
  'vendors',
  'transfers',
  'incoming_transfers',
];

const ALL = new Set([...READ_SCOPES, ...WRITE_SCOPES]);

const POWERS: Record<TokenKind, Omit<TokenPowers, 'kind'>> = {
  full: { scopes: ALL, expired: false, cash: true, budgets: true },
  readonly: { scopes: new Set(READ_SCOPES), expired: false, cash: true, budgets: true },
  expired: { scopes: ALL, expired: true, cash: true, budgets: true },
  no_cash: { scopes: ALL, expired: false, cash: false, budgets: true },
  no_budgets: { scopes: ALL, expired: false, cash: true, budgets: false },
};

export type TokenSet = Readonly<Record<TokenKind, string>>;

/** Fresh random tokens, in Brex's `bxt_` form, one per kind. */
export function issueTokens(): TokenSet {
  const make = (kind: TokenKind) => `bxt_sandbox_${kind}_${randomBytes(12).toString('hex')}`;
  return {
    full: make('full'),
    readonly: make('readonly'),
    expired: make('expired'),
    no_cash: make('no_cash'),
    no_budgets: make('no_budgets'),
  };
}

export function powersOf(tokens: TokenSet, bearer: string): TokenPowers | null {
  for (const kind of Object.keys(POWERS) as TokenKind[]) {
    if (tokens[kind] === bearer) return { kind, ...POWERS[kind] };
  }
  return null;
}

/**
 * The Brex account a request's `Authorization` header acts for, as Brex's rate limit counts
 * ("per Client ID and Brex account"): the full, read-only and expired tokens are people of the
 * demo company; the tokens without Brex Cash or budget management are companies of their own.
 * A header naming no token of ours counts on its own.
 */
export function accountOf(tokens: TokenSet, authorization: string): string {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  const kind = (Object.keys(tokens) as TokenKind[]).find((k) => tokens[k] === bearer);
  if (kind === undefined) return `unknown ${authorization}`;
  return kind === 'no_cash' || kind === 'no_budgets' ? kind : 'demo';
}
