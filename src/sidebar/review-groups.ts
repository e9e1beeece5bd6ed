/**
 * Pure: the review's changes grouped by what Brex will do (their action and its words for the
 * change: "Lock card" and "Unlock card" are one action, two groups), in the order the server
 * listed them, with the counts each group's title shows and the words of its confirmation.
 * Payment changes (actions "transfers.…") form one group of their own: they are approved by a
 * second person in the payments section, never pushed from the review.
 */
import type { ChangeView, Confirmation } from '../contract/writeback';
import { plural } from './format';

export interface ChangeGroup {
  /** The action id with the changes' label, or PAYMENTS for every payment change. */
  readonly id: string;
  /** The action id, or PAYMENTS. */
  readonly action: string;
  readonly label: string;
  readonly confirmation: Confirmation;
  readonly changes: readonly ChangeView[];
  /** Changes that may be pushed as they are. */
  readonly ready: number;
  readonly refused: number;
  /** Changes a push found changed in Brex since the sync: keep mine or take Brex's first. */
  readonly conflicts: number;
}

export const PAYMENTS = 'transfers';

export const isPayment = (change: ChangeView): boolean => change.action.startsWith('transfers.');

/** Whether the review may send this change: valid, not in conflict, not a payment. */
export const isReady = (change: ChangeView): boolean =>
  change.problem === null && change.conflict === null && !isPayment(change);

/** Whether the review checks it on opening: never an irreversible action or a creation. */
export const preChecked = (change: ChangeView): boolean =>
  isReady(change) && change.confirmation === 'none';

export function groupChanges(changes: readonly ChangeView[]): ChangeGroup[] {
  const byId = new Map<string, ChangeView[]>();
  for (const change of changes) {
    const id = isPayment(change) ? PAYMENTS : `${change.action}:${change.actionLabel}`;
    byId.set(id, [...(byId.get(id) ?? []), change]);
  }
  return [...byId].map(([id, members]) => {
    const first = members[0] as ChangeView;
    const payments = id === PAYMENTS;
    return {
      id,
      action: payments ? PAYMENTS : first.action,
      label: payments ? 'Pay vendors' : first.actionLabel,
      confirmation: payments ? 'none' : first.confirmation,
      changes: members,
      ready: members.filter(isReady).length,
      refused: members.filter((c) => c.problem !== null).length,
      conflicts: members.filter((c) => c.problem === null && c.conflict !== null).length,
    };
  });
}

/**
 * The consequences every change of the group shares (20 locks, each "Brex is given the reason:
 * Other…"): said once for the group rather than twenty times.
 */
export function sharedConsequences(group: Pick<ChangeGroup, 'changes'>): string[] {
  if (group.changes.length < 2) return [];
  const [first, ...rest] = group.changes;
  return (first?.consequences ?? []).filter((text) =>
    rest.every((c) => c.consequences.includes(text)),
  );
}

/** "20 pending · 18 ready · 2 refused" (conflicts only when there are some). */
export function countsText(
  group: Pick<ChangeGroup, 'changes' | 'ready' | 'refused' | 'conflicts'>,
): string {
  return [
    `${group.changes.length} pending`,
    `${group.ready} ready`,
    `${group.refused} refused`,
    group.conflicts > 0 ? plural(group.conflicts, 'conflict') : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** What a person confirms before the push includes these changes, naming what will happen. */
const CONFIRM_WORDS: Readonly<Record<string, (count: number) => string>> = {
  'card.terminate': (n) => `Terminate ${plural(n, 'card')} for good`,
  'spend_limit.archive': (n) => `Archive ${plural(n, 'spend limit')} for good`,
  'card.create': (n) => `Create ${plural(n, 'virtual card')} in Brex`,
  'user.invite': (n) =>
    `Invite ${plural(n, 'person', 'people')} to Brex: each gets an email invitation`,
  'department.create': (n) => `Create ${plural(n, 'department')} in Brex`,
  'location.create': (n) => `Create ${plural(n, 'location')} in Brex`,
  'vendor.create': (n) => `Create ${plural(n, 'vendor')} in Brex`,
  'spend_limit.create': (n) => `Create ${plural(n, 'spend limit')} in Brex`,
};

export function confirmationText(
  group: Pick<ChangeGroup, 'action' | 'label' | 'confirmation'>,
  count: number,
): string {
  const words = CONFIRM_WORDS[group.action];
  if (words) return words(count);
  return group.confirmation === 'irreversible'
    ? `${group.label}: send ${plural(count, 'change')} that cannot be undone`
    : `${group.label}: create ${count} in Brex`;
}
