/**
 * Brex's records as the write-back's last-synced entries (`synced-rows.ts`): what the refresh
 * records after writing the rows, and what a push records from Brex's answers.
 */
import type { Card, User } from '../../brex';
import { personName } from '../../cells/person-name';
import { cardHolderId } from '../../data-sets/transactions';
import { identityOf } from '../row-identity';
import { plainLimit } from './money-column';
import type { SyncedRow } from './synced-rows';

/** Pure: a card as its row was written. Identity: its "Card name" and "Last four" cells. */
export function cardEntry(card: Card): SyncedRow<'cards'> {
  const own = card.limit_type === 'CARD' ? card.spend_controls?.spend_limit : null;
  const currency = own?.currency || 'USD';
  return {
    id: card.id,
    status: card.status ?? '',
    limitType: card.limit_type ?? '',
    limit: own ? plainLimit(own.amount, currency) : '',
    currency,
    name: card.card_name ?? '',
    holderId: cardHolderId(card) ?? '',
    budgetId: card.budget_id ?? '',
    identity: identityOf([card.card_name ?? '', card.last_four ?? '']),
  };
}

const NO_NAMES = { department: '', location: '' };

/**
 * Pure: a user as their row was written. `limit` is what their "Monthly limit" cell shows ('' for
 * none), kept from the last entry when this read did not include it; `names` what their
 * "Department" and "Location" cells show. Identity: their "Email" cell.
 */
export function userEntry(
  user: User,
  limit: { readonly limit: string; readonly currency: string },
  names: { readonly department: string; readonly location: string } = NO_NAMES,
): SyncedRow<'users'> {
  return {
    id: user.id,
    status: user.status ?? '',
    limit: limit.limit,
    currency: limit.currency,
    departmentId: user.department_id ?? '',
    locationId: user.location_id ?? '',
    managerId: user.manager_id ?? '',
    name: personName(user),
    email: user.email ?? '',
    identity: identityOf([user.email ?? '']),
    department: names.department,
    location: names.location,
  };
}
