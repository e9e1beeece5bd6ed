import { BrexError } from '../../src/brex';
import { operations } from '../../src/brex/operations';
import { paymentOperations } from '../../src/brex/payment-operations';
import { WRITE_ACTIONS } from '../../src/writeback/actions';
import { writeMessage } from '../../src/writeback/send-change';
import {
  listOfScopes,
  missingScopeMessage,
  scopeOfAction,
  scopePurpose,
  scopesOfActions,
} from '../../src/writeback/write-scopes';

const missing = (scope?: string) =>
  new BrexError({
    kind: 'missing_scope',
    message: 'The Brex token is not allowed to lock the card.',
    operation: 'lockCard',
    status: 403,
    ...(scope ? { scope } : {}),
  });

describe('write scopes', () => {
  it('gives every action the write scope its Brex operations declare', () => {
    const writeScopes = new Set(
      [...Object.values(operations), ...Object.values(paymentOperations)]
        .filter((op) => op.method !== 'get')
        .map((op) => op.scope),
    );
    for (const action of WRITE_ACTIONS) {
      const scope = scopeOfAction(action.id);
      expect([action.id, scope !== null && writeScopes.has(scope)]).toEqual([action.id, true]);
    }
    expect(
      Object.fromEntries(
        ['spend_limit.base_limit', 'card.status', 'user.department', 'expense.memo'].map((id) => [
          id,
          scopeOfAction(id),
        ]),
      ),
    ).toEqual({
      'spend_limit.base_limit': 'budgets',
      'card.status': 'cards',
      'user.department': 'users',
      'expense.memo': 'expenses.card',
    });
  });

  it('names the scope Brex refused, in words, else the action’s own', () => {
    expect(writeMessage(missing('cards'), 'card.status')).toBe(
      'Your Brex token lacks the "cards" scope, which changing cards needs. Create a token with the cards scope in Brex under Developer ▸ Settings, then add it under “Your write credential” in the sidebar.',
    );
    expect(writeMessage(missing('vendors.readonly'), 'vendor.email')).toContain(
      'lacks the "vendors.readonly" scope, which reading vendors needs',
    );
    expect(writeMessage(missing(), 'expense.memo')).toContain(
      'lacks the "expenses.card" scope, which changing card expenses needs',
    );
    expect(missingScopeMessage(undefined)).toContain('lacks a scope this change needs');
    expect(scopePurpose('budgets')).toBe('changing spend limits');
    expect(scopePurpose('transfers')).toBe('changing vendor payments');
  });

  it('lists the scopes of pending changes once each, in a stable order', () => {
    expect(scopesOfActions(['user.status', 'card.status', 'user.manager', 'nothing.x'])).toEqual([
      'cards',
      'users',
    ]);
    expect(listOfScopes(['budgets'])).toBe('budgets');
    expect(listOfScopes(['budgets', 'cards', 'users'])).toBe('budgets, cards and users');
  });
});
