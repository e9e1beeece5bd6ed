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
 * (or, before the first summary, the data sets chosen in the settings). A data set counts as
 * done once its health says it finished (ok, error, unavailable) in this refresh; a data set
 * finished in an earlier refresh is not done yet.
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
        done: finishedInThisRefresh(h, health.refreshStartedAt),
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

function finishedInThisRefresh(
  h: SyncHealthReport['dataSets'][number],
  startedAt: string | null,
): boolean {
  if (startedAt === null || h.lastRun === null) return false;
  const finished = h.state === 'ok' || h.state === 'error' || h.state === 'unavailable';
  return finished && Date.parse(h.lastRun) >= Date.parse(startedAt);
}

/** 0…1 */
export function progressFraction(entries: readonly ProgressEntry[]): number {
  if (entries.length === 0) return 0;
  const parts = entries.map((e) => (e.done ? 1 : e.pages / (e.pages + 1)));
  return parts.reduce((a, b) => a + b, 0) / entries.length;
}

export type Retrying = SyncHealthReport['retrying'];

/**
 * One line under the bar: which data set is being read (the one the server marks in progress),
 * which page, and whether it waits for Brex to retry.
 */
export function progressLabel(
  entries: readonly ProgressEntry[],
  retrying: Retrying = null,
): string {
  const finished = entries.filter((e) => e.done).length;
  const open = entries.filter((e) => !e.done);
  const current =
    open.find((e) => e.state === 'in_progress') ?? open.find((e) => e.pages > 0) ?? null;
  const head = `${finished} of ${entries.length} data sets done`;
  const busy = retrying
    ? ` Brex is busy, retrying, attempt ${retrying.attempt} of ${retrying.maxAttempts}.`
    : '';
  if (!current) return `${head}.${busy}`;
  const at =
    current.pages === 0
      ? 'starting'
      : `page ${current.pages}, ${current.rows.toLocaleString('en-US')} rows`;
  return `${head}. ${current.title}: ${at}.${busy}`;
}
