/**
 * A write action, as data: what the write engine (review, push, discard, revert) needs to know to
 * turn one kind of edit in a synced sheet into one Brex operation. Data sets say how Brex comes
 * in; actions say how an edit goes out. The engine owns everything that must hold for every
 * action (fingerprints, write-ahead with a persisted idempotency key, audit rows, confirmation,
 * the conflict read); an action says only what is its own:
 *
 * - its sheet, and the columns whose edit it reads, or a new row (blank "Brex ID");
 * - how the typed text is parsed and validated (`find`);
 * - how Brex's current record is read for the conflict check, one list read for all its targets
 *   (`readCurrent`), and how a conflict is detected (`check`);
 * - the Brex operation, with a body carrying only what changes (`send`);
 * - how Brex's answer updates the rows and the last-synced values (`settle`);
 * - its inverse (`revert`), or none; whether it needs explicit confirmation.
 */
import type { WriteResult } from '../brex';
import type { CellValue } from '../ports/table-port';
import type { ChangeView, Confirmation, RevertResult, ReviewChoice } from '../contract/writeback';
import type { AuditRecord } from './audit-entry';
import { digest } from './row-identity';
import type { BrexWrites, PushDeps, WriteBackDeps } from './write-back-deps';

/** One pending change: an edit an action found in its sheet, parsed, validated, fingerprinted. */
export interface Change<Detail = unknown> {
  readonly action: WriteAction;
  /** The Brex object it changes; '' for a creation. */
  readonly targetId: string;
  readonly targetName: string;
  /** What the review calls this change, when not its action's label ("Unlock card"). */
  readonly label?: string;
  /** 1-based sheet row, and the column of the cell that carries its mark. */
  readonly row: number;
  readonly column: number;
  /** What Brex had at the last sync and what will be sent, canonical (write-ahead, audit). */
  readonly from: string;
  /** Null when the cell cannot be read. */
  readonly to: string | null;
  /** The same, as the review shows them ("25,000.00 USD"). */
  readonly brexNow: string;
  readonly toSend: string | null;
  /** The cell as typed, for audit rows of a change that cannot be read. */
  readonly typed: string;
  readonly problem: string | null;
  readonly consequences: readonly string[];
  readonly inFlight: boolean;
  /** What a push found when Brex's value had changed since the sync; null when none. */
  readonly conflict?: string | null;
  /** What the person may choose at review to complete a refused change; null when nothing. */
  readonly choice?: ReviewChoice | null;
  /** What was reviewed, digested: a push sends the change only while it still holds. */
  readonly fingerprint: string;
  /** What the action itself needs to send it (the parsed value, the last-synced record). */
  readonly detail: Detail;
}

/** What `find` reads besides the sheet: last-synced values, settings, records, the clock. */
export type FindDeps = Pick<WriteBackDeps, 'store' | 'now' | 'brexAmounts'>;

/** What `find` reads: the action's sheet as it is now. */
export interface SheetNow {
  /** The header row, then data rows: the whole sheet, or a block starting at `firstRow`. */
  readonly grid: readonly (readonly CellValue[])[];
  /** The sheet row of the grid's first data row; 2 when omitted. */
  readonly firstRow?: number;
}

/** What the engine makes of an action's verdict on Brex's current record. */
export type Verdict =
  | {
      readonly kind: 'send';
      /**
       * Send with a new idempotency key, not an unfinished record's: Brex still has the value the
       * change was made against, so that record's request was never applied (or was undone in
       * Brex since), and its old key could only make Brex replay a stale answer.
       */
      readonly freshKey?: boolean;
    }
  | { readonly kind: 'conflict' | 'refused' | 'failed'; readonly message: string };

/** Brex's answer to a sent change. */
export interface Sent<Answer> {
  readonly result: WriteResult<Answer>;
  /** What the result and audit row say ("Changed from 25,000.00 to 26,000.00 USD."). */
  readonly message: string;
  /** The object changed or created. */
  readonly brexId: string;
}

