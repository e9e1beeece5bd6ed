/**
 * One execution of a refresh: reads the chosen data sets from Brex and upserts them into their
 * sheets, until done or until the time budget runs out. A refresh left unfinished is a "round" in
 * document properties; the next call continues it where it stopped.
 *
 * Order of effects, so that a run killed at any call loses and duplicates nothing: rows are
 * written, then their ids remembered, then the cursor checkpointed. Replaying a page is harmless,
 * since the upsert is keyed by Brex id.
 */
import { BrexError } from '../brex';
import { applyPlan } from './apply-plan';
import type { BrexReader } from '../ports/brex-reader';
import { columnWidth, toCell, type Cell } from '../cells/columns';
import {
  STATUS_HEADER,
  type DataSet,
  type DataSetId,
  type ReadContext,
  type RefreshHooks,
  type RefreshState,
  type Tally,
} from '../data-sets/data-set';
import { KEY_HEADER } from '../cells/header';
import { dataSetById, DATA_SETS } from '../data-sets';
import { SheetRows } from './sheet-rows';
import { followTimeZone } from './zone-change';
import {
  clearCursor,
  later,
  nextPaging,
  readCursor,
  writeCursor,
  type CursorState,
  type Paging,
} from './incremental-cursor';
import { readJson, writeJson, type KeyValuePort } from '../ports/key-value-port';
import { fetchPage, pageSizeNote, type Fetched } from './page-fetch';
import { KnownIds } from './known-ids';
import { Lookups } from '../data-sets/lookups';
import { tableLookup } from '../data-sets/sheet-lookup';
import { dayIn } from '../cells/time-zone';
import type { SyncSettings } from './settings';
import {
  appendLog,
  isHealthKey,
  readHealth,
  writeHealth,
  type DataSetHealth,
  type RunCounts,
} from './sync-health';
import {
  SpreadsheetFullError,
  type CellValue,
  type ColumnLayout,
  type TablePort,
} from '../ports/table-port';
import { findHeader } from '../cells/header';
import { checkHeader, checkRemovals } from './sheet-checks';
import {
  locateColumns,
  ownHeaders,
  planUpsert,
  readIds,
  type RecordRow,
  type SheetLayout,
} from './upsert-plan';

export interface RefreshDeps {
  readonly table: TablePort;
  readonly store: KeyValuePort;
  readonly reader: BrexReader;
  readonly now: () => number;
  /** Epoch ms after which no new page is started. */
  readonly stopAt: number;
  /** The write-back's additions to a data set's refresh, from the composition root. */
  readonly hooks?: RefreshHooks;
}

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

/** What every data set of a run reads with; `since` and `refresh` are each data set's own. */
type Base = Omit<ReadContext, 'since' | 'refresh'>;

/** The run's time budget is spent: stop before starting another page. */
class OutOfTime extends Error {}

/**
 * How often the staged sync state is written while a refresh runs (and always at its end). Each
 * write is a PropertiesService call, so progress (the health values the sidebar polls every 2 s)
 * is written that often, and the checkpoint proper (ids, then cursors and the round) every 20 s.
 * A run stopped between two checkpoints only redoes the pages since the last one, which is
 * harmless because rows are keyed by Brex id.
 */
const PROGRESS_MS = 2_000;
const CHECKPOINT_MS = 20_000;

/** The deps of one run, with its checkpoint: commits the staged state when one is due. */
interface Run extends RefreshDeps {
  checkpoint(): void;
}

/** The ids are written before the cursors that follow their rows. */
function withCheckpoints(deps: RefreshDeps, knownIds: KnownIds): Run {
  let lastCheckpoint = deps.now();
  let lastProgress = lastCheckpoint;
  return {
    ...deps,
    checkpoint() {
      const now = deps.now();
      if (now - lastCheckpoint >= CHECKPOINT_MS) {
        knownIds.flush();
        deps.store.commit?.();
        lastCheckpoint = lastProgress = now;
      } else if (now - lastProgress >= PROGRESS_MS) {
        deps.store.commit?.(isHealthKey);
        lastProgress = now;
      }
    },
  };
}

