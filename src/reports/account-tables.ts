/**
 * The dashboard's tables of balances, spend-limit use and missing receipts, read from their synced
 * sheets by header. Each money cell carries its own row's currency; nothing adds across currencies.
 */
import { DEFAULT_CURRENCY, minorUnitsToAmount, moneyNumberFormat } from '../cells/currency';
import type { CellValue, TablePort } from '../ports/table-port';
import { localDay } from './calendar';
import { Totals, toMinorUnits } from './money';
import type { Period } from './period';
import {
  blankCell,
  countCell,
  moneyCell,
  percentCell,
  textCell,
  type ReportCell,
  type ReportTable,
} from './report-table';
import { ACCOUNT_SOURCE, EXPENSE_SOURCE, LIMIT_SOURCE } from './sources';
import { text } from './spend';
import { readSyncedColumns, type SyncedColumns } from './synced-columns';

/** A spend limit this far used is flagged. */
export const LIMIT_WARNING = 0.8;

function currencyAt(columns: SyncedColumns, header: string, row: number): string {
  return text(columns.column(header)?.[row]).toUpperCase() || DEFAULT_CURRENCY;
}

function cellAt(columns: SyncedColumns, header: string, row: number): CellValue | undefined {
  return columns.column(header)?.[row];
}

function notSynced(headers: readonly string[], sheetName: string, dataSet: string): ReportTable {
  return {
    headers,
    rows: [],
    note: `Sync the ${dataSet} data set to fill this table (${sheetName}).`,
  };
}

/** Card and cash accounts with their balances and the card statement period. */
export function balances(table: TablePort, limit: number): ReportTable {
  const h = ACCOUNT_SOURCE.headers;
  const headers = [
    'Account',
    'Current balance',
    'Available balance',
    'Currency',
    'Statement period',
  ];
  const sheet = readSyncedColumns(table, ACCOUNT_SOURCE.sheetName, Object.values(h));
  if (!sheet) return notSynced(headers, ACCOUNT_SOURCE.sheetName, 'Accounts and balances');
  const timeZone = table.timeZone();
  const rows: ReportCell[][] = [];
  for (let i = 0; i < sheet.rows; i++) {
    const currency = currencyAt(sheet, h.currency, i);
    const money = (header: string) => {
      const minor = toMinorUnits(cellAt(sheet, header, i), currency);
      return minor === null ? blankCell : moneyCell(minor, currency);
    };
    const start = localDay(cellAt(sheet, h.statementStart, i), timeZone);
    const end = localDay(cellAt(sheet, h.statementEnd, i), timeZone);
    const kind = text(cellAt(sheet, h.kind, i));
    const name = text(cellAt(sheet, h.name, i));
    rows.push([
      textCell(
        kind && !name.toLowerCase().includes(kind.toLowerCase()) ? `${name} (${kind})` : name,
      ),
      money(h.current),
      money(h.available),
      textCell(currency),
      textCell(start && end ? `${start} to ${end}` : ''),
    ]);
  }
  const more =
    rows.length > limit ? ` ${rows.length - limit} more in ${ACCOUNT_SOURCE.sheetName}.` : '';
  return {
    headers,
    rows: rows.slice(0, limit),
    note: `As of the last refresh. Brex's API gives no payment due date: see the Brex dashboard.${more}`,
  };
}

