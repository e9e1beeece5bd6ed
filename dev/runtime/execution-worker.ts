/**
 * One execution, in its own worker thread: a fresh vm context holding only ECMAScript and the
 * Apps Script globals, the bundle loaded anew (Apps Script keeps no globals between executions),
 * then one call of one global function.
 */
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import vm from 'node:vm';
import type { CallReply, WorkerInput, WorkerMessage } from './worker-protocol';
import { realmError, realmOf } from './worker-realm';
import { createWorkerServices } from './worker-services';

const input = workerData as WorkerInput;
const signal = new Int32Array(input.signal);
const post = (message: WorkerMessage) => input.port.postMessage(message);
let fakeNow = input.fakeNow;

const context = vm.createContext({});
const realm = realmOf(context);

function call(op: string, handle: unknown, args: unknown[]): unknown {
  Atomics.store(signal, 0, 0);
  post({ kind: 'call', op, handle, args });
  Atomics.wait(signal, 0, 0);
  const reply = receiveMessageOnPort(input.port)?.message as CallReply | undefined;
  if (!reply || 'abort' in reply) process.exit(1); // stopped from outside: nothing may catch it
  if (reply.now !== undefined) fakeNow = reply.now;
  if (!reply.ok) throw realmError(realm, reply.error.name, reply.error.message);
  return reply.value;
}

const services = createWorkerServices(
  realm,
  input.surface,
  call,
  (level, text) => post({ kind: 'log', level, text }),
  input.bundleDir,
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

function finish(): void {
  try {
    vm.runInContext(input.code, context, { filename: 'Code.js' });
    const fn = (context as Record<string, unknown>)[input.functionName];
    if (typeof fn !== 'function' || input.functionName.endsWith('_')) {
      throw realmError(realm, 'Exception', `Script function not found: ${input.functionName}`);
    }
    const value = (fn as (...a: unknown[]) => unknown)(
      ...(services.fromHost(input.args) as unknown[]),
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

finish();
