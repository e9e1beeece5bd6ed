/**
 * A data set: one Brex list (or a few) shown in one sheet. Its definition says which columns it
 * has, how it reads Brex (whole each time, or incrementally from a date) and how an item becomes
 * a row.
 */
import type { BrexReader } from '../ports/brex-reader';
import type { ColumnDefinition, FieldValue } from '../cells/columns';
import type { KeyValuePort } from '../ports/key-value-port';
import type { Lookups } from './lookups';
import type { FirstRead, Page } from '../brex';
import type { CellValue } from '../ports/table-port';

export type DataSetId =
  | 'card_transactions'
  | 'cash_transactions'
  | 'accounts'
  | 'statements'
  | 'expenses'
  | 'expense_categories'
  | 'spend_limits'
  | 'budgets'
  | 'cards'
  | 'users'
  | 'departments'
  | 'locations'
  | 'vendors'
  | 'transfers';

/** One paged list a data set reads (a data set over several cash accounts has one per account). */
export interface Source<T> {
  /** Stable across runs, so a checkpoint can name the source it belongs to. */
  readonly key: string;
  fetch(cursor: string | null): Page<T>;
}

export interface ReadContext<S extends RefreshState = RefreshState> {
  readonly reader: BrexReader;
  readonly lookups: Lookups;
  /** Where an incremental read starts (`YYYY-MM-DDTHH:MM:SS`, UTC); the history start at first. */
  readonly since: string;
  /** The history start the person chose (`YYYY-MM-DD`). */
  readonly historyStart: string;
  /** Present in a refresh (a custom function reads without it). */
  readonly refresh?: S;
}

/** What a refresh knows besides Brex: its own state and what the data set's sheet shows. */
export interface RefreshState {
  readonly store: KeyValuePort;
  /** Epoch ms of this run. */
  readonly now: number;
  /** This run's day (`YYYY-MM-DD`) in the spreadsheet's time zone. */
  readonly today: string;
  /** The Brex ids the data set's sheet shows now. */
  readonly shown: ReadonlySet<string>;
  /** True once the run's time budget is spent: a long read stops and resumes in the next run. */
  outOfTime(): boolean;
}

/** A refresh of a data set read whole, which may write its rows before the read ends. */
export interface WholeRefreshState extends RefreshState {
  /**
   * Writes these items' rows now (the rest of the data set comes later, in this run or the
   * next), then runs `progress` (which stages the state that counts those rows), then
   * checkpoints, so a long read keeps what it has read so far.
   */
  writeSome(items: readonly unknown[], progress: () => void): void;
}

export interface Incremental<T> {
  /** The item's date that drives the next read's start: a posted date or an update time. */
  cursorValue(item: T): string;
  /** Days re-read before the last seen value, for items that arrive late. */
  readonly lookbackDays: number;
}

/**
 * An incremental data set that shows totals (spend per category): each item read is kept as one
 * row of a hidden sheet, replaced when Brex sends the item again, so the totals computed from all
 * of them stay exact when an item changes without re-reading the items that did not.
 */
export interface Tally<T, R> {
  readonly sheetName: string;
  /** The first column is the Brex id of the item. */
  readonly columns: readonly ColumnDefinition[];
  row(item: R): Readonly<Record<string, FieldValue>>;
  /** The rows shown, from every kept row (as the hidden sheet holds them, keyed by header). */
  totals(kept: readonly Readonly<Record<string, CellValue>>[], context: ReadContext): T[];
}

/** What every data set has: its sheet, its columns, and how an item becomes a row. */
interface DataSetBase<T> {
  readonly id: DataSetId;
  readonly title: string;
  readonly sheetName: string;
  /** The first column is the Brex id. */
  readonly columns: readonly ColumnDefinition[];
  idOf(item: T): string;
  row(item: T, lookups: Lookups): Readonly<Record<string, FieldValue>>;
}

/**
 * A small list, read whole on every refresh: its sheet is compared with every row, so a row
 * Brex no longer lists is marked as removed in the status column.
 */
