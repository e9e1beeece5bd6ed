/**
 * When the add-on last used Brex successfully, for the sidebar's idle-token warning (Brex expires
 * tokens left idle for 30 to 90 days). Recorded here, under the Brex client's HTTP port, so that
 * every caller counts: refresh, formulas, push, connect. Apps Script starts every execution with
 * fresh globals, so "once per port" is once per execution: one property write at most, at the
 * execution's first successful response (within its 6 minutes of the last one).
 */
import type { HttpPort, HttpResponse } from '../brex';

const LAST_USE_KEY = 'brex.lastBrexCallAt';

/** Pure: `http`, calling `record` once, at the first response with a 2xx status. */
export function recordingUse(http: HttpPort, record: () => void): HttpPort {
  let recorded = false;
  const note = (responses: readonly HttpResponse[]): void => {
    if (recorded || !responses.some((r) => r.status >= 200 && r.status < 300)) return;
    recorded = true;
    record();
  };
  return {
    fetch: (request) => {
      const response = http.fetch(request);
      note([response]);
      return response;
    },
    fetchAll: (requests) => {
      const responses = http.fetchAll(requests);
      note(responses);
      return responses;
    },
  };
}

export function recordBrexUse(): void {
  try {
    PropertiesService.getDocumentProperties().setProperty(LAST_USE_KEY, new Date().toISOString());
  } catch {
    // Only the warning's input: a store that refuses the write must not fail the Brex call.
  }
}

/** ISO time of the last successful Brex call, or null before the first. */
export function lastBrexUse(): string | null {
  return PropertiesService.getDocumentProperties().getProperty(LAST_USE_KEY);
}
