/**
 * The Brex client's HTTP port over UrlFetchApp. Every status comes back as a response, and the
 * first success of each execution is recorded for the idle-token warning (`token-use.ts`). When
 * the account's daily UrlFetch quota is used up, every request fails the same way until the day
 * starts again, so that failure is passed on as `SendingRefused`, never retried.
 */
import { SendingRefused, type HttpPort, type HttpRequest, type HttpResponse } from '../brex';
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

/** Apps Script's own words (its quota page) when the day's UrlFetch calls are used up. */
const DAILY_QUOTA_USED_UP = 'Service invoked too many times for one day: urlfetch';

export const QUOTA_MESSAGE =
  "Google's daily limit on requests from this Google account to other services (UrlFetch) is used up, so Brex was not asked. It starts again 24 hours after the day's first request; until then the sheets keep their last refreshed data.";

function sending<T>(send: () => T): T {
  try {
    return send();
  } catch (error) {
    if (error instanceof Error && error.message.includes(DAILY_QUOTA_USED_UP)) {
      throw new SendingRefused(QUOTA_MESSAGE);
    }
    throw error;
  }
}

const urlFetch: HttpPort = {
  fetch: (request) => {
    const { url, ...params } = toParams(request);
    return toResponse(sending(() => UrlFetchApp.fetch(url, params)));
  },
  fetchAll: (requests) =>
    sending(() => UrlFetchApp.fetchAll(requests.map(toParams))).map(toResponse),
};

export const urlFetchHttp: HttpPort = recordingUse(urlFetch, recordBrexUse);
