/**
 * The Brex client's HTTP port over UrlFetchApp. Every status comes back as a response, and the
 * first success of each execution is recorded for the idle-token warning (`token-use.ts`).
 */
import type { HttpPort, HttpRequest, HttpResponse } from '../brex';
import { recordBrexUse, recordingUse } from './token-use';

function toParams(request: HttpRequest): GoogleAppsScript.URL_Fetch.URLFetchRequest {
  const headers: Record<string, string> = {};
  let contentType: string | undefined;
  for (const [name, value] of Object.entries(request.headers)) {
    // UrlFetchApp takes the content type as its own option, not as a header.
    if (name.toLowerCase() === 'content-type') contentType = value;
    else headers[name] = value;
  }
  return {
    url: request.url,
    method: request.method,
    headers,
    muteHttpExceptions: true,
    followRedirects: false,
    ...(request.payload === undefined
      ? {}
      : { payload: request.payload, contentType: contentType ?? 'application/json' }),
  };
}

function toResponse(response: GoogleAppsScript.URL_Fetch.HTTPResponse): HttpResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.getAllHeaders() as Record<string, unknown>)) {
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return { status: response.getResponseCode(), headers, body: response.getContentText() };
}

const urlFetch: HttpPort = {
  fetch: (request) => {
    const { url, ...params } = toParams(request);
    return toResponse(UrlFetchApp.fetch(url, params));
  },
  fetchAll: (requests) => UrlFetchApp.fetchAll(requests.map(toParams)).map(toResponse),
};

export const urlFetchHttp: HttpPort = recordingUse(urlFetch, recordBrexUse);
