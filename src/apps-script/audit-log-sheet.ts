/**
 * The "Brex Audit Log" sheet: created with its header on first use and protected. The protection
 * is warning-only: every editor who pushes must be able to append their own rows (an add-on runs
 * as the acting user), while a person editing by hand is warned that the log is the add-on's.
 */
import {
  AUDIT_HEADERS,
  AUDIT_SHEET,
  auditRecord,
  auditRow,
  type AuditEntry,
  type AuditLogPort,
  type AuditRecord,
} from '../writeback/audit-entry';

export class AuditLogSheet implements AuditLogPort {
  constructor(private readonly spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet) {}

  append(entries: readonly AuditEntry[]): void {
    if (entries.length === 0) return;
    const sheet = this.sheet() ?? this.create();
    const rows = entries.map(auditRow);
    const range = sheet.getRange(sheet.getLastRow() + 1, 1, rows.length, AUDIT_HEADERS.length);
    // Text first, so that no value (a name, a message) is ever read as a formula or a number.
    range.setNumberFormat('@');
    range.setValues(rows);
  }

  read(): AuditRecord[] {
    const sheet = this.sheet();
    const last = sheet?.getLastRow() ?? 0;
    if (!sheet || last < 2) return [];
    return sheet
      .getRange(2, 1, last - 1, AUDIT_HEADERS.length)
      .getValues()
      .map((cells, index) => auditRecord(cells, index + 2));
  }

  private sheet(): GoogleAppsScript.Spreadsheet.Sheet | null {
    return this.spreadsheet.getSheetByName(AUDIT_SHEET);
  }

  private create(): GoogleAppsScript.Spreadsheet.Sheet {
    const sheet = this.spreadsheet.insertSheet(AUDIT_SHEET);
    const header = sheet.getRange(1, 1, 1, AUDIT_HEADERS.length);
    header.setNumberFormat('@');
    header.setValues([[...AUDIT_HEADERS]]);
    sheet.setFrozenRows(1);
    sheet
      .protect()
      .setDescription('Brex write-back audit log: appended by the add-on, never edited by hand.')
      .setWarningOnly(true);
    return sheet;
  }
}
