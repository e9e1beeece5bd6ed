/**
 * The dashboard: reads the synced sheets (no request to Brex), computes every table and writes
 * them into their fixed places on "Brex Dashboard". Runs after each finished refresh and when a
 * person creates the dashboard; the sheet's charts read the tables, so they follow.
 */
import { isDate } from '../cells/columns';
import type { KeyValuePort } from '../ports/key-value-port';
import type { CellValue, TablePort } from '../ports/table-port';
import { zoneOffset } from '../cells/time-zone';
import { balances, limitUse, missingReceipts } from './account-tables';
import { today as todayIn } from './calendar';
import {
  DASHBOARD_SHEET,
  PERIOD_CELL,
  SECTIONS,
  sectionBlock,
  TABLE_COLUMNS,
  toBlock,
  type SectionId,
} from './layout';
import { DEFAULT_PERIOD, parsePeriod, type Period } from './period';
import { textCell, type ReportCell, type ReportTable } from './report-table';
import { currenciesByUse, readSpend } from './spend';
import { monthComparison, spendBy, spendByMonth } from './spend-tables';
import { DEFAULT_CURRENCY } from '../cells/currency';

export interface DashboardInputs {
  readonly period: CellValue;
  readonly currency: CellValue;
}

export interface DashboardModel {
  readonly period: Period | Error;
  /** The currency of the spend tables, and the others spent in. */
  readonly currency: string;
  readonly otherCurrencies: readonly string[];
  readonly notes: readonly string[];
  readonly tables: Readonly<Record<SectionId, ReportTable>>;
}

/** Reads the synced sheets and computes every table for the inputs. */
export function computeDashboard(
  table: TablePort,
  inputs: DashboardInputs,
  now: number,
): DashboardModel {
  const timeZone = table.timeZone();
  const today = todayIn(now, timeZone);
  const spend = readSpend(table);
  const used = currenciesByUse(spend.items);
  const asked = String(inputs.currency).trim().toUpperCase();
  const currency = asked || used[0] || DEFAULT_CURRENCY;
  const parsed = parsePeriod(inputs.period, today, timeZone);
  // A period the person mistyped still leaves the other tables current.
  const period = parsed instanceof Error ? (parsePeriod('', today, timeZone) as Period) : parsed;
  const capacity = (id: SectionId) => SECTIONS.find((s) => s.id === id)?.capacity ?? 0;
  const notes: string[] = [];
  if (!spend.transactionsSynced)
    notes.push(
      'Sync the Card transactions data set to see spend (Extensions ▸ Brex ▸ Open sidebar).',
    );
  if (spend.transactionsSynced && !spend.expensesSynced)
    notes.push('Categories come from the Expenses data set: sync it to see them.');
  return {
    period: parsed,
    currency,
    otherCurrencies: used.filter((c) => c !== currency),
    notes,
    tables: {
      balances: balances(table, capacity('balances')),
      comparison: monthComparison(spend.items, currency, today),
      months: spendByMonth(spend.items, currency, today, capacity('months')),
      categories: spendBy(
        spend.items,
        currency,
        period,
        (i) => i.category,
        'Category',
        capacity('categories'),
      ),
      departments: spendBy(
        spend.items,
        currency,
        period,
        (i) => i.department,
        'Department',
        capacity('departments'),
      ),
      merchants: spendBy(
        spend.items,
        currency,
        period,
        (i) => i.merchant,
        'Merchant',
        capacity('merchants'),
      ),
      limits: limitUse(table, capacity('limits')),
      receipts: missingReceipts(table, currency, period, capacity('receipts')),
    },
  };
}

/** The labels and starting values a new dashboard gets; a refresh leaves B3 and B4 alone. */
export function inputBlock() {
  return toBlock(PERIOD_CELL.row, 1, [
    [textCell('Period'), textCell(DEFAULT_PERIOD)],
    [textCell('Currency'), textCell('')],
  ]);
}

