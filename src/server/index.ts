/**
 * The add-on's entry points, and nothing else. The build turns every export below into a
 * top-level function of dist/Code.js, with the JSDoc written here (see dev/build/entry-points.ts).
 * Keep this file free of top-level statements: Apps Script runs the whole bundle on every
 * execution, including onOpen in AuthMode.NONE, where any service call would kill the menu.
 * It is long because it is the whole list of entry points, one thin export each: the build reads
 * their names and JSDoc from this one file.
 */
import {
  auditEntry,
  choiceValue,
  conflictChoice,
  conflictKey,
  optionalIds,
  plainObject,
  reviewedChanges,
} from './argument-checks';
import { createDashboardService, type DashboardResult } from '../apps-script/dashboard-sheet';
import { buildAddonMenuService } from '../apps-script/menu';
import {
  openHelpService,
  openSidebarService,
  toastFormulasRefreshedService,
} from '../apps-script/sidebar';
import {
  getScheduleService,
  runScheduledRefreshService,
  setScheduleService,
  takeOverScheduleService,
} from '../apps-script/triggers';
import {
  connectionStatusService,
  connectService,
  disconnectService,
  forgetWriteCredentialService,
  refreshNowService,
  saveWriteCredentialService,
  saveSyncSettingsService,
  syncHealthService,
  syncSettingsService,
  type SyncHealthReport,
} from '../apps-script/sync-service';
import {
  chooseForChangeService,
  discardChangesService,
  discardService,
  markEditService,
  pendingCountService,
  pushChangesService,
  pushService,
  resolveConflictService,
  revertService,
  reviewChangesService,
  reviewService,
  saveWriteBackSettingsService,
  writeBackSettingsService,
} from '../apps-script/writeback-service';
import type {
  ChangeResult,
  ChangesReview,
  ConflictChoice,
  ConflictResolved,
  DiscardedChanges,
  DiscardResult,
  PendingCount,
  PushResult,
  RevertResult,
  SpendLimitReview,
  ReviewedChange,
  WriteBackSettings,
} from '../contract/writeback';
import {
  customFunctionService,
  refreshFormulasService,
} from '../apps-script/custom-functions-service';
import {
  brexBalance,
  brexBalances,
  brexCards,
  brexExpenseCategories,
  brexExpenses,
  brexSpend,
  brexSpendLimits,
  brexTransactions,
  brexUsers,
  type FunctionResult,
} from '../functions';
import type { ConnectInput, ConnectionStatus, WriteCredentialInput } from '../sync/connection';
import type { RefreshSummary } from '../sync/refresh';
import type { SyncSettings } from '../sync/settings';
import type { ScheduledRun, ScheduleRequest, ScheduleStatus } from '../schedule/schedule';

/** Adds the Extensions ▸ Brex menu when the spreadsheet opens. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildAddonMenuService(SpreadsheetApp.getUi());
}

/** Runs when the add-on is installed from inside a spreadsheet: the menu appears at once. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

/**
 * Runs when a person edits a cell (simple trigger, AuthMode.LIMITED): an edited "Base limit" of
 * "Brex Spend Limits" is marked pending at once; edits elsewhere return straight away.
 */
export function onEdit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  if (e?.range) markEditService(e.range, e.user?.getEmail?.() ?? '');
}

/** Menu ▸ Open sidebar. */
export function showSidebar(): void {
  openSidebarService();
}

/** Menu ▸ Refresh now: opens the sidebar, which refreshes at once and shows the progress. */
export function showRefreshSidebar(): void {
  openSidebarService('refresh');
}

/** Menu ▸ Review changes: opens the sidebar on the review of every pending change. */
export function showReviewSidebar(): void {
  openSidebarService('review');
}

/**
 * Menu ▸ Create dashboard: adds the "Brex Dashboard" sheet with its tables and charts, or brings
 * the existing one up to date (never a second one). Every finished refresh updates it too.
 */
export function createDashboard(): DashboardResult {
  return createDashboardService();
}

/** Menu ▸ Help. */
export function showHelp(): void {
  openHelpService();
}

/**
 * Menu ▸ Refresh now, the scheduled refresh's work and the sidebar's refresh: runs one execution
 * of the refresh for the chosen data sets (all by default) and returns a summary. When `done` is
 * false the refresh stopped before the time limit; calling again continues it.
 */
export function refreshNow(dataSets?: string[]): RefreshSummary {
  return refreshNowService(optionalIds('refreshNow', dataSets));
}

/** Sidebar: sync health per data set (last success, counts, last error with Brex's trace id). */
export function getSyncHealth(): SyncHealthReport {
  return syncHealthService();
}

