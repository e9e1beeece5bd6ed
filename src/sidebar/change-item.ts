/**
 * One change in the review: its tick box, target (name and Brex ID), sheet and row, Brex's value
 * now and what will be sent, then its problem or consequences, a push whose answer was lost, a
 * conflict with "Keep mine" and "Take Brex's", and the choice it still needs (a termination's
 * reason). Every string from the sheet or Brex goes in as text.
 */
import type { ChangeView, ConflictChoice } from '../contract/writeback';
import { h, notice, uniqueId } from './dom';

export interface ChangeItemOptions {
  readonly change: ChangeView;
  /** Null for a change that is never ticked here (a payment). */
  readonly checked: boolean | null;
  /** Consequences its group already states once. */
  readonly shared: readonly string[];
  readonly onCheck: (on: boolean) => void;
  readonly onResolve: (choice: ConflictChoice) => void;
  readonly onChoose: (value: string) => void;
}

/** "Active → Locked", or what a creation makes; a refused change sends nothing. */
function values(change: ChangeView): string {
  if (change.problem !== null) {
    return change.target.id === ''
      ? 'Nothing is created until the row is fixed.'
      : `Brex now: ${change.brexNow || '(blank)'}; nothing is sent until it is fixed.`;
  }
  const sent = change.toSend ?? '(cannot be read)';
  if (change.target.id === '') return `New in Brex: ${sent}`;
  return `Brex now: ${change.brexNow || '(blank)'} → will be sent: ${sent || '(blank)'}`;
}

/** "Brex Cards, row 4 · Brex ID card_1": the row, and the object the change is sent to. */
function where(change: ChangeView): string {
  const row = `${change.sheet}, row ${change.row}`;
  return change.target.id ? `${row} · Brex ID ${change.target.id}` : row;
}

export function changeItem(options: ChangeItemOptions): HTMLLIElement {
  const { change } = options;
  const name = change.target.name || change.target.id || change.toSend || 'New row';
  const box =
    options.checked === null
      ? null
      : h('input', {
          type: 'checkbox',
          'aria-label': `Include ${name} (row ${change.row})`,
          checked: options.checked,
          onchange: (event: Event) => options.onCheck((event.target as HTMLInputElement).checked),
        });
  return h(
    'li',
    { class: 'change', 'data-key': change.key },
    h('label', { class: 'change-title' }, box, ' ', h('span', { class: 'name' }, name)),
    h('div', { class: 'secondary-text' }, where(change)),
    h('div', { class: 'change-values' }, values(change)),
    change.inFlight
      ? notice('Sent before, answer lost: pushing again completes it once.', 'warning')
      : null,
    change.problem ? notice(change.problem, 'error') : null,
    change.choice ? choiceField(change, options.onChoose) : null,
    ...change.consequences
      .filter((text) => !options.shared.includes(text))
      .map((text) => notice(text, 'warning')),
    change.conflict ? conflictBox(change.conflict, options.onResolve) : null,
  );
}

/** The options a refused change may still take; choosing writes it into the row. */
function choiceField(change: ChangeView, onChoose: (value: string) => void): HTMLElement {
  const choice = change.choice as NonNullable<ChangeView['choice']>;
  const id = uniqueId('choice');
  return h(
    'div',
    { class: 'choice' },
    h('label', { for: id }, `Choose the ${choice.header.toLowerCase()}`),
    h(
      'select',
      {
        id,
        onchange: (event: Event) => {
          const value = (event.target as HTMLSelectElement).value;
          if (value) onChoose(value);
        },
      },
      h('option', { value: '' }, 'Choose…'),
      ...choice.options.map((o) => h('option', { value: o.value }, o.label)),
    ),
    h(
      'p',
      { class: 'secondary-text' },
      `It is written into the row's "${choice.header}" cell, and the review shows the change again with it.`,
    ),
  );
}

function conflictBox(conflict: string, onResolve: (choice: ConflictChoice) => void): HTMLElement {
  return h(
    'div',
    { class: 'conflict' },
    notice(conflict, 'error'),
    h(
      'div',
      { class: 'buttons' },
      h('button', { class: 'secondary', onclick: () => onResolve('keep_mine') }, 'Keep mine'),
      h('button', { class: 'secondary', onclick: () => onResolve('take_brex') }, 'Take Brex’s'),
    ),
  );
}
