/**
 * Reading an incremental data set from where it stands, page by page: each page's rows are
 * written, then its position staged, so a run stopped anywhere goes on from the last checkpoint.
 * The pending data sets that follow it (the expense categories follow the expenses) and stand at
 * the same place take each page too, so Brex is asked for it once.
 */
import type {
  DataSet,
  DataSetId,
  IncrementalDataSet,
  ReadContext,
  Tally,
} from '../data-sets/data-set';
import {
  later,
  nextPaging,
  readCursor,
  writeCursor,
  type CursorState,
  type Paging,
  type WindowPosition,
} from './incremental-cursor';
import { fetchPage, type Fetched } from './page-fetch';
import { recordsOf } from './records';
import { checkTime, readContext, refreshState, type Run } from './run-context';
import { startHealth, succeed } from './run-health';
import type { SheetRows } from './sheet-rows';
import { openSheet, writeRows } from './synced-sheet';
import { writeHealth, type DataSetHealth } from './sync-health';
import { keepTally, openTally, totalsRecords } from './tally-sheet';
import { readWindows, READ_WINDOWS, windowsOf } from './windowed-read';

/** An incremental data set being read in this run: its sheets, position and counts. */
interface Reading {
  readonly dataSet: IncrementalDataSet;
  readonly deleted: ReadonlySet<string>;
  readonly state: CursorState;
  /** Where it stands: as it started, then as each page leaves it. */
  paging: Paging;
  readonly context: ReadContext;
  readonly rows: SheetRows;
  /** The tally and its own sheet, read like an incremental data set's. */
  readonly tally: { readonly definition: Tally<unknown, unknown>; readonly rows: SheetRows } | null;
  /** A page changed the tally: the totals must be computed again. */
  changed: boolean;
  health: DataSetHealth;
  maxSeen: string | null;
  /** What sync health says of this run besides the counts (a cursor read again, a smaller page). */
  note: string | null;
}

/** The incremental reads of one run; a data set that followed another goes on from there. */
export class IncrementalReads {
  private readonly followed = new Map<DataSetId, Reading>();

  constructor(private readonly run: Run) {}

  /** `pendingAfter`: the data sets this run reads after this one (a follower may be among them). */
  read(
    dataSet: IncrementalDataSet,
    started: DataSetHealth,
    pendingAfter: readonly DataSet[],
  ): DataSetHealth {
    const { run } = this;
    // A data set that followed another in this run goes on from there, its sheets already read.
    const reading = this.followed.get(dataSet.id) ?? startReading(run, dataSet, started);
    this.followed.delete(dataSet.id);
    const { paging } = reading;
    if (!paging.finished) {
      const followers = followersOf(run, reading, pendingAfter);
      for (const follower of followers) this.followed.set(follower.dataSet.id, follower);
      const readers = [reading, ...followers];
      const sources = dataSet.sources(reading.context);
      const resumeAt =
        paging.sourceKey === null ? 0 : sources.findIndex((s) => s.key === paging.sourceKey);
      for (let index = Math.max(resumeAt, 0); index < sources.length; index += 1) {
        const source = sources[index];
        if (source === undefined) break;
        const after = sources[index + 1]?.key ?? null;
        let cursor = index === resumeAt ? paging.cursor : null;
        let restarted = false;
        // A long read of a list Brex filters at both ends goes on in date windows after its
        // first page (a list of one page costs one request, as before).
        let windows =
          reading.paging.windows ??
          (cursor !== null && sources.length === 1 ? windowsFor(run, readers) : null);
        while (windows === null) {
          checkTime(run);
          const fetched: Fetched<unknown> = fetchPage(source, cursor, !restarted, paging.since);
          const { page } = fetched;
          restarted ||= fetched.restarted;
          reading.note = fetched.note ?? reading.note;
          for (const r of readers) takePage(run, r, page.items);
          cursor = page.nextCursor;
          if (cursor !== null && sources.length === 1) windows = windowsFor(run, readers);
          const next = cursor === null ? after : source.key;
          for (const r of readers) savePosition(run, r, next, windows ? null : cursor, windows);
          run.checkpoint();
          if (cursor === null) break;
        }
        if (windows !== null) {
          const windowPages = dataSet.windowPages?.bind(dataSet, reading.context);
          if (!windowPages) throw new Error(`${dataSet.title} cannot be read in date windows.`);
          const note = readWindows(run, windows, windowPages, (round) => {
            for (const r of readers) takePage(run, r, round.items, round.pages);
            const done = round.windows.every((w) => w.done);
            for (const r of readers) {
              savePosition(run, r, done ? after : source.key, null, done ? null : round.windows);
            }
            run.checkpoint();
          });
          reading.note = note ?? reading.note;
        }
      }
    }
    return finishReading(run, reading);
  }
}

/** Pure: where a data set in `state` reads next in this refresh. */
function pagingOf(state: CursorState, dataSet: IncrementalDataSet, historyStart: string): Paging {
  return state.paging ?? nextPaging(state, dataSet.incremental.lookbackDays, historyStart);
}

/** Pure: whether a data set standing at `other` is about to read the very pages `paging` reads. */
function samePlace(paging: Paging, other: Paging): boolean {
  return (
    !paging.finished &&
    !other.finished &&
    paging.since === other.since &&
    paging.sourceKey === other.sourceKey &&
    paging.cursor === other.cursor &&
    paging.maxSeen === other.maxSeen &&
    paging.covers === other.covers &&
    JSON.stringify(paging.windows) === JSON.stringify(other.windows)
  );
}

