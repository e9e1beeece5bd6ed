/** Every write action, in the order the review lists them. */
import type { WriteAction } from '../action';
import { archiveLimit } from './spend-limit-archive';
import { baseLimit } from './spend-limit-base-limit';

export const WRITE_ACTIONS: readonly WriteAction[] = [baseLimit, archiveLimit];

export function actionById(id: string): WriteAction | undefined {
  return WRITE_ACTIONS.find((action) => action.id === id);
}
