/**
 * The worker threads executions run in. Starting a thread (a whole Node environment) costs far
 * more than most executions' own work, so a thread that finished an execution cleanly waits,
 * unreferenced, for the next one: each execution still builds a fresh vm context and loads the
 * bundle anew in it (see execution-worker.ts). A thread that was stopped, broke down or has
 * served MAX_JOBS executions is never reused, and idle threads end after IDLE_MS.
 */
import { buildSync, version as esbuildVersion, type BuildOptions } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId, Worker } from 'node:worker_threads';
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

/**
 * The worker, bundled once per process (so it runs the same under jest, tsx or plain node), and
 * kept on disk with the files it was built from: jest loads this module afresh for every test
 * file, and bundling costs more than most tests' own executions. A cached build is used only
 * while every one of its source files reads the same as when it was built.
 */
function compiledWorker(): string {
  workerCode ??= cachedBuild() ?? freshBuild();
  return workerCode;
}

const ROOT = join(__dirname, '../..');
const CACHE_DIR = join(ROOT, 'node_modules/.cache/brex-runtime');
const CACHE_FILE = join(CACHE_DIR, 'execution-worker.json');

const BUILD: BuildOptions = {
  entryPoints: [join(__dirname, 'execution-worker.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['esbuild'],
  absWorkingDir: ROOT,
};
/** What else a build depends on: its options and esbuild's version. */
const BUILD_KEY = JSON.stringify({ esbuildVersion, ...BUILD });

interface CachedWorker {
  readonly key: string;
  /** Each source file (relative to the repo) and the SHA-1 of its contents. */
  readonly inputs: Record<string, string>;
  readonly code: string;
}

const digest = (path: string): string =>
  createHash('sha1')
    .update(readFileSync(join(ROOT, path)))
    .digest('hex');

function cachedBuild(): string | undefined {
  try {
    const cached = JSON.parse(readFileSync(CACHE_FILE, 'utf8')) as CachedWorker;
    const same =
      cached.key === BUILD_KEY &&
      Object.entries(cached.inputs).every(([path, hash]) => digest(path) === hash);
    return same ? cached.code : undefined;
  } catch {
    return undefined; // none yet, or a source file is gone
  }
}

function freshBuild(): string {
  const result = buildSync({ ...BUILD, write: false, metafile: true });
  const code = result.outputFiles[0]?.text as string;
  const inputs = Object.fromEntries(
    Object.keys(result.metafile.inputs).map((path) => [path, digest(path)]),
  );
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    // Written aside, then renamed: a test file starting meanwhile reads the old file or the new.
    const temp = `${CACHE_FILE}.${process.pid}.${threadId}`;
    writeFileSync(temp, JSON.stringify({ key: BUILD_KEY, inputs, code } satisfies CachedWorker));
    renameSync(temp, CACHE_FILE);
  } catch {
    // A read-only checkout bundles again next time; nothing else depends on the cache.
  }
  return code;
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