export interface WriteAction<Detail = unknown, Current = unknown, Answer = unknown> {
  /** Stable id, in keys and audit rows: "<data set>.<what>". */
  readonly id: string;
  /** What the review calls it, as what Brex will do ("Change base limit", "Terminate card"). */
  readonly label: string;
  readonly sheet: string;
  /** The headers whose edit it reads, or a new row (blank "Brex ID"). */
  readonly reads: readonly string[] | 'new row';
  readonly confirmation: Confirmation;
  /** Whether it has an inverse: `revert` stages it. */
  readonly reversible: boolean;
  /**
   * The pending changes in the sheet (or a block of it, for `onEdit`), in sheet order. `deps`
   * gives the last-synced values, settings and write-ahead records; `brexNow` the reads of
   * targets whose last push got no answer, when the caller can read Brex.
   */
  find(deps: FindDeps, sheet: SheetNow, formats: readonly string[]): Change<Detail>[];
  /** The column (1-based) whose cells carry the marks, and whose number formats `find` takes. */
  cellColumn(header: readonly CellValue[]): number | null;
  /** Brex's current records of the targets, one list read for them all; an Error per failure. */
  readCurrent(brex: BrexWrites, ids: readonly string[]): Map<string, Current | Error>;
  /** Whether the change may still be sent, against Brex's current record. */
  check(deps: PushDeps, change: Change<Detail>, current: Current): Verdict;
  send(deps: PushDeps, change: Change<Detail>, current: Current, key: string): Sent<Answer>;
  /** Brex's answers (or current records) into the rows and the last-synced values, in one pass. */
  settle(deps: PushDeps, answers: readonly Answer[]): void;
  /**
   * Makes Brex's current records the last-synced values without touching the cells ("keep mine"
   * after a conflict: the edit is then compared with what Brex has now).
   */
  rebase(deps: WriteBackDeps, current: readonly Current[]): void;
  /** The audit row's target, old and new (plain text, e.g. "2500.00"), and currency. */
  audited(change: Change<Detail>): AuditedChange;
  /** The cells of these changes get their last-synced values back. */
  discard(deps: WriteBackDeps, changes: readonly Change<Detail>[]): void;
  /** Stages the inverse of an audited push, for review; absent when there is none. */
  revert?(deps: WriteBackDeps, record: AuditRecord): RevertResult;
}

export interface AuditedChange {
  readonly old: string;
  readonly new: string;
  readonly currency: string;
}

/** Keeps an action's own types inside it; the engine handles every action alike. */
export function defineAction<D, C, A>(action: WriteAction<D, C, A>): WriteAction {
  return action as unknown as WriteAction;
}

/** Pure: the change's key: its action, its target (or row, for a creation), its fingerprint. */
export function keyOf(change: Change): string {
  const target = change.targetId || `row${change.row}`;
  return `${change.action.id}:${target}:${change.fingerprint}`;
}

/**
 * Pure: what the write-ahead record of a target is stored under. A creation has no id yet: its
 * target is what it creates, so that each new row has its own record.
 */
export function targetKey(
  change: Pick<Change, 'action' | 'targetId'> & { readonly to?: string | null },
): string {
  return `${change.action.id}:${change.targetId || `new.${digest(change.to ?? '')}`}`;
}

/** Pure: a change as the review shows it. */
export function viewOf(change: Change): ChangeView {
  return {
    key: keyOf(change),
    sheet: change.action.sheet,
    row: change.row,
    action: change.action.id,
    actionLabel: change.label ?? change.action.label,
    target: { id: change.targetId, name: change.targetName },
    brexNow: change.brexNow,
    toSend: change.toSend,
    problem: change.problem,
    consequences: change.consequences,
    confirmation: change.action.confirmation,
    inFlight: change.inFlight,
    conflict: change.conflict ?? null,
    choice: change.choice ?? null,
  };
}
