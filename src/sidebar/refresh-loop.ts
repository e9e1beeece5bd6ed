/**
 * The sidebar drives a refresh call by call: each `refreshNow` is one Apps Script execution that
 * stops before the 6-minute limit with its progress checkpointed, so the loop calls again until
 * the server says done. Cancel takes effect between calls; the checkpoint stays valid and the
 * next refresh (or the schedule) continues from it.
 */
import type { RefreshSummary } from './refresh-progress';

export interface RefreshLoopOptions {
  readonly refreshNow: () => Promise<RefreshSummary>;
  readonly onSummary: (summary: RefreshSummary) => void;
  readonly cancelled: () => boolean;
}

export type RefreshLoopEnd =
  | { readonly outcome: 'done' | 'busy' | 'cancelled'; readonly summary: RefreshSummary | null }
  | { readonly outcome: 'stalled'; readonly summary: RefreshSummary; readonly message: string };

/** Calls that return unfinished without a single new page before the loop gives up. */
const MAX_CALLS_WITHOUT_PROGRESS = 3;

const pagesOf = (summary: RefreshSummary): number =>
  summary.dataSets.reduce((sum, d) => sum + d.pages + (d.done ? 1 : 0), 0);

export async function runRefreshLoop(options: RefreshLoopOptions): Promise<RefreshLoopEnd> {
  let last: RefreshSummary | null = null;
  let stalled = 0;
  while (!options.cancelled()) {
    const summary: RefreshSummary = await options.refreshNow();
    options.onSummary(summary);
    if (summary.busy) return { outcome: 'busy', summary };
    if (summary.done) return { outcome: 'done', summary };
    stalled = last && pagesOf(summary) <= pagesOf(last) ? stalled + 1 : 0;
    if (stalled >= MAX_CALLS_WITHOUT_PROGRESS) {
      return {
        outcome: 'stalled',
        summary,
        message: `The refresh stopped moving forward (${summary.message}). Check Sync health below, then try again.`,
      };
    }
    last = summary;
  }
  return { outcome: 'cancelled', summary: last };
}
