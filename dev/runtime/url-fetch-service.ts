/**
 * UrlFetchApp over real HTTP (node:http, on the main thread, so fetchAll runs in parallel).
 * Enforces the manifest's urlFetchWhitelist and the URL length limit; given a Brex URL, routes
 * the whitelisted hosts to that server, the way a DNS override would, so the bundle stays
 * byte-for-byte production. Every request has its own connection (http-request.ts), so no
 * execution's request can meet a socket another request (or a server's teardown) is closing.
 * Each user's requests count against the daily quota (one per request, fetchAll's included),
 * which starts again 24 hours after its first.
 */
import { sendRequest, type HttpResponse } from './http-request';
import { fail, op, type Execution, type Host, type ServiceTable } from './host';
import { MESSAGES, URL_FETCH_PER_DAY, URL_FETCH_URL_CHARS } from './limits';

export interface FetchParams {
  method?: string;
  headers?: Record<string, unknown>;
  payload?: unknown;
  contentType?: string;
  muteHttpExceptions?: boolean;
  followRedirects?: boolean;
  validateHttpsCertificates?: boolean;
  escaping?: boolean;
}

export interface FetchResponseData {
  readonly code: number;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array;
}

export interface UrlFetchOptions {
  /** Prefixes from appsscript.json's urlFetchWhitelist; absent means every https URL. */
  readonly whitelist?: readonly string[];
  /** Where whitelisted hosts are served from (the sandbox, staging, a proxy). */
  readonly brexUrl?: string;
  /** Requests per user and day; default a consumer account's 20,000. */
  readonly perDay?: number;
  /** Each user's count so far (saved with the workbook), updated in place. */
  readonly usage: UrlFetchUsage;
}

/** By user: when their quota day began (epoch ms) and the requests sent since. */
export type UrlFetchUsage = Record<string, { since: number; count: number }>;

const DAY_MS = 86_400_000;

function matchesPrefix(url: string, prefix: string): boolean {
  if (!prefix.startsWith('https://*.')) return url.startsWith(prefix);
  const rest = prefix.slice('https://*.'.length);
  const match = /^https:\/\/[^/]+?\.(.*)$/.exec(url);
  return match !== null && (match[1] ?? '').startsWith(rest);
}

function encodeBody(params: FetchParams): { body?: Uint8Array; contentType?: string } {
  const { payload } = params;
  if (payload === undefined || payload === null) return {};
  if (typeof payload === 'string') {
    return {
      body: Buffer.from(payload, 'utf8'),
      contentType: params.contentType ?? 'application/x-www-form-urlencoded',
    };
  }
  if (Array.isArray(payload) || payload instanceof Uint8Array) {
    return {
      body: Uint8Array.from(payload as number[], (b) => b & 0xff),
      contentType: params.contentType ?? 'application/octet-stream',
    };
  }
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(payload as Record<string, unknown>))
    form.append(k, String(v));
  return {
    body: Buffer.from(form.toString(), 'utf8'),
    contentType: params.contentType ?? 'application/x-www-form-urlencoded',
  };
}

export function createUrlFetchService(host: Host, options: UrlFetchOptions): ServiceTable {
  const route = (url: string): string => {
    if (!/^https?:\/\//.test(url)) fail(`Invalid argument: ${url}`);
    if (url.length > URL_FETCH_URL_CHARS) fail(MESSAGES.urlLength);
    if (options.whitelist && !options.whitelist.some((p) => matchesPrefix(url, p)))
      fail(MESSAGES.notWhitelisted(url));
    if (!options.brexUrl || !options.whitelist) return url;
    const target = new URL(options.brexUrl);
    const original = new URL(url);
    const base = target.pathname.replace(/\/$/, '');
    return `${target.origin}${base}${original.pathname}${original.search}`;
  };

  /** Counts `requests` against the user's day, or refuses them all, as Apps Script does. */
  const charge = (x: Execution, requests: number) => {
    const now = host.clock.now();
    const used = options.usage[x.user];
    const day = used && now - used.since < DAY_MS ? used : { since: now, count: 0 };
    if (day.count + requests > (options.perDay ?? URL_FETCH_PER_DAY)) fail(MESSAGES.urlFetchQuota);
    options.usage[x.user] = { since: day.since, count: day.count + requests };
  };

  /** One request; its round trip is counted by the caller (fetchAll's requests share one). */
  const fetchOne = async (
    x: Execution,
    url: string,
    params: FetchParams = {},
  ): Promise<FetchResponseData> => {
    const target = route(String(url));
    const { body, contentType } = encodeBody(params);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(params.headers ?? {}))
      if (k.toLowerCase() !== 'connection') headers[k] = String(v);
    if (contentType && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type'))
      headers['Content-Type'] = contentType;
    host.count(x, 'fetchBytesSent', (body?.byteLength ?? 0) + JSON.stringify(headers).length);
    let response: HttpResponse;
    try {
      response = await sendRequest(target, {
        method: (params.method ?? 'get').toUpperCase(),
        headers,
        body,
        follow: params.followRedirects !== false,
      });
    } catch {
      fail(`Address unavailable: ${url}`);
    }
    const bytes = response.body;
    host.count(x, 'fetchBytesReceived', bytes.byteLength);
    const responseHeaders = response.headers;
    if (response.status >= 400 && !params.muteHttpExceptions) {
      const text = Buffer.from(bytes).toString('utf8');
      fail(
        `Request failed for ${new URL(url).origin} returned code ${response.status}. Truncated server response: ${text.slice(0, 500)} (use muteHttpExceptions option to examine full response)`,
      );
    }
    return { code: response.status, headers: responseHeaders, body: bytes };
  };

  return {
    'UrlFetchApp.fetch': op('fetch', (x, _h, url: string, params?: FetchParams) => {
      charge(x, 1);
      host.count(x, 'fetches');
      return fetchOne(x, url, params);
    }),
    'UrlFetchApp.fetchAll': op(
      'fetch',
      (x, _h, requests: Array<string | ({ url: string } & FetchParams)>) => {
        // A request Apps Script refuses (its URL) fails the whole batch before any is sent.
        for (const r of requests) route(String(typeof r === 'string' ? r : r.url));
        charge(x, requests.length);
        // Google runs a batch's requests in parallel: one round trip, however many requests.
        if (requests.length > 0) host.count(x, 'fetches');
        return Promise.all(
          requests.map((r) => (typeof r === 'string' ? fetchOne(x, r) : fetchOne(x, r.url, r))),
        );
      },
    ),
  };
}
