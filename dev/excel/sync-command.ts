/**
 * `npm run local -- sync --xlsx FILE --token-file FILE [--brex-url URL]`: the add-on's own
 * refresh (the built bundle in the local runtime) into an Excel workbook, headless. The `.xlsx`
 * is read back first, so a second run is incremental and keeps a person's own columns, as in
 * Sheets; then the dashboard's tables are computed and the workbook written (charts are not:
 * exceljs cannot write them).
 *
 * The token comes from a file or BREX_TOKEN, never from the command line (see ../brex-token).
 */
import { existsSync, renameSync } from 'node:fs';
import { resolve } from 'node:path';
import { requiredToken } from '../brex-token';
import { parseArgs } from '../runtime/cli-commands';
import { createRuntime, type Runtime } from '../runtime';
import { readXlsx, writeXlsx } from './xlsx-file';

const PRODUCTION_URL = 'https://api.brex.com';
/** Each call is one execution of at most 6 minutes; 100,000 transactions take a few. */
const MAX_REFRESH_CALLS = 40;

export interface SyncOptions {
  readonly xlsx: string;
  readonly token: string;
  /** Where Brex is: production, or a sandbox or proxy. */
  readonly brexUrl: string;
  readonly dataSets?: readonly string[];
  readonly historyStart?: string;
  readonly dashboard?: boolean;
  readonly log?: (line: string) => void;
}

export interface SyncResult {
  readonly refreshCalls: number;
  readonly message: string;
}

export async function syncCommand(argv: readonly string[]): Promise<void> {
  const { flags } = parseArgs(argv);
  const token = requiredToken(flags);
  if (!flags.xlsx) throw new Error('No workbook given. Add --xlsx FILE (created when missing).');
  const result = await syncWorkbook({
    xlsx: resolve(flags.xlsx),
    token,
    brexUrl: flags['brex-url'] || PRODUCTION_URL,
    dataSets: flags['data-sets']?.split(',').map((d) => d.trim()),
    historyStart: flags['history-start'],
    dashboard: flags.dashboard !== 'no',
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${result.message}\n`);
}

/** One sync of the workbook: read it back, refresh until done, update the dashboard, write it. */
export async function syncWorkbook(options: SyncOptions): Promise<SyncResult> {
  const log = options.log ?? (() => undefined);
  const runtime = createRuntime({
    workbook: existsSync(options.xlsx) ? await readXlsx(options.xlsx) : undefined,
    brexUrl: sameOrigin(options.brexUrl, PRODUCTION_URL) ? undefined : options.brexUrl,
  });
  await call(runtime, 'connect', [{ token: options.token, environment: 'production' }]);
  try {
    if (options.dataSets || options.historyStart) {
      const saved = (await call(runtime, 'getSyncSettings')) as Record<string, unknown>;
      await call(runtime, 'saveSyncSettings', [
        {
          ...saved,
          ...(options.dataSets ? { dataSets: options.dataSets } : {}),
          ...(options.historyStart ? { historyStart: options.historyStart } : {}),
        },
      ]);
    }
    let calls = 0;
    let summary: { done: boolean; message: string } = { done: false, message: '' };
    while (!summary.done) {
      if (++calls > MAX_REFRESH_CALLS)
        throw new Error(
          `The refresh was not done after ${MAX_REFRESH_CALLS} executions: ${summary.message}`,
        );
      summary = (await call(runtime, 'refreshNow')) as typeof summary;
      log(summary.message);
    }
    if (options.dashboard !== false) await call(runtime, 'createDashboard');
    return { refreshCalls: calls, message: `${summary.message} Written to ${options.xlsx}.` };
  } finally {
    await save(runtime, options);
  }
}

/**
 * Writes what the run did, finished or not (rows are written before the state recording them).
 * The token is the spreadsheet's connection in document properties: it never reaches the file.
 */
async function save(runtime: Runtime, options: SyncOptions): Promise<void> {
  await call(runtime, 'disconnect');
  const file = runtime.toFile();
  if (JSON.stringify(file.properties).includes(options.token))
    throw new Error('The workbook would hold the token; nothing was written. Report this.');
  const partial = `${options.xlsx}.partial`;
  await writeXlsx(file, partial);
  renameSync(partial, options.xlsx);
}

async function call(runtime: Runtime, name: string, args: unknown[] = []): Promise<unknown> {
  const result = await runtime.run(name, args);
  if (!result.ok) throw new Error(`${name}: ${result.error?.message ?? 'failed'}`);
  return result.value;
}

function sameOrigin(a: string, b: string): boolean {
  return new URL(a).origin === new URL(b).origin;
}
