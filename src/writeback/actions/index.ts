/** Every write action, in the order the review lists them. */
import type { WriteAction } from '../action';
import { cardCreate } from './card-create';
import { CARD_ACTIONS } from './cards';
import { archiveLimit } from './spend-limit-archive';
import { expenseMemo } from './expense-memo';
import { VENDOR_ACTIONS } from './vendors';
import { baseLimit } from './spend-limit-base-limit';
import { limitCreate } from './spend-limit-create';
import { limitMembers } from './spend-limit-members';
import { limitName } from './spend-limit-name';
import { departmentCreate, locationCreate } from './team';
import { userInvite } from './user-invite';
import { USER_ACTIONS } from './users';

export const WRITE_ACTIONS: readonly WriteAction[] = [
  baseLimit,
  limitName,
  limitMembers,
  archiveLimit,
  limitCreate,
  ...CARD_ACTIONS,
  cardCreate,
  ...USER_ACTIONS,
  userInvite,
  departmentCreate,
  locationCreate,
  expenseMemo,
  ...VENDOR_ACTIONS,
];

export function actionById(id: string): WriteAction | undefined {
  return WRITE_ACTIONS.find((action) => action.id === id);
}
