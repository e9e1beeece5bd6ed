/** The Brex client's public surface. */
export { BrexClient } from './brex-client';
export type {
  BrexClientOptions,
  CallOptions,
  FirstRead,
  FirstResult,
  PageOptions,
  RecordName,
  Records,
  WriteOptions,
  WriteResult,
} from './brex-client';
export { brexBaseUrls, type BrexEnvironment } from './environment';
export { BrexError, type BrexErrorKind } from './errors';
export type { Clock, HttpMethod, HttpPort, HttpRequest, HttpResponse } from './http-port';
export { SendingRefused } from './http-port';
export type { ListItem, ListName, ListQuery, Lists } from './lists';
export type { Collected, CollectBound, Page } from './pagination';
export { toBrexDateTime, type DateInput } from './query-string';
export type { RateLimit } from './rate-limiter';
export type { RetryPolicy } from './retry-policy';
export type { RetryNotice } from './request-sender';
export type { Settled } from './write-batch';
export type * from './types';
