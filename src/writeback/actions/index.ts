/** Every write action, in the order the review lists them. */
import type { WriteAction } from '../action';
import { baseLimit } from './spend-limit-base-limit';

export const WRITE_ACTIONS: readonly WriteAction[] = [baseLimit];

export function actionById(id: string): WriteAction | undefined {
  return WRITE_ACTIONS.find((action) => action.id === id);
}
