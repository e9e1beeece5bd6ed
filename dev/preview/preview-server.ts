/**
 * The local preview: the built add-on in the local Apps Script runtime, wired to the embedded
 * Brex sandbox (or any Brex URL), behind a page on 127.0.0.1 that shows the spreadsheet beside
 * the real dist/sidebar.html.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import {
  createRuntime,
  openRuntime,
  type CostModel,
  type Runtime,
  type RuntimeClock,
} from '../runtime';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox';
import { functionHelp } from './function-help';
import { checkLocal, HttpError, readJson, send, sendJson } from './http-kit';
import { PreviewSession } from './preview-session';
import { spreadsheetPage, withBridge, type BridgeConfig } from './preview-pages';

export interface PreviewOptions {
  /** The port to serve on (127.0.0.1); 0, the default, picks a free one. */
  readonly port?: number;
  /** A Brex API to use instead of the embedded sandbox (staging, a real account, a closed port). */
  readonly brexUrl?: string;
  /** Options of the embedded sandbox (ignored with brexUrl). */
  readonly sandbox?: SandboxOptions;
  /** The person using the spreadsheet; default its owner. */
  readonly as?: string;
  /** A workbook file to open and keep saved after every change; default an in-memory workbook. */
  readonly workbookFile?: string;
  /** The built bundle's folder; default the repository's dist/. */
  readonly bundleDir?: string;
  /**
   * Google accounts signed in to the browser; default 1. With more, the sidebar's and dialogs'
   * `google.script.run` calls fail as Google's do when the browser's default account is not the
   * one that opened the spreadsheet (menu items still run).
   */
  readonly signedInAccounts?: number;
  /** The runtime's clock; default real time. A fake one makes Brex's retry waits instant. */
  readonly clock?: RuntimeClock;
  /**
   * With a fake clock: advance it by each service call's cost in `costModel` (read live, so a
   * test can make Brex slow for one push and see it span several executions).
   */
  readonly modelTime?: boolean;
  readonly costModel?: CostModel;
}

/** What Google answers a `google.script.run` call made as the wrong one of several accounts. */
export const MULTI_ACCOUNT_ERROR =
  "ScriptError: We're sorry, a server error occurred while reading from storage. Error code PERMISSION_DENIED.";

export interface Preview {
  /** The page to open. */
  readonly url: string;
  /** Where the add-on's Brex requests go. */
  readonly brexUrl: string;
  /** The embedded sandbox, or null when brexUrl was given. */
  readonly sandbox: Sandbox | null;
  readonly runtime: Runtime;
  close(): Promise<void>;
}

/** Rows of a sheet sent to the page unless it asks for more. */
const DEFAULT_WINDOW_ROWS = 200;
const MAX_WINDOW_ROWS = 5000;

export async function startPreview(options: PreviewOptions = {}): Promise<Preview> {
  const sandbox = options.brexUrl ? null : await startSandbox(options.sandbox);
  const brexUrl = options.brexUrl ?? (sandbox as Sandbox).url;
  const runtimeOptions = {
    bundleDir: options.bundleDir,
    brexUrl,
    clock: options.clock,
    modelTime: options.modelTime,
    costModel: options.costModel,
  };
  const runtime = options.workbookFile
    ? openRuntime(options.workbookFile, runtimeOptions)
    : createRuntime(runtimeOptions);
  const session = new PreviewSession(runtime, options.as ?? runtime.workbook.owner);
  // The formula bar's help, read once from the bundle the runtime runs.
  const functions = functionHelp(
    readFileSync(join(options.bundleDir ?? resolve(__dirname, '../../dist'), 'Code.js'), 'utf8'),
  );
  const bridge: BridgeConfig = sandbox ? { token: sandbox.token, environment: 'Sandbox' } : {};
  const save = () => {
    if (options.workbookFile) runtime.save(options.workbookFile);
  };

  try {
    await session.open();
    // The sidebar is open when the page first loads, as after Extensions ▸ Brex ▸ Open sidebar.
    const opened = await session.call('showSidebar', []);
    if (!opened.ok) throw new Error(`showSidebar failed: ${opened.message}`);
  } catch (error) {
    await sandbox?.close();
    throw error;
  }

  let port = 0;
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      send(response, status, 'text', (error as Error).message);
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    checkLocal(request, port);
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const route = `${request.method ?? 'GET'} ${url.pathname}`;
    switch (route) {
      case 'GET /':
        return send(response, 200, 'html', spreadsheetPage());
      case 'GET /favicon.ico':
        return send(response, 204, 'text', '');
      case 'GET /sidebar': {
        const html = session.sidebarHtml();
        if (!html)
          throw new HttpError(404, 'No sidebar is open. Use Extensions ▸ Brex ▸ Open sidebar.');
        return send(response, 200, 'html', withBridge(html, bridge));
      }
      case 'GET /dialog': {
        const html = session.dialogHtml(Number(url.searchParams.get('index')));
        if (!html) throw new HttpError(404, 'No such dialog.');
        return send(response, 200, 'html', withBridge(html, {}));
      }
      case 'GET /api/functions':
        return sendJson(response, functions);
      case 'GET /api/state':
        return sendJson(response, session.state());
      case 'GET /api/sheet': {
        const rows = Math.min(
          MAX_WINDOW_ROWS,
          Number(url.searchParams.get('rows')) || DEFAULT_WINDOW_ROWS,
        );
        const view = session.sheet(url.searchParams.get('name') ?? '', rows);
        if (!view) throw new HttpError(404, 'No such sheet.');
        return sendJson(response, view);
      }
      case 'POST /api/call': {
        const body = await readJson(request);
        if (body.from === 'bridge' && (options.signedInAccounts ?? 1) > 1) {
          return sendJson(response, { ok: false, message: MULTI_ACCOUNT_ERROR });
        }
        const args = Array.isArray(body.args) ? (body.args as unknown[]) : [];
        const outcome = await session.call(String(body.functionName ?? ''), args);
        save();
        return sendJson(response, outcome);
      }
      case 'POST /api/edit': {
        const body = await readJson(request);
        const outcome = await session.edit(
          String(body.sheet ?? ''),
          String(body.cell ?? ''),
          String(body.value ?? ''),
        );
        save();
        return sendJson(response, outcome);
      }
      case 'POST /api/activate': {
        session.activate(String((await readJson(request)).sheet ?? ''));
        return sendJson(response, { ok: true });
      }
      default:
        throw new HttpError(404, `Nothing at ${url.pathname}.`);
    }
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    await sandbox?.close();
    throw (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? new Error(
          `Port ${options.port} is in use. Pick another with --port N, or --port 0 for any free one.`,
        )
      : error;
  }
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    brexUrl,
    sandbox,
    runtime,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      save();
      await sandbox?.close();
    },
  };
}
