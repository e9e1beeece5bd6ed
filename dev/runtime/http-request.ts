/**
 * One HTTP(S) request on its own connection, through node:http rather than fetch. A connection
 * per request keeps any request from meeting a socket a server is closing (its idle timeout, its
 * teardown in a test); undici's fetch pays for that with an error object per closed connection,
 * whose stack the test runner maps through source maps, which cost more than the request itself.
 * Redirects are followed as fetch follows them, and compressed bodies decompressed as fetch does.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

export interface HttpResponse {
  readonly status: number;
  /** Lower-case names; repeated headers joined with ", ", as fetch's Headers give them. */
  readonly headers: Record<string, string>;
  readonly body: Uint8Array;
}

export interface HttpRequest {
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: Uint8Array;
  /** Follow 3xx answers (fetch's `redirect: 'follow'`), else hand them back. */
  readonly follow: boolean;
}

const MAX_REDIRECTS = 20;

/** Resolves with the answer; rejects when no connection or no answer could be had. */
export async function sendRequest(url: string, init: HttpRequest): Promise<HttpResponse> {
  let target = new URL(url);
  let { method, body } = init;
  for (let hop = 0; ; hop += 1) {
    const response = await once(target, method, init.headers, body);
    const location = response.headers.location;
    if (!init.follow || !location || ![301, 302, 303, 307, 308].includes(response.status))
      return response;
    if (hop >= MAX_REDIRECTS) throw new TypeError('fetch failed: redirect count exceeded');
    // As fetch: a 303, or a 301/302 after a POST, becomes a GET without a body.
    if (response.status === 303 || ([301, 302].includes(response.status) && method === 'POST')) {
      method = 'GET';
      body = undefined;
    }
    target = new URL(location, target);
  }
}

function once(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: Uint8Array | undefined,
): Promise<HttpResponse> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<HttpResponse>((resolve, reject) => {
    const req = send(url, {
      method,
      // No agent: a fresh connection, closed after the answer.
      agent: false,
      headers: {
        ...headers,
        Connection: 'close',
        'Accept-Encoding': 'gzip, deflate, br',
        ...(body ? { 'Content-Length': String(body.byteLength) } : {}),
      },
    });
    req.on('error', reject);
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', () => reject(new TypeError('terminated')));
      res.on('aborted', () => reject(new TypeError('terminated')));
      res.on('end', () => {
        try {
          resolve({
            status: res.statusCode ?? 0,
            headers: joinedHeaders(res),
            body: decoded(Buffer.concat(chunks), res.headers['content-encoding']),
          });
        } catch (error) {
          reject(error as Error);
        }
      });
    });
    req.end(body);
  });
}

function joinedHeaders(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function decoded(bytes: Buffer, encoding: string | undefined): Uint8Array {
  const body = (() => {
    switch (encoding?.trim().toLowerCase()) {
      case 'gzip':
      case 'x-gzip':
        return gunzipSync(bytes);
      case 'deflate':
        return inflateSync(bytes);
      case 'br':
        return brotliDecompressSync(bytes);
      default:
        return bytes;
    }
  })();
  return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
}
