/**
 * Review changes: every pending change across the synced sheets, grouped by action, each with
 * Brex's value now and what will be sent. Push sends exactly the keys shown and ticked (the key
 * carries the change's fingerprint, so the server refuses one edited since this review); an
 * irreversible action or a creation goes only once its group is confirmed. A large push runs call
 * by call with its progress (push-progress.ts); the pending count follows the sheets while the
 * sidebar is open (pending-count.ts). The panel talks to the server only through the facade.
 *
 * A termination without a reason is completed here by choosing one of Brex's reasons. The choice
 * is written into the row's "Reason" cell (`chooseForChange`) and the review is read again, rather
 * than kept in the sidebar and added at push: the row is then the one record of what will be sent,
 * the change's key covers the reason, and what the review shows is what goes.
 *
 * Payment changes ("transfers.…") are shown in a group of their own and never pushed from here:
 * a second person approves them in the payments section.
 */
import type {
  ChangeResult,
  ChangesReview,
  ConflictChoice,
  PendingCount,
  WriteBackServer,
} from '../contract/writeback';
import { h, notice, replaceChildren, section } from './dom';
import { plural, withTraceId } from './format';
import { GroupView } from './group-view';
import { PendingPoll } from './pending-count';
import { PushProgress, pushInRounds } from './push-progress';
import { groupChanges } from './review-groups';
import { ReviewSelection } from './review-selection';

const OUTCOME_TEXT: Record<ChangeResult['outcome'], string> = {
  pushed: 'Pushed',
  conflict: 'Conflict',
  refused: 'Not sent',
  failed: 'Failed',
  unknown: 'Answer lost',
  not_pending: 'Not pending',
  deferred: 'Not sent yet',
};

/** Pushed results listed one by one up to this many; beyond, the audit log has each. */
const LISTED_PUSHED = 10;

export interface ReviewPanelOptions {
  /** Asks for the person's write credential when they cannot push yet. */
  readonly credentialForm?: () => HTMLElement;
  /** How often the pending count is polled while the sidebar is visible, in ms. */
  readonly countPollMs?: number;
  /** Told each review shown, so that the payment section needs no review call of its own. */
  readonly onReview?: (review: ChangesReview) => void;
}

export class ReviewPanel {
  readonly element: HTMLElement;
  private readonly count = h('p', { class: 'pending-count', role: 'status' });
  private readonly outcome = h('div', { 'aria-live': 'polite' });
  private readonly body = h('div');
  private readonly poll: PendingPoll;
  private shown: ChangesReview | null = null;
  private busy = false;

  constructor(
    private readonly server: WriteBackServer,
    private readonly options: ReviewPanelOptions = {},
  ) {
    this.element = section('Review changes', this.count, this.outcome, this.body);
    this.poll = new PendingPoll({
      count: () => server.pendingChangeCount(),
      onCount: (count) => this.showCount(count),
      intervalMs: options.countPollMs,
      document: this.element.ownerDocument,
    });
  }

  /** The number of pending changes in the review shown. */
  get pending(): number {
    return this.shown?.changes.length ?? 0;
  }

  async load(): Promise<void> {
    this.render(await this.server.reviewChanges());
    this.poll.start();
  }

  /** Stops the count's polls (the sidebar left the connected view). */
  stop(): void {
    this.poll.stop();
  }

  private render(review: ChangesReview): void {
    this.shown = review;
    this.options.onReview?.(review);
    this.showCount({
      pending: review.changes.length,
      refused: review.changes.filter((c) => c.problem !== null).length,
    });
    if (review.changes.length === 0) {
      replaceChildren(
        this.body,
        notice(
          'No pending changes. Edit a cell of a synced sheet (a card’s Status, a spend limit’s Base limit…) or add a row, then review it here.',
        ),
      );
      return;
    }
    const groups = groupChanges(review.changes);
    const selection = new ReviewSelection(groups);
    const push = h('button', { class: 'action', onclick: () => void this.push(selection) });
    const waiting = h('p', { class: 'secondary-text' });
    const follow = () => {
      const keys = selection.keysToPush();
      push.textContent = `Push ${plural(keys.length, 'change')}`;
      push.disabled = !review.canPush || keys.length === 0 || this.busy;
      const unconfirmed = selection.unconfirmed();
      waiting.hidden = unconfirmed.length === 0;
      waiting.textContent = `Ticked but not confirmed, so not sent: ${unconfirmed.map((g) => g.label).join(', ')}. Tick "I confirm" in the group to send them.`;
    };
    const views = groups.map(
      (group) =>
        new GroupView({
          group,
          selection,
          onChange: follow,
          onResolve: (key, choice) => void this.resolve(key, choice),
          onChoose: (key, value) => void this.choose(key, value),
        }),
    );
    replaceChildren(
      this.body,
      review.canPush
        ? null
        : (this.options.credentialForm?.() ?? notice(review.credentialHelp ?? '', 'warning')),
      ...views.map((v) => v.element),
      waiting,
      h(
        'div',
        { class: 'actions review-actions' },
        push,
        h(
          'button',
          { class: 'secondary', onclick: () => void this.discard(selection.allChecked()) },
          'Discard checked',
        ),
        h(
          'button',
          { class: 'secondary', onclick: () => void this.discard(undefined) },
          'Discard all',
        ),
      ),
    );
    follow();
  }

