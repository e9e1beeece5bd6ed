/**
 * One action's group in the review: its title with the count, the pending / ready / refused line,
 * "Select all", the confirmation an irreversible action or a creation needs, and its changes.
 * The confirmation names what will happen to exactly the ticked changes ("Terminate 2 cards for
 * good"); ticking another change of the group takes it back, so what was confirmed is what goes.
 */
import type { ConflictChoice } from '../contract/writeback';
import { changeItem } from './change-item';
import { h, notice, uniqueId } from './dom';
import {
  PAYMENTS,
  confirmationText,
  countsText,
  isReady,
  sharedConsequences,
  type ChangeGroup,
} from './review-groups';
import type { ReviewSelection } from './review-selection';

export interface GroupViewOptions {
  readonly group: ChangeGroup;
  readonly selection: ReviewSelection;
  /** After any tick or confirmation: the panel's buttons follow. */
  readonly onChange: () => void;
  readonly onResolve: (key: string, choice: ConflictChoice) => void;
  readonly onChoose: (key: string, value: string) => void;
}

export class GroupView {
  readonly element: HTMLElement;
  private readonly selectAll: HTMLInputElement;
  private readonly confirmBox: HTMLInputElement;
  private readonly confirmLabel = h('label');
  private readonly confirmRow: HTMLElement;
  private readonly boxes = new Map<string, HTMLInputElement>();

  constructor(private readonly options: GroupViewOptions) {
    const { group } = options;
    const payments = group.id === PAYMENTS;
    const title = `${group.label} (${group.changes.length})`;
    const selectId = uniqueId('select-all');
    this.selectAll = h('input', {
      id: selectId,
      type: 'checkbox',
      disabled: group.ready === 0,
      onchange: () => this.tickAll(this.selectAll.checked),
    });
    const confirmId = uniqueId('confirm');
    this.confirmBox = h('input', {
      id: confirmId,
      type: 'checkbox',
      onchange: () => {
        options.selection.confirm(group, this.confirmBox.checked);
        options.onChange();
      },
    });
    this.confirmLabel.htmlFor = confirmId;
    this.confirmRow = h('div', { class: 'check confirm' }, this.confirmBox, this.confirmLabel);
    const shared = sharedConsequences(group);
    const list = h(
      'ul',
      { class: 'review-list', 'aria-label': `${group.label} changes` },
      ...group.changes.map((change) => {
        const item = changeItem({
          change,
          checked: payments ? null : options.selection.isChecked(change.key),
          shared,
          onCheck: (on) => this.tick([change.key], on),
          onResolve: (choice) => options.onResolve(change.key, choice),
          onChoose: (value) => options.onChoose(change.key, value),
        });
        const box = item.querySelector('input[type="checkbox"]');
        if (box) this.boxes.set(change.key, box as HTMLInputElement);
        return item;
      }),
    );
    this.element = h(
      'div',
      { class: 'change-group', role: 'group', 'aria-label': title },
      h('h3', {}, title),
      h('p', { class: 'secondary-text' }, countsText(group)),
      ...shared.map((text) => notice(`Each: ${text}`, 'warning')),
      payments
        ? notice(
            'Payments are approved by a second person in the payments section, never pushed from this review.',
          )
        : h(
            'div',
            { class: 'check' },
            this.selectAll,
            h('label', { for: selectId }, `Select all ready (${group.ready})`),
          ),
      payments || group.confirmation === 'none' ? null : this.confirmRow,
      list,
    );
    this.update();
  }

  private tickAll(on: boolean): void {
    this.tick(
      this.options.group.changes.filter(isReady).map((c) => c.key),
      on,
    );
  }

  private tick(keys: readonly string[], on: boolean): void {
    const { selection, group } = this.options;
    selection.set(keys, on);
    selection.confirm(group, false);
    this.update();
    this.options.onChange();
  }

  /** The boxes, "Select all" and the confirmation's words, as the selection now is. */
  private update(): void {
    const { selection, group } = this.options;
    for (const [key, box] of this.boxes) box.checked = selection.isChecked(key);
    const ticked = selection.checkedIn(group).length;
    this.selectAll.checked = group.ready > 0 && ticked === group.ready;
    this.selectAll.indeterminate = ticked > 0 && ticked < group.ready;
    this.confirmRow.hidden = ticked === 0;
    this.confirmBox.checked = selection.isConfirmed(group);
    const words = confirmationText(group, ticked);
    this.confirmLabel.textContent = `I confirm: ${words.charAt(0).toLowerCase()}${words.slice(1)}`;
  }
}
