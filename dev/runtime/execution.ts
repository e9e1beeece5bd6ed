/**
 * Execution and messaging: runs one global of the bundle in a worker thread (a fresh vm context),
 * serves each of its service calls on the main thread (auth mode, budget, killAtCall, one reply
 * per sequence number) and gathers its result, logs, counters and grid changes. A user runs at
 * most SIMULTANEOUS_EXECUTIONS at once, as in Apps Script.
 */
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import type { RuntimeClock } from './clock';
import {
  AppsScriptException,
  allows,
  fail,
  type ActiveCell,
  type AuthMode,
  type Change,
  type Execution,
  type ServiceTable,
} from './host';
import { MESSAGES, SIMPLE_TRIGGERS, SIMULTANEOUS_EXECUTIONS, type ExecutionLimits } from './limits';
import { addCounters, emptyCounters, modelledMs, type CostModel, type Counters } from './stats';
import type { Workbook } from './workbook';
import { releaseWorker, startJob } from './worker-pool';
import type { CallReply, WorkerJob, WorkerMessage } from './worker-protocol';

export interface CallOptions {
  /** The acting user's email; default the spreadsheet's owner. */
  readonly as?: string;
  readonly authMode?: AuthMode;
  /** A custom function's own cell: its active sheet and active range, as in Sheets. */
  readonly activeCell?: ActiveCell;
  readonly limits?: Partial<ExecutionLimits>;
}

/** What the runtime itself adds: a trigger runs as its creator, a clock trigger lacks some services. */
export interface ExecuteOptions extends CallOptions {
  readonly user?: string;
  readonly clockTrigger?: boolean;
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

export interface ExecutorSetup {
  readonly code: string;
  readonly bundleDir: string;
  readonly scriptTimeZone: string;
  readonly customFunctions: readonly string[];
  readonly services: ServiceTable;
  readonly workbook: Workbook;
  readonly clock: RuntimeClock;
  readonly limits: ExecutionLimits;
  readonly costModel: CostModel;
  readonly onOpenAuthMode?: 'NONE' | 'LIMITED';
  /** Frees the locks an execution still holds when it ends. */
  releaseLocks(executionId: number): void;
  /** Where every finished execution's counters, logs and grid changes are added. */
  readonly stats: Counters;
  readonly logs: LogEntry[];
  readonly changes: Change[];
}

export interface Executor {
  execute(functionName: string, args: unknown[], opts: ExecuteOptions): Promise<ExecutionResult>;
  /** The auth mode a function runs in unless told: onOpen's, a custom function's, or FULL. */
  authModeFor(name: string, requested?: AuthMode): AuthMode;
}

export function createExecutor(setup: ExecutorSetup): Executor {
  const { code, bundleDir, scriptTimeZone, customFunctions, services, workbook, clock } = setup;
  const { limits, costModel, releaseLocks, stats, logs, changes } = setup;
  const surface = Object.keys(services);
  let executionIds = 0;
  /** Executions running now, by the user they run as. */
  const running = new Map<string, number>();

  function authModeFor(name: string, requested?: AuthMode): AuthMode {
    if (requested) return requested;
    if (name === 'onOpen') return setup.onOpenAuthMode ?? 'LIMITED';
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
    opts: ExecuteOptions,
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
      scriptTimeZone,
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
        releaseLocks(execution.id);
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
        for (const change of execution.changes) changes.push(change);
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

  return { execute, authModeFor };
}
