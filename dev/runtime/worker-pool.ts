/**
 * The worker threads executions run in. Starting a thread (a whole Node environment) costs far
 * more than most executions' own work, so a thread that finished an execution cleanly waits,
 * unreferenced, for the next one: each execution still builds a fresh vm context and loads the
 * bundle anew in it (see execution-worker.ts). A thread that was stopped, broke down or has
 * served MAX_JOBS executions is never reused, and idle threads end after IDLE_MS.
 */
import { buildSync } from 'esbuild';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkerJob } from './worker-protocol';

const MAX_IDLE = 4;
const MAX_JOBS = 200;
const IDLE_MS = 10_000;

interface Idle {
  readonly worker: Worker;
  readonly timer: NodeJS.Timeout;
}

const idle: Idle[] = [];
const served = new WeakMap<Worker, number>();
let workerCode: string | undefined;

/** The worker, bundled once per process (so it runs the same under jest, tsx or plain node). */
function compiledWorker(): string {
  workerCode ??= buildSync({
    entryPoints: [join(__dirname, 'execution-worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    external: ['esbuild'],
  }).outputFiles[0]?.text;
  return workerCode as string;
}

/** Starts a job on an idle worker, or on a new one. */
export function startJob(job: WorkerJob): Worker {
  const reused = idle.pop();
  if (reused) clearTimeout(reused.timer);
  const worker = reused?.worker ?? newWorker();
  worker.ref();
  worker.postMessage(job, [job.port]);
  return worker;
}

/** Takes back a worker whose job ended with its `done` message (never one that was stopped). */
export function releaseWorker(worker: Worker): void {
  const jobs = (served.get(worker) ?? 0) + 1;
  served.set(worker, jobs);
  if (jobs >= MAX_JOBS || idle.length >= MAX_IDLE) {
    void worker.terminate();
    return;
  }
  worker.unref();
  const entry: Idle = { worker, timer: setTimeout(() => retire(entry), IDLE_MS).unref() };
  idle.push(entry);
}

function newWorker(): Worker {
  const worker = new Worker(compiledWorker(), { eval: true });
  // A worker never ends while idle but by retire(); should it, it must not be handed out.
  worker.on('exit', () => {
    const index = idle.findIndex((entry) => entry.worker === worker);
    if (index >= 0) idle.splice(index, 1);
  });
  return worker;
}

function retire(entry: Idle): void {
  const index = idle.indexOf(entry);
  if (index >= 0) idle.splice(index, 1);
  void entry.worker.terminate();
}
