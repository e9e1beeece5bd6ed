/**
 * An action that reads one edited column of the "Brex Cards" or "Brex Users" sheet (a status, a
 * limit, a department), built from what is its own: how a cell reads as Brex's value, what it
 * sends, how Brex's answer updates the row. The rest is common and lives here: a row counts only
 * while its identity cells (a card's name and last four, a user's email) still read as the last
 * sync wrote them for its id; an edit is a cell whose value differs from the last-synced one; the
 * conflict check compares Brex's value now with the last-synced one; the inverse stages the old
 * value in the cell, to be reviewed like any edit.
 * It is over 300 lines because find, check, send, settle and revert of one column action
 * belong together: split, each half would need the other's row reading.
 */
import type { WriteResult } from '../../brex';
import type { Cell } from '../../cells/columns';
import { KEY_HEADER, findHeader, headerText } from '../../cells/header';
import type { Confirmation, RevertResult, ReviewChoice } from '../../contract/writeback';
import type { KeyValuePort } from '../../ports/key-value-port';
import type { CellValue } from '../../ports/table-port';
import { defineAction, targetKey, type Change, type WriteAction } from '../action';
import type { AuditRecord } from '../audit-entry';
import { InFlightPushes } from '../in-flight';
import { digest, identityOf } from '../row-identity';
import type { BrexWrites, PushDeps } from '../write-back-deps';
import { writeRowCells, rowsById } from './row-cells';
import { SyncedRows, type SyncedRow, type SyncedSet } from './synced-rows';

/** What an action makes of an edited cell; `payload` is what `send` needs, null when refused. */
export interface Parsed<P> {
  /** Canonical text of the value to send (a status code, minor units, an id). */
  readonly to: string | null;
  readonly payload: P | null;
  readonly problem: string | null;
  readonly consequences?: readonly string[];
  /** What the person may choose at review to complete a refused change ("Reason"). */
  readonly choice?: ReviewChoice;
}

/** The row around the edited cell, for actions that read a second column ("Reason"). */
export type RowReader = (header: string) => CellValue;

export interface ColumnSpec<S extends SyncedSet, P, Current, Answer> {
  readonly id: string;
  readonly label: string;
  /** What the review calls one change, by the typed canonical value, when not `label`. */
  labelOf?(typed: string): string;
  readonly sheet: string;
  readonly set: S;
  /** The edited column, whose cells carry the marks. */
  readonly header: string;
  /** Other columns the action reads; their cells are part of what was reviewed. */
  readonly also?: readonly string[];
  /** The synced cells that tell one target's row from another's. */
  readonly identity: readonly string[];
  /** Whether the row is still the target's, when the edited column is itself an identity cell. */
  whole?(row: RowReader, entry: SyncedRow<S>, store: KeyValuePort): boolean;
  readonly confirmation: Confirmation;
  /** The last-synced value, canonical. */
  synced(entry: SyncedRow<S>): string;
  /** Canonical text of what the cell says, compared with `synced` to tell an edit. */
  read(cell: CellValue, entry: SyncedRow<S>, deps: { store: PushDeps['store'] }): string;
  /** The edit, validated; null when the value is another action's (a status another one sends). */
  parse(
    to: string,
    entry: SyncedRow<S>,
    row: RowReader,
    deps: { store: PushDeps['store'] },
  ): Parsed<P> | null;
  /** A canonical value as the review and messages show it ("Locked", "2,500.00 USD"). */
  shown(value: string, entry: SyncedRow<S>, store: KeyValuePort): string;
  /** What the review shows will be sent, when not `shown` (a list's difference); optional. */
  toSend?(value: string, entry: SyncedRow<S>, store: KeyValuePort): string;
  /** The canonical value as the audit log stores it (an amount, audited with its currency). */
  audited?(value: string, entry: SyncedRow<S>): string;
  /** A canonical value as the cell holds it, for discard and revert. */
  cell(value: string, entry: SyncedRow<S>, timeZone: string, store: KeyValuePort): Cell;
  readCurrent(brex: BrexWrites, ids: readonly string[]): Map<string, Current | Error>;
  /** Brex's value now, canonical, for the conflict check. */
  current(record: Current): string;
  /** Why Brex's current record no longer lets the change go (a terminated card); null when it does. */
  closed?(record: Current): string | null;
  send(deps: PushDeps, id: string, payload: P, key: string): WriteResult<Answer>;
  /** What Brex's answer makes of the entry, and of the row's cells (by header). */
  settle(
    answer: Answer,
    entry: SyncedRow<S>,
    timeZone: string,
    store: KeyValuePort,
  ): { entry: SyncedRow<S>; cells: Record<string, Cell> };
  /** The target an answer is about. */
  answerId(answer: Answer): string;
  /** Whether `revert` stages the inverse of a push. */
  readonly reversible: boolean;
  /**
   * Bookkeeping of other stores and sheets once Brex's answers are settled (a renamed limit's
   * identity, the Limit cells of cards that borrow a holder's monthly limit).
   */
  settled?(deps: PushDeps, answers: readonly Answer[]): void;
}

