/**
 * Review spend-limit changes: every edited "Base limit" cell with old → new, currency, period and
 * consequences; refused ones with the reason. Push the checked changes or all valid ones, or
 * discard them. The panel talks to the server only through the facade (any `WriteBackServer`); mount `element` anywhere
 * and call `load()` (the menu's "Review spend-limit changes" starts the sidebar here).
 */
import type {
  PendingChange,
  PushResult,
  SpendLimitReview,
  WriteBackServer,
} from '../contract/writeback';
import { h, notice, replaceChildren, section } from './dom';

const OUTCOME_TEXT: Record<PushResult['outcome'], string> = {
  pushed: 'Pushed',
  conflict: 'Conflict',
  refused: 'Not sent',
  failed: 'Failed',
  unknown: 'Answer lost',
  not_pending: 'Not pending',
  deferred: 'Not sent yet',
};

export class ReviewPanel {
  readonly element: HTMLElement;
  private readonly body = h('div');
  private readonly outcome = h('div', { 'aria-live': 'polite' });
  private readonly checked = new Set<string>();
  /** Each shown change's fingerprint: a push sends a change only as it was shown here. */
  private readonly fingerprints = new Map<string, string>();
  /** The number of pending changes, for a count beside the panel's title. */
  count = 0;

  constructor(
    private readonly server: WriteBackServer,
    /** Asks for the person's write credential when they cannot push yet. */
    private readonly credentialForm?: () => HTMLElement,
  ) {
    this.element = section('Spend-limit changes', this.outcome, this.body);
  }

  async load(): Promise<void> {
    this.render(await this.server.reviewSpendLimitChanges());
  }

  private render(review: SpendLimitReview): void {
    this.count = review.changes.length;
    this.checked.clear();
    this.fingerprints.clear();
    for (const change of review.changes) {
      this.fingerprints.set(change.id, change.fingerprint);
      if (change.problem === null) this.checked.add(change.id);
    }
    if (review.changes.length === 0) {
      replaceChildren(
        this.body,
        notice(
          `No pending changes. Edit a "Base limit" cell in the "${review.sheetName}" sheet, then review it here.`,
        ),
      );
      return;
    }
    const valid = review.changes.filter((c) => c.problem === null).length;
    replaceChildren(
      this.body,
      h('p', {}, `${review.changes.length} pending, ${valid} ready to push.`),
      review.canPush
        ? null
        : (this.credentialForm?.() ?? notice(review.credentialHelp ?? '', 'warning')),
      h(
        'ul',
        { class: 'review-list', 'aria-label': 'Pending changes' },
        ...review.changes.map((c) => this.item(c)),
      ),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            class: 'action',
            disabled: !review.canPush || valid === 0,
            onclick: () => void this.push([...this.checked]),
          },
          'Push checked',
        ),
        h(
          'button',
          { class: 'secondary', onclick: () => void this.discard([...this.checked]) },
          'Discard checked',
        ),
        h(
          'button',
          { class: 'secondary', onclick: () => void this.discard(undefined) },
          'Discard all',
        ),
      ),
    );
  }

  private item(change: PendingChange): HTMLElement {
    const label = `${change.name || change.id}: ${change.old.text} → ${change.new?.text ?? change.typed} ${change.currency}`;
    const box = h('input', {
      type: 'checkbox',
      'aria-label': `Include ${change.name || change.id}`,
      checked: change.problem === null,
      onchange: (event: Event) => {
        if ((event.target as HTMLInputElement).checked) this.checked.add(change.id);
        else this.checked.delete(change.id);
      },
    });
    return h(
      'li',
      {},
      h('label', {}, box, ' ', label),
      h('div', { class: 'secondary-text' }, `${change.period}, row ${change.row}`),
      change.inFlight
        ? notice('Sent before, answer lost: pushing again completes it once.', 'warning')
        : null,
      change.problem ? notice(change.problem, 'error') : null,
      ...change.consequences.map((text) => notice(text, 'warning')),
    );
  }

  private async push(ids: string[]): Promise<void> {
    await this.act(async () => {
      const results = await this.server.pushSpendLimitChanges(
        ids.map((id) => ({ id, fingerprint: this.fingerprints.get(id) ?? '' })),
      );
      replaceChildren(
        this.outcome,
        h(
          'ul',
          { 'aria-label': 'Push results' },
          ...results.map((r) =>
            h(
              'li',
              { class: r.outcome === 'pushed' ? '' : 'error' },
              `${OUTCOME_TEXT[r.outcome]}: ${r.message}`,
            ),
          ),
        ),
      );
    });
  }

  private async discard(ids: string[] | undefined): Promise<void> {
    await this.act(async () => {
      const { restored } = await this.server.discardSpendLimitChanges(ids);
      replaceChildren(
        this.outcome,
        notice(`Restored ${restored.length} limit(s) to the values of the last sync.`),
      );
    });
  }

  /** Runs an action, then shows the review as it now is; a failure shows its message. */
  private async act(action: () => Promise<void>): Promise<void> {
    try {
      await action();
      await this.load();
    } catch (error) {
      replaceChildren(this.outcome, notice((error as Error).message, 'error'));
    }
  }
}
