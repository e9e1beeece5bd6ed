/**
 * The "Brex Audit Log" sheet: created with its header on first use and protected. The protection
 * is warning-only: every editor who pushes must be able to append their own rows (an add-on runs
 * as the acting user), while a person editing by hand is warned that the log is the add-on's.
 *
 * Rows are appended, oldest first: a revert names an entry by its row number, which must not
 * move. The time is a date-time and the amounts numbers in their currency's format; both read
 * back as the entry's text (ISO time, the amount with the currency's decimals), so an entry
 * reads back as it was written. Every other cell is text, never read as a formula.
 */
import { DATETIME_FORMAT, isDate, TEXT_FORMAT } from '../cells/columns';
import { currencyExponent, moneyNumberFormat } from '../cells/currency';
import { SpreadsheetFullError, type CellValue } from '../ports/table-port';
import {
  AUDIT_HEADERS,
  AUDIT_SHEET,
  auditRecord,
  auditRow,
  type AuditEntry,
  type AuditLogPort,
  type AuditRecord,
  upgradedHeader,
} from '../writeback/audit-entry';
import { SpreadsheetTable } from './spreadsheet-table';

const WIDTH = AUDIT_HEADERS.length;
const TIME = AUDIT_HEADERS.indexOf('Time');
const AMOUNTS = [AUDIT_HEADERS.indexOf('Old'), AUDIT_HEADERS.indexOf('New')];
const CURRENCY = AUDIT_HEADERS.indexOf('Currency');
// prettier-ignore
const WIDTHS = [140, 180, 200, 180, 100, 100, 70, 80, 320, 200, 260, 180, 160];

/** Pure: an entry's row as cells: the time a date, the amounts numbers, the rest text. */
export function auditCells(entry: AuditEntry): { values: CellValue[]; formats: string[] } {
  const text = auditRow(entry);
  const values: CellValue[] = [...text];
  const formats = text.map(() => TEXT_FORMAT);
  const time = Date.parse(entry.time);
  if (!Number.isNaN(time)) {
    values[TIME] = new Date(time);
    formats[TIME] = DATETIME_FORMAT;
  }
  for (const index of AMOUNTS) {
    const amount = text[index] ?? '';
    if (/^-?\d+(\.\d+)?$/.test(amount)) {
      values[index] = Number(amount);
      formats[index] = moneyNumberFormat(entry.currency);
    }
  }
  return { values, formats };
}

/** Pure: cells read back → the entry's text, as `auditRow` gave it. */
export function auditText(cells: readonly unknown[]): string[] {
  const currency = String(cells[CURRENCY] ?? '');
  return cells.map((cell, index) => {
    if (isDate(cell)) return cell.toISOString();
    if (typeof cell === 'number' && AMOUNTS.includes(index))
      return cell.toFixed(currencyExponent(currency));
    return String(cell ?? '');
  });
}

export class AuditLogSheet implements AuditLogPort {
  private readonly table: SpreadsheetTable;

  constructor(private readonly spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet) {
    this.table = new SpreadsheetTable(spreadsheet);
  }

  reserve(count: number): void {
    try {
      const sheet = this.sheet() ?? this.create();
      const needed = sheet.getLastRow() + count;
      this.table.reserve(AUDIT_SHEET, needed, WIDTH);
      const rows = sheet.getMaxRows();
      if (needed > rows) sheet.insertRowsAfter(rows, needed - rows);
    } catch (error) {
      if (!(error instanceof SpreadsheetFullError)) throw error;
      throw new SpreadsheetFullError(
        error.sheetName,
        error.needed,
        error.free,
        'then push again. Nothing was sent to Brex.',
      );
    }
  }

  append(entries: readonly AuditEntry[]): void {
    if (entries.length === 0) return;
    const rows = entries.map(auditCells);
    const sheet = this.sheet() ?? this.create();
    this.upgradeHeader(sheet);
    this.table.writeBlock(AUDIT_SHEET, {
      row: sheet.getLastRow() + 1,
      column: 1,
      values: rows.map((row) => row.values),
      numberFormats: rows.map((row) => row.formats),
    });
  }

  read(): AuditRecord[] {
    const sheet = this.sheet();
    const last = sheet?.getLastRow() ?? 0;
    if (!sheet || last < 2) return [];
    return sheet
      .getRange(2, 1, last - 1, WIDTH)
      .getValues()
      .map((cells, index) => auditRecord(auditText(cells), index + 2));
  }

  /**
   * A log made before a column was added (e.g. "Typed by") gets that column's header, and one
   * made when the log knew only spend limits gets "Brex ID" and "Target" for "Spend limit ID" and
   * "Spend limit" (`upgradedHeader`). The rows need nothing: they are read by position.
   */
  private upgradeHeader(sheet: GoogleAppsScript.Spreadsheet.Sheet): void {
    // Never past the used columns: an older log's grid may be narrower than today's header.
    const width = Math.min(sheet.getLastColumn(), WIDTH);
    const current = width > 0 ? (sheet.getRange(1, 1, 1, width).getValues()[0] ?? []) : [];
    const header = upgradedHeader(current);
    if (!header) return;
    this.table.writeBlock(AUDIT_SHEET, {
      row: 1,
      column: 1,
      values: [header],
      numberFormats: [header.map(() => TEXT_FORMAT)],
    });
  }

  private sheet(): GoogleAppsScript.Spreadsheet.Sheet | null {
    return this.spreadsheet.getSheetByName(AUDIT_SHEET);
  }

  private create(): GoogleAppsScript.Spreadsheet.Sheet {
    this.table.ensureSheet(AUDIT_SHEET, {
      columns: WIDTH,
      layout: WIDTHS.map((width) => ({ width })),
    });
    this.table.writeBlock(AUDIT_SHEET, {
      row: 1,
      column: 1,
      values: [[...AUDIT_HEADERS]],
      numberFormats: [AUDIT_HEADERS.map(() => TEXT_FORMAT)],
    });
    const sheet = this.sheet() as GoogleAppsScript.Spreadsheet.Sheet;
    sheet
      .protect()
      .setDescription('Brex write-back audit log: appended by the add-on, never edited by hand.')
      .setWarningOnly(true);
    return sheet;
  }
}
