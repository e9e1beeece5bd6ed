/**
 * The service table the bundle calls into: every in-memory Apps Script service over one host,
 * narrowed to the manifest's OAuth scopes and, inside a time-driven trigger, to what such a run
 * lacks. Owns nothing itself: the state it serves is the runtime's.
 */
import { createCacheService, type CacheStores } from './cache-service';
import { createChartService } from './chart-service';
import { withClockTriggerGaps, type ClockTriggerGap } from './clock-trigger-gaps';
import { createColumnWidthService } from './column-width-service';
import { createDeveloperMetadataService } from './developer-metadata';
import { createFilterService } from './filter-service';
import { op, type Host, type ServiceTable } from './host';
import { createLockService } from './lock-service';
import { withManifestScopes } from './manifest-scopes';
import { createPropertiesService, type PropertyStores } from './properties-service';
import { createScriptAppService, type TriggerRecord } from './script-app-service';
import { createSessionService } from './session-service';
import { createSpreadsheetService } from './spreadsheet-service';
import { createUiService, type UiRecord } from './ui-service';
import { createUrlFetchService, type UrlFetchUsage } from './url-fetch-service';

/** What appsscript.json says that the runtime heeds. */
export interface Manifest {
  timeZone?: string;
  oauthScopes?: string[];
  urlFetchWhitelist?: string[];
}

export interface ServiceState {
  readonly properties: PropertyStores;
  readonly caches: CacheStores;
  readonly triggers: TriggerRecord[];
  readonly ui: UiRecord;
  readonly urlFetchUsage: UrlFetchUsage;
}

export interface ServiceOptions {
  readonly brexUrl?: string;
  readonly urlFetchPerDay?: number;
  readonly clockTriggerLacks?: readonly ClockTriggerGap[];
}

export function createServices(
  host: Host,
  state: ServiceState,
  manifest: Manifest,
  options: ServiceOptions,
): { services: ServiceTable; releaseLocks(executionId: number): void } {
  const locks = createLockService(host);
  const all: ServiceTable = {
    ...createSpreadsheetService(host),
    ...createChartService(host),
    ...createDeveloperMetadataService(host),
    ...createFilterService(host),
    ...createColumnWidthService(host),
    ...createPropertiesService(host, state.properties),
    ...createCacheService(host, state.caches),
    ...locks.service,
    ...createScriptAppService(host, state.triggers),
    ...createUrlFetchService(host, {
      whitelist: manifest.urlFetchWhitelist,
      brexUrl: options.brexUrl,
      perDay: options.urlFetchPerDay,
      usage: state.urlFetchUsage,
    }),
    ...createUiService(host, state.ui),
    ...createSessionService(manifest.timeZone ?? 'Etc/UTC'),
    'Utilities.sleep': op('free', async (x, _h, ms: number) => {
      host.count(x, 'sleepMs', ms);
      if (!host.modelTime) await host.clock.sleep(ms);
    }),
  };
  return {
    services: withClockTriggerGaps(
      withManifestScopes(all, manifest.oauthScopes),
      options.clockTriggerLacks ?? [],
    ),
    releaseLocks: (executionId) => locks.releaseAll(executionId),
  };
}
