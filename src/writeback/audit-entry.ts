/**
 * The "Brex Audit Log": one row per push attempt, appended and never rewritten. Every cell is
 * text (`@`), amounts included, so an amount reads back exactly and no string becomes a formula.
 * Rows are read by position, never by header, so a log made when the third and fourth columns
 * were headed "Spend limit ID" and "Spend limit" (before actions other than spend limits) reads
 * the same; its header is renamed in place at the next append (`audit-log-sheet.ts`).
 */
import type { PushOutcome } from '../contract/writeback';

export const AUDIT_SHEET = 'Brex Audit Log';

export const AUDIT_HEADERS = [
  'Time',
  'User',
  'Brex ID',
  'Target',
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

/** The headers of the third and fourth columns before they named any action's target. */
export const OLD_TARGET_HEADERS: Readonly<Record<string, string>> = {
  'Spend limit ID': 'Brex ID',
  'Spend limit': 'Target',
};

/** Pure: the header row a log should have, given the one it has (null when it has it). */
export function upgradedHeader(current: readonly unknown[]): string[] | null {
  const upgraded = AUDIT_HEADERS.map((header, index) => {
    const text = String(current[index] ?? '');
    return OLD_TARGET_HEADERS[text] === header || text === '' ? header : text;
  });
  return upgraded.every((header, index) => header === String(current[index] ?? ''))
    ? null
    : upgraded;
}

/** The `result` of an audit row recording a change to the write-back settings. */
export const SETTINGS_CHANGED = 'settings changed';

export interface AuditEntry {
  /** ISO 8601, UTC. */
  readonly time: string;
  readonly user: string;
  /** The Brex object changed or created ('' when none). */
  readonly brexId: string;
  /** What the review called it: a spend limit's, card's or person's name. */
  readonly targetName: string;
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
    entry.brexId,
    entry.targetName,
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
    brexId: text(2),
    targetName: text(3),
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
