/**
 * The composition root of the sync: builds the sync core over the Apps Script adapters for the
 * entry points (menu, sidebar, triggers) in src/server/index.ts.
 */
import { BrexClient, BrexError, type RetryNotice } from '../brex';
import { availabilityOf, PROBES } from '../sync/availability';
import { clientReader } from '../ports/brex-reader';
import {
  connect,
  connectionStatus,
  disconnect,
  forgetWriteCredential,
  readConnection,
  saveWriteCredential,
  type ConnectInput,
  type ConnectionStatus,
  type TokenCheck,
  type WriteCredentialInput,
} from '../sync/connection';
import { DATA_SET_IDS, DATA_SETS } from '../data-sets';
import { updateDashboardAfterRefresh } from '../reports/dashboard';
import { runRefresh, type RefreshSummary } from '../sync/refresh';
import { currentRetry, RETRY_NOTE_KEY, writeRetryNote } from '../sync/retry-note';
import { getSyncSettings, saveSyncSettings, type SyncSettings } from '../sync/settings';
import { readJson } from '../ports/key-value-port';
import { StagedStore } from '../sync/staged-store';
import { readHealth, type DataSetHealth } from '../sync/sync-health';
import { appsScriptBrexClient } from './brex-client';
import { refreshFormulasService } from './custom-functions-service';
import { writeBackHooks } from '../writeback/refresh-hooks';
import { restoreReadOnlyMarks } from '../writeback/restore-marks';
import { RangeBlocks } from './cell-marks-range';
import { documentStore, userStore } from './properties-store';
import { SpreadsheetTable } from './spreadsheet-table';
import { lastBrexUse } from './token-use';

/** Stop starting pages well before Apps Script's 6-minute wall… */
const PAGE_BUDGET_MS = 270_000;
/** …and let no Brex call or retry run past this. */
const CALL_BUDGET_MS = 330_000;
/** How long a second refresh waits for the first before reporting it. */
const LOCK_WAIT_MS = 5_000;

export function refreshNowService(dataSets?: readonly string[]): RefreshSummary {
  const started = Date.now();
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    return {
      done: false,
      busy: true,
      message:
        'A refresh of this spreadsheet is already running. Wait for it to finish, then refresh again.',
      dataSets: [],
    };
  }
  // Read once and written once per checkpoint; created under the lock, so it reads the last
  // refresh's state.
  const store = new StagedStore(documentStore());
  try {
    const connection = readConnection(store);
    if (!connection) {
      return {
        done: true,
        busy: false,
        message:
          'This spreadsheet is not connected to Brex. Open Extensions ▸ Brex ▸ Open sidebar and connect a token.',
        dataSets: [],
      };
    }
    const saved = getSyncSettings(store, new Date(started));
    // Data sets named by the caller replace the saved choice for this refresh only.
    const settings: SyncSettings = dataSets?.length
      ? { ...saved, dataSets: DATA_SET_IDS.filter((id) => dataSets.includes(id)) }
      : saved;
    // Written at once: the execution sleeps through the wait, so no checkpoint would carry it.
    const onRetry = (notice: RetryNotice) => {
      writeRetryNote(store, notice, Date.now());
      store.commit((key) => key === RETRY_NOTE_KEY);
    };
    const reader = clientReader(
      appsScriptBrexClient(
        connection.token,
        connection.environment,
        started + CALL_BUDGET_MS,
        onRetry,
      ),
      started + CALL_BUDGET_MS,
    );
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const table = new SpreadsheetTable(spreadsheet);
    const blocks = new RangeBlocks(spreadsheet);
    const summary = runRefresh(
      {
        table,
        store,
        reader,
        now: () => Date.now(),
        stopAt: started + PAGE_BUDGET_MS,
        hooks: writeBackHooks,
        afterRows: (written) => restoreReadOnlyMarks({ store, blocks }, written),
      },
      settings,
    );
    return summary.done ? withDashboard(summary, table, store) : summary;
  } finally {
    // Whatever this run did before an unexpected error is kept: rows are written before the state
    // that records them, so the state never runs ahead of the sheets.
    store.commit();
    lock.releaseLock();
  }
}

