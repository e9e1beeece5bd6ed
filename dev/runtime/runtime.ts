/**
 * The local Apps Script runtime: runs the built bundle (dist/Code.js) against in-memory Apps
 * Script services. The main thread owns every piece of state (workbook, properties, cache, locks,
 * triggers) and does the real HTTP; each execution runs in its own worker thread with a fresh vm
 * context, and every service call is a synchronous RPC to the main thread. So executions really
 * overlap, a lock really blocks, fetchAll is really parallel, and a Brex sandbox may run in the
 * same process.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { cellA1, parseA1, referenceRect, type GridRect } from './a1-notation';
import { createCacheService, type CacheEntry, type CacheStores } from './cache-service';
import { realClock, type RuntimeClock } from './clock';
import { withClockTriggerGaps, type ClockTriggerGap } from './clock-trigger-gaps';
import { customFunctionNames, parseFunctionCall, type FunctionCall } from './formulas';
import {
  AppsScriptException,
  allows,
  fail,
  isRemoteRef,
  op,
  type ActiveCell,
  type AuthMode,
  type Change,
  type Execution,
  type Host,
  type ServiceTable,
} from './host';
import { typeValue } from './cell-typing';
import {
  DEFAULT_LIMITS,
  MESSAGES,
  SIMPLE_TRIGGERS,
  SIMULTANEOUS_EXECUTIONS,
  type ExecutionLimits,
} from './limits';
import { createLockService } from './lock-service';
import { withManifestScopes } from './manifest-scopes';
import { displayValue, isDateFormat } from './number-format';
import { createPropertiesService, type PropertyStores } from './properties-service';
import { createScriptAppService, type TriggerRecord } from './script-app-service';
import { createSessionService } from './session-service';
import { createChartService } from './chart-service';
import { createDeveloperMetadataService } from './developer-metadata';
import { createFilterService } from './filter-service';
import { createColumnWidthService } from './column-width-service';
import { createSpreadsheetService, rangeRef, readCellValue } from './spreadsheet-service';
import {
  addCounters,
  costOf,
  DEFAULT_COST_MODEL,
  emptyCounters,
  modelledMs,
  type CostModel,
  type Counters,
} from './stats';
import { createUiService, emptyUi, type UiRecord } from './ui-service';
import { createUrlFetchService, type UrlFetchUsage } from './url-fetch-service';
import {
  readStateFile,
  stateFromFile,
  stateToFile,
  writeStateFile,
  type RuntimeState,
  type WorkbookFile,
} from './workbook-file';
import {
  cellFor,
  createWorkbook,
  findSheet,
  getCell,
  writeValue,
  type Sheet,
  type Workbook,
} from './workbook';
import { releaseWorker, startJob } from './worker-pool';
import type { CallReply, WorkerJob, WorkerMessage } from './worker-protocol';

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

export interface CallOptions {
  /** The acting user's email; default the spreadsheet's owner. */
  readonly as?: string;
  readonly authMode?: AuthMode;
  /** A custom function's own cell: its active sheet and active range, as in Sheets. */
  readonly activeCell?: ActiveCell;
  readonly limits?: Partial<ExecutionLimits>;
}

export interface LogEntry {
  readonly level: string;
  readonly text: string;
}

export interface ExecutionResult {
  readonly functionName: string;
  readonly ok: boolean;
  readonly value?: unknown;
  readonly error?: { readonly name: string; readonly message: string };
  readonly logs: readonly LogEntry[];
  readonly stats: Counters;
  /** Value and formula cells written, by sheet name (sheets deleted since are left out). */
  readonly cellsWritten: Readonly<Record<string, number>>;
  /** The execution's modelled Apps Script time under the runtime's cost model, in ms. */
  readonly modelledMs: number;
}

export class ExecutionError extends Error {
  constructor(readonly result: ExecutionResult) {
    super(result.error?.message ?? 'The execution failed.');
    this.name = result.error?.name ?? 'Error';
  }
}

const DEFAULT_BUNDLE_DIR = resolve(__dirname, '../../dist');
const MAX_RECALC_ROUNDS = 20;

interface Manifest {
  timeZone?: string;
  oauthScopes?: string[];
  urlFetchWhitelist?: string[];
}

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

