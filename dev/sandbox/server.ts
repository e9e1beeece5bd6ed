/**
 * The sandbox's HTTP server: Brex's API on 127.0.0.1, plus the control API under `/_sandbox/`.
 * `startSandbox` runs it in-process; `dev/cli.ts sandbox` runs it as a process.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answer, json } from './brex-api';
import { rateLimited, serverError } from './brex-errors';
import {
  CONTROL_PREFIX,
  control,
  type ControlledSandbox,
  snapshot,
  type Snapshot,
} from './control';
import { dateOf } from './dates';
import { DEFAULT_TRANSACTIONS, DemoCompany } from './demo-company';
import { BREX_REQUESTS_PER_WINDOW, RateWindow } from './rate-window';
import { type Fault, FaultPlan, NO_FAULTS, parseFaults, WriteFaults } from './faults';
import { progressPayments } from './payment-book';
import { IdempotencyStore, type StoredResponse } from './idempotency';
import { EXPENSES_MAX_LIMIT } from './routes/expenses';
import { type LoggedRequest, queryRecord, safeHeaders } from './request-log';
import { accountOf, issueTokens } from './tokens';

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly seed?: string;
  /** The demo company's today, `YYYY-MM-DD`; defaults to the clock's current UTC date. */
  readonly today?: string;
  readonly transactions?: number;
  /** Fault spec, e.g. `rate429=0.1,err5xx=0.05,slow=0.02,truncate=0.02,lost=0.05`. */
  readonly faults?: string;
  /** Validate every request and response against Brex's specs; violations go to the log. */
  readonly strict?: boolean;
  /** How many people the company has (36 by default). */
  readonly users?: number;
  /** Cursors older than this many minutes answer 400 (by default they never expire). */
  readonly cursorTtlMinutes?: number;
  /** The largest expense page accepted (100, Brex's maximum since February 2026). */
  readonly expensePageMax?: number;
  /** Requests per account (all its tokens) in any 60 s before a 429 (Brex's 1,000 by default). */
  readonly rateLimit?: number;
  /**
   * Epoch ms: the sandbox's now (when today is the clock's today), the rate limit's window and
   * cursor ages; the real clock by default. A test whose runtime runs on a fake clock passes that
   * clock, so both sides agree on what a minute is.
   */
  readonly clock?: () => number;
}

export interface Sandbox extends ControlledSandbox {
  readonly url: string;
  /** The full-power token (printed on start). */
  readonly token: string;
  snapshot(): Snapshot;
  close(): Promise<void>;
}

