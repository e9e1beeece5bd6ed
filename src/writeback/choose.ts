/**
 * A choice made at review (a card termination's reason from Brex's list) goes into the row's own
 * cell, as if typed there. Nothing is held aside for the push: the row then says what will be
 * sent, so the next review shows it, its fingerprint covers it, and a push sends exactly that.
 */
import { findHeader } from '../cells/header';
import { keyOf } from './action';
import { readChanges } from './review';
import type { WriteBackDeps } from './write-back-deps';

const STALE =
  'This change is no longer as it was reviewed (its row was edited, pushed or discarded since). Review again, then choose.';

/** Writes the chosen option of the change with this key into its row; throws when it cannot. */
export function chooseForChange(deps: WriteBackDeps, key: string, value: string): void {
  const now = readChanges(deps);
  const change = now.changes.find((c) => keyOf(c) === key);
  if (!change) throw new Error(STALE);
  const choice = change.choice;
  if (!choice) {
    throw new Error(
      `"${change.targetName}" has nothing to choose at review. Edit its row in "${change.action.sheet}" instead.`,
    );
  }
  const option = choice.options.find((o) => o.value === value);
  if (!option) {
    throw new Error(
      `"${value}" is not one of the choices for "${choice.header}". Choose one of ${choice.options.map((o) => o.label).join(', ')}.`,
    );
  }
  const header = now.sheets.get(change.action.sheet)?.[0] ?? [];
  const column = findHeader(header, choice.header);
  if (column === null) {
    throw new Error(
      `The "${change.action.sheet}" sheet has no "${choice.header}" column. Refresh to add it back, then choose again.`,
    );
  }
  deps.table.writeBlock(change.action.sheet, {
    row: change.row,
    column: column + 1,
    values: [[option.label]],
  });
}
