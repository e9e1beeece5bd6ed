/**
 * Runs the sandbox as a child process (the CLI) and reads its JSON line. Tests that drive the
 * local Apps Script runtime need this: the runtime blocks its own thread in synchronous fetches,
 * so an in-process sandbox could never answer.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { TokenSet } from './tokens';

export interface SpawnedSandbox {
  readonly url: string;
  readonly token: string;
  /** Every token kind, fetched from the control API. */
  readonly tokens: TokenSet;
  readonly pid: number;
  close(): Promise<void>;
}

export interface SpawnOptions {
  readonly port?: number;
  readonly seed?: string;
  readonly today?: string;
  readonly transactions?: number;
  readonly faults?: string;
  readonly strict?: boolean;
  readonly users?: number;
  readonly cursorTtlMinutes?: number;
  /** How long to wait for the JSON line (default 30 s). */
  readonly timeoutMs?: number;
}

const ROOT = join(__dirname, '../..');

export function spawnSandbox(options: SpawnOptions = {}): Promise<SpawnedSandbox> {
  const args = ['sandbox'];
  if (options.port !== undefined) args.push('--port', String(options.port));
  if (options.seed !== undefined) args.push('--seed', options.seed);
  if (options.today !== undefined) args.push('--today', options.today);
  if (options.transactions !== undefined) args.push('--transactions', String(options.transactions));
  if (options.faults !== undefined) args.push('--faults', options.faults);
  if (options.strict) args.push('--strict');
  if (options.users !== undefined) args.push('--users', String(options.users));
  if (options.cursorTtlMinutes !== undefined)
    args.push('--cursor-ttl', String(options.cursorTtlMinutes));
  const child = spawn(
    process.execPath,
    [require.resolve('tsx/cli'), join(ROOT, 'dev/cli.ts'), ...args],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      void close();
      reject(
        new Error(`The sandbox did not start within ${options.timeoutMs ?? 30000} ms. ${stderr}`),
      );
    }, options.timeoutMs ?? 30_000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The sandbox exited (code ${code}) before starting. ${stderr.trim()}`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      const { url, token } = JSON.parse(stdout.slice(0, newline)) as { url: string; token: string };
      fetch(`${url}/_sandbox/tokens`)
        .then((r) => r.json() as Promise<TokenSet>)
        .then((tokens) => resolve({ url, token, tokens, pid: child.pid ?? 0, close }))
        .catch(reject);
    });
  });
}