  /** The count line; when the sheets moved on since this review, the way to see it. */
  private showCount(count: PendingCount): void {
    const stale = !this.busy && this.shown !== null && count.pending !== this.shown.changes.length;
    const refused = count.refused ? `, ${count.refused} refused` : '';
    const line = `${plural(count.pending, 'pending change')} in the sheets${refused}${stale ? ` now; the review below shows ${this.pending}` : ''}.`;
    replaceChildren(
      this.count,
      line,
      stale
        ? h(
            'button',
            {
              class: 'secondary',
              onclick: () =>
                void this.act(async () => {
                  replaceChildren(this.outcome);
                  return null;
                }),
            },
            'Review again',
          )
        : null,
    );
  }

  private async push(selection: ReviewSelection): Promise<void> {
    const keys = selection.keysToPush();
    if (keys.length === 0) return;
    const progress = new PushProgress();
    progress.start(keys.length);
    replaceChildren(this.outcome, progress.element);
    await this.act(async () => {
      const end = await pushInRounds(keys, {
        push: (remaining) => this.server.pushChanges(remaining),
        onProgress: (answered, total) => progress.show(answered, total),
      });
      replaceChildren(this.outcome, progress.element, ...this.results(end.results));
      if (end.stopped) this.outcome.append(notice(end.stopped, 'error'));
      return null;
    });
  }

  private results(results: readonly ChangeResult[]): HTMLElement[] {
    const pushed = results.filter((r) => r.outcome === 'pushed');
    const others = results.filter((r) => r.outcome !== 'pushed');
    const listed = [...(pushed.length <= LISTED_PUSHED ? pushed : []), ...others];
    const headline =
      others.length === 0
        ? notice(`Pushed ${plural(pushed.length, 'change')}. Each is a row of the Brex Audit Log.`)
        : notice(
            `Pushed ${pushed.length} of ${results.length}; ${others.length} not pushed (below). Nothing was sent for a change that is "Not sent".`,
            'warning',
          );
    if (listed.length === 0) return [headline];
    return [
      headline,
      h(
        'ul',
        { class: 'review-list', 'aria-label': 'Push results' },
        ...listed.map((r) =>
          h(
            'li',
            { class: r.outcome === 'pushed' ? '' : 'error' },
            `${OUTCOME_TEXT[r.outcome]}: ${withTraceId(r.message, r.traceId)}`,
          ),
        ),
      ),
    ];
  }

  private async discard(keys: string[] | undefined): Promise<void> {
    if (keys && keys.length === 0) return;
    await this.act(async () => {
      const { restored } = await this.server.discardChanges(keys);
      replaceChildren(
        this.outcome,
        notice(`Restored ${plural(restored.length, 'change')} to the values of the last sync.`),
      );
      return null;
    });
  }

  private async resolve(key: string, choice: ConflictChoice): Promise<void> {
    await this.act(async () => {
      const { message } = await this.server.resolveConflict(key, choice);
      replaceChildren(this.outcome, notice(message));
      return null;
    });
  }

  private async choose(key: string, value: string): Promise<void> {
    await this.act(async () => {
      const change = this.shown?.changes.find((c) => c.key === key);
      const label = change?.choice?.options.find((o) => o.value === value)?.label ?? value;
      const review = await this.server.chooseForChange(key, value);
      const where = change ? ` of row ${change.row} in ${change.sheet}` : '';
      const header = change?.choice?.header ?? 'cell';
      replaceChildren(
        this.outcome,
        notice(
          `“${label}” is now in the "${header}" cell${where}. The review below shows the change with it.`,
        ),
      );
      return review;
    });
  }

  /**
   * Runs an action with every button disabled (a double click sends nothing twice) and the count's
   * polls paused, then shows the review as it now is (the one the action returned, or read again)
   * and asks for the count. A failure shows its message above the review.
   */
  private async act(action: () => Promise<ChangesReview | null>): Promise<void> {
    this.busy = true;
    this.poll.stop();
    this.element.setAttribute('aria-busy', 'true');
    for (const button of this.element.querySelectorAll('button')) button.disabled = true;
    let review = this.shown;
    let failure: string | null = null;
    try {
      review = (await action()) ?? (await this.server.reviewChanges());
    } catch (error) {
      failure = (error as Error).message;
    }
    this.busy = false;
    this.element.removeAttribute('aria-busy');
    if (review) this.render(review);
    if (failure) this.outcome.append(notice(failure, 'error'));
    this.poll.start();
  }
}