/** Sidebar: the chosen data sets and history start (`YYYY-MM-DD`). */
export function getSyncSettings(): SyncSettings {
  return syncSettingsService();
}

/** Sidebar: saves the chosen data sets and history start. */
export function saveSyncSettings(settings: SyncSettings): SyncSettings {
  return saveSyncSettingsService(
    plainObject(
      'saveSyncSettings',
      settings,
      '{ "dataSets": ["spend_limits"], "historyStart": "2026-01-01" }',
    ),
  );
}

/** Sidebar: checks a Brex token with one call and connects this spreadsheet to Brex. */
export function connect(input: ConnectInput): ConnectionStatus {
  return connectService(
    plainObject('connect', input, '{ "token": "…", "environment": "production" }'),
  );
}

/** Sidebar: removes the spreadsheet's Brex connection and this user's write credential. */
export function disconnect(): ConnectionStatus {
  return disconnectService();
}

/**
 * Sidebar: checks a Brex token with one call and keeps it as this user's own write credential
 * (user properties), or, when they choose so, the connection's token.
 */
export function saveWriteCredential(input: WriteCredentialInput): ConnectionStatus {
  return saveWriteCredentialService(input);
}

/** Sidebar: removes this user's write credential; the spreadsheet stays connected. */
export function forgetWriteCredential(): ConnectionStatus {
  return forgetWriteCredentialService();
}

/** Sidebar: who the spreadsheet is connected as (never the token, at most its last four characters). */
export function getConnectionStatus(): ConnectionStatus {
  return connectionStatusService();
}

/**
 * Every pending change across the synced sheets (an edited cell, or a new row, that a Brex action
 * will send), each with its key, sheet, row, action, target, what Brex has now, what will be sent,
 * and a problem or its consequences; brings the cells' pending marks up to date.
 */
export function reviewChanges(): ChangesReview {
  return reviewChangesService();
}

/**
 * Pushes changes to Brex with the acting user's own write credential: the ones whose keys (from
 * `reviewChanges`) are given, or, without keys, every valid change that is neither irreversible
 * nor a creation (those go only when their keys are named). One result per change; every attempt
 * is recorded in the "Brex Audit Log" sheet. A large push stops before Apps Script's time limit:
 * the changes it did not send come back "deferred", and pushing again sends them.
 */
export function pushChanges(keys?: string[]): ChangeResult[] {
  return pushChangesService(optionalIds('pushChanges', keys));
}

/**
 * After a push found Brex's value changed since the sync: "keep_mine" keeps the edit, compared
 * from now on with Brex's value (review and push it again); "take_brex" puts Brex's value in the
 * row. Brex is read again first, with the acting user's own write credential.
 */
export function resolveConflict(key: string, choice: ConflictChoice): ConflictResolved {
  return resolveConflictService(
    conflictKey('resolveConflict', key),
    conflictChoice('resolveConflict', choice),
  );
}

/** Restores the changes with these keys (all when omitted) to the values of the last sync. */
export function discardChanges(keys?: string[]): DiscardedChanges {
  return discardChangesService(optionalIds('discardChanges', keys));
}

/**
 * Sidebar: writes the option chosen at review (a card termination's reason from Brex's list)
 * into the row of the change with this key, as if typed, and returns the review as it now is.
 */
export function chooseForChange(key: string, value: string): ChangesReview {
  return chooseForChangeService(
    conflictKey('chooseForChange', key),
    choiceValue('chooseForChange', value),
  );
}

/**
 * Sidebar: how many changes are pending (and refused) in the synced sheets, read from the sheets
 * alone (no Brex request, nothing written), for the count the sidebar polls while open.
 */
export function pendingChangeCount(): PendingCount {
  return pendingCountService();
}

/**
 * The edited "Base limit" cells of the "Brex Spend Limits" sheet (compared with the last sync),
 * each with its validation result and consequences; brings the cells' pending marks up to date.
 */
export function reviewSpendLimitChanges(): SpendLimitReview {
  return reviewService();
}

/**
 * Pushes the reviewed spend-limit changes (each id with the fingerprint its review gave) to Brex
 * with the acting user's own write credential, and returns one result per change. A change no
 * longer as reviewed is not sent. Every attempt is recorded in the "Brex Audit Log" sheet.
 */
export function pushSpendLimitChanges(reviewed: ReviewedChange[]): PushResult[] {
  return pushService(reviewedChanges('pushSpendLimitChanges', reviewed));
}

/** Restores the listed edited limits (all when `ids` is omitted) to the values of the last sync. */
export function discardSpendLimitChanges(ids?: string[]): DiscardResult {
  return discardService(optionalIds('discardSpendLimitChanges', ids));
}

