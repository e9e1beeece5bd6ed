/**
 * An action that creates a Brex object from a new row: a row of its sheet whose "Brex ID" is blank
 * and whose own columns are not. A creation always needs explicit confirmation; it has no inverse.
 * Two rows asking for the same object are refused (a pasted row twice), so one push never creates
 * it twice. Brex's answer puts the new object's id into the row's "Brex ID", which makes the row
 * a synced one: the next refresh fills in the rest.
 */
import type { WriteResult } from '../../brex';
import type { Cell } from '../../cells/columns';
import { KEY_HEADER, findHeader, headerText } from '../../cells/header';
import type { KeyValuePort } from '../../ports/key-value-port';
import type { CellValue } from '../../ports/table-port';
import { defineAction, targetKey, type Change, type WriteAction } from '../action';
import { InFlightPushes } from '../in-flight';
import { digest } from '../row-identity';
import type { BrexWrites, PushDeps } from '../write-back-deps';
import { toBlocks } from '../../cells/blocks';
import { cellsAt } from './row-cells';
import type { RowReader } from './column-action';

/** A new row, read and validated. */
export interface Creation<P> {
  /** What the review calls the new object ("Travel card for Ana Li"). */
  readonly name: string;
  /** Canonical text of what will be created: what was reviewed, and the write-ahead's value. */
  readonly to: string | null;
  /** What the review shows will be sent. */
  readonly toSend: string;
  readonly payload: P | null;
  readonly problem: string | null;
  readonly consequences?: readonly string[];
}

export interface NewRowSpec<P, Current, Answer> {
  readonly id: string;
  /** What the review calls it ("Create virtual card"). */
  readonly label: string;
  /** What one creation makes, in messages ("virtual card"). */
  readonly noun: string;
  readonly sheet: string;
  /** The columns a new row fills; the first carries the marks. */
  readonly headers: readonly string[];
  parse(row: RowReader, store: KeyValuePort): Creation<P>;
  /** One list read for all of a push's creations (a name already taken is refused). */
  readCurrent(brex: BrexWrites): Current;
  /** Why Brex's current records refuse the creation; null when it may be sent. */
  refusal(current: Current, payload: P): string | null;
  send(deps: PushDeps, payload: P, key: string): WriteResult<Answer>;
  /** The new object's id, the row it belongs to, and what its row and last-synced values get. */
  created(answer: Answer): { readonly id: string; readonly name: string };
  /** Whether the row is the one this answer was created from. */
  matches(row: RowReader, answer: Answer): boolean;
  settle(
    answers: readonly Answer[],
    store: KeyValuePort,
    timeZone: string,
    now: Date,
  ): Map<Answer, Record<string, Cell>>;
}

interface Detail<P> {
  readonly payload: P | null;
}

export function newRowAction<P, Current, Answer>(
  spec: NewRowSpec<P, Current, Answer>,
): WriteAction {
  const action: WriteAction = defineAction<Detail<P>, Current, Answer>({
    id: spec.id,
    label: spec.label,
    sheet: spec.sheet,
    reads: 'new row',
    confirmation: 'creation',
    reversible: false,

    find(deps, sheet, formats) {
      const header = sheet.grid[0] ?? [];
      const key = findHeader(header, KEY_HEADER);
      const mark = findHeader(header, spec.headers[0] as string);
      if (key === null || mark === null) return [];
      const firstRow = sheet.firstRow ?? 2;
      const inFlight = new InFlightPushes(deps.store);
      const seen = new Map<string, number>();
      const changes: Change<Detail<P>>[] = [];
      sheet.grid.slice(1).forEach((cells, index) => {
        const row = readerOf(header, cells);
        if (headerText(cells[key]) !== '') return;
        if (spec.headers.every((name) => headerText(row(name)) === '')) return;
        const creation = spec.parse(row, deps.store);
        const sheetRow = firstRow + index;
        const twin = creation.to === null ? undefined : seen.get(creation.to);
        const problem =
          creation.problem ??
          (twin === undefined
            ? null
            : `Row ${twin} asks for the same ${spec.noun}. Change or clear one of the two rows.`);
        if (creation.to !== null && twin === undefined) seen.set(creation.to, sheetRow);
        const typed = spec.headers.map((name) => headerText(row(name)));
        const to = problem === null ? creation.to : null;
        changes.push({
          action,
          targetId: '',
          targetName: creation.name,
          row: sheetRow,
          column: mark + 1,
          from: '',
          to,
          brexNow: '(new)',
          toSend: creation.toSend,
          typed: typed.join(' | '),
          problem,
          consequences: creation.consequences ?? [],
          inFlight:
            to !== null &&
            inFlight.matching(targetKey({ action, targetId: '', to }), '', to) !== null,
          fingerprint: digest([spec.id, ...typed, formats[index] ?? ''].join('\u0000')),
          detail: { payload: problem === null ? creation.payload : null },
        });
      });
      return changes;
    },

    cellColumn(header) {
      const column = findHeader(header, spec.headers[0] as string);
      return column === null ? null : column + 1;
    },

    readCurrent(brex, ids) {
      let current: Current | Error;
      try {
        current = spec.readCurrent(brex);
      } catch (error) {
        current = error instanceof Error ? error : new Error(String(error));
      }
      return new Map(ids.map((id) => [id, current]));
    },

    check(deps, change, current) {
      // A creation whose answer was lost exists in Brex already: sending it again with the same
      // key makes Brex replay its answer, which puts the id into the row.
      const to = change.to as string;
      if (new InFlightPushes(deps.store).matching(targetKey(change), '', to))
        return { kind: 'send' };
      const refusal = spec.refusal(current, change.detail.payload as P);
      return refusal === null ? { kind: 'send' } : { kind: 'refused', message: refusal };
    },

    send(deps, change, _current, key) {
      const result = spec.send(deps, change.detail.payload as P, key);
      const made = spec.created(result.value);
      return {
        result,
        brexId: made.id,
        message: `Created ${spec.noun} "${made.name}" (Brex ID ${made.id}).`,
      };
    },

    settle(deps, answers) {
      const grid = deps.table.readAll(spec.sheet);
      if (!grid || answers.length === 0) return;
      const header = grid[0] ?? [];
      const key = findHeader(header, KEY_HEADER);
      if (key === null) return;
      const cells = spec.settle(answers, deps.store, deps.table.timeZone(), deps.now());
      const taken = new Set<number>();
      const writes = new Map<number, Map<number, Cell>>();
      for (const answer of answers) {
        const index = grid.findIndex(
          (row, i) =>
            i > 0 &&
            !taken.has(i) &&
            headerText(row[key]) === '' &&
            spec.matches(readerOf(header, row), answer),
        );
        if (index < 0) continue;
        taken.add(index);
        const { id } = spec.created(answer);
        writes.set(
          index,
          cellsAt(header, { ...cells.get(answer), [KEY_HEADER]: { value: id, numberFormat: '@' } }),
        );
      }
      for (const block of toBlocks(writes)) deps.table.writeBlock(spec.sheet, block);
    },

    // A new row has no last-synced values to rebase.
    rebase: () => undefined,

    audited: (change) => ({ old: '', new: change.toSend ?? change.typed, currency: '' }),

    // A new row has no last-synced value to go back to: discarding it leaves the row to its owner.
    discard: () => undefined,
  });
  return action;
}

/** Pure: a row's cell by header ('' when the sheet has no such column). */
export function readerOf(header: readonly CellValue[], cells: readonly CellValue[]): RowReader {
  return (name) => {
    const column = findHeader(header, name);
    return column === null ? '' : (cells[column] ?? '');
  };
}