/** Where the last computation's day and inputs are kept, to skip a refresh that changed nothing. */
const COMPUTED_KEY = 'reports.dashboardComputed';

/**
 * Rewrites the dashboard's tables from the synced sheets, if the dashboard exists (false if not).
 * Writes only the dashboard's own cells: the header lines, the inputs' explanations and each
 * section's fixed block. Records what it computed for in `store`.
 */
export function updateDashboard(table: TablePort, now: number, store: KeyValuePort): boolean {
  const inputs = readInputs(table);
  if (inputs === null) return false;
  const model = computeDashboard(table, inputs, now);
  table.reserve(DASHBOARD_SHEET, lastDashboardRow(), TABLE_COLUMNS);
  table.writeBlock(DASHBOARD_SHEET, headerLines(table.timeZone(), now));
  table.writeBlock(DASHBOARD_SHEET, inputNotes(model));
  for (const section of SECTIONS)
    table.writeBlock(DASHBOARD_SHEET, sectionBlock(section, model.tables[section.id]));
  store.set(COMPUTED_KEY, computedFor(table, inputs, now));
  return true;
}

/**
 * After a finished refresh: the tables again, unless the refresh changed no row and the day and
 * the inputs are those of the last computation (a quiet refresh at 100,000 transactions would
 * otherwise read 1.4 million cells for the same figures).
 */
export function updateDashboardAfterRefresh(
  table: TablePort,
  now: number,
  store: KeyValuePort,
  dataChanged: boolean,
): boolean {
  if (!dataChanged) {
    const inputs = readInputs(table);
    if (inputs === null || store.get(COMPUTED_KEY) === computedFor(table, inputs, now))
      return false;
  }
  return updateDashboard(table, now, store);
}

/** B3 and B4; null when there is no dashboard. */
function readInputs(table: TablePort): DashboardInputs | null {
  if (table.usedSize(DASHBOARD_SHEET) === null) return null;
  const [period, currency] = table.readBlock(
    DASHBOARD_SHEET,
    PERIOD_CELL.row,
    PERIOD_CELL.column,
    2,
    1,
  );
  return { period: period?.[0] ?? '', currency: currency?.[0] ?? '' };
}

function computedFor(table: TablePort, inputs: DashboardInputs, now: number): string {
  const cell = (value: CellValue) => (isDate(value) ? `d${value.getTime()}` : String(value));
  return JSON.stringify([
    todayIn(now, table.timeZone()),
    cell(inputs.period),
    cell(inputs.currency),
  ]);
}

export function lastDashboardRow(): number {
  const last = SECTIONS[SECTIONS.length - 1];
  return last ? last.row + 2 + last.capacity : 1;
}

function headerLines(timeZone: string, now: number) {
  const stamp = new Date(now + zoneOffset(now, timeZone))
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');
  const pad = (cells: ReportCell[]) => [
    ...cells,
    ...Array(TABLE_COLUMNS - cells.length).fill(textCell('')),
  ];
  return toBlock(1, 1, [
    pad([textCell('Brex Dashboard')]),
    pad([
      textCell(
        `Computed from the synced "Brex …" sheets at ${stamp} (${timeZone}), again after every refresh that brings new data. Change B3 or B4, then Extensions ▸ Brex ▸ Create dashboard to see it at once.`,
      ),
    ]),
  ]);
}

function inputNotes(model: DashboardModel) {
  const period =
    model.period instanceof Error
      ? `${model.period.message} Showing this month meanwhile.`
      : `${model.period.label}: ${model.period.start} to ${model.period.end}.`;
  const others = model.otherCurrencies.length
    ? ` Also spent in ${model.otherCurrencies.join(', ')}: type one in B4 to see it. Amounts are never added across currencies.`
    : '';
  return toBlock(PERIOD_CELL.row, 3, [
    [textCell(period)],
    [textCell(`Spend tables in ${model.currency}.${others}`)],
    [textCell(model.notes.join(' '))],
  ]);
}
