/**
 * The "Brex Audit Log" sheet: created with its header on first use and protected. The protection
 * is warning-only: every editor who pushes must be able to append their own rows (an add-on runs
 * as the acting user), while a person editing by hand is warned that the log is the add-on's.
 */
import { SpreadsheetFullError } from '../sync/table-port';
import {
  AUDIT_HEADERS,
  AUDIT_SHEET,
  auditRecord,
  auditRow,
  type AuditEntry,
  type AuditLogPort,
  type AuditRecord,
} from '../writeback/audit-entry';
import { SpreadsheetTable } from './spreadsheet-table';

const WIDTH = AUDIT_HEADERS.length;

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
    const rows = entries.map(auditRow);
    const sheet = this.sheet() ?? this.create();
    this.addNewHeaders(sheet);
    // Text, so that no value (a name, a message) is ever read as a formula or a number.
    this.table.writeBlock(AUDIT_SHEET, {
      row: sheet.getLastRow() + 1,
      column: 1,
      values: rows,
      numberFormats: rows.map((row) => row.map(() => '@')),
    });
  }

  read(): AuditRecord[] {
    const sheet = this.sheet();
    const last = sheet?.getLastRow() ?? 0;
    if (!sheet || last < 2) return [];
    return sheet
      .getRange(2, 1, last - 1, WIDTH)
      .getValues()
      .map((cells, index) => auditRecord(cells, index + 2));
  }

  /** A log made before a column was added (e.g. "Typed by") gets that column's header. */
  private addNewHeaders(sheet: GoogleAppsScript.Spreadsheet.Sheet): void {
    const width = sheet.getLastColumn();
    if (width >= WIDTH) return;
    const missing = AUDIT_HEADERS.slice(width);
    this.table.writeBlock(AUDIT_SHEET, {
      row: 1,
      column: width + 1,
      values: [[...missing]],
      numberFormats: [missing.map(() => '@')],
    });
  }

  private sheet(): GoogleAppsScript.Spreadsheet.Sheet | null {
    return this.spreadsheet.getSheetByName(AUDIT_SHEET);
  }

  private create(): GoogleAppsScript.Spreadsheet.Sheet {
    this.table.ensureSheet(AUDIT_SHEET, { columns: WIDTH });
    this.table.writeBlock(AUDIT_SHEET, {
      row: 1,
      column: 1,
      values: [[...AUDIT_HEADERS]],
      numberFormats: [AUDIT_HEADERS.map(() => '@')],
    });
    const sheet = this.sheet() as GoogleAppsScript.Spreadsheet.Sheet;
    sheet
      .protect()
      .setDescription('Brex write-back audit log: appended by the add-on, never edited by hand.')
      .setWarningOnly(true);
    return sheet;
  }
}
