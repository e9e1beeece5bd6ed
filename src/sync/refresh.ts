/**
 * One execution of a refresh: reads the chosen data sets from Brex and upserts them into their
 * sheets, until done or until the time budget runs out, and sums up where each stands. A refresh
 * left unfinished is a "round" in document properties; the next call continues it where it
 * stopped. Reading a data set is whole-read.ts's or incremental-read.ts's.
 *
 * Order of effects, so that a run killed at any call loses and duplicates nothing: rows are
 * written, then their ids remembered, then the cursor checkpointed. Replaying a page is harmless,
 * since the upsert is keyed by Brex id.
 */
import { BrexError } from '../brex';
import type { DataSetId } from '../data-sets/data-set';
import { dataSetOf, DATA_SETS } from '../data-sets';
import { IncrementalReads } from './incremental-read';
import { readJson, writeJson, type KeyValuePort } from '../ports/key-value-port';
import { openRun, OutOfTime, type RefreshDeps } from './run-context';
import { failedHealth, startHealth } from './run-health';
import type { SyncSettings } from './settings';
import {
  appendLog,
  readHealth,
  writeHealth,
  type DataSetHealth,
  type RunCounts,
} from './sync-health';
import { SpreadsheetFullError } from '../ports/table-port';
import { readWhole } from './whole-read';
import { followTimeZone } from './zone-change';

export type { RefreshDeps } from './run-context';

export interface DataSetProgress extends RunCounts {
  readonly id: DataSetId;
  readonly title: string;
  readonly sheetName: string;
  readonly state: DataSetHealth['state'] | 'pending';
  readonly done: boolean;
}

/** Plain JSON: the sidebar shows it and calls again while `done` is false. */
export interface RefreshSummary {
  /** False when the run stopped early; calling again continues. */
  readonly done: boolean;
  /** True when another refresh held the lock and this one did nothing. */
  readonly busy: boolean;
  readonly message: string;
  readonly dataSets: DataSetProgress[];
}

interface Round {
  /** Every data set of this refresh, and those still to do. */
  readonly dataSets: DataSetId[];
  readonly pending: DataSetId[];
  readonly startedAt: string;
}

const ROUND_KEY = 'sync.round';

export function runRefresh(deps: RefreshDeps, settings: SyncSettings): RefreshSummary {
  const { store, table } = deps;
  const run = openRun(deps, settings);
  const round = readJson<Round>(store, ROUND_KEY) ?? newRound(deps, settings);
  const pending = [...round.pending];
  const zone = followTimeZone(table, store, DATA_SETS);
  // The small lists' first pages, asked together before the data sets read them one by one.
  run.reader.readFirst(pending.map(dataSetOf));
  const incremental = new IncrementalReads(run);
  const finished: DataSetHealth[] = [];
  let stopMessage: string | null = null;

  for (let next = pending[0]; next !== undefined; next = pending[0]) {
    const dataSet = dataSetOf(next);
    const started = startHealth(store, dataSet.id, run.now());
    try {
      const health =
        dataSet.read === 'incremental'
          ? incremental.read(dataSet, started, pending.slice(1).map(dataSetOf))
          : readWhole(run, dataSet, started);
      finished.push(health);
    } catch (error) {
      if (
        error instanceof OutOfTime ||
        (error instanceof BrexError && error.kind === 'deadline_reached')
      ) {
        stopMessage =
          'Paused before the Apps Script time limit. Run the refresh again to continue.';
        break;
      }
      const health = failedHealth(store, dataSet.id, error, run.now());
      finished.push(health);
      if (
        error instanceof SpreadsheetFullError ||
        (error instanceof BrexError &&
          (error.kind === 'invalid_token' || error.kind === 'expired_token'))
      ) {
        stopMessage = error.message;
        pending.length = 0;
        break;
      }
    }
    pending.shift();
    writeJson(store, ROUND_KEY, { ...round, pending });
    run.checkpoint();
  }

  run.knownIds.flush();
  const logged = zone
    ? finished.map((h) => ({ ...h, message: [zone.note, h.message].filter(Boolean).join(' ') }))
    : finished;
  appendLog(table, new Date(run.now()), logged);
  const done = pending.length === 0;
  if (done) store.delete(ROUND_KEY);
  store.commit?.();
  const dataSets = summarize(store, round, pending);
  return {
    done,
    busy: false,
    message: stopMessage ?? (done ? headline(dataSets) : 'Refresh in progress.'),
    dataSets,
  };
}

/** Pure: "Refresh complete." only when every data set succeeded; otherwise how many did not. */
export function headline(dataSets: readonly DataSetProgress[]): string {
  const failed = dataSets.filter((d) => d.state === 'error').length;
  const unavailable = dataSets.filter((d) => d.state === 'unavailable').length;
  const of = `${dataSets.length} data set${dataSets.length === 1 ? '' : 's'}`;
  if (failed > 0) {
    const also = unavailable > 0 ? `; ${unavailable} not available to this token` : '';
    return `Finished with errors: ${failed} of ${of} failed${also}.`;
  }
  if (unavailable > 0) {
    return `Finished: ${unavailable} of ${of} not available to this token; the others are up to date.`;
  }
  return 'Refresh complete.';
}

function newRound(deps: RefreshDeps, settings: SyncSettings): Round {
  const chosen = DATA_SETS.map((d) => d.id).filter((id) => settings.dataSets.includes(id));
  const round: Round = {
    dataSets: chosen,
    pending: chosen,
    startedAt: new Date(deps.now()).toISOString(),
  };
  writeJson(deps.store, ROUND_KEY, round);
  for (const id of round.pending) {
    const health = readHealth(deps.store, id);
    writeHealth(deps.store, { ...health, pages: 0, rows: 0, added: 0, updated: 0, removed: 0 });
  }
  // Written at once, before any page: the sidebar's progress reads the round's start to tell the
  // data sets finished in this refresh from those finished in the last one.
  deps.store.commit?.();
  return round;
}

function summarize(
  store: KeyValuePort,
  round: Round,
  pending: readonly DataSetId[],
): DataSetProgress[] {
  return round.dataSets.map((id) => {
    const dataSet = dataSetOf(id);
    const health = readHealth(store, id);
    const isPending = pending.includes(id);
    return {
      id,
      title: dataSet.title,
      sheetName: dataSet.sheetName,
      state: isPending
        ? health.state === 'in_progress'
          ? 'in_progress'
          : 'pending'
        : health.state,
      done: !isPending,
      pages: health.pages,
      rows: health.rows,
      added: health.added,
      updated: health.updated,
      removed: health.removed,
      message: health.message,
      traceId: health.traceId,
    };
  });
}