interface Detail<S extends SyncedSet, P> {
  readonly entry: SyncedRow<S>;
  readonly payload: P | null;
}

export function columnAction<S extends SyncedSet, P, Current, Answer>(
  spec: ColumnSpec<S, P, Current, Answer>,
): WriteAction {
  const action: WriteAction = defineAction<Detail<S, P>, Current, Answer>({
    id: spec.id,
    label: spec.label,
    sheet: spec.sheet,
    reads: [spec.header, ...(spec.also ?? [])],
    confirmation: spec.confirmation,
    reversible: spec.reversible,

    find(deps, sheet, formats) {
      const header = sheet.grid[0] ?? [];
      const key = findHeader(header, KEY_HEADER);
      const column = findHeader(header, spec.header);
      if (key === null || column === null) return [];
      const synced = SyncedRows.read(deps.store, spec.set);
      const inFlight = new InFlightPushes(deps.store);
      const at = (name: string): number | null => findHeader(header, name);
      const firstRow = sheet.firstRow ?? 2;
      const seen = new Set<string>();
      const changes: Change<Detail<S, P>>[] = [];
      sheet.grid.slice(1).forEach((cells, index) => {
        const id = headerText(cells[key]);
        const entry = id ? synced.get(id) : undefined;
        if (!entry || seen.has(id)) return;
        seen.add(id);
        const cell = cells[column] ?? '';
        const from = spec.synced(entry);
        if (headerText(cell) === spec.shown(from, entry, deps.store)) return;
        const typed = spec.read(cell, entry, deps);
        if (typed === from) return;
        const row: RowReader = (name) => {
          const position = at(name);
          return position === null ? '' : (cells[position] ?? '');
        };
        const parsed = whole(spec, entry, row, deps.store)
          ? spec.parse(typed, entry, row, deps)
          : moved(spec, entry);
        if (parsed === null) return;
        const to = parsed.problem === null ? parsed.to : null;
        const format = formats[index] ?? '';
        const target = targetKey({ action, targetId: id });
        changes.push({
          action,
          targetId: id,
          targetName: field(entry, 'name'),
          label: spec.labelOf?.(typed),
          row: firstRow + index,
          column: column + 1,
          from,
          to,
          brexNow: spec.shown(from, entry, deps.store),
          toSend: to === null ? null : (spec.toSend ?? spec.shown)(to, entry, deps.store),
          typed: String(cell),
          problem: parsed.problem,
          consequences: parsed.consequences ?? [],
          choice: parsed.choice ?? null,
          inFlight: to !== null && inFlight.matching(target, from, to) !== null,
          fingerprint: digest(
            [
              spec.id,
              id,
              String(cell),
              format,
              from,
              String(to),
              field(entry, 'identity'),
              ...(spec.also ?? []).map((name) => headerText(row(name))),
            ].join('\u0000'),
          ),
          detail: { entry, payload: parsed.problem === null ? parsed.payload : null },
        });
      });
      return changes;
    },

    cellColumn(header) {
      const column = findHeader(header, spec.header);
      return column === null ? null : column + 1;
    },

    readCurrent: (brex, ids) => spec.readCurrent(brex, ids),

    check(deps, change, record) {
      const closed = spec.closed?.(record) ?? null;
      if (closed) return { kind: 'refused', message: closed };
      const now = spec.current(record);
      const to = change.to as string;
      const ours =
        new InFlightPushes(deps.store).matching(targetKey(change), change.from, to) !== null;
      // Brex has the new value after a push whose answer was lost: the same key replays it.
      if (ours && now === to) return { kind: 'send' };
      if (now === change.from) return { kind: 'send', freshKey: true };
      const { entry } = change.detail;
      return {
        kind: 'conflict',
        message: `Brex now has ${spec.shown(now, entry, deps.store) || '(blank)'} for "${change.targetName}", not the ${change.brexNow || '(blank)'} of the last sync; you typed ${change.toSend ?? change.typed}. It was changed in Brex since. Nothing was sent. Refresh to see Brex's value, then edit again if needed.`,
      };
    },

    send(deps, change, _record, key) {
      const result = spec.send(deps, change.targetId, change.detail.payload as P, key);
      return {
        result,
        brexId: change.targetId,
        message: `${spec.header} of "${change.targetName}" changed from ${change.brexNow || '(blank)'} to ${change.toSend || '(blank)'}.`,
      };
    },

    settle(deps, answers) {
      const synced = SyncedRows.read(deps.store, spec.set);
      const timeZone = deps.table.timeZone();
      const entries: SyncedRow<S>[] = [];
      const cells = new Map<string, Record<string, Cell>>();
      for (const answer of answers) {
        const id = spec.answerId(answer);
        const entry = synced.get(id);
        if (!entry) continue;
        const settled = spec.settle(answer, entry, timeZone, deps.store);
        entries.push(settled.entry);
        cells.set(id, settled.cells);
      }
      synced.update(entries);
      writeRowCells(deps.table, spec.sheet, cells);
      spec.settled?.(deps, answers);
    },

    rebase(deps, records) {
      // "Keep mine" after a conflict: Brex's current records become the last-synced entries.
      // A record that does not name its target (a user's limit) leaves the entry as it was.
      const synced = SyncedRows.read(deps.store, spec.set);
      const timeZone = deps.table.timeZone();
      const entries = records.flatMap((record) => {
        const entry = synced.get(spec.answerId(record as unknown as Answer) ?? '');
        return entry
          ? [spec.settle(record as unknown as Answer, entry, timeZone, deps.store).entry]
          : [];
      });
      synced.update(entries);
    },

    audited(change) {
      const text = (value: string): string =>
        spec.audited ? spec.audited(value, change.detail.entry) : value;
      return {
        old: text(change.from),
        new: change.to === null ? change.typed : text(change.to),
        currency: spec.audited ? field(change.detail.entry, 'currency') || 'USD' : '',
      };
    },

    discard(deps, changes) {
      const timeZone = deps.table.timeZone();
      for (const change of changes) {
        const cell = spec.cell(change.from, change.detail.entry, timeZone, deps.store);
        deps.table.writeBlock(spec.sheet, {
          row: change.row,
          column: change.column,
          values: [[cell.value]],
          numberFormats: [[cell.numberFormat]],
        });
      }
    },

    revert: spec.reversible ? (deps, record) => stageInverse(spec, deps, record) : undefined,
  });
  return action;
}

