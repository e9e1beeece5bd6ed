/**
 * Resolving a conflict (Brex's value changed since the sync): "keep mine" makes Brex's value the
 * last-synced one and leaves the edit, so the review shows Brex's value → yours, to push again;
 * "take Brex's" puts Brex's value in the row, and the change is gone. Either way Brex is read
 * again first, so what is shown is Brex's value now.
 */
import type { ConflictChoice } from '../contract/writeback';
import { keyOf, targetKey, type Change } from './action';
import { Conflicts } from './conflicts';
import { markChanges, readChanges } from './review';
import { writeMessage } from './send-change';
import type { PushDeps } from './write-back-deps';

/** The change as it stands after the choice (null when it is gone), and what was done. */
export interface Resolved {
  readonly change: Change | null;
  readonly message: string;
}

export function resolveConflict(deps: PushDeps, key: string, choice: ConflictChoice): Resolved {
  const change = readChanges(deps).changes.find((c) => keyOf(c) === key);
  if (!change || change.targetId === '') {
    throw new Error(`No pending change has this key (${key}). Review again, then choose.`);
  }
  const current = change.action.readCurrent(deps.brex, [change.targetId]).get(change.targetId);
  if (current === undefined || current instanceof Error)
    throw new Error(writeMessage(current, change.action.id));
  if (choice === 'take_brex') change.action.settle(deps, [current]);
  else change.action.rebase(deps, [current]);
  new Conflicts(deps.store).forget(targetKey(change));
  const now = readChanges(deps);
  markChanges(deps, now);
  const after = now.changes.find((c) => targetKey(c) === targetKey(change)) ?? null;
  return {
    change: after,
    message:
      choice === 'take_brex'
        ? `"${change.targetName}" now shows Brex's value; your edit was set aside.`
        : after
          ? `Your edit of "${change.targetName}" now starts from Brex's ${after.brexNow}. Review it, then push.`
          : `Brex already has your value for "${change.targetName}": nothing is left to push.`,
  };
}
