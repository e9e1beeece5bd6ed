/** The Brex client over Apps Script's UrlFetchApp, clock and UUIDs: one place for every caller. */
import { BrexClient, type RetryNotice } from '../brex';
import type { ConnectEnvironment } from '../sync/connection';
import { appsScriptClock, newUuid } from './apps-script-clock';
import { urlFetchHttp } from './url-fetch-http';

/** `deadline` (epoch ms): no Brex call or retry starts after it; `onRetry` hears of each retry. */
export function appsScriptBrexClient(
  token: string,
  environment: ConnectEnvironment,
  deadline?: number,
  onRetry?: (retry: RetryNotice) => void,
): BrexClient {
  return new BrexClient({
    http: urlFetchHttp,
    clock: appsScriptClock,
    newUuid,
    token,
    environment,
    deadline,
    onRetry,
  });
}
