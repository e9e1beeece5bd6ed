/**
 * Runs one custom function call: arguments checked first (an error names the argument), then the
 * read connection, then the cache (an identical call sends no request), then a failure another
 * formula met moments ago (outage-memo.ts), then Brex within the time budget, and last whether
 * the result fits below its cell (result-room.ts). Custom functions run read-only, without UI,
 * for at most 30 s.
 */
import { BrexError } from '../brex';
import type { BrexReader } from '../ports/brex-reader';
import { Lookups } from '../data-sets/lookups';
import { FunctionError, readRefresh } from './arguments';
import type { ComputeContext, CustomFunction } from './custom-function';
import type { OutageMemo } from './outage-memo';
import type { ResultCache } from './result-cache';
import type { FunctionResult } from './result';
import { fitToRoom, type Room } from './result-room';

/** Sheets stops a custom function 30 s after its execution starts. */
export const SHEETS_LIMIT_MS = 30_000;
/**
 * The slowest Brex answer planned for. A UrlFetch cannot be cancelled once sent, so the last
 * request must start at least this long before the limit (Brex answers a page in about a second).
 */
export const SLOWEST_REQUEST_MS = 10_000;
/** What follows the last answer: building the result, caching it, handing it to Sheets. */
export const ANSWER_MS = 3_000;
/** No Brex call starts, and no retry waits, past this, counted from the execution's start. */
export const BREX_BUDGET_MS = SHEETS_LIMIT_MS - SLOWEST_REQUEST_MS - ANSWER_MS;

export const NOT_CONNECTED =
  'This spreadsheet is not connected to Brex. Connect it from Extensions ▸ Brex ▸ Open sidebar.';

/** The spreadsheet's read connection, as the functions see it: never the token itself. */
export interface ReadConnection {
  /** Changes when the spreadsheet is connected anew, so results of an old connection are not reused. */
  readonly id: string;
  /** A reader whose calls stop starting at `deadline` (epoch ms). */
  open(deadline: number): BrexReader;
}

export interface FunctionHost {
  /** When the execution started (epoch ms): the time budget counts from there. */
  readonly startedAt: number;
  readonly timeZone: () => string;
  readonly historyStart: () => string;
  readonly connection: () => ReadConnection | null;
  readonly cache: ResultCache;
  readonly outages: OutageMemo;
  readonly cacheSeconds: () => number;
  /** A short digest of a text (SHA-256 in Apps Script), for cache keys of bounded length. */
  readonly digest: (text: string) => string;
  /** The room from the formula's cell to the sheet's edges; null when Sheets does not say. */
  readonly room: () => Room | null;
  /** The synced sheets a row joins in (a card transaction's expense category), as they are. */
  readonly sheets: NonNullable<ConstructorParameters<typeof Lookups>[1]>;
  /** A synced sheet's values (null when there is none), for a function that reuses the sync's reads. */
  readonly sheetValues?: ComputeContext['sheetValues'];
}

export function runCustomFunction(
  fn: CustomFunction<unknown>,
  raw: readonly unknown[],
  host: FunctionHost,
): FunctionResult {
  const timeZone = host.timeZone();
  const args = fn.parse(raw.slice(0, fn.arity), { timeZone, historyStart: host.historyStart });
  const connection = host.connection();
  if (!connection) return [[NOT_CONNECTED]];

  const refresh = readRefresh(raw[fn.arity]);
  const key = host.digest(JSON.stringify([fn.name, args, refresh, connection.id, timeZone]));
  const cached = host.cache.get(key);
  if (cached !== null) return fitToRoom(fn.name, cached, roomFor(cached, host), fn.syncedSheet);

  const outage = host.outages.get(connection.id);
  if (outage !== null) throw new FunctionError(`${fn.name}: ${outage}`);

  const reader = connection.open(host.startedAt + BREX_BUDGET_MS);
  const lookups = new Lookups(reader, host.sheets);
  const context = { reader, lookups, timeZone, now: host.startedAt, sheetValues: host.sheetValues };
  const result = computeOrExplain(fn, args, context, (error) =>
    host.outages.note(connection.id, error),
  );
  host.cache.put(key, result, host.cacheSeconds());
  return fitToRoom(fn.name, result, roomFor(result, host), fn.syncedSheet);
}

/** A single cell always fits: the sheet is asked only about a larger result. */
function roomFor(result: FunctionResult, host: FunctionHost): Room | null {
  if (typeof result === 'number' || (result.length <= 1 && (result[0]?.length ?? 0) <= 1))
    return null;
  return host.room();
}

function computeOrExplain(
  fn: CustomFunction<unknown>,
  args: unknown,
  context: ComputeContext,
  noteFailure: (error: unknown) => void,
): FunctionResult {
  try {
    return fn.compute(args, context);
  } catch (error) {
    if (error instanceof FunctionError) throw error;
    noteFailure(error);
    if (error instanceof BrexError && error.kind === 'deadline_reached') {
      throw new FunctionError(
        `${fn.name}: Brex did not answer within the formula's time limit. Try again in a minute, or use the synced sheets (Extensions ▸ Brex ▸ Refresh now).`,
      );
    }
    // Brex's messages already say what to do, and never hold the token.
    if (error instanceof Error) throw new FunctionError(`${fn.name}: ${error.message}`);
    throw error;
  }
}
