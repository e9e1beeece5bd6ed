/** Discarding changes: their cells get the last-synced values back, and their marks go. */
import { keyOf, type Change } from './action';
import { markChanges, readChanges } from './review';
import type { WriteBackDeps } from './write-back-deps';

/** Restores the changes with these keys (all when omitted); returns the keys restored. */
export function discardChanges(deps: WriteBackDeps, keys?: readonly string[]): Change[] {
  const chosen = readChanges(deps).changes.filter((c) => !keys || keys.includes(keyOf(c)));
  const actions = new Set(chosen.map((change) => change.action));
  for (const action of actions) {
    action.discard(
      deps,
      chosen.filter((change) => change.action === action),
    );
  }
  if (chosen.length > 0) markChanges(deps, readChanges(deps));
  return chosen;
}
