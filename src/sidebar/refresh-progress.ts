/**
 * How far a refresh has come, from what the server reports: the summary each `refreshNow` call
 * returns (which data sets are done) and, while a call runs, the sync health written after every
 * page. Nobody knows how many pages a data set has, so the one in progress fills its share as
 * pages / (pages + 1): the bar moves with every page and every data set, and never claims done.
 */
import type { ServerResult } from '../contract/server-functions';

export type RefreshSummary = ServerResult<'refreshNow'>;
export type SyncHealthReport = ServerResult<'getSyncHealth'>;

/** One data set's progress, as the refresh summary reports it. */
export type ProgressEntry = Omit<RefreshSummary['dataSets'][number], 'sheetName'>;

export function entriesFromSummary(summary: RefreshSummary): ProgressEntry[] {
  return summary.dataSets.map((d) => ({ ...d }));
}

/**
 * Mid-call: the pages and state of each data set from health, over what the last summary said
 * (or, before the first summary, the data sets chosen in the settings). Only a summary marks a
 * data set done.
 */
export function entriesFromHealth(
  health: SyncHealthReport,
  previous: readonly ProgressEntry[] | null,
): ProgressEntry[] {
  const ids = previous
    ? previous.map((e) => e.id)
    : health.dataSets.filter((d) => d.selected).map((d) => d.id);
  return ids.flatMap((id) => {
    const h = health.dataSets.find((d) => d.id === id);
    const before = previous?.find((e) => e.id === id);
    if (!h) return before ? [before] : [];
    if (before?.done) return [before];
    return [
      {
        id,
        title: h.title,
        done: false,
        state: h.state,
        pages: h.pages,
        rows: h.rows,
        added: h.added,
        updated: h.updated,
        removed: h.removed,
        message: h.message,
        traceId: h.traceId,
      },
    ];
  });
}

/** 0…1 */
export function progressFraction(entries: readonly ProgressEntry[]): number {
  if (entries.length === 0) return 0;
  const parts = entries.map((e) => (e.done ? 1 : e.pages / (e.pages + 1)));
  return parts.reduce((a, b) => a + b, 0) / entries.length;
}

/** One line under the bar: which data set, which page. */
export function progressLabel(entries: readonly ProgressEntry[]): string {
  const finished = entries.filter((e) => e.done).length;
  const current = entries.find((e) => !e.done && (e.state === 'in_progress' || e.pages > 0));
  const head = `${finished} of ${entries.length} data sets done`;
  if (!current) return `${head}.`;
  return `${head}. ${current.title}: page ${current.pages}, ${current.rows} rows.`;
}
