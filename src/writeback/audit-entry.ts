/**
 * The "Brex Audit Log": one row per push attempt, appended and never rewritten. Every cell is
 * text (`@`), amounts included, so an amount reads back exactly and no string becomes a formula.
 */
import type { PushOutcome } from '../contract/writeback';

export const AUDIT_SHEET = 'Brex Audit Log';

export const AUDIT_HEADERS = [
  'Time',
  'User',
  'Spend limit ID',
  'Spend limit',
  'Old',
  'New',
  'Currency',
  'Result',
  'Message',
  'Brex trace ID',
  'Idempotency key',
  'Typed by',
  'Action',
] as const;

/** The `result` of an audit row recording a change to the write-back settings. */
export const SETTINGS_CHANGED = 'settings changed';

export interface AuditEntry {
  /** ISO 8601, UTC. */
  readonly time: string;
  readonly user: string;
  readonly spendLimitId: string;
  readonly spendLimitName: string;
  /** Plain decimal text in the currency's decimals ("2500.00"), or '' when unknown. */
  readonly old: string;
  readonly new: string;
  readonly currency: string;
  readonly result: PushOutcome | typeof SETTINGS_CHANGED;
  readonly message: string;
  readonly traceId: string;
  readonly idempotencyKey: string;
  /** Who typed the value, when Sheets said so (the onEdit event's user); '' when unknown. */
  readonly typedBy?: string;
  /** The write action's id ('' for a settings change; rows written before actions: base limit). */
  readonly action?: string;
}

/** An entry with the sheet row it was read from. */
export interface AuditRecord extends AuditEntry {
  readonly row: number;
}

/** Pure: an entry → its row, in header order. */
export function auditRow(entry: AuditEntry): string[] {
  return [
    entry.time,
    entry.user,
    entry.spendLimitId,
    entry.spendLimitName,
    entry.old,
    entry.new,
    entry.currency,
    entry.result,
    entry.message,
    entry.traceId,
    entry.idempotencyKey,
    entry.typedBy ?? '',
    entry.action ?? '',
  ];
}

/** Pure: a row read back → an entry (columns by position: the sheet is the add-on's own). */
export function auditRecord(cells: readonly unknown[], row: number): AuditRecord {
  const text = (index: number): string => String(cells[index] ?? '');
  return {
    row,
    time: text(0),
    user: text(1),
    spendLimitId: text(2),
    spendLimitName: text(3),
    old: text(4),
    new: text(5),
    currency: text(6),
    result: text(7) as PushOutcome,
    message: text(8),
    traceId: text(9),
    idempotencyKey: text(10),
    typedBy: text(11),
    action: text(12),
  };
}

/** Appends entries in one write, and reads the log back (for "Revert"). */
export interface AuditLogPort {
  /**
   * Makes room for `count` more rows before anything is sent to Brex, so that a change Brex
   * applied never lacks its row; throws SpreadsheetFullError when the spreadsheet has none.
   */
  reserve(count: number): void;
  append(entries: readonly AuditEntry[]): void;
  read(): AuditRecord[];
}
