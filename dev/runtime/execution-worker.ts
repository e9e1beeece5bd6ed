/**
 * A worker thread that runs executions, one at a time: for each job, a fresh vm context holding
 * only ECMAScript and the Apps Script globals, the bundle loaded anew (Apps Script keeps no
 * globals between executions), then one call of one global function. Nothing of a job outlives
 * it but the compiled bundle script, which holds no state.
 */
import { parentPort, receiveMessageOnPort } from 'node:worker_threads';
import vm from 'node:vm';
import type { CallReply, WorkerJob, WorkerMessage } from './worker-protocol';
import { realmError, realmOf } from './worker-realm';
import { createWorkerServices } from './worker-services';

let compiled: { code: string; script: vm.Script } | undefined;

/** The bundle compiled once per thread; running it in a new context gives fresh globals. */
function bundleScript(code: string): vm.Script {
  if (compiled?.code !== code)
    compiled = { code, script: new vm.Script(code, { filename: 'Code.js' }) };
  return compiled.script;
}

function runJob(job: WorkerJob): void {
  const signal = new Int32Array(job.signal);
  const post = (message: WorkerMessage) => job.port.postMessage(message);
  let fakeNow = job.fakeNow;
  let calls = 0;

  const context = vm.createContext({});
  const realm = realmOf(context);

  /**
   * Blocks until the main thread has posted the reply to call `seq`. A wake-up alone proves
   * nothing: the notify for the previous reply can land late, after this thread already read that
   * reply (the counter was set before the notify) and posted its next call. So the counter is
   * re-checked after every wake, and the reply must carry the same number.
   */
  function awaitReply(seq: number, op: string): CallReply {
    for (let seen = Atomics.load(signal, 0); seen !== seq; seen = Atomics.load(signal, 0)) {
      Atomics.wait(signal, 0, seen);
    }
    const reply = receiveMessageOnPort(job.port)?.message as CallReply | undefined;
    if (reply?.seq === seq) return reply;
    post({
      kind: 'fault',
      message: `The local runtime lost the reply to service call ${seq} (${op}). This is a bug in dev/runtime: please report it with the test that shows it.`,
    });
    process.exit(1);
  }

  function call(op: string, handle: unknown, args: unknown[]): unknown {
    const seq = ++calls;
    post({ kind: 'call', seq, op, handle, args });
    const reply = awaitReply(seq, op);
    if ('abort' in reply) process.exit(1); // stopped from outside: nothing may catch it
    if (reply.now !== undefined) fakeNow = reply.now;
    if (!reply.ok) throw realmError(realm, reply.error.name, reply.error.message);
    return reply.value;
  }

  const services = createWorkerServices(
    realm,
    job.surface,
    call,
    (level, text) => post({ kind: 'log', level, text }),
    job.bundleDir,
  );
  Object.assign(context, services.globals);

  if (fakeNow !== undefined) {
    // The bundle's clock follows the runtime's fake (or modelled) clock.
    const install = vm.runInContext(
      `(function (now) {
        var RealDate = Date;
        function LocalDate() {
          if (!new.target) return new RealDate(now()).toString();
          return arguments.length ? new (Function.prototype.bind.apply(RealDate, [null].concat([].slice.call(arguments))))() : new RealDate(now());
        }
        LocalDate.prototype = RealDate.prototype;
        LocalDate.now = function () { return now(); };
        LocalDate.UTC = RealDate.UTC;
        LocalDate.parse = RealDate.parse;
        globalThis.Date = LocalDate;
      })`,
      context,
    ) as (now: () => number) => void;
    install(() => fakeNow as number);
  }

  try {
    bundleScript(job.code).runInContext(context);
    const fn = (context as Record<string, unknown>)[job.functionName];
    if (typeof fn !== 'function' || job.functionName.endsWith('_')) {
      throw realmError(realm, 'Exception', `Script function not found: ${job.functionName}`);
    }
    const value = (fn as (...a: unknown[]) => unknown)(
      ...(services.fromHost(job.args) as unknown[]),
    );
    const result = services.toHost(value);
    post({ kind: 'done', ok: true, value: result });
  } catch (error) {
    const e = error as { name?: unknown; message?: unknown; stack?: unknown } | null;
    post({
      kind: 'done',
      ok: false,
      error: {
        name: typeof e?.name === 'string' ? e.name : 'Error',
        message: typeof e?.message === 'string' ? e.message : String(error),
        stack: typeof e?.stack === 'string' ? e.stack : undefined,
      },
    });
  }
}

parentPort?.on('message', runJob);
