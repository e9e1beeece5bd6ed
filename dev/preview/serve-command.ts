/**
 * `npm start` (`npm run local -- serve [options]`): the add-on in the local runtime against the
 * embedded Brex sandbox (or `--brex-url`), behind a page on 127.0.0.1; prints the URL to open and
 * serves until Ctrl-C.
 */
import { resolve } from 'node:path';
import { parseArgs } from '../runtime/cli-commands';
import { parseSandboxArgs } from '../sandbox/cli-command';
import { startPreview, type PreviewOptions } from './preview-server';

const USAGE =
  'Usage: npm start -- [--port N] [--brex-url URL] [--as EMAIL] [--workbook FILE] [--seed S] [--transactions N] [--today YYYY-MM-DD] [--faults SPEC] [--signed-in-accounts N]';

const SANDBOX_FLAGS = ['seed', 'transactions', 'today', 'faults'];
const FLAGS = ['port', 'brex-url', 'as', 'workbook', 'signed-in-accounts', ...SANDBOX_FLAGS];

export function parseServeArgs(argv: readonly string[]): PreviewOptions {
  const { positional, flags } = parseArgs(argv);
  const unknown = [...positional, ...Object.keys(flags).filter((f) => !FLAGS.includes(f))];
  if (unknown.length > 0) throw new Error(`Unknown option ${unknown[0]}. ${USAGE}`);
  const port = flags.port === undefined ? 0 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(
      `--port ${flags.port} is not a port. Use a number from 0 (any free one) to 65535.`,
    );
  }
  const accounts = flags['signed-in-accounts'];
  if (accounts !== undefined && !(Number.isInteger(Number(accounts)) && Number(accounts) >= 1)) {
    throw new Error(
      `--signed-in-accounts ${accounts} is not a count. Use 2 or more to see the sidebar as a person signed in to several Google accounts.`,
    );
  }
  const brexUrl = flags['brex-url'];
  if (brexUrl !== undefined && !/^https?:\/\/[^/]+/.test(brexUrl)) {
    throw new Error(`--brex-url ${brexUrl} is not a URL. Use one like https://api.brex.com.`);
  }
  const sandboxArgs = SANDBOX_FLAGS.filter((f) => flags[f] !== undefined).flatMap((f) => [
    `--${f}`,
    flags[f] as string,
  ]);
  if (brexUrl && sandboxArgs.length > 0) {
    throw new Error(
      `${sandboxArgs[0]} sets up the embedded sandbox, which --brex-url replaces. Use one or the other.`,
    );
  }
  return {
    port,
    brexUrl,
    as: flags.as,
    workbookFile: flags.workbook ? resolve(flags.workbook) : undefined,
    sandbox: parseSandboxArgs(sandboxArgs),
    ...(accounts === undefined ? {} : { signedInAccounts: Number(accounts) }),
  };
}

export async function serveCommand(argv: readonly string[]): Promise<void> {
  const options = parseServeArgs(argv);
  const preview = await startPreview(options);
  const brex = preview.sandbox
    ? `the embedded Brex sandbox at ${preview.brexUrl} (its token is prefilled in the sidebar)`
    : `the Brex API at ${preview.brexUrl}`;
  process.stdout.write(
    [
      `Brex for Google Sheets, local preview: ${preview.url}`,
      `Open it in your browser. The add-on talks to ${brex}.`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  const stop = () => void preview.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