export function runRefresh(refreshDeps: RefreshDeps, settings: SyncSettings): RefreshSummary {
  const { store, table } = refreshDeps;
  const knownIds = new KnownIds(table);
  const deps = withCheckpoints(refreshDeps, knownIds);
  const round = readJson<Round>(store, ROUND_KEY) ?? newRound(deps, settings);
  const pending = [...round.pending];
  const zone = followTimeZone(table, store, DATA_SETS);
  const lookups = new Lookups(
    deps.reader,
    tableLookup(deps.table, KEY_HEADER),
    settings.receiptThreshold,
  );
  const finished: DataSetHealth[] = [];
  const followed = new Map<DataSetId, Reading>();
  let stopMessage: string | null = null;

  while (pending.length > 0) {
    const dataSet = dataSetById(pending[0] as DataSetId) as DataSet;
    const context: Base = { reader: deps.reader, lookups, historyStart: settings.historyStart };
    const started = startHealth(readHealth(store, dataSet.id), deps.now());
    try {
      const health = dataSet.incremental
        ? syncIncremental(
            deps,
            dataSet,
            context,
            knownIds,
            started,
            dataSetsOf(pending.slice(1)),
            followed,
          )
        : syncWhole(deps, dataSet, context, knownIds, started);
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
      const health = failedHealth(store, dataSet.id, error, deps.now());
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
    deps.checkpoint();
  }

  knownIds.flush();
  const logged = zone
    ? finished.map((h) => ({ ...h, message: [zone.note, h.message].filter(Boolean).join(' ') }))
    : finished;
  appendLog(table, new Date(deps.now()), logged);
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

function dataSetsOf(ids: readonly DataSetId[]): DataSet[] {
  return ids.map((id) => dataSetById(id) as DataSet);
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

function startHealth(health: DataSetHealth, now: number): DataSetHealth {
  return { ...health, state: 'in_progress', lastRun: new Date(now).toISOString() };
}

function isOutOfTime(deps: RefreshDeps): boolean {
  return deps.now() >= deps.stopAt;
}

function checkTime(deps: RefreshDeps): void {
  if (isOutOfTime(deps)) throw new OutOfTime();
}

function refreshState(deps: RefreshDeps, shown: ReadonlySet<string>): RefreshState {
  const now = deps.now();
  const today = dayIn(now, deps.table.timeZone());
  return { store: deps.store, now, today, shown, outOfTime: () => isOutOfTime(deps) };
}

/** The columns' widths of a new sheet; the status column last. */
function sheetLayout(layout: SheetLayout): ColumnLayout[] {
  const own = layout.columns.map((c) => ({ width: columnWidth(c), hidden: c.hidden }));
  return layout.statusHeader === null ? own : [...own, { width: STATUS_WIDTH }];
}

const STATUS_WIDTH = 120;

function layoutOf(dataSet: DataSet): SheetLayout {
  // Only a data set read whole can tell that a row vanished from Brex.
  const statusHeader = dataSet.incremental ? null : STATUS_HEADER;
  return { columns: dataSet.columns, keyHeader: KEY_HEADER, statusHeader };
}

/** The sheet as it is now (see sheet-rows.ts), and the ids a person deleted from it. */
function openSheet(
  deps: RefreshDeps,
  dataSet: DataSet,
  knownIds: KnownIds,
): { rows: SheetRows; deleted: Set<string>; shown: Set<string> } {
  // Totals are compared with every row they replace; a tally's items are rows of its own sheet.
  const whole = !dataSet.incremental || dataSet.tally !== undefined;
  const layout = layoutOf(dataSet);
  let rows = SheetRows.open(deps.table, dataSet.sheetName, layout, whole);
  if (rows === null) {
    // A sheet deleted whole (or never made) starts over: nothing in it counts as deleted by hand.
    knownIds.forget(dataSet.id);
    if (dataSet.incremental) clearCursor(deps.store, dataSet.id);
    deps.table.ensureSheet(dataSet.sheetName, {
      columns: ownHeaders(layout).length,
      layout: sheetLayout(layout),
    });
    rows = SheetRows.empty(deps.table, dataSet.sheetName);
  } else if (dataSet.incremental && !dataSet.tally && lacksColumns(layout, rows.grid)) {
    // A column the sheet lacks (new in this version, or deleted) would stay blank in every row
    // not read again: read from the history start once, so every row gets it.
    clearCursor(deps.store, dataSet.id);
  }
  checkHeader(dataSet.sheetName, rows.grid);
  const present = readIds(layout, rows.grid);
  // Ids in the sheet but not yet remembered: a run stopped between writing rows and remembering them.
  knownIds.remember(dataSet.id, present.keys());
  const deleted = new Set([...knownIds.of(dataSet.id)].filter((id) => !present.has(id)));
  return { rows, deleted, shown: new Set(present.keys()) };
}

function lacksColumns(layout: SheetLayout, grid: readonly (readonly CellValue[])[]): boolean {
  const header = grid[0] ?? [];
  return header.length > 0 && locateColumns(layout, header).missing.length > 0;
}

function toRecords(
  dataSet: DataSet,
  items: readonly unknown[],
  lookups: Lookups,
  timeZone: string,
): RecordRow[] {
  return items.map((item) => {
    const fields = dataSet.row(item, lookups);
    const cells: Record<string, Cell> = {};
    for (const column of dataSet.columns)
      cells[column.header] = toCell(column.type, fields[column.header], timeZone);
    const status = dataSet.rowNote?.(item);
    return status ? { id: dataSet.idOf(item), cells, status } : { id: dataSet.idOf(item), cells };
  });
}

/** Writes one batch of rows; returns the sheet as it now is. */
function upsert(
  deps: RefreshDeps,
  dataSet: DataSet,
  sheet: CellValue[][],
  records: RecordRow[],
  deleted: ReadonlySet<string>,
  complete: boolean,
  knownIds: KnownIds,
  health: DataSetHealth,
): { sheet: CellValue[][]; health: DataSetHealth } {
  const layout = layoutOf(dataSet);
  const plan = planUpsert({ layout, sheet, records, deletedIds: deleted, complete });
  if (complete) checkRemovals(dataSet.sheetName, plan.removed.length, readIds(layout, sheet).size);
  const keyColumn = (findHeader(plan.sheetAfter[0] ?? [], KEY_HEADER) ?? 0) + 1;
  applyPlan(deps.table, dataSet.sheetName, plan, keyColumn);
  // A column added to an existing sheet is formatted and sized as a new sheet's are.
  if (plan.headerBlock && (sheet[0]?.length ?? 0) > 0) {
    const added = new Set((plan.headerBlock.values[0] ?? []).map(String));
    const own = ownHeaders(layout);
    const widths = sheetLayout(layout).filter((_, i) => added.has(own[i] ?? ''));
    deps.table.formatNewColumns(dataSet.sheetName, plan.headerBlock.column, widths);
  }
  knownIds.remember(dataSet.id, plan.added);
  return {
    sheet: plan.sheetAfter,
    health: {
      ...health,
      rows: health.rows + records.length,
      added: health.added + plan.added.length,
      updated: health.updated + plan.updated.length,
      removed: health.removed + plan.removed.length,
    },
  };
}

function syncWhole(
  deps: Run,
  dataSet: DataSet,
  base: Base,
  knownIds: KnownIds,
  started: DataSetHealth,
): DataSetHealth {
  const { rows, deleted, shown } = openSheet(deps, dataSet, knownIds);
  let sheet = rows.grid;
  let health = started;
  const context: ReadContext = {
    ...base,
    since: `${base.historyStart}T00:00:00`,
    refresh: {
      ...refreshState(deps, shown),
      writeSome(items, progress) {
        // Counted as added or updated now; as rows read once, with the whole data set below.
        const records = toRecords(dataSet, items, base.lookups, deps.table.timeZone());
        const written = upsert(deps, dataSet, sheet, records, deleted, false, knownIds, health);
        ({ sheet } = written);
        health = { ...written.health, rows: health.rows };
        writeHealth(deps.store, health);
        progress();
        deps.checkpoint();
      },
    },
  };
  let note: string | null = null;
  const items: unknown[] = [];
  for (const source of dataSet.sources(context)) {
    let cursor: string | null = null;
    do {
      checkTime(deps);
      const page = source.fetch(cursor);
      items.push(...page.items);
      cursor = page.nextCursor;
      note = pageSizeNote(page) ?? note;
      health = { ...health, pages: health.pages + 1 };
    } while (cursor !== null);
  }
  if (dataSet.order) items.sort((a, b) => dataSet.order?.(a, b) ?? 0);
  const hooks = deps.hooks?.[dataSet.id as DataSetId] as DataSet | undefined;
  const keepCells = hooks?.keepCells ?? dataSet.keepCells;
  const keep = keepCells?.(items, sheet, deps.store) ?? new Map<string, readonly string[]>();
  const records = toRecords(dataSet, items, base.lookups, deps.table.timeZone()).map((r) =>
    keep.has(r.id) ? { ...r, keep: keep.get(r.id) } : r,
  );
  health = upsert(deps, dataSet, sheet, records, deleted, true, knownIds, health).health;
  (hooks?.afterWrite ?? dataSet.afterWrite)?.(
    items,
    deps.store,
    new Date(deps.now()),
    new Set(keep.keys()),
  );
  if (dataSet.unfinished?.(deps.store)) {
    // The rows read so far are written; the rest of the read is the next run's.
    writeHealth(deps.store, health);
    throw new OutOfTime();
  }
  return succeed(deps, health, note);
}

/** An incremental data set being read in this run: its sheets, position and counts. */
interface Reading {
  readonly dataSet: DataSet;
  readonly incremental: NonNullable<DataSet['incremental']>;
  readonly deleted: ReadonlySet<string>;
  readonly state: CursorState;
  /** Where it stands: as it started, then as each page leaves it. */
  paging: Paging;
  readonly context: ReadContext;
  readonly rows: SheetRows;
  /** The tally's own sheet (see `Tally`), read like an incremental data set's. */
  readonly tally: SheetRows | null;
  /** A page changed the tally: the totals must be computed again. */
  changed: boolean;
  health: DataSetHealth;
  maxSeen: string | null;
  /** What sync health says of this run besides the counts (a cursor read again, a smaller page). */
  note: string | null;
}

/**
 * Reads an incremental data set from where it stands, page by page. The pending data sets that
 * follow it (the expense categories follow the expenses) and stand at the same place take each
 * page too, so Brex is asked for it once; their positions are staged with the reader's.
 */
function syncIncremental(
  deps: Run,
  dataSet: DataSet,
  base: Base,
  knownIds: KnownIds,
  started: DataSetHealth,
  pendingAfter: readonly DataSet[],
  followed: Map<DataSetId, Reading>,
): DataSetHealth {
  // A data set that followed another in this run goes on from there, its sheets already read.
  const reading = followed.get(dataSet.id) ?? startReading(deps, dataSet, base, knownIds, started);
  followed.delete(dataSet.id);
  const { paging } = reading;
  if (!paging.finished) {
    const followers = followersOf(deps, reading, base, knownIds, pendingAfter);
    for (const follower of followers) followed.set(follower.dataSet.id, follower);
    const readers = [reading, ...followers];
    const sources = dataSet.sources(reading.context);
    const resumeAt =
      paging.sourceKey === null ? 0 : sources.findIndex((s) => s.key === paging.sourceKey);
    for (let index = Math.max(resumeAt, 0); index < sources.length; index += 1) {
      const source = sources[index] as (typeof sources)[number];
      let cursor = index === resumeAt ? paging.cursor : null;
      let restarted = false;
      do {
        checkTime(deps);
        const fetched: Fetched<unknown> = fetchPage(source, cursor, !restarted, paging.since);
        const { page } = fetched;
        restarted ||= fetched.restarted;
        reading.note = fetched.note ?? reading.note;
        for (const r of readers) takePage(deps, r, page.items, knownIds);
        cursor = page.nextCursor;
        const next = cursor === null ? (sources[index + 1]?.key ?? null) : source.key;
        for (const r of readers) savePosition(deps, r, next, cursor);
        deps.checkpoint();
      } while (cursor !== null);
    }
  }
  return finishReading(deps, reading, knownIds);
}

/** Pure: where a data set in `state` reads next in this refresh. */
function pagingOf(state: CursorState, dataSet: DataSet, historyStart: string): Paging {
  const { lookbackDays } = dataSet.incremental as NonNullable<DataSet['incremental']>;
  return state.paging ?? nextPaging(state, lookbackDays, historyStart);
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
    paging.covers === other.covers
  );
}

/** The pending data sets that follow `reading`'s and stand where it does (see `DataSet.follows`). */
function followersOf(
  deps: RefreshDeps,
  reading: Reading,
  base: Base,
  knownIds: KnownIds,
  pendingAfter: readonly DataSet[],
): Reading[] {
  return (
    pendingAfter
      .filter(
        (other) =>
          other.follows === reading.dataSet.id &&
          samePlace(
            reading.paging,
            pagingOf(readCursor(deps.store, other.id), other, base.historyStart),
          ),
      )
      .map((other) => {
        const started = startHealth(readHealth(deps.store, other.id), deps.now());
        return startReading(deps, other, base, knownIds, started);
      })
      // Opening a follower's sheets starts it over when one is missing.
      .filter((other) => samePlace(reading.paging, other.paging))
  );
}

function startReading(
  deps: RefreshDeps,
  dataSet: DataSet,
  base: Base,
  knownIds: KnownIds,
  started: DataSetHealth,
): Reading {
  const opened = openSheet(deps, dataSet, knownIds);
  const tally = dataSet.tally ? openTally(deps, dataSet, dataSet.tally) : null;
  // Read after the sheets are opened: a missing sheet starts its data set over.
  const state = readCursor(deps.store, dataSet.id);
  const paging = pagingOf(state, dataSet, base.historyStart);
  return {
    dataSet,
    incremental: dataSet.incremental as NonNullable<DataSet['incremental']>,
    deleted: opened.deleted,
    state,
    paging,
    context: {
      ...base,
      since: paging.since,
      refresh: {
        ...refreshState(deps, opened.shown),
      },
    },
    rows: opened.rows,
    tally,
    changed: paging.changed ?? false,
    health: started,
    maxSeen: paging.maxSeen,
    note: null,
  };
}

/** Writes one page's items: rows of the data set's sheet, or of its tally. */
function takePage(
  deps: RefreshDeps,
  reading: Reading,
  items: readonly unknown[],
  knownIds: KnownIds,
): void {
  const { dataSet, context } = reading;
  if (dataSet.tally && reading.tally) {
    if (keepTally(deps, dataSet.tally, reading.tally, items)) reading.changed = true;
  } else {
    const hooks = deps.hooks?.[dataSet.id as DataSetId] as DataSet | undefined;
    const keep = hooks?.keepCells?.(items, reading.rows.grid, deps.store) ?? new Map();
    const records = toRecords(dataSet, items, context.lookups, deps.table.timeZone()).map((r) =>
      keep.has(r.id) ? { ...r, keep: keep.get(r.id) } : r,
    );
    reading.rows.load(records.map((r) => r.id));
    ({ sheet: reading.rows.grid, health: reading.health } = upsert(
      deps,
      dataSet,
      reading.rows.grid,
      records,
      reading.deleted,
      false,
      knownIds,
      reading.health,
    ));
    hooks?.afterPage?.(items, deps.store);
  }
  for (const item of items) {
    reading.maxSeen = later(reading.maxSeen, reading.incremental.cursorValue(item));
  }
  reading.health = { ...reading.health, pages: reading.health.pages + 1 };
}

/** Stages where the next page starts (`sourceKey` null: every page is read) and the counts. */
function savePosition(
  deps: RefreshDeps,
  reading: Reading,
  sourceKey: string | null,
  cursor: string | null,
): void {
  const paging: Paging = {
    ...reading.paging,
    sourceKey,
    cursor,
    maxSeen: reading.maxSeen,
    finished: sourceKey === null,
    ...(reading.changed ? { changed: true } : {}),
  };
  reading.paging = paging;
  writeCursor(deps.store, reading.dataSet.id, { ...reading.state, paging });
  writeHealth(deps.store, reading.health);
}

function finishReading(deps: RefreshDeps, reading: Reading, knownIds: KnownIds): DataSetHealth {
  const { dataSet, context, paging } = reading;
  let { health } = reading;
  // Totals are computed from every kept row, so only when a kept row changed or the period did
  // (it starts at the history start and ends today).
  const through = context.refresh?.today;
  const stale =
    reading.changed ||
    reading.state.totalsFrom !== context.historyStart ||
    reading.state.totalsThrough !== through;
  if (dataSet.tally && reading.tally && stale) {
    // The totals are written before the final cursor: a run killed in between writes them again.
    reading.tally.loadAll();
    const kept = keptRows(dataSet.tally, reading.tally.grid);
    const rows = dataSet.tally.totals(kept, context);
    const records = toRecords(dataSet, rows, context.lookups, deps.table.timeZone());
    health = upsert(
      deps,
      dataSet,
      reading.rows.grid,
      records,
      reading.deleted,
      true,
      knownIds,
      health,
    ).health;
  }
  writeCursor(deps.store, dataSet.id, {
    last: reading.maxSeen,
    paging: null,
    covers: paging.covers ?? context.historyStart,
    ...(dataSet.tally ? { totalsFrom: context.historyStart, totalsThrough: through } : {}),
  });
  return succeed(deps, health, reading.note);
}

function tallyLayout(tally: Tally<unknown, unknown>): SheetLayout {
  return { columns: tally.columns, keyHeader: KEY_HEADER, statusHeader: null };
}

/** The hidden tally sheet; a missing one (never made, or deleted) re-reads from the history start. */
function openTally(deps: RefreshDeps, dataSet: DataSet, tally: Tally<unknown, unknown>): SheetRows {
  const existing = SheetRows.open(deps.table, tally.sheetName, tallyLayout(tally), false);
  if (existing !== null) return existing;
  clearCursor(deps.store, dataSet.id);
  deps.table.ensureSheet(tally.sheetName, {
    columns: ownHeaders(tallyLayout(tally)).length,
    hidden: true,
  });
  return SheetRows.empty(deps.table, tally.sheetName);
}

/** Keeps each item's row in the tally sheet (replacing its earlier one); true when a row changed. */
function keepTally(
  deps: RefreshDeps,
  tally: Tally<unknown, unknown>,
  rows: SheetRows,
  items: readonly unknown[],
): boolean {
  const timeZone = deps.table.timeZone();
  const records = items.map((item): RecordRow => {
    const fields = tally.row(item);
    const cells: Record<string, Cell> = {};
    for (const column of tally.columns)
      cells[column.header] = toCell(column.type, fields[column.header], timeZone);
    return { id: String(fields[KEY_HEADER]), cells };
  });
  const layout = tallyLayout(tally);
  rows.load(records.map((r) => r.id));
  const plan = planUpsert({
    layout,
    sheet: rows.grid,
    records,
    deletedIds: new Set(),
    complete: false,
  });
  const keyColumn =
    (locateColumns(layout, plan.sheetAfter[0] ?? []).positions.get(KEY_HEADER) ?? 0) + 1;
  applyPlan(deps.table, tally.sheetName, plan, keyColumn);
  rows.grid = plan.sheetAfter;
  return plan.added.length + plan.updated.length > 0;
}

/** Pure: the tally sheet's rows, keyed by the tally's headers. */
function keptRows(
  tally: Tally<unknown, unknown>,
  sheet: readonly (readonly CellValue[])[],
): Record<string, CellValue>[] {
  const layout = tallyLayout(tally);
  const { positions } = locateColumns(layout, sheet[0] ?? []);
  return [...readIds(layout, sheet).values()].map((row) =>
    Object.fromEntries(
      tally.columns.map((c) => [c.header, sheet[row]?.[positions.get(c.header) as number] ?? '']),
    ),
  );
}

/** `note`: what the sidebar should know of a refresh that succeeded (a smaller page size). */
function succeed(
  deps: RefreshDeps,
  health: DataSetHealth,
  note: string | null = null,
): DataSetHealth {
  const done: DataSetHealth = {
    ...health,
    state: 'ok',
    lastSuccess: new Date(deps.now()).toISOString(),
    message: note,
    traceId: null,
  };
  writeHealth(deps.store, done);
  return done;
}

/** Brex's refusals that make a data set unavailable to this account, not broken. */
const UNAVAILABLE = new Set(['cash_not_enabled', 'budget_management_not_enabled', 'missing_scope']);

function failedHealth(
  store: KeyValuePort,
  id: DataSetId,
  error: unknown,
  now: number,
): DataSetHealth {
  const health = readHealth(store, id);
  const brex = error instanceof BrexError ? error : null;
  const failed: DataSetHealth = {
    ...health,
    state: brex && UNAVAILABLE.has(brex.kind) ? 'unavailable' : 'error',
    lastRun: new Date(now).toISOString(),
    message: error instanceof Error ? error.message : String(error),
    traceId: brex?.traceId ?? null,
  };
  writeHealth(store, failed);
  return failed;
}

function summarize(
  store: KeyValuePort,
  round: Round,
  pending: readonly DataSetId[],
): DataSetProgress[] {
  return round.dataSets.map((id) => {
    const dataSet = dataSetById(id) as DataSet;
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