/** Active spend limits, the most used first; those past 80 % flagged. */
export function limitUse(table: TablePort, limit: number): ReportTable {
  const h = LIMIT_SOURCE.headers;
  const headers = ['Spend limit', 'Spent', 'Limit', 'Used', 'Currency', 'Flag'];
  const sheet = readSyncedColumns(table, LIMIT_SOURCE.sheetName, Object.values(h));
  if (!sheet) return notSynced(headers, LIMIT_SOURCE.sheetName, 'Spend limits');
  const active: { name: string; period: string; spent: number; limit: number; currency: string }[] =
    [];
  for (let i = 0; i < sheet.rows; i++) {
    if (text(cellAt(sheet, h.status, i)).toUpperCase() !== 'ACTIVE') continue;
    const currency = currencyAt(sheet, h.currency, i);
    const base = toMinorUnits(cellAt(sheet, h.limit, i), currency);
    const spent = toMinorUnits(cellAt(sheet, h.spent, i), currency) ?? 0;
    if (base === null || base <= 0) continue;
    const period = text(cellAt(sheet, h.period, i));
    active.push({ name: text(cellAt(sheet, h.name, i)), period, spent, limit: base, currency });
  }
  active.sort((a, b) => b.spent / b.limit - a.spent / a.limit || a.name.localeCompare(b.name));
  const flagged = active.filter((a) => a.spent / a.limit > LIMIT_WARNING).length;
  const more =
    active.length > limit ? ` The ${active.length - limit} least used are not shown.` : '';
  return {
    headers,
    rows: active.slice(0, limit).map((a) => {
      const used = a.spent / a.limit;
      return [
        textCell(a.period ? `${a.name} (${a.period.toLowerCase().replace(/_/g, ' ')})` : a.name),
        moneyCell(a.spent, a.currency),
        moneyCell(a.limit, a.currency),
        percentCell(a.spent, a.limit),
        textCell(a.currency),
        textCell(used > 1 ? 'Over limit' : used > LIMIT_WARNING ? 'Over 80 %' : ''),
      ];
    }),
    note:
      active.length === 0
        ? 'No active spend limit with a base limit.'
        : `${active.length} active, ${flagged} over 80 % of their limit this period.${more}`,
  };
}

/** Expenses in the period without a receipt, per person, in one billing currency. */
export function missingReceipts(
  table: TablePort,
  currency: string,
  period: Period,
  limit: number,
): ReportTable {
  const h = EXPENSE_SOURCE.headers;
  const headers = ['Person', 'Without receipt', `Amount (${currency})`];
  const sheet = readSyncedColumns(table, EXPENSE_SOURCE.sheetName, [
    h.purchased,
    h.amount,
    h.currency,
    h.user,
    h.receipts,
  ]);
  if (!sheet) return notSynced(headers, EXPENSE_SOURCE.sheetName, 'Expenses');
  const timeZone = table.timeZone();
  const days = new Map<number, string>();
  const totals = new Totals();
  let all = 0;
  let count = 0;
  for (let i = 0; i < sheet.rows; i++) {
    if (cellAt(sheet, h.receipts, i) !== 0) continue;
    if (currencyAt(sheet, h.currency, i) !== currency) continue;
    const day = localDay(cellAt(sheet, h.purchased, i), timeZone, days);
    if (day === null || day < period.start || day > period.end) continue;
    const minor = toMinorUnits(cellAt(sheet, h.amount, i), currency);
    // A refund needs no receipt.
    if (minor === null || minor <= 0) continue;
    totals.add(text(cellAt(sheet, h.user, i)) || 'Unknown person', minor);
    all += minor;
    count += 1;
  }
  const ranked = totals.ranked().sort((a, b) => b.count - a.count || b.minor - a.minor);
  const rows = ranked
    .slice(0, limit)
    .map((r) => [textCell(r.key), countCell(r.count), moneyCell(r.minor, currency)]);
  const shown = ranked.length > limit ? ` (the ${limit} with most shown)` : '';
  return {
    headers,
    rows,
    note:
      ranked.length === 0
        ? `No expense in ${currency} without a receipt in ${period.label}.`
        : `${period.label}: ${count} expenses, ${formatTotal(all, currency)}, from ${ranked.length} people${shown}.`,
  };
}

/** Pure: a total for a sentence: `USD 1,234.50`. */
function formatTotal(minor: number, currency: string): string {
  const decimals = moneyNumberFormat(currency).split('.')[1]?.length ?? 0;
  const amount = minorUnitsToAmount(minor, currency).toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  return `${currency} ${amount}`;
}
