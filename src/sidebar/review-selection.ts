/**
 * What the person ticked in the review, and which groups they confirmed. A push sends exactly the
 * ticked keys that may be sent: ready ones, and of an irreversible action or a creation only once
 * its group is confirmed. Irreversible actions and creations are never ticked on opening. A
 * refused change may be ticked too, to be discarded; payment changes are never ticked here.
 */
import { isPayment, isReady, preChecked, type ChangeGroup } from './review-groups';

export class ReviewSelection {
  private readonly checked = new Set<string>();
  private readonly confirmed = new Set<string>();

  constructor(private readonly groups: readonly ChangeGroup[]) {
    for (const group of groups) {
      for (const change of group.changes) if (preChecked(change)) this.checked.add(change.key);
    }
  }

  isChecked(key: string): boolean {
    return this.checked.has(key);
  }

  /** Ticks or unticks changes; a payment change is never ticked. */
  set(keys: readonly string[], on: boolean): void {
    const payments = new Set(
      this.groups.flatMap((g) => g.changes.filter(isPayment).map((c) => c.key)),
    );
    for (const key of keys) {
      if (on && !payments.has(key)) this.checked.add(key);
      else this.checked.delete(key);
    }
  }

  /** The ticked, sendable keys of a group, in sheet order. */
  checkedIn(group: ChangeGroup): string[] {
    return group.changes.filter((c) => isReady(c) && this.checked.has(c.key)).map((c) => c.key);
  }

  isConfirmed(group: ChangeGroup): boolean {
    return this.confirmed.has(group.id);
  }

  confirm(group: ChangeGroup, on: boolean): void {
    if (on) this.confirmed.add(group.id);
    else this.confirmed.delete(group.id);
  }

  /** The groups whose ticked changes wait for a confirmation. */
  unconfirmed(): ChangeGroup[] {
    return this.groups.filter(
      (g) => g.confirmation !== 'none' && !this.isConfirmed(g) && this.checkedIn(g).length > 0,
    );
  }

  /** Exactly what a push sends now. */
  keysToPush(): string[] {
    return this.groups
      .filter((g) => g.confirmation === 'none' || this.isConfirmed(g))
      .flatMap((g) => this.checkedIn(g));
  }

  /** Every ticked key, refused ones included (what "Discard checked" restores). */
  allChecked(): string[] {
    return this.groups.flatMap((g) =>
      g.changes.filter((c) => this.checked.has(c.key)).map((c) => c.key),
    );
  }
}
