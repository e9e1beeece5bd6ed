/**
 * The sidebar's pending count, polled while it is open: the changes in the sheets as they are
 * now, counted. It reads each action's sheet once and never asks Brex, and it writes nothing (no
 * marks, no forgotten conflicts), so a poll costs a few sheet reads and changes nothing.
 */
import type { PendingCount } from '../contract/writeback';
import { readChanges } from './review';
import type { WriteBackDeps } from './write-back-deps';

export function countChanges(deps: WriteBackDeps): PendingCount {
  const { changes } = readChanges(deps);
  return { pending: changes.length, refused: changes.filter((c) => c.problem !== null).length };
}
