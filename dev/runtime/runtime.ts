/**
 * The local Apps Script runtime: runs the built bundle (dist/Code.js) against in-memory Apps
 * Script services. The main thread owns every piece of state (workbook, properties, cache, locks,
 * triggers) and does the real HTTP; each execution runs in its own worker thread with a fresh vm
 * context, and every service call is a synchronous RPC to the main thread. So executions really
 * overlap, a lock really blocks, fetchAll is really parallel, and a Brex sandbox may run in the
 * same process.
 *
 * This file puts the pieces together: the services (services.ts), executions and their messaging
 * (execution.ts), the formula engine (formula-engine.ts), triggers (triggers.ts), a person's
 * edits (person-edits.ts) and the views of a sheet (sheet-views.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CacheEntry, CacheStores } from './cache-service';
import { realClock, type RuntimeClock } from './clock';
import type { ClockTriggerGap } from './clock-trigger-gaps';
import {
  createExecutor,
  ExecutionError,
  type CallOptions,
  type ExecutionResult,
  type LogEntry,
} from './execution';
import { createFormulaEngine } from './formula-engine';
import { customFunctionNames } from './formulas';
import { isRemoteRef, type Change, type Host } from './host';
import { DEFAULT_LIMITS, type ExecutionLimits } from './limits';
import { isDateFormat } from './number-format';
import { createPersonEdits } from './person-edits';
import type { PropertyStores } from './properties-service';
import type { TriggerRecord } from './script-app-service';
import { createServices, type Manifest } from './services';
import { sheetViews } from './sheet-views';
import { costOf, DEFAULT_COST_MODEL, emptyCounters, type CostModel, type Counters } from './stats';
import { createTriggerFiring } from './triggers';
import { emptyUi, type UiRecord } from './ui-service';
import type { UrlFetchUsage } from './url-fetch-service';
import {
  readStateFile,
  stateFromFile,
  stateToFile,
  writeStateFile,
  type RuntimeState,
  type WorkbookFile,
} from './workbook-file';
import { createWorkbook, type Workbook } from './workbook';

export { ExecutionError, type CallOptions, type ExecutionResult, type LogEntry };

export interface RuntimeOptions {
  /** The folder holding Code.js, appsscript.json and the .html files. Default: the repo's dist/. */
  readonly bundleDir?: string;
  /** A workbook to start from (a Workbook, or the contents of a workbook file). */
  readonly workbook?: Workbook | WorkbookFile;
  /** Where the whitelisted Brex hosts are served from (the sandbox, staging, a proxy). */
  readonly brexUrl?: string;
  readonly clock?: RuntimeClock;
  readonly limits?: Partial<ExecutionLimits>;
  /** Advance the (fake) clock by each service call's modelled cost. */
  readonly modelTime?: boolean;
  readonly costModel?: CostModel;
  /** The auth mode onOpen runs in: LIMITED (default) or NONE (add-on installed, not yet used here). */
  readonly onOpenAuthMode?: 'NONE' | 'LIMITED';
  /** What a time-driven trigger runs without (each answers null there); default nothing. */
  readonly clockTriggerLacks?: readonly ClockTriggerGap[];
  /** UrlFetch requests per user and day; default a consumer account's 20,000. */
  readonly urlFetchPerDay?: number;
  /**
   * `serial` (default): formulas due are evaluated one after another. `parallel`: all at once, as
   * Sheets recalculates a sheet: separate executions with cold globals, started together.
   */
  readonly recalculation?: 'serial' | 'parallel';
}

const DEFAULT_BUNDLE_DIR = resolve(__dirname, '../../dist');

export interface Runtime {
  readonly workbook: Workbook;
  readonly properties: PropertyStores;
  /** What the bundle put in CacheService, expired entries included until read. */
  readonly caches: ReadonlyMap<string, ReadonlyMap<string, CacheEntry>>;
  /** Each user's UrlFetch requests of the current quota day. */
  readonly urlFetchUsage: Readonly<UrlFetchUsage>;
  readonly triggers: TriggerRecord[];
  readonly ui: UiRecord;
  readonly clock: RuntimeClock;
  /** Cumulative counters over every execution. */
  readonly stats: Counters;
  readonly logs: LogEntry[];
  /** Runs a global of the bundle; resolves with its return value, rejects with its error. */
  call(functionName: string, args?: unknown[], options?: CallOptions): Promise<unknown>;
  /** Like call, but resolves with the whole result (value or error, logs, counters). */
  run(functionName: string, args?: unknown[], options?: CallOptions): Promise<ExecutionResult>;
  /** A person's edit: types the value like Sheets, then fires onEdit and installable edit triggers. */
  edit(a1: string, value: unknown, options?: { as?: string }): Promise<ExecutionResult[]>;
  /** A person's paste of a block from `a1` on: one edit, one set of edit triggers (person-edits.ts). */
  paste(a1: string, rows: unknown[][], options?: { as?: string }): Promise<ExecutionResult[]>;
  /** Runs every time-driven trigger that is due (or all of them) as its creator. */
  fireTimeTriggers(options?: { all?: boolean }): Promise<ExecutionResult[]>;
  /** Evaluates formulas whose arguments changed (runs after every execution by itself). */
  recalculate(): Promise<void>;
  /** A sheet's values as getValues returns them (Dates for date cells), trimmed to its data. */
  values(sheetName: string): unknown[][];
  displayValues(sheetName: string): string[][];
  formulas(sheetName: string): string[][];
  toFile(): WorkbookFile;
  save(path: string): void;
  customFunctions(): readonly string[];
}