export function createRuntime(options: RuntimeOptions = {}): Runtime {
  const bundleDir = options.bundleDir ?? DEFAULT_BUNDLE_DIR;
  const codePath = join(bundleDir, 'Code.js');
  if (!existsSync(codePath))
    throw new Error(`No bundle at ${codePath}. Run \`npm run build\` first.`);
  const code = readFileSync(codePath, 'utf8');
  const manifestPath = join(bundleDir, 'appsscript.json');
  const manifest: Manifest = existsSync(manifestPath)
    ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest)
    : {};
  const customFunctions = customFunctionNames(code);

  const initial: RuntimeState = !options.workbook
    ? {
        workbook: createWorkbook({ timeZone: manifest.timeZone }),
        properties: { document: {}, script: {}, user: {} },
        triggers: [],
      }
    : 'format' in options.workbook
      ? stateFromFile(options.workbook)
      : {
          workbook: options.workbook,
          properties: { document: {}, script: {}, user: {} },
          triggers: [],
        };
  const { workbook, properties, triggers } = initial;
  const caches: CacheStores = initial.caches ?? new Map();
  const urlFetchUsage: UrlFetchUsage = initial.urlFetchUsage ?? {};
  const clock = options.clock ?? realClock();
  const limits: ExecutionLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const costModel = options.costModel ?? DEFAULT_COST_MODEL;
  if (options.modelTime && clock.kind !== 'fake')
    throw new Error('Modelled time needs a fake clock: pass clock: fakeClock().');
  const stats = emptyCounters();
  const logs: LogEntry[] = [];
  const ui = emptyUi();

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
  const locks = createLockService(host);
  const allServices: ServiceTable = {
    ...createSpreadsheetService(host),
    ...createChartService(host),
    ...createDeveloperMetadataService(host),
    ...createFilterService(host),
    ...createColumnWidthService(host),
    ...createPropertiesService(host, properties),
    ...createCacheService(host, caches),
    ...locks.service,
    ...createScriptAppService(host, triggers),
    ...createUrlFetchService(host, {
      whitelist: manifest.urlFetchWhitelist,
      brexUrl: options.brexUrl,
      perDay: options.urlFetchPerDay,
      usage: urlFetchUsage,
    }),
    ...createUiService(host, ui),
    ...createSessionService(manifest.timeZone ?? 'Etc/UTC'),
    'Utilities.sleep': op('free', async (x, _h, ms: number) => {
      host.count(x, 'sleepMs', ms);
      if (!options.modelTime) await clock.sleep(ms);
    }),
  };
  const services = withClockTriggerGaps(
    withManifestScopes(allServices, manifest.oauthScopes),
    options.clockTriggerLacks ?? [],
  );
  const surface = Object.keys(services);
  let executionIds = 0;
  /** Executions running now, by the user they run as. */
  const running = new Map<string, number>();

  function authModeFor(name: string, requested?: AuthMode): AuthMode {
    if (requested) return requested;
    if (name === 'onOpen') return options.onOpenAuthMode ?? 'LIMITED';
    if (customFunctions.includes(name)) return 'CUSTOM_FUNCTION';
    return 'FULL';
  }

  function budgetFor(name: string, authMode: AuthMode, budget: ExecutionLimits): number {
    if (authMode === 'CUSTOM_FUNCTION') return budget.customFunctionMs;
    if (SIMPLE_TRIGGERS.includes(name)) return budget.simpleTriggerMs;
    return budget.executionMs;
  }

  function execute(
    functionName: string,
    args: unknown[],
    opts: CallOptions & { user?: string; clockTrigger?: boolean },
  ): Promise<ExecutionResult> {
    const authMode = authModeFor(functionName, opts.authMode);
    const actor = opts.as ?? workbook.owner;
    const budget = { ...limits, ...opts.limits };
    const execution: Execution = {
      id: ++executionIds,
      functionName,
      // A custom function runs on the owner's behalf: it sees the owner's user properties.
      user: authMode === 'CUSTOM_FUNCTION' ? workbook.owner : (opts.user ?? actor),
      activeUser: actor,
      authMode,
      clockTrigger: opts.clockTrigger,
      startedAt: clock.now(),
      budgetMs: budgetFor(functionName, authMode, budget),
      killAtCall: budget.killAtCall,
      counters: emptyCounters(),
      changes: [],
      cellsWritten: new Map(),
      ...(opts.activeCell
        ? { activeSheetId: opts.activeCell.sheetId, activeCell: opts.activeCell }
        : {}),
    };
    const executionLogs: LogEntry[] = [];
    const runningNow = (running.get(execution.user) ?? 0) + 1;
    if (runningNow > SIMULTANEOUS_EXECUTIONS) {
      return Promise.resolve({
        functionName,
        ok: false,
        error: { name: 'Exception', message: MESSAGES.simultaneous },
        logs: [],
        stats: execution.counters,
        cellsWritten: {},
        modelledMs: 0,
      });
    }
    running.set(execution.user, runningNow);
    const signal = new SharedArrayBuffer(4);
    const flag = new Int32Array(signal);
    const { port1, port2 } = new MessageChannel();
    const job: WorkerJob = {
      code,
      bundleDir,
      functionName,
      args,
      surface,
      signal,
      port: port2,
      fakeNow: clock.kind === 'fake' ? clock.now() : undefined,
      scriptTimeZone: manifest.timeZone ?? 'Etc/UTC',
    };
    const worker = startJob(job);

    return new Promise<ExecutionResult>((resolvePromise) => {
      let outcome:
        | { ok: true; value: unknown }
        | { ok: false; error: { name: string; message: string } }
        | undefined;
      let stopReason: string | undefined;
      /** The sequence number of the call being served, while the worker waits for its reply. */
      let pendingSeq: number | undefined;
      let finished = false;
      let exited = false;

      const reply = (message: CallReply) => {
        // The message first, then the number the worker waits for: it reads the reply on seeing it.
        port1.postMessage(message);
        Atomics.store(flag, 0, message.seq);
        Atomics.notify(flag, 0);
      };
      const stop = (reason: string) => {
        if (stopReason || outcome || finished) return;
        stopReason = reason;
        if (pendingSeq !== undefined) reply({ seq: pendingSeq, abort: true });
        else void worker.terminate();
      };
      const overBudget = () => clock.now() - execution.startedAt > execution.budgetMs;
      const timer =
        clock.kind === 'real'
          ? setTimeout(() => stop(MESSAGES.timeout), execution.budgetMs)
          : undefined;

      const handleCall = async (message: Extract<WorkerMessage, { kind: 'call' }>) => {
        if (stopReason || finished) return;
        pendingSeq = message.seq;
        execution.counters.serviceCalls += 1;
        if (
          execution.killAtCall !== undefined &&
          execution.counters.serviceCalls >= execution.killAtCall
        ) {
          return stop(
            `Execution stopped by the runtime at service call ${execution.counters.serviceCalls} (killAtCall).`,
          );
        }
        if (overBudget()) return stop(MESSAGES.timeout);
        let answer: { ok: true; value: unknown } | { ok: false; error: Error };
        try {
          const operation = services[message.op];
          if (!operation) fail(`Unknown service call ${message.op}`);
          if (!allows(execution.authMode, operation.access)) {
            fail(
              operation.access === 'ui' && execution.authMode === 'CUSTOM_FUNCTION'
                ? MESSAGES.noUi
                : MESSAGES.permission(message.op),
            );
          }
          const value = await operation.run(
            execution,
            message.handle as never,
            message.args as never[],
          );
          answer = { ok: true, value };
        } catch (error) {
          answer = { ok: false, error: error as Error };
        }
        if (stopReason || finished) return;
        if (overBudget()) return stop(MESSAGES.timeout);
        pendingSeq = undefined;
        const now = clock.kind === 'fake' ? clock.now() : undefined;
        reply(
          answer.ok
            ? { seq: message.seq, ok: true, value: answer.value, now }
            : {
                seq: message.seq,
                ok: false,
                error: {
                  name:
                    answer.error instanceof AppsScriptException ? 'Exception' : answer.error.name,
                  message: answer.error.message,
                },
                now,
              },
        );
      };

      const finish = (exitCode?: number) => {
        if (finished) return;
        finished = true;
        running.set(execution.user, (running.get(execution.user) ?? 1) - 1);
        if (timer) clearTimeout(timer);
        worker.off('error', onError);
        worker.off('exit', onExit);
        port1.off('message', onMessage);
        port1.close();
        locks.releaseAll(execution.id);
        const final = stopReason
          ? { ok: false as const, error: { name: 'Exception', message: stopReason } }
          : (outcome ?? {
              ok: false as const,
              error: {
                name: 'Error',
                message: `The execution ended unexpectedly (exit code ${exitCode}). Rerun it; if it happens again, report it with the execution's logs.`,
              },
            });
        addCounters(stats, execution.counters);
        // Loops, not spreads: an execution may log or change 100,000+ times (one appendRow per row).
        for (const entry of executionLogs) logs.push(entry);
        for (const change of execution.changes) pendingChanges.push(change);
        resolvePromise({
          functionName,
          ...final,
          logs: executionLogs,
          stats: execution.counters,
          cellsWritten: cellsWrittenByName(execution),
          modelledMs: modelledMs(execution.counters, costModel),
        });
      };

      function onMessage(message: WorkerMessage): void {
        if (finished) return;
        if (message.kind === 'call') void handleCall(message);
        else if (message.kind === 'log')
          executionLogs.push({ level: message.level, text: message.text });
        else if (message.kind === 'fault')
          outcome ??= { ok: false, error: { name: 'Error', message: message.message } };
        else {
          outcome = message.ok
            ? { ok: true, value: message.value }
            : { ok: false, error: { name: message.error.name, message: message.error.message } };
          // The worker is done with this job and free for another, unless it is being stopped.
          if (stopReason) return;
          // An answer after the budget is no answer: Apps Script has given up on it already.
          if (overBudget()) stopReason = MESSAGES.timeout;
          finish();
          if (!exited) releaseWorker(worker);
        }
      }
      function onError(error: Error): void {
        outcome ??= { ok: false, error: { name: error.name, message: error.message } };
      }
      function onExit(exitCode: number): void {
        exited = true;
        // Whatever the worker posted before it ended (its result, its last logs) still counts.
        for (let m = receiveMessageOnPort(port1); m && !finished; m = receiveMessageOnPort(port1))
          onMessage(m.message as WorkerMessage);
        finish(exitCode);
      }
      port1.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
  }

  function cellsWrittenByName(execution: Execution): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [sheetId, cells] of execution.cellsWritten) {
      const sheet = workbook.sheets.find((s) => s.id === sheetId);
      if (sheet) out[sheet.name] = (out[sheet.name] ?? 0) + cells;
    }
    return out;
  }

  // ---- formulas -------------------------------------------------------------------------------

  const pendingChanges: Change[] = [];

  const referencedRects = (
    sheet: Sheet,
    call: FunctionCall,
  ): Array<{ sheet: Sheet; rect: GridRect }> =>
    call.args.flatMap((arg) => {
      if (arg.kind !== 'reference') return [];
      const target = arg.ref.sheet ? findSheet(workbook, arg.ref.sheet) : sheet;
      return target
        ? [{ sheet: target, rect: referenceRect(arg.ref, target.maxRows, target.maxColumns) }]
        : [];
    });

  const argumentValue = (sheet: Sheet, arg: FunctionCall['args'][number]): unknown => {
    if (arg.kind === 'literal') return arg.value;
    const target = arg.ref.sheet ? findSheet(workbook, arg.ref.sheet) : sheet;
    if (!target) return '#REF!';
    const rect = referenceRect(arg.ref, target.maxRows, target.maxColumns);
    const read = (r: number, c: number) => readCellValue(getCell(target, r, c), workbook.timeZone);
    if (rect.rows === 1 && rect.columns === 1) return read(rect.row, rect.column);
    return Array.from({ length: rect.rows }, (_, r) =>
      Array.from({ length: rect.columns }, (_, c) => read(rect.row + r, rect.column + c)),
    );
  };

  const clearSpill = (sheet: Sheet, origin: string) => {
    for (const cells of sheet.rows) {
      for (const cell of cells ?? []) {
        if (cell?.spilledFrom === origin) {
          delete cell.value;
          delete cell.spilledFrom;
          if (cell.autoFormat) {
            delete cell.format;
            delete cell.autoFormat;
          }
        }
      }
    }
  };

  /** Writes a custom function's result from its cell, as Sheets spills an array. */
  const spill = (sheet: Sheet, row: number, column: number, result: unknown): Change => {
    const origin = cellA1(row, column);
    const cell = cellFor(sheet, row, column);
    clearSpill(sheet, origin);
    delete cell.error;
    const rows: unknown[][] = Array.isArray(result)
      ? result.map((r) => (Array.isArray(r) ? r : [r]))
      : [[result]];
    const height = rows.length;
    const width = Math.max(1, ...rows.map((r) => r.length));
    const area = { sheetId: sheet.id, row, column, rows: Math.max(1, height), columns: width };
    if (row + height - 1 > sheet.maxRows || column + width - 1 > sheet.maxColumns) {
      cell.value = '#REF!';
      cell.error = `Result was not automatically expanded, please insert more rows (${row + height - 1 - sheet.maxRows}).`;
      return area;
    }
    for (let r = 0; r < height; r++) {
      for (let c = 0; c < width; c++) {
        if (r === 0 && c === 0) continue;
        const other = getCell(sheet, row + r, column + c);
        if (other && (other.formula || (other.value !== undefined && other.value !== ''))) {
          cell.value = '#REF!';
          cell.error = `Array result was not expanded because it would overwrite data in ${cellA1(row + r, column + c)}.`;
          return area;
        }
      }
    }
    rows.forEach((values, r) =>
      values.forEach((v, c) => {
        const target = cellFor(sheet, row + r, column + c);
        // A custom function's strings are text, never formulas; the formula cell keeps its formula.
        const typed =
          typeof v === 'string' ? { value: v } : typeValue(v, target.format, workbook.timeZone);
        target.value = typed.value ?? '';
        if (typed.format && !isDateFormat(target.format)) {
          target.format = typed.format;
          target.autoFormat = true;
        }
        if (r !== 0 || c !== 0) target.spilledFrom = origin;
      }),
    );
    if (height === 0) cell.value = '';
    return area;
  };

  async function evaluateFormula(
    sheet: Sheet,
    row: number,
    column: number,
  ): Promise<Change | undefined> {
    const cell = getCell(sheet, row, column);
    if (!cell?.formula) return undefined;
    const call = parseFunctionCall(cell.formula);
    const name = call && customFunctions.find((f) => f.toUpperCase() === call.name);
    if (!call || !name) {
      cell.value = '#NAME?';
      cell.error = call
        ? `Unknown function: '${call.name}'.`
        : 'Only custom functions are evaluated by the local runtime.';
      return undefined;
    }
    const result = await execute(
      name,
      call.args.map((a) => argumentValue(sheet, a)),
      { authMode: 'CUSTOM_FUNCTION', activeCell: { sheetId: sheet.id, row, column } },
    );
    if (!result.ok) {
      clearSpill(sheet, cellA1(row, column));
      cell.value = '#ERROR!';
      cell.error = result.error?.message ?? 'Error';
      return { sheetId: sheet.id, row, column, rows: 1, columns: 1 };
    }
    return spill(sheet, row, column, result.value);
  }

  async function recalculate(): Promise<void> {
    for (let round = 0; round < MAX_RECALC_ROUNDS; round++) {
      const changes = pendingChanges.splice(0);
      const due: Array<{ sheet: Sheet; row: number; column: number }> = [];
      for (const sheet of workbook.sheets) {
        sheet.rows.forEach((cells, r) =>
          cells?.forEach((cell, c) => {
            if (!cell?.formula) return;
            const call = parseFunctionCall(cell.formula);
            const fresh = cell.value === 'Loading...';
            const touched =
              call !== undefined &&
              referencedRects(sheet, call).some(({ sheet: s, rect }) =>
                changes.some((ch) => ch.sheetId === s.id && rectIntersects(ch, rect)),
              );
            if (fresh || touched) due.push({ sheet, row: r + 1, column: c + 1 });
          }),
        );
      }
      if (due.length === 0) return;
      if (options.recalculation === 'parallel') {
        const changes = await Promise.all(
          due.map((d) => evaluateFormula(d.sheet, d.row, d.column)),
        );
        for (const change of changes) if (change) pendingChanges.push(change);
        continue;
      }
      for (const d of due) {
        const change = await evaluateFormula(d.sheet, d.row, d.column);
        if (change) pendingChanges.push(change);
      }
    }
  }

  const rectIntersects = (a: GridRect, b: GridRect) =>
    a.row < b.row + b.rows &&
    b.row < a.row + a.rows &&
    a.column < b.column + b.columns &&
    b.column < a.column + a.columns;

  // ---- public surface -----------------------------------------------------------------------------

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

  async function edit(
    a1: string,
    value: unknown,
    opts: { as?: string } = {},
  ): Promise<ExecutionResult[]> {
    const ref = parseA1(a1);
    const sheet = ref?.sheet
      ? findSheet(workbook, ref.sheet)
      : workbook.sheets.find((s) => s.id === workbook.activeSheetId);
    if (!ref || !sheet || ref.startRow === undefined || ref.startColumn === undefined) {
      throw new Error(`"${a1}" is not a cell of this workbook. Name it like "Sheet1!B2".`);
    }
    const user = opts.as ?? workbook.owner;
    const rect = { row: ref.startRow, column: ref.startColumn, rows: 1, columns: 1 };
    for (const p of sheet.protections) {
      if (
        user !== workbook.owner &&
        !p.warningOnly &&
        !p.editors.includes(user) &&
        (!p.range || rectIntersects(p.range, rect))
      ) {
        throw new Error(
          'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
        );
      }
    }
    const oldValue = readCellValue(getCell(sheet, rect.row, rect.column), workbook.timeZone);
    writeValue(sheet, rect.row, rect.column, value, workbook.timeZone);
    pendingChanges.push({ sheetId: sheet.id, ...rect });
    await recalculate();
    const event = (authMode: AuthMode, triggerUid?: string) => ({
      authMode,
      range: rangeRef(sheet, rect),
      source: { $remote: 'Spreadsheet', handle: null },
      value: displayValue(
        getCell(sheet, rect.row, rect.column)?.value,
        undefined,
        workbook.timeZone,
      ),
      oldValue: oldValue === '' ? undefined : oldValue,
      user: { $remote: 'User', handle: { email: user } },
      ...(triggerUid ? { triggerUid } : {}),
    });
    const results: ExecutionResult[] = [];
    if (/\nfunction onEdit\(/.test(code))
      results.push(await run('onEdit', [event('LIMITED')], { as: user, authMode: 'LIMITED' }));
    for (const t of triggers.filter((x) => x.type === 'ON_EDIT')) {
      results.push(
        await run(t.handler, [event('FULL', t.uid)], {
          as: user,
          authMode: 'FULL',
          user: t.user,
        } as CallOptions),
      );
    }
    return results;
  }

  async function fireTimeTriggers(opts: { all?: boolean } = {}): Promise<ExecutionResult[]> {
    const now = clock.now();
    const due = triggers.filter(
      (t) => t.type === 'CLOCK' && (opts.all || (t.nextRunAt ?? Infinity) <= now),
    );
    const results: ExecutionResult[] = [];
    for (const t of due) {
      if (t.everyMs)
        while ((t.nextRunAt ?? now) <= now) t.nextRunAt = (t.nextRunAt ?? now) + t.everyMs;
      else triggers.splice(triggers.indexOf(t), 1);
      const d = new Date(now);
      const event = {
        authMode: 'FULL',
        triggerUid: t.uid,
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        'day-of-month': d.getUTCDate(),
        'day-of-week': d.getUTCDay() || 7,
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
        second: d.getUTCSeconds(),
        timezone: 'UTC',
      };
      results.push(
        await run(t.handler, [event], {
          as: t.user,
          authMode: 'FULL',
          clockTrigger: true,
        } as CallOptions),
      );
    }
    return results;
  }

  const sheetNamed = (name: string) => {
    const sheet = findSheet(workbook, name);
    if (!sheet)
      throw new Error(
        `No sheet named "${name}". Sheets: ${workbook.sheets.map((s) => s.name).join(', ')}.`,
      );
    return sheet;
  };
  const table = <T>(name: string, read: (sheet: Sheet, r: number, c: number) => T): T[][] => {
    const sheet = sheetNamed(name);
    let rows = 0;
    let columns = 0;
    sheet.rows.forEach((cells, r) =>
      cells?.forEach((cell, c) => {
        if (cell && (cell.formula || (cell.value !== undefined && cell.value !== ''))) {
          rows = Math.max(rows, r + 1);
          columns = Math.max(columns, c + 1);
        }
      }),
    );
    return Array.from({ length: rows }, (_, r) =>
      Array.from({ length: columns }, (_, c) => read(sheet, r + 1, c + 1)),
    );
  };

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
    edit,
    fireTimeTriggers,
    recalculate,
    values: (name) => table(name, (s, r, c) => readCellValue(getCell(s, r, c), workbook.timeZone)),
    displayValues: (name) =>
      table(name, (s, r, c) => {
        const cell = getCell(s, r, c);
        return displayValue(cell?.value, cell?.format, workbook.timeZone);
      }),
    formulas: (name) => table(name, (s, r, c) => getCell(s, r, c)?.formula ?? ''),
    toFile: () => stateToFile(state()),
    save: (path) => writeStateFile(path, state()),
    customFunctions: () => customFunctions,
  };
}

/** Opens the runtime on a workbook file (a fresh workbook when the file does not exist yet). */
export function openRuntime(path: string, options: Omit<RuntimeOptions, 'workbook'> = {}): Runtime {
  const state = readStateFile(path);
  const runtime = createRuntime({ ...options, workbook: state ? stateToFile(state) : undefined });
  return runtime;
}

export { isDateFormat, isRemoteRef };
