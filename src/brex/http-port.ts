/**
 * The Brex client's only door to the network. Synchronous, as UrlFetchApp is: the Apps Script
 * adapter (src/apps-script/url-fetch-http.ts) implements it over `UrlFetchApp.fetch`/`fetchAll`
 * with `muteHttpExceptions`, so every HTTP status comes back as a response. A network failure
 * (DNS, refused connection, timeout) is thrown.
 */

export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

export interface HttpRequest {
  readonly url: string;
  readonly method: HttpMethod;
  readonly headers: Readonly<Record<string, string>>;
  /** A JSON body, already serialized. */
  readonly payload?: string;
}

export interface HttpResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface HttpPort {
  fetch(request: HttpRequest): HttpResponse;
  /** Sends the requests in parallel; the responses come back in the same order. */
  fetchAll(requests: readonly HttpRequest[]): HttpResponse[];
}

/**
 * Thrown by a port that may not send anything for now (Apps Script's daily UrlFetch quota is used
 * up): unlike a network failure, no retry can help, so the client passes it on at once.
 */
export class SendingRefused extends Error {
  override readonly name = 'SendingRefused';
}

/** Time, as Apps Script offers it: a wall clock and a blocking sleep (`Utilities.sleep`). */
export interface Clock {
  now(): number;
  sleep(milliseconds: number): void;
}
