/**
 * What the main thread's service implementations share: the execution a call belongs to, remote
 * object references handed to the worker, and Apps Script-style errors.
 */
import type { RuntimeClock } from './clock';
import type { CostModel, CounterKind, Counters } from './stats';
import type { Workbook } from './workbook';

export type AuthMode = 'NONE' | 'LIMITED' | 'CUSTOM_FUNCTION' | 'FULL';

/** What an operation needs; the auth mode decides which needs it may meet. */
export type Access = 'free' | 'menu' | 'read' | 'write' | 'store' | 'fetch' | 'ui' | 'triggers';

const ALLOWED: Record<AuthMode, readonly Access[]> = {
  NONE: ['free', 'menu'],
  LIMITED: ['free', 'menu', 'read', 'write', 'store'],
  CUSTOM_FUNCTION: ['free', 'read', 'store', 'fetch'],
  FULL: ['free', 'menu', 'read', 'write', 'store', 'fetch', 'ui', 'triggers'],
};

export function allows(mode: AuthMode, access: Access): boolean {
  return ALLOWED[mode].includes(access);
}

export interface Execution {
  readonly id: number;
  readonly functionName: string;
  /** The user the code runs as (a custom function runs as the spreadsheet's owner). */
  readonly user: string;
  /** The user at the keyboard (empty for triggers and custom functions' privacy rules). */
  readonly activeUser: string;
  readonly authMode: AuthMode;
  /** Run by a time-driven trigger. */
  readonly clockTrigger?: boolean;
  readonly startedAt: number;
  readonly budgetMs: number;
  readonly killAtCall?: number;
  readonly counters: Counters;
  /** Grid areas written, for recalculating dependent formulas when the execution ends. */
  readonly changes: Change[];
  /** Value and formula cells written (setValues, setValue, setFormulas, appendRow…), by sheet id. */
  readonly cellsWritten: Map<number, number>;
  activeSheetId?: number;
  /** A custom function's own cell, which Sheets gives it as the active range. */
  readonly activeCell?: ActiveCell;
}

export interface ActiveCell {
  readonly sheetId: number;
  readonly row: number;
  readonly column: number;
}

export interface Change {
  readonly sheetId: number;
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

/** The services' shared state and helpers, owned by the main thread. */
export interface Host {
  readonly workbook: Workbook;
  readonly clock: RuntimeClock;
  readonly costModel: CostModel;
  readonly modelTime: boolean;
  count(execution: Execution, kind: CounterKind, amount?: number): void;
}

export interface RemoteRef {
  readonly $remote: string;
  readonly handle: unknown;
}

export function remote(type: string, handle: unknown = null): RemoteRef {
  return { $remote: type, handle };
}

export function isRemoteRef(value: unknown): value is RemoteRef {
  return typeof value === 'object' && value !== null && '$remote' in value;
}

/** An error as Apps Script raises it: `e.name` is "Exception". */
export class AppsScriptException extends Error {
  override readonly name = 'Exception';
}

export function fail(message: string): never {
  throw new AppsScriptException(message);
}

export type Handler = (execution: Execution, handle: never, args: never[]) => unknown;

export interface Operation {
  readonly access: Access;
  readonly run: Handler;
}

export type ServiceTable = Record<string, Operation>;

export function op<H, A extends unknown[]>(
  access: Access,
  run: (execution: Execution, handle: H, ...args: A) => unknown,
): Operation {
  return {
    access,
    run: ((execution: Execution, handle: H, args: A) =>
      run(execution, handle, ...args)) as unknown as Handler,
  };
}