/**
 * "Revert" on a "Brex Audit Log" row: stages the inverse of that push (e.g. the limit's cell gets
 * the old amount back) for review, for any action that has one. `entry` is the audit row number
 * or the push's idempotency key.
 */
export function revertAuditEntry(entry: number | string): RevertResult {
  return revertService(auditEntry('revertAuditEntry', entry));
}

/** Sidebar: the write-back's ceilings (an edit above its currency's ceiling is refused). */
export function getWriteBackSettings(): WriteBackSettings {
  return writeBackSettingsService();
}

/** Sidebar: saves the write-back's ceilings. */
export function saveWriteBackSettings(settings: WriteBackSettings): WriteBackSettings {
  return saveWriteBackSettingsService(
    plainObject(
      'saveWriteBackSettings',
      settings,
      '{ "ceilings": { "USD": 1000000 }, "defaultCeiling": 1000000 }',
    ),
  );
}

/**
 * Menu ▸ Refresh formulas: writes the time into 'Brex Settings'!B1, so every Brex formula that
 * takes that cell as its last argument runs again, and says so in a toast.
 */
export function refreshFormulas(): void {
  refreshFormulasService();
  toastFormulasRefreshedService();
}

/**
 * Settled Brex transactions from a date, one row each, with a header row.
 *
 * Example: =BREX_TRANSACTIONS("2026-01-01", , "all", "Posted date, Description, Amount")
 *
 * @param {date} start_date First posted day: a date, or an ISO date like "2026-01-31".
 * @param {date} end_date Optional. Last posted day (a date or ISO date); blank for up to today.
 * @param {string} account Optional. "card" (default), "cash" (every cash account), "all", or a cash account id.
 * @param {string} columns Optional. Header names to show, in order: "Posted date, Amount", or a range of names.
 * @param {any} refresh Optional. Any cell, e.g. 'Brex Settings'!B1: when it changes, the formula asks Brex again.
 * @return A table of transactions, amounts in the currency's units.
 * @customfunction
 */
export function BREX_TRANSACTIONS(
  start_date: unknown,
  end_date?: unknown,
  account?: unknown,
  columns?: unknown,
  refresh?: unknown,
): FunctionResult {
  return customFunctionService(brexTransactions, [start_date, end_date, account, columns, refresh]);
}

/**
 * Every Brex card and cash account with its balances, a row each, with a header row.
 *
 * Example: =BREX_BALANCES('Brex Settings'!B1)
 *
 * @param {any} refresh Optional. Any cell, e.g. 'Brex Settings'!B1: when it changes, the formula asks Brex again.
 * @return A table of accounts: kind, name, status, current and available balance, limit, currency.
 * @customfunction
 */
export function BREX_BALANCES(refresh?: unknown): FunctionResult {
  return customFunctionService(brexBalances, [refresh]);
}

/**
 * One balance, as a number in the account's currency.
 *
 * Example: =BREX_BALANCE("cash", "available")
 *
 * @param {string} account Optional. "card" (default), "cash" (the primary cash account) or a cash account id.
 * @param {string} kind Optional. "current" (default) or "available".
 * @param {any} refresh Optional. Any cell, e.g. 'Brex Settings'!B1: when it changes, the formula asks Brex again.
 * @return The balance, in the currency's units.
 * @customfunction
 */
export function BREX_BALANCE(account?: unknown, kind?: unknown, refresh?: unknown): FunctionResult {
  return customFunctionService(brexBalance, [account, kind, refresh]);
}

/**
 * Brex expenses purchased in a period, a row each, with a header row.
 *
 * Example: =BREX_EXPENSES("2026-01-01", "2026-01-31", "APPROVED, SETTLED")
 *
 * @param {date} start_date First purchase day: a date, or an ISO date like "2026-01-31".
 * @param {date} end_date Optional. Last purchase day (a date or ISO date); blank for up to today.
 * @param {string} status Optional. DRAFT, SUBMITTED, APPROVED, OUT_OF_POLICY, VOID, CANCELED, SPLIT or SETTLED; several separated by commas; blank for all.
 * @param {any} refresh Optional. Any cell, e.g. 'Brex Settings'!B1: when it changes, the formula asks Brex again.
 * @return A table of expenses, amounts in the currency's units.
 * @customfunction
 */
export function BREX_EXPENSES(
  start_date: unknown,
  end_date?: unknown,
  status?: unknown,
  refresh?: unknown,
): FunctionResult {
  return customFunctionService(brexExpenses, [start_date, end_date, status, refresh]);
}

