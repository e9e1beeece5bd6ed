/**
 * Jest's globalSetup for the integration tier: builds dist/ (`npm run build`) when it is missing
 * or older than anything it is built from, so that any test file runs alone on a fresh clone.
 * Jest runs it once per run, before its workers start; a lock file keeps two runs started at
 * once from building over each other, and the second finds the bundle fresh and builds nothing.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const OUTPUTS = ['dist/Code.js', 'dist/sidebar.html', 'dist/appsscript.json'];
const INPUTS = ['src', 'dev/build', 'appsscript.json'];
const LOCK = join(ROOT, 'node_modules/.cache/brex-build.lock');
/** A lock older than this was left by a killed build (a build takes a few seconds). */
const STALE_LOCK_MS = 120_000;
const WAIT_MS = 200;

export default function buildBundleWhenStale(): void {
  if (isFresh()) return;
  withLock(() => {
    if (isFresh()) return; // another run built it while this one waited
    process.stdout.write('\ndist/ is missing or older than src/: building it (npm run build).\n');
    execFileSync(join(ROOT, 'node_modules/.bin/tsx'), ['dev/build/build.ts'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  });
}

function isFresh(): boolean {
  if (!OUTPUTS.every((file) => existsSync(join(ROOT, file)))) return false;
  const built = Math.min(...OUTPUTS.map((file) => statSync(join(ROOT, file)).mtimeMs));
  return INPUTS.every((input) => newestChange(join(ROOT, input)) <= built);
}

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  // A directory's own time moves when a file in it is deleted or renamed.
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestChange(join(path, name))),
    stat.mtimeMs,
  );
}

function withLock(build: () => void): void {
  mkdirSync(join(LOCK, '..'), { recursive: true });
  for (;;) {
    try {
      closeSync(openSync(LOCK, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (Date.now() - lockTime() > STALE_LOCK_MS) rmSync(LOCK, { force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, WAIT_MS);
    }
  }
  try {
    build();
  } finally {
    rmSync(LOCK, { force: true });
  }
}

function lockTime(): number {
  try {
    return statSync(LOCK).mtimeMs;
  } catch {
    return Date.now(); // released meanwhile: try again
  }
}
