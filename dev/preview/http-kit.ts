/** Small HTTP helpers for the preview server: JSON in and out, and a loopback-only guard. */
import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY_BYTES = 1_000_000;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'The request body is too large.');
    chunks.push(chunk as Buffer);
  }
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    if (body && typeof body === 'object' && !Array.isArray(body))
      return body as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new HttpError(400, 'The request body is not a JSON object.');
}

export function send(
  response: ServerResponse,
  status: number,
  type: 'json' | 'html' | 'text',
  body: string,
): void {
  const contentType = {
    json: 'application/json; charset=utf-8',
    html: 'text/html; charset=utf-8',
    text: 'text/plain; charset=utf-8',
  }[type];
  response.writeHead(status, {
    'Content-Type': contentType,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(body);
}

export function sendJson(response: ServerResponse, value: unknown): void {
  send(response, 200, 'json', JSON.stringify(value));
}

/**
 * Only pages of this server may drive it: the Host must be this loopback address (no DNS
 * rebinding) and a cross-site POST is refused.
 */
export function checkLocal(request: IncomingMessage, port: number): void {
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!allowed.includes(request.headers.host ?? '')) {
    throw new HttpError(403, 'The preview answers only on 127.0.0.1. Open the URL it printed.');
  }
  const origin = request.headers.origin;
  if (request.method === 'POST' && origin && !allowed.some((a) => origin === `http://${a}`)) {
    throw new HttpError(403, 'Requests from other sites are refused.');
  }
}
