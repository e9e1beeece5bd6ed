/**
 * `npm run local -- call …` and `npm run local -- edit …`: run the built bundle against a
 * workbook file, the way Apps Script would run a menu action, a sidebar call, a trigger handler,
 * a custom function or a person's edit, then save the workbook back. `call` connects first with
 * the token of `--token-file FILE` or BREX_TOKEN when one is given (never `--token`: see
 * ../brex-token).
 */
import { resolve } from 'node:path';
import { optionalToken } from '../brex-token';
import { openRuntime, type ExecutionResult, type Runtime } from './runtime';

export interface ParsedArgs {
  readonly positional: string[];
  readonly flags: Record<string, string>;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s);
      flags[name as string] = inline ?? argv[++i] ?? '';
    } else positional.push(arg);
  }
  return { positional, flags };
}

/** An argument is JSON (`42`, `"text"`, `[1,2]`, `{"a":1}`); anything else is taken as a string. */
function parseValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function requireWorkbook(flags: Record<string, string>): string {
  if (!flags.workbook)
    throw new Error('No workbook given. Add --workbook FILE (created when missing).');
  return resolve(flags.workbook);
}

function printLogs(results: readonly ExecutionResult[]): void {
  for (const r of results)
    for (const log of r.logs)
      process.stderr.write(`[${r.functionName} ${log.level}] ${log.text}\n`);
}

async function connectWithToken(
  runtime: Runtime,
  token: string,
  user: string | undefined,
): Promise<void> {
  const result = await runtime.run('connect', [{ token, environment: 'production' }], {
    as: user,
    authMode: 'FULL',
  });
  if (!result.ok) {
    throw new Error(
      `Connecting with the token failed: ${result.error?.message ?? 'unknown error'}`,
    );
  }
}

export async function callCommand(argv: readonly string[]): Promise<void> {
  const { positional, flags } = parseArgs(argv);
  const token = optionalToken(flags);
  const [functionName, ...rawArgs] = positional;
  if (!functionName)
    throw new Error(
      'No function named. Usage: call FUNCTION [ARG...] --workbook FILE [--brex-url URL] [--token-file FILE] [--as USER]',
    );
  const file = requireWorkbook(flags);
  const runtime = openRuntime(file, { brexUrl: flags['brex-url'] });
  const user = flags.as;
  try {
    if (token) await connectWithToken(runtime, token, user);
    const result = await runtime.run(functionName, rawArgs.map(parseValue), { as: user });
    printLogs([result]);
    if (!result.ok) {
      process.stderr.write(`${result.error?.message ?? 'The execution failed.'}\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`${JSON.stringify(result.value ?? null)}\n`);
  } finally {
    runtime.save(file);
  }
}

export async function editCommand(argv: readonly string[]): Promise<void> {
  const { positional, flags } = parseArgs(argv);
  const [cell, value] = positional;
  if (!cell || value === undefined)
    throw new Error('Usage: edit "Sheet Name!A1" VALUE --workbook FILE [--as USER]');
  const file = requireWorkbook(flags);
  const runtime = openRuntime(file, { brexUrl: flags['brex-url'] });
  try {
    const results = await runtime.edit(cell, value, { as: flags.as });
    printLogs(results);
    const failed = results.find((r) => !r.ok);
    if (failed) {
      process.stderr.write(`${failed.functionName}: ${failed.error?.message ?? 'failed'}\n`);
      process.exitCode = 1;
    }
  } finally {
    runtime.save(file);
  }
}