export const DEFAULT_SEED = 'brex-demo';

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = options.seed ?? DEFAULT_SEED;
  const clock = options.clock ?? (() => Date.now());
  const today = options.today ?? dateOf(clock());
  // Whether the company's today is the clock's today: then the sandbox's now is the clock's time
  // and nothing it serves may be stamped later. A pinned past or future day keeps its own time,
  // late that day (see now()), after everything generated.
  let live = false;
  const demo = () => {
    live = today === dateOf(clock());
    return new DemoCompany({
      seed,
      today,
      transactions: options.transactions ?? DEFAULT_TRANSACTIONS,
      users: options.users,
      now: live ? clock : undefined,
    });
  };
  const paging = {
    clock,
    cursorTtlMs: options.cursorTtlMinutes === undefined ? null : options.cursorTtlMinutes * 60_000,
    expensePageMax: options.expensePageMax ?? EXPENSES_MAX_LIMIT,
  };
  const rateWindow = new RateWindow(options.rateLimit ?? BREX_REQUESTS_PER_WINDOW, clock);
  const tokens = issueTokens();
  const idempotency = new IdempotencyStore();
  let company = demo();
  let faults = new FaultPlan(options.faults ? parseFaults(options.faults) : NO_FAULTS, seed);
  const writeFaults = new WriteFaults();
  let ticks = 0;
  /** How far the control API has moved the sandbox's now on (`POST /_sandbox/advance`). */
  let advancedMs = 0;
  const nowMs = () =>
    live ? clock() + advancedMs : Date.parse(`${today}T23:00:00Z`) + 1000 * ticks + advancedMs;
  const validator = options.strict ? await import('./contract') : null;
  const log: LoggedRequest[] = [];

  const sandbox: Sandbox = {
    url: '',
    token: tokens.full,
    tokens,
    get company() {
      return company;
    },
    log,
    get faults() {
      return faults;
    },
    setFaults(spec) {
      faults = new FaultPlan(parseFaults(spec), seed);
    },
    failWrites(kind, attempts) {
      writeFaults.aim(kind, attempts);
    },
    repeatingCursors: new Set(),
    snapshot: () => snapshot(company.state),
    reset() {
      company = demo();
      idempotency.clear();
      log.length = 0;
      sandbox.repeatingCursors.clear();
      faults = new FaultPlan(faults.rates, seed);
      writeFaults.aim(null);
      rateWindow.clear();
      ticks = 0;
      advancedMs = 0;
    },
    now() {
      // Generated times end by 22:59:59, so every later stamp sorts after them.
      if (!live) ticks++;
      return new Date(nowMs()).toISOString();
    },
    nowMs,
    advance(ms) {
      advancedMs += ms;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  let traceSeq = 0;
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ type: 'INTERNAL', message: String(error) }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rawBody = await readBody(req);
    const method = req.method ?? 'GET';
    const traceId = `sandbox-${(++traceSeq).toString(16).padStart(8, '0')}`;
    if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
      let body: unknown;
      try {
        body = rawBody ? JSON.parse(rawBody) : undefined;
      } catch {
        return send(
          res,
          json(400, { type: 'BAD_REQUEST', message: 'Body is not valid JSON' }),
          traceId,
        );
      }
      const result = control(sandbox, method, url.pathname, body);
      return send(res, json(result.status, result.body), traceId);
    }

    // Over the rate limit, Brex answers before handling the request; no fault is drawn for it.
    const overLimit = !rateWindow.admit(accountOf(tokens, String(req.headers.authorization ?? '')));
    const aimed = overLimit ? null : writeFaults.next(method, url.pathname, rawBody);
    const fault: Fault = overLimit ? { kind: 'none' } : faults.next(method, aimed);
    const request = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      rawBody,
    };
    let response: StoredResponse;
    let token: string | null = null;
    let replayed = false;
    if (overLimit) {
      const error = rateLimited(null);
      response = json(429, error.body, error.headers);
    } else if (fault.kind === 'rate429' || fault.kind === 'err5xx') {
      const error = fault.kind === 'rate429' ? rateLimited(fault.retryAfter) : serverError();
      response = json(fault.kind === 'err5xx' ? fault.status : 429, error.body, error.headers);
    } else {
      if (fault.kind === 'slow') await delay(fault.delayMs);
      progressPayments(company, nowMs());
      const result = answer(request, company, tokens, idempotency, sandbox.now, paging);
      response = repeatCursor(result, url, sandbox.repeatingCursors);
      token = result.token?.kind ?? null;
      replayed = result.replayed;
      if (fault.kind === 'applied5xx') response = json(fault.status, serverError().body);
    }
    const violations = validator
      ? [
          ...validator.validateRequest(
            method,
            url.pathname,
            url.searchParams,
            req.headers,
            rawBody,
          ),
          ...validator.validateResponse(
            method,
            url.pathname,
            response.status,
            JSON.parse(response.body),
          ),
        ]
      : [];
    log.push({
      seq: log.length + 1,
      method,
      path: url.pathname,
      query: queryRecord(url.searchParams),
      headers: safeHeaders(req.headers),
      token,
      status: response.status,
      fault: overLimit ? 'rate_limit' : fault.kind === 'none' ? null : fault.kind,
      replayed,
      violations,
      body: rawBody,
    });
    // A DELETE's answer has no body to cut: its lost answer is a dropped connection.
    if (fault.kind === 'lost' && method === 'DELETE') res.destroy();
    else send(res, response, traceId, fault);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  (sandbox as { url: string }).url = `http://127.0.0.1:${port}`;
  return sandbox;
}

/** On a path set to repeat, a page asked for with a cursor names that same cursor as the next. */
function repeatCursor(
  response: StoredResponse,
  url: URL,
  paths: ReadonlySet<string>,
): StoredResponse {
  const cursor = url.searchParams.get('cursor');
  if (!cursor || response.status !== 200 || !paths.has(url.pathname)) return response;
  const body = JSON.parse(response.body) as Record<string, unknown>;
  return { ...response, body: JSON.stringify({ ...body, next_cursor: cursor }) };
}

/**
 * Writes a response. A `truncate` or `lost` fault keeps the status and headers but ends the body
 * halfway through the JSON (sent without Content-Length, so the client reads a cut body).
 */
function send(res: ServerResponse, response: StoredResponse, traceId: string, fault?: Fault): void {
  const cut = fault?.kind === 'truncate' || fault?.kind === 'lost';
  const body = cut ? response.body.slice(0, Math.floor(response.body.length / 2)) : response.body;
  const headers: Record<string, string | number> = {
    ...response.headers,
    'X-Brex-Trace-Id': traceId,
  };
  if (!cut) headers['Content-Length'] = Buffer.byteLength(body);
  res.writeHead(response.status, headers);
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