/** Pure: one of an entry's fields, whichever its set ('' when it has none). */
function field(entry: { readonly id: string }, name: string): string {
  return (entry as unknown as Record<string, string | undefined>)[name] ?? '';
}

/** Pure: whether the row's identity cells read as the last sync wrote them for its id. */
function whole<S extends SyncedSet>(
  spec: ColumnSpec<S, unknown, unknown, unknown>,
  entry: SyncedRow<S>,
  row: RowReader,
  store: KeyValuePort,
): boolean {
  if (spec.whole) return spec.whole(row, entry, store);
  return identityOf(spec.identity.map(row)) === field(entry, 'identity');
}

function moved<S extends SyncedSet>(
  spec: ColumnSpec<S, unknown, unknown, unknown>,
  entry: SyncedRow<S>,
): Parsed<never> {
  return {
    to: null,
    payload: null,
    problem: `This row no longer matches Brex ID ${entry.id} ("${field(entry, 'name')}"): its ${spec.identity.join(' or ')} cell differs from the last sync (was one column sorted on its own?). Undo the sort, or discard the change and refresh.`,
  };
}

/** Stages the audited change's old value in the target's cell, when Brex still has the new one. */
function stageInverse<S extends SyncedSet, P, C, A>(
  spec: ColumnSpec<S, P, C, A>,
  deps: Parameters<NonNullable<WriteAction['revert']>>[0],
  record: AuditRecord,
): RevertResult {
  const id = record.brexId;
  const entry = SyncedRows.read(deps.store, spec.set).get(id);
  const grid = deps.table.readAll(spec.sheet);
  const row = grid ? rowsById(grid).get(id) : undefined;
  const column = grid ? findHeader(grid[0] ?? [], spec.header) : null;
  if (!entry || row === undefined || column === null) {
    throw new Error(`${id} is not in the "${spec.sheet}" sheet. Refresh it, then revert again.`);
  }
  const text = (value: string): string => (spec.audited ? spec.audited(value, entry) : value);
  const now = spec.synced(entry);
  if (text(now) !== record.new) {
    throw new Error(
      `"${record.targetName}" has changed since audit row ${record.row} (its ${spec.header} is no longer ${record.new}). Edit its cell by hand if it should still go back to ${record.old}.`,
    );
  }
  const old = spec.read(record.old, entry, deps);
  const cell = spec.cell(old, entry, deps.table.timeZone(), deps.store);
  deps.table.writeBlock(spec.sheet, {
    row: row + 1,
    column: column + 1,
    values: [[cell.value]],
    numberFormats: [[cell.numberFormat]],
  });
  return {
    id,
    message: `"${record.targetName}" is staged to go back from ${spec.shown(now, entry, deps.store)} to ${spec.shown(old, entry, deps.store)}. Review and push it to apply.`,
  };
}