/**
 * Expense count and total per expense category, from the billing amounts of every expense
 * purchased in the period (whatever its status), a row per category and currency.
 *
 * Example: =BREX_EXPENSE_CATEGORIES("2026-01-01", "2026-03-31")
 *
 * @param {date} start_date Optional. First purchase day (a date or ISO date); blank for the sync's history start.
 * @param {date} end_date Optional. Last purchase day (a date or ISO date); blank for up to today.
 * @param {any} refresh Optional. Any cell, e.g. 'Brex Settings'!B1: when it changes, the formula asks Brex again.
 * @return A table: category, currency, expense count, spend.
 * @customfunction
 */
export function BREX_EXPENSE_CATEGORIES(
  start_date?: unknown,
  end_date?: unknown,
  refresh?: unknown,
): FunctionResult {
  return customFunctionService(brexExpenseCategories, [start_date, end_date, refresh]);
}

/**
 * Spend grouped by department, user, category, merchant or month: the billing amounts of every
 * expense purchased in the period (whatever its status), a row per group and currency.
 *
 * Example: =BREX_SPEND("department", "2026-01-01", "2026-03-31")
 *
 * @param {string} group_by "department", "user", "category", "merchant" or "month".
 * @param {date} start_date Optional. First purchase day (a date or ISO date); blank for the sync's history start.
 * @param {date} end_date Optional. Last purchase day (a date or ISO date); blank for up to today.
 * @param {any} refresh Optional. Any cell, e.g. 'Brex Settings'!B1: when it changes, the formula asks Brex again.
 * @return A table: group, currency, expense count, spend; largest spend first (months in order).
 * @customfunction
 */
export function BREX_SPEND(
  group_by: unknown,
  start_date?: unknown,
  end_date?: unknown,
  refresh?: unknown,
): FunctionResult {
  return customFunctionService(brexSpend, [group_by, start_date, end_date, refresh]);
}

/**
 * Every Brex spend limit with its limit, spend this period and what remains, a row each.
 *
 * Example: =BREX_SPEND_LIMITS('Brex Settings'!B1)
 *
 * @param {any} refresh Optional. Any cell, e.g. 'Brex Settings'!B1: when it changes, the formula asks Brex again.
 * @return A table of spend limits, amounts in the currency's units.
 * @customfunction
 */
export function BREX_SPEND_LIMITS(refresh?: unknown): FunctionResult {
  return customFunctionService(brexSpendLimits, [refresh]);
}

/**
 * Every Brex card with its holder, status, limit and what is available, a row each.
 *
 * Example: =BREX_CARDS('Brex Settings'!B1)
 *
 * @param {any} refresh Optional. Any cell, e.g. 'Brex Settings'!B1: when it changes, the formula asks Brex again.
 * @return A table of cards, amounts in the currency's units.
 * @customfunction
 */
export function BREX_CARDS(refresh?: unknown): FunctionResult {
  return customFunctionService(brexCards, [refresh]);
}

/**
 * Every Brex user with their department, location, manager and monthly limit, a row each.
 *
 * Example: =BREX_USERS('Brex Settings'!B1)
 *
 * @param {any} refresh Optional. Any cell, e.g. 'Brex Settings'!B1: when it changes, the formula asks Brex again.
 * @return A table of users.
 * @customfunction
 */
export function BREX_USERS(refresh?: unknown): FunctionResult {
  return customFunctionService(brexUsers, [refresh]);
}

/** Sidebar: the scheduled refresh (off, hourly, every 6 hours or daily), whose trigger runs it, its last run. */
export function getSchedule(): ScheduleStatus {
  return getScheduleService();
}

/**
 * Sidebar: schedules the refresh with a trigger of the calling user, who becomes the schedule's
 * owner (`kind: 'off'` turns it off). `hour` (0–23, spreadsheet time zone) is for `daily`.
 */
export function setSchedule(request: ScheduleRequest): ScheduleStatus {
  return setScheduleService(plainObject('setSchedule', request, '{ "kind": "daily", "hour": 6 }'));
}

/** Sidebar: another editor takes the current schedule over, running it under their own account. */
export function takeOverSchedule(): ScheduleStatus {
  return takeOverScheduleService();
}

/**
 * Schedule trigger handler: one execution of the refresh (a long one continues at the next run),
 * then Refresh formulas. A trigger replaced by another editor's removes itself instead.
 */
export function runScheduledRefresh(e?: { triggerUid?: string }): ScheduledRun | null {
  return runScheduledRefreshService(e, {
    refresh: () => refreshNowService(),
    refreshFormulas: () => refreshFormulasService(),
  });
}
