/**
 * What one execution of a refresh works with, passed to every step as one object: the ports,
 * the names joined into rows, the ids ever written, the history start, the clock and its
 * budget, and the checkpoint.
 */
import type { RefreshReader } from '../ports/brex-reader';
import { checkpoints } from './checkpoints';
import { KEY_HEADER } from '../cells/header';
import type { ReadContext, RefreshHooks, RefreshState } from '../data-sets/data-set';
import type { KeyValuePort } from '../ports/key-value-port';
import { KnownIds } from './known-ids';
import { Lookups } from '../data-sets/lookups';
import { ReadAhead } from './read-ahead';
import { tableLookup } from '../data-sets/sheet-lookup';
import type { SyncSettings } from './settings';
import type { TablePort } from '../ports/table-port';
import { dayIn } from '../cells/time-zone';

export interface RefreshDeps {
  readonly table: TablePort;
  readonly store: KeyValuePort;
  readonly reader: RefreshReader;
  readonly now: () => number;
  /** Epoch ms after which no new page is started. */
  readonly stopAt: number;
  /** The write-back's additions to a data set's refresh, from the composition root. */
  readonly hooks?: RefreshHooks;
  /**
   * At most this many date windows a long read goes on in (see windowed-read.ts); 16 when
   * absent, and 1 reads one page after another.
   */
  readonly readWindows?: number;
}

export interface Run extends RefreshDeps {
  /** Hands out the first pages read ahead, and reads the rest (see read-ahead.ts). */
  readonly reader: ReadAhead;
  readonly lookups: Lookups;
  readonly knownIds: KnownIds;
  /** The history start the person chose (`YYYY-MM-DD`). */
  readonly historyStart: string;
  /** Commits the staged state when a checkpoint is due (see checkpoints.ts). */
  checkpoint(): void;
}

/** The run's time budget is spent: stop before starting another page. */
export class OutOfTime extends Error {}

export function openRun(deps: RefreshDeps, settings: SyncSettings): Run {
  const knownIds = new KnownIds(deps.table);
  const reader = new ReadAhead(deps.reader);
  return {
    ...deps,
    reader,
    knownIds,
    historyStart: settings.historyStart,
    checkpoint: checkpoints(deps.store, knownIds, deps.now),
    lookups: new Lookups(reader, tableLookup(deps.table, KEY_HEADER), settings.receiptThreshold),
  };
}

export function isOutOfTime(run: Run): boolean {
  return run.now() >= run.stopAt;
}

export function checkTime(run: Run): void {
  if (isOutOfTime(run)) throw new OutOfTime();
}

/** What a data set's own code reads with in this run, from `since`. */
export function readContext<S extends RefreshState>(
  run: Run,
  since: string,
  refresh: S,
): ReadContext<S> {
  return {
    reader: run.reader,
    lookups: run.lookups,
    historyStart: run.historyStart,
    since,
    refresh,
  };
}

/** What a data set's own code knows of this run, its sheet showing `shown`. */
export function refreshState(run: Run, shown: ReadonlySet<string>): RefreshState {
  const now = run.now();
  const today = dayIn(now, run.table.timeZone());
  return { store: run.store, now, today, shown, outOfTime: () => isOutOfTime(run) };
}
