/**
 * The sidebar's one way to the server: each sidebar function of src/server/index.ts as a Promise.
 * `connectServer` decides once whether `google.script.run` is there (inside Sheets, or a page that
 * provides a shim of it, like the local preview) and the rest of the sidebar never asks.
 */
import {
  SIDEBAR_FUNCTION_NAMES,
  type ServerArgs,
  type ServerResult,
  type SidebarFunctionName,
} from './server-functions';

export type ServerFacade = {
  readonly [K in SidebarFunctionName]: (...args: ServerArgs<K>) => Promise<ServerResult<K>>;
};

/** The part of `google.script.run` the facade uses: a fresh runner per call, as Google's is. */
export interface ScriptRun {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: unknown) => void): ScriptRun;
  [functionName: string]: unknown;
}

export interface ScriptHost {
  readonly google?: { readonly script?: { readonly run?: ScriptRun } };
}

/** A failed server call: `message` reads "<what happened>. <what to do>" and is safe to show. */
export class ServerCallError extends Error {
  constructor(
    readonly functionName: SidebarFunctionName,
    message: string,
  ) {
    super(message);
    this.name = 'ServerCallError';
  }
}

const NO_SERVER =
  'The sidebar cannot reach the add-on. Open it from Extensions ▸ Brex ▸ Open sidebar in Google Sheets.';

/** Google's own transport failures, reworded with the next step. */
const TRANSPORT_ERRORS: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /NetworkError|HTTP 0|Failed to fetch/i,
    'The sidebar lost contact with Google. Check your internet connection, then try again.',
  ],
  // Signed in to several Google accounts, the sidebar's calls run as the browser's default
  // account, which may not be the one that opened the spreadsheet; authorizing again changes
  // nothing, so the message names what does.
  [
    /authorization is required|not authorized|PERMISSION_DENIED/i,
    'Google refused the call: this usually happens when you are signed in to several Google accounts. Open this spreadsheet in your default Google account (the one you signed in with first), or in a private window signed in to one account, or sign out of the other accounts; then open Extensions ▸ Brex again.',
  ],
  [
    /exceeded maximum execution time/i,
    'The server ran out of time (Apps Script allows 6 minutes). Try again: the refresh continues where it stopped.',
  ],
];

/** The message to show for whatever a failure handler received. */
export function errorMessage(error: unknown): string {
  const raw =
    typeof error === 'string'
      ? error
      : typeof (error as { message?: unknown } | null)?.message === 'string'
        ? (error as { message: string }).message
        : '';
  const message = raw.replace(/^(?:(?:Script)?Error|Exception|TypeError):\s*/, '').trim();
  for (const [pattern, reworded] of TRANSPORT_ERRORS) if (pattern.test(message)) return reworded;
  return (
    message ||
    'The add-on failed without saying why. Try again; if it keeps failing, reload the spreadsheet.'
  );
}

function call(run: ScriptRun | undefined, name: SidebarFunctionName, args: unknown[]) {
  return new Promise<unknown>((resolve, reject) => {
    if (!run) {
      reject(new ServerCallError(name, NO_SERVER));
      return;
    }
    const runner = run
      .withSuccessHandler(resolve)
      .withFailureHandler((error) => reject(new ServerCallError(name, errorMessage(error))));
    const fn = runner[name];
    if (typeof fn !== 'function') {
      reject(new ServerCallError(name, NO_SERVER));
      return;
    }
    (fn as (...a: unknown[]) => void).apply(runner, args);
  });
}

export function connectServer(host: ScriptHost): ServerFacade {
  const run = host.google?.script?.run;
  const facade: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const name of SIDEBAR_FUNCTION_NAMES) facade[name] = (...args) => call(run, name, args);
  return facade as unknown as ServerFacade;
}