/** The pending data sets that follow `reading`'s and stand where it does (see `follows`). */
function followersOf(run: Run, reading: Reading, pendingAfter: readonly DataSet[]): Reading[] {
  return (
    pendingAfter
      .filter(
        (other): other is IncrementalDataSet =>
          other.read === 'incremental' &&
          other.follows === reading.dataSet.id &&
          samePlace(
            reading.paging,
            pagingOf(readCursor(run.store, other.id), other, run.historyStart),
          ),
      )
      .map((other) => startReading(run, other, startHealth(run.store, other.id, run.now())))
      // Opening a follower's sheets starts it over when one is missing.
      .filter((other) => samePlace(reading.paging, other.paging))
  );
}

function startReading(run: Run, dataSet: IncrementalDataSet, started: DataSetHealth): Reading {
  const opened = openSheet(run, dataSet);
  const tally = dataSet.tally
    ? { definition: dataSet.tally, rows: openTally(run, dataSet, dataSet.tally) }
    : null;
  // Read after the sheets are opened: a missing sheet starts its data set over.
  const state = readCursor(run.store, dataSet.id);
  const paging = pagingOf(state, dataSet, run.historyStart);
  return {
    dataSet,
    deleted: opened.deleted,
    state,
    paging,
    context: readContext(run, paging.since, refreshState(run, opened.shown)),
    rows: opened.rows,
    tally,
    changed: paging.changed ?? false,
    health: started,
    maxSeen: paging.maxSeen,
    note: null,
  };
}

/**
 * The date windows the readers' read goes on in from now (see windowed-read.ts); null when it
 * reads one page after another.
 */
function windowsFor(run: Run, readers: readonly Reading[]): readonly WindowPosition[] | null {
  const [reading] = readers;
  if (!reading?.dataSet.windowPages) return null;
  return windowsOf(reading.paging.since, run.now(), run.readWindows ?? READ_WINDOWS);
}

/** Writes the items of one page (or of a round of `pages`): rows of the sheet, or of its tally. */
function takePage(run: Run, reading: Reading, items: readonly unknown[], pages = 1): void {
  const { dataSet, tally } = reading;
  if (tally) {
    if (keepTally(run, tally.definition, tally.rows, items)) reading.changed = true;
  } else {
    // The write-back's hooks keep the cells of changes waiting to be pushed (an expense's memo).
    const hooks = run.hooks?.[dataSet.id];
    const keep = hooks?.keepCells?.(items as never[], reading.rows.grid, run.store) ?? new Map();
    const records = recordsOf(dataSet, items, run.lookups, run.table.timeZone()).map((r) =>
      keep.has(r.id) ? { ...r, keep: keep.get(r.id) } : r,
    );
    reading.rows.load(records.map((r) => r.id));
    const batch = { sheet: reading.rows.grid, records, deleted: reading.deleted, complete: false };
    ({ sheet: reading.rows.grid, health: reading.health } = writeRows(
      run,
      dataSet,
      batch,
      reading.health,
    ));
    hooks?.afterPage?.(items as never[], run.store);
  }
  for (const item of items) {
    reading.maxSeen = later(reading.maxSeen, dataSet.incremental.cursorValue(item));
  }
  reading.health = { ...reading.health, pages: reading.health.pages + pages };
}

/**
 * Stages where the next page starts (`sourceKey` null: every page is read), or the date windows
 * the source goes on in, and the counts.
 */
function savePosition(
  run: Run,
  reading: Reading,
  sourceKey: string | null,
  cursor: string | null,
  windows: readonly WindowPosition[] | null = null,
): void {
  const { windows: _before, ...rest } = reading.paging;
  const paging: Paging = {
    ...rest,
    sourceKey,
    cursor,
    maxSeen: reading.maxSeen,
    finished: sourceKey === null,
    ...(reading.changed ? { changed: true } : {}),
    ...(windows ? { windows } : {}),
  };
  reading.paging = paging;
  writeCursor(run.store, reading.dataSet.id, { ...reading.state, paging });
  writeHealth(run.store, reading.health);
}

function finishReading(run: Run, reading: Reading): DataSetHealth {
  const { dataSet, context, paging, tally } = reading;
  let { health } = reading;
  // Totals are computed from every kept row, so only when a kept row changed or the period did
  // (it starts at the history start and ends today).
  const through = context.refresh?.today;
  const stale =
    reading.changed ||
    reading.state.totalsFrom !== context.historyStart ||
    reading.state.totalsThrough !== through;
  if (tally && stale) {
    // The totals are written before the final cursor: a run killed in between writes them again.
    const records = totalsRecords(run, dataSet, tally.definition, tally.rows, context);
    const batch = { sheet: reading.rows.grid, records, deleted: reading.deleted, complete: true };
    health = writeRows(run, dataSet, batch, health).health;
  }
  writeCursor(run.store, dataSet.id, {
    last: reading.maxSeen,
    paging: null,
    covers: paging.covers ?? context.historyStart,
    ...(tally ? { totalsFrom: context.historyStart, totalsThrough: through } : {}),
  });
  return succeed(run.store, health, run.now(), reading.note);
}
