/**
 * How often a refresh commits its staged sync state (and always at its end). Each commit is a
 * PropertiesService call, so progress (the health values the sidebar polls every 2 s) is
 * committed that often, and the checkpoint proper (ids, then cursors and the round) every 20 s.
 * A run stopped between two checkpoints only redoes the pages since the last one, which is
 * harmless because rows are keyed by Brex id.
 */
import type { KeyValuePort } from '../ports/key-value-port';
import type { KnownIds } from './known-ids';
import { isHealthKey } from './sync-health';

const PROGRESS_MS = 2_000;
const CHECKPOINT_MS = 20_000;

/**
 * A run's checkpoint: commits when a checkpoint or a progress write is due, the ids before the
 * cursors that follow their rows.
 */
export function checkpoints(
  store: KeyValuePort,
  knownIds: KnownIds,
  now: () => number,
): () => void {
  let lastCheckpoint = now();
  let lastProgress = lastCheckpoint;
  return () => {
    const at = now();
    if (at - lastCheckpoint >= CHECKPOINT_MS) {
      knownIds.flush();
      store.commit?.();
      lastCheckpoint = lastProgress = at;
    } else if (at - lastProgress >= PROGRESS_MS) {
      store.commit?.(isHealthKey);
      lastProgress = at;
    }
  };
}