/**
 * A finished refresh rewrites the Brex Dashboard, if the spreadsheet has one, from the sheets it
 * just wrote (no request to Brex), when it changed a row or a day has passed. Its failure leaves
 * the synced data as it is and is told.
 */
function withDashboard(
  summary: RefreshSummary,
  table: SpreadsheetTable,
  store: StagedStore,
): RefreshSummary {
  const changed = summary.dataSets.some((d) => d.added + d.updated + d.removed > 0);
  try {
    updateDashboardAfterRefresh(table, Date.now(), store, changed);
    return summary;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`Brex Dashboard not updated: ${reason}`);
    return {
      ...summary,
      message: `${summary.message} The Brex Dashboard was not updated: ${reason}`,
    };
  }
}

export interface SyncHealthReport {
  readonly refreshInProgress: boolean;
  /** ISO start of the refresh under way (its first call), or null. */
  readonly refreshStartedAt: string | null;
  /** The refresh is waiting to retry a Brex request: attempt n of max. */
  readonly retrying: { readonly attempt: number; readonly maxAttempts: number } | null;
  /** ISO time of the last successful Brex call by anyone (refresh, formula, push, connect). */
  readonly lastBrexCallAt: string | null;
  readonly dataSets: (DataSetHealth & {
    readonly title: string;
    readonly sheetName: string;
    readonly selected: boolean;
  })[];
}

export function syncHealthService(): SyncHealthReport {
  // Read only: one call for the settings, the round and every data set's health.
  const store = new StagedStore(documentStore());
  const settings = getSyncSettings(store, new Date());
  const round = readJson<{ startedAt?: string }>(store, 'sync.round');
  return {
    refreshInProgress: round !== null,
    refreshStartedAt: round?.startedAt ?? null,
    retrying: round ? currentRetry(store, Date.now()) : null,
    lastBrexCallAt: lastBrexUse(),
    dataSets: DATA_SETS.map((d) => ({
      ...readHealth(store, d.id),
      title: d.title,
      sheetName: d.sheetName,
      selected: settings.dataSets.includes(d.id),
    })),
  };
}

export function syncSettingsService(): SyncSettings {
  return getSyncSettings(documentStore(), new Date());
}

export function saveSyncSettingsService(settings: SyncSettings): SyncSettings {
  return saveSyncSettings(documentStore(), settings);
}

export function connectService(input: ConnectInput): ConnectionStatus {
  const status = connect(
    input,
    { document: documentStore(), user: userStore() },
    (token, environment) => checkToken(appsScriptBrexClient(token, environment)),
    new Date(),
  );
  // 'Brex Settings'!B1 exists before the first formula names it (and formulas read anew).
  refreshFormulasService();
  return status;
}

/**
 * Who the token is (an invalid or expired token fails here), its company, and which data sets it
 * can read: one small page of each family, all sent together (`fetchAll`).
 */
function checkToken(brex: BrexClient): TokenCheck {
  const me = brex.getMe();
  let company: string | null = null;
  try {
    company = brex.getCompany().legal_name;
  } catch (error) {
    // A token without companies.readonly still connects; the sidebar says Brex did not tell.
    if (!(error instanceof BrexError)) throw error;
  }
  const results = brex.probeLists(PROBES);
  return { me, company, dataSets: availabilityOf(results) };
}

/** Checks who the token is (`GET /v2/users/me`) and keeps it as the acting user's own. */
export function saveWriteCredentialService(input: WriteCredentialInput): ConnectionStatus {
  return saveWriteCredential(
    input,
    { document: documentStore(), user: userStore() },
    (token, environment) => appsScriptBrexClient(token, environment).getMe(),
    new Date(),
  );
}

export function forgetWriteCredentialService(): ConnectionStatus {
  return forgetWriteCredential({ document: documentStore(), user: userStore() });
}

export function disconnectService(): ConnectionStatus {
  return disconnect({ document: documentStore(), user: userStore() });
}

export function connectionStatusService(): ConnectionStatus {
  return connectionStatus({ document: documentStore(), user: userStore() });
}