/** The bundle's code, manifest and custom functions, read from its folder. */
function loadBundle(bundleDir: string) {
  const codePath = join(bundleDir, 'Code.js');
  if (!existsSync(codePath))
    throw new Error(`No bundle at ${codePath}. Run \`npm run build\` first.`);
  const code = readFileSync(codePath, 'utf8');
  const manifestPath = join(bundleDir, 'appsscript.json');
  const manifest: Manifest = existsSync(manifestPath)
    ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest)
    : {};
  return { code, manifest, customFunctions: customFunctionNames(code) };
}

function initialState(options: RuntimeOptions, manifest: Manifest): RuntimeState {
  if (options.workbook && 'format' in options.workbook) return stateFromFile(options.workbook);
  return {
    workbook: options.workbook ?? createWorkbook({ timeZone: manifest.timeZone }),
    properties: { document: {}, script: {}, user: {} },
    triggers: [],
  };
}

export function createRuntime(options: RuntimeOptions = {}): Runtime {
  const bundleDir = options.bundleDir ?? DEFAULT_BUNDLE_DIR;
  const { code, manifest, customFunctions } = loadBundle(bundleDir);
  const initial = initialState(options, manifest);
  const { workbook, properties, triggers } = initial;
  const caches: CacheStores = initial.caches ?? new Map();
  const urlFetchUsage: UrlFetchUsage = initial.urlFetchUsage ?? {};
  const clock = options.clock ?? realClock();
  const costModel = options.costModel ?? DEFAULT_COST_MODEL;
  if (options.modelTime && clock.kind !== 'fake')
    throw new Error('Modelled time needs a fake clock: pass clock: fakeClock().');
  const stats = emptyCounters();
  const logs: LogEntry[] = [];
  const ui = emptyUi();
  /** Grid areas written since the last recalculation. */
  const changes: Change[] = [];

  const host: Host = {
    workbook,
    clock,
    costModel,
    modelTime: Boolean(options.modelTime),
    count(execution, kind, amount = 1) {
      execution.counters[kind] += amount;
      if (options.modelTime) clock.advance(costOf(kind, amount, costModel));
    },
  };
  const { services, releaseLocks } = createServices(
    host,
    { properties, caches, triggers, ui, urlFetchUsage },
    manifest,
    options,
  );
  const { execute, authModeFor } = createExecutor({
    code,
    bundleDir,
    scriptTimeZone: manifest.timeZone ?? 'Etc/UTC',
    customFunctions,
    services,
    workbook,
    clock,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    costModel,
    onOpenAuthMode: options.onOpenAuthMode,
    releaseLocks,
    stats,
    logs,
    changes,
  });
  const { recalculate } = createFormulaEngine({
    workbook,
    customFunctions,
    execute,
    changes,
    parallel: options.recalculation === 'parallel',
  });

  async function run(
    functionName: string,
    args: unknown[] = [],
    opts: CallOptions = {},
  ): Promise<ExecutionResult> {
    const authMode = authModeFor(functionName, opts.authMode);
    const event =
      args.length === 0 && ['onOpen', 'onInstall'].includes(functionName)
        ? [{ authMode, source: { $remote: 'Spreadsheet', handle: null } }]
        : args;
    const result = await execute(functionName, event, opts);
    await recalculate();
    return result;
  }

  const firing = createTriggerFiring({ code, triggers, clock, run });
  const person = createPersonEdits({ workbook, changes, recalculate, triggers: firing });
  const state = (): RuntimeState => ({ workbook, properties, triggers, caches, urlFetchUsage });

  return {
    workbook,
    properties,
    caches,
    urlFetchUsage,
    triggers,
    ui,
    clock,
    stats,
    logs,
    run,
    async call(functionName, args = [], opts = {}) {
      const result = await run(functionName, args, opts);
      if (!result.ok) throw new ExecutionError(result);
      return result.value;
    },
    edit: person.edit,
    paste: person.paste,
    fireTimeTriggers: firing.fireTimeTriggers,
    recalculate,
    ...sheetViews(workbook),
    toFile: () => stateToFile(state()),
    save: (path) => writeStateFile(path, state()),
    customFunctions: () => customFunctions,
  };
}

/** Opens the runtime on a workbook file (a fresh workbook when the file does not exist yet). */
export function openRuntime(path: string, options: Omit<RuntimeOptions, 'workbook'> = {}): Runtime {
  const state = readStateFile(path);
  return createRuntime({ ...options, workbook: state ? stateToFile(state) : undefined });
}

export { isDateFormat, isRemoteRef };
