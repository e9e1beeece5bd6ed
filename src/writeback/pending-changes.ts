/**
 * The base-limit action's pending changes: every edited row of the "Brex Spend Limits" sheet
 * (`edited-cells.ts`), validated, with the amount to send.
 */
import type { PendingChange, WriteBackSettings } from '../contract/writeback';
import type { CellValue } from '../ports/table-port';
import { type Change, type WriteAction, targetKey } from './action';
import { amountView } from './amount-text';
import { formatProblem } from './amount-format';
import { checkChange, type ChangeCheck } from './check-change';
import { identityHolds, isEdited, limitColumns, type LimitColumns } from './edited-cells';
import type { InFlightPushes } from './in-flight';
import { fingerprintOf } from './row-identity';
import type { SyncedLimit, SyncedValues } from './synced-values';

export const SPEND_LIMITS_SHEET = 'Brex Spend Limits';

/** What the base-limit action keeps of a change: the alias's view, and the amount to send. */
export interface LimitEdit {
  readonly view: PendingChange;
  /** Minor units to send; null when the change is refused. */
  readonly newMinorUnits: number | null;
}

export type LimitChange = Change<LimitEdit>;

export interface PendingInput {
  /** The header row, then data rows: the whole sheet, or a block of it starting at `firstRow`. */
  readonly grid: readonly (readonly CellValue[])[] | null;
  /** The sheet row of the grid's first data row; 2 (the whole sheet) when omitted. */
  readonly firstRow?: number;
  readonly synced: SyncedValues;
  readonly inFlight: InFlightPushes;
  readonly settings: WriteBackSettings;
  /** Brex's base limit now of limits whose last push got no answer (see WriteBackDeps). */
  readonly brexAmounts?: ReadonlyMap<string, number | null>;
  /** The amount cells' number formats, one per data row of `grid`; none read as plain numbers. */
  readonly formats?: readonly string[];
  /** `YYYY-MM-DD`. */
  readonly today: string;
}

/** Pure: the pending changes, in sheet order, each validated and fingerprinted. */
export function findPendingChanges(action: WriteAction, input: PendingInput): LimitChange[] {
  const grid = input.grid ?? [];
  const columns = limitColumns(grid[0] ?? []);
  if (!columns) return [];
  const rowOffset = (input.firstRow ?? 2) - 1;
  const seen = new Set<string>();
  const edits: LimitChange[] = [];
  for (let index = 1; index < grid.length; index += 1) {
    const cells = grid[index] as readonly CellValue[];
    const id = String(cells[columns.id] ?? '').trim();
    const synced = id ? input.synced.get(id) : undefined;
    if (!synced || seen.has(id)) continue;
    seen.add(id);
    if (!isEdited(cells, columns, synced)) continue;
    const amountCell = cells[columns.amount] ?? '';
    const currencyCell = columns.currency === null ? '' : (cells[columns.currency] ?? '');
    const format = input.formats?.[index - 1] ?? '';
    const check = checkRow(input, cells, columns, synced, amountCell, currencyCell, format);
    const target = targetKey({ action, targetId: id });
    const inFlight =
      check.minorUnits !== null &&
      input.inFlight.matching(target, String(synced.amount), String(check.minorUnits)) !== null;
    const row = index + rowOffset;
    const view: PendingChange = {
      id,
      // Brex's name for this id, never the row's (editable) Name cell.
      name: synced.name,
      row,
      currency: synced.currency,
      period: synced.period,
      old: amountView(synced.amount, synced.currency),
      new: check.minorUnits === null ? null : amountView(check.minorUnits, synced.currency),
      typed: String(amountCell),
      problem: check.problem,
      consequences: [
        ...check.consequences,
        ...earlierPush(input, target, synced, check.minorUnits),
      ],
      inFlight,
      fingerprint: fingerprintOf({
        id,
        typed: String(amountCell),
        format,
        minorUnits: check.minorUnits,
        currency: synced.currency,
        from: synced.amount,
        identity: synced.identity,
      }),
    };
    const shown = (minorUnits: number): string =>
      `${amountView(minorUnits, synced.currency).text} ${synced.currency}`;
    edits.push({
      action,
      targetId: id,
      targetName: synced.name,
      row,
      column: columns.amount + 1,
      from: String(synced.amount),
      to: check.minorUnits === null ? null : String(check.minorUnits),
      brexNow: shown(synced.amount),
      toSend: check.minorUnits === null ? null : shown(check.minorUnits),
      typed: String(amountCell),
      problem: view.problem,
      consequences: view.consequences,
      inFlight,
      fingerprint: view.fingerprint,
      detail: { view, newMinorUnits: check.problem === null ? check.minorUnits : null },
    });
  }
  return edits;
}

/** Row identity first (a sorted column), then how the amount was typed, then the amount itself. */
function checkRow(
  input: PendingInput,
  cells: readonly CellValue[],
  columns: LimitColumns,
  synced: SyncedLimit,
  amountCell: CellValue,
  currencyCell: CellValue,
  format: string,
): ChangeCheck {
  if (!identityHolds(cells, columns, synced)) {
    const problem =
      synced.identity === ''
        ? `This spend limit was synced before rows were checked against Brex. Refresh the spend limits, then review again.`
        : `This row no longer matches Brex ID ${synced.id} ("${synced.name}"): its Name or Period cell differs from the last sync (was one column sorted on its own?). Undo the sort, or discard the change and refresh.`;
    return { minorUnits: null, problem, consequences: [] };
  }
  // A number or date Sheets made from what was typed: its format says how it was typed.
  const typedAs =
    typeof amountCell === 'number' || amountCell instanceof Date
      ? formatProblem(amountCell instanceof Date ? 'yyyy-mm-dd' : format, synced.currency)
      : null;
  if (typedAs) return { minorUnits: null, problem: typedAs, consequences: [] };
  return checkChange(synced, amountCell, currencyCell, input.settings, input.today);
}

/** Pure: a word on a push of this limit whose outcome is unknown and which this edit does not repeat. */
function earlierPush(
  input: PendingInput,
  target: string,
  synced: SyncedLimit,
  minorUnits: number | null,
): string[] {
  const record = input.inFlight.get(target);
  if (!record || (record.from === String(synced.amount) && record.to === String(minorUnits))) {
    return [];
  }
  const brex = input.brexAmounts?.get(synced.id);
  const plain = (minorUnits: string): string =>
    amountView(Number(minorUnits), synced.currency).text;
  const pushed = `An earlier push of this limit (${plain(record.from)} → ${plain(record.to)} ${synced.currency}, by ${record.user} at ${record.startedAt}) got no answer from Brex`;
  const now =
    typeof brex === 'number'
      ? String(brex) === record.to
        ? ` and was applied: Brex has ${amountView(brex, synced.currency).text} ${synced.currency}. Discard this edit to keep Brex's value.`
        : `; Brex has ${amountView(brex, synced.currency).text} ${synced.currency}. Discard this edit and refresh to keep Brex's value.`
      : `: it may have been applied. Pushing shows Brex's value; discard this edit to keep it.`;
  return [`${pushed}${now}`];
}
