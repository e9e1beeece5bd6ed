/**
 * The shape every custom function shares: read and check the arguments (pure, before anything
 * is fetched), then compute the result from Brex. `run-custom-function.ts` adds the connection,
 * the cache and the time budget around it.
 */
import type { BrexReader } from '../ports/brex-reader';
import type { Lookups } from '../data-sets/lookups';
import type { CellValue } from '../ports/table-port';
import type { FunctionResult } from './result';

/** What parsing may need besides the arguments. */
export interface ParseContext {
  readonly timeZone: string;
  /** The sync's history start (`YYYY-MM-DD`), the default start of a period left open. */
  readonly historyStart: () => string;
}

/** What computing needs: Brex, the names joined into rows, and the spreadsheet's zone. */
export interface ComputeContext {
  readonly reader: BrexReader;
  readonly lookups: Lookups;
  readonly timeZone: string;
  /** When the execution started (epoch ms): "today" for a period left open. */
  readonly now: number;
  /** A sheet's values as the sync last wrote them (null when there is none), read-only. */
  readonly sheetValues?: (sheetName: string) => CellValue[][] | null;
}

export interface CustomFunction<A> {
  /** As typed in a cell: BREX_TRANSACTIONS. */
  readonly name: string;
  /** How many arguments come before the optional `refresh`, which is always last. */
  readonly arity: number;
  /** The synced sheet that shows the same rows, named when a result does not fit. */
  readonly syncedSheet?: string;
  /** Pure: the raw arguments → plain-JSON arguments, normalized so equal calls share a cache key. */
  parse(raw: readonly unknown[], context: ParseContext): A;
  compute(args: A, context: ComputeContext): FunctionResult;
}

/** Keeps each definition's argument type checked while the registry holds them side by side. */
export function defineFunction<A>(definition: CustomFunction<A>): CustomFunction<unknown> {
  return definition as unknown as CustomFunction<unknown>;
}