export interface WholeDataSet<T = unknown> extends DataSetBase<T> {
  readonly read: 'whole';
  sources(context: ReadContext<WholeRefreshState>): Source<T>[];
  /**
   * The reads its sources start with, when they read small lists with no filter: a refresh
   * asks for them ahead, together with the other data sets' (see read-ahead.ts).
   */
  readonly firstReads?: readonly FirstRead[];
  /**
   * The order new rows are added in, when Brex's list order is not newest first as the other
   * sheets are.
   */
  order?(a: T, b: T): number;
  /**
   * The cells a refresh leaves as they are, as headers by Brex id, found in the sheet before it
   * is written (a card's own limit cells). The write-back's cells to keep
   * come from `RefreshHooks` instead.
   */
  keepCells?(
    items: readonly T[],
    sheet: readonly (readonly CellValue[])[],
    store: KeyValuePort,
  ): ReadonlyMap<string, readonly string[]>;
  /**
   * Rows of the sheet that are an item's though they lack its id, as 0-based rows by Brex id,
   * found before the cells to keep: the refresh writes the item there instead of adding a row (a
   * payment staged in the sheet whose approval stopped before writing Brex's id into it).
   */
  claimRows?(
    items: readonly T[],
    sheet: readonly (readonly CellValue[])[],
    store: KeyValuePort,
    now: Date,
  ): ReadonlyMap<string, number>;
  /**
   * Runs once the rows are written, with every item they show, the ids whose cells were kept, and
   * the lookups the rows' names were written with.
   */
  afterWrite?(
    items: readonly T[],
    store: KeyValuePort,
    now: Date,
    kept: ReadonlySet<string>,
    lookups: Lookups,
  ): void;
  /**
   * True when the rows just written are part of a read that goes on in the next run (users'
   * limits, read a chunk at a time); the refresh then pauses on this data set.
   */
  unfinished?(store: KeyValuePort): boolean;
  /** A note for a row's status cell (a limit Brex could not find). */
  rowNote?(item: T): string;
}

/**
 * A long history, read from where the last refresh stopped: rows are added and updated, and
 * never removed, since a row not read again may still be in Brex. `T` is the item a row shows;
 * `R` the item Brex sends, when the data set tallies them.
 */
export interface IncrementalDataSet<T = unknown, R = T> extends DataSetBase<T> {
  readonly read: 'incremental';
  readonly incremental: Incremental<R>;
  /**
   * A data set read earlier in a refresh that reads the same list with the same incremental
   * settings. While both stand at the same place, this one takes that data set's pages instead
   * of asking Brex for them again.
   */
  readonly follows?: DataSetId;
  /** The items read are tallied, and the rows are their totals. */
  readonly tally?: Tally<T, R>;
  sources(context: ReadContext): Source<R>[];
  /**
   * For a data set of one source whose list Brex filters by the cursor date at both ends: one
   * page of each of these date windows, asked together (see windowed-read.ts).
   */
  windowPages?(context: ReadContext, requests: readonly WindowRequest[]): Page<R>[];
}

/**
 * One page of a date window: cursor dates from `start` to `end`, both included (Brex filter
 * times); the newest window has no end.
 */
export interface WindowRequest {
  readonly start: string;
  readonly end: string | null;
  readonly cursor: string | null;
}

export type DataSet = WholeDataSet | IncrementalDataSet;

/**
 * What another part of the add-on adds to a whole data set's refresh, by data set id: the
 * write-back keeps the cells of changes waiting to be pushed, and records the last-synced values
 * they are compared with. The composition root (src/apps-script/) hands them to the refresh, so a
 * data set's definition imports nothing from the write-back.
 */
export type RefreshHooks = Readonly<
  Partial<
    Record<
      DataSetId,
      Pick<WholeDataSet<never>, 'keepCells' | 'afterWrite' | 'claimRows'> & PageHooks
    >
  >
>;

/**
 * An incremental data set's hooks: `keepCells` as for a whole one, for each page's rows, and
 * `afterPage` once a page's rows are written, with that page's items only.
 */
export interface PageHooks {
  afterPage?(items: readonly never[], store: KeyValuePort): void;
}

/**
 * What a refresh tells the composition root after writing a batch of a data set's rows: which
 * rows now hold Brex's values, so that the write-back can say so on cells a person had edited.
 */
export interface RowsFromBrex {
  readonly sheetName: string;
  /** The sheet as it now is, header first (with its column tags: a HeaderRow). */
  readonly sheet: readonly (readonly CellValue[])[];
  /**
   * 0-based rows of `sheet` that Brex's records were just written to, each with the own headers
   * whose cells were kept as typed (a pending edit); every other own cell holds Brex's value.
   */
  readonly rows: ReadonlyMap<number, readonly string[]>;
  /** When the rows were written. */
  readonly at: Date;
}

export const STATUS_HEADER = 'Sync status';
/** The status a row gets when Brex no longer lists its item; the row is never deleted. */
export const REMOVED_IN_BREX = 'Removed in Brex';

/** A data set read whole; its item type is checked here, and the registry holds any. */
export function defineWhole<T>(definition: Omit<WholeDataSet<T>, 'read'>): WholeDataSet {
  return { ...definition, read: 'whole' };
}

/** A data set read incrementally; its item types are checked here, and the registry holds any. */
export function defineIncremental<T, R = T>(
  definition: Omit<IncrementalDataSet<T, R>, 'read'>,
): IncrementalDataSet {
  return { ...definition, read: 'incremental' };
}

/** Pure: a list source reading one Brex list with a fixed query. */
export function listSource<T>(key: string, fetch: (cursor: string | null) => Page<T>): Source<T> {
  return { key, fetch };
}

/** Pure: a source for a list Brex answers in one piece (card accounts). */
export function singlePageSource<T>(key: string, read: () => T[]): Source<T> {
  return { key, fetch: () => ({ items: read(), cursor: null, nextCursor: null, traceId: null }) };
}
