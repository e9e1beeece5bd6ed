/**
 * Data sets: Refresh now first (visible without scrolling), with a progress bar, Cancel, an
 * honest headline and the counts when done; below it, folded away, which data sets to keep in
 * sheets and from which day.
 */
import type { ServerFacade } from '../contract/server-facade';
import { h, notice, replaceChildren, section, uniqueId } from './dom';
import { withTraceId } from './format';
import { runRefreshLoop } from './refresh-loop';
import {
  entriesFromHealth,
  entriesFromSummary,
  progressFraction,
  progressLabel,
  type ProgressEntry,
  type Retrying,
  type SyncHealthReport,
} from './refresh-progress';

export interface DataSectionOptions {
  readonly server: ServerFacade;
  /** After a refresh ends, so health and the rest follow. */
  readonly onRefreshed: () => void;
  /** How often to look at per-page progress while a refresh call runs, in ms. */
  readonly pollMs?: number;
}

const DEFAULT_POLL_MS = 2000;

export class DataSection {
  readonly element: HTMLElement;
  private readonly body = h('div');
  private readonly checkboxes = new Map<string, HTMLInputElement>();
  private readonly historyStart = h('input', { type: 'date', required: true });
  private readonly receiptThreshold = h('input', { type: 'number', min: '0', step: '0.01' });
  private readonly refreshButton = h('button', { type: 'button', class: 'action' }, 'Refresh now');
  private readonly cancelButton = h('button', { type: 'button', hidden: true }, 'Cancel');
  private readonly bar = h('progress', {
    max: 1,
    value: 0,
    'aria-label': 'Refresh progress',
    hidden: true,
  });
  private readonly progressText = h('p', { class: 'secondary', 'aria-live': 'polite' });
  private readonly outcome = h('div');
  private readonly choice = h('details', { class: 'choice' });
  private running = false;
  private cancelRequested = false;

  constructor(private readonly options: DataSectionOptions) {
    this.element = section('Data sets', this.body);
    this.refreshButton.addEventListener('click', () => void this.refresh());
    this.cancelButton.addEventListener('click', () => {
      this.cancelRequested = true;
      this.cancelButton.disabled = true;
      this.progressText.textContent = 'Cancelling after the current step…';
    });
  }

  async load(): Promise<void> {
    const [health, settings] = await Promise.all([
      this.options.server.getSyncHealth(),
      this.options.server.getSyncSettings(),
    ]);
    this.receiptThreshold.value = String(settings.receiptThreshold ?? '');
    this.render(health, settings.historyStart);
  }

  private render(health: SyncHealthReport, historyStart: string): void {
    this.checkboxes.clear();
    const list = h('fieldset', {}, h('legend', {}, 'Keep these in sheets'));
    for (const d of health.dataSets) {
      const id = uniqueId('data-set');
      const box = h('input', { type: 'checkbox', id, value: d.id, checked: d.selected });
      box.addEventListener('change', () => this.showChoiceSummary());
      this.checkboxes.set(d.id, box);
      list.appendChild(h('div', { class: 'check' }, box, h('label', { for: id }, d.title)));
    }
    const dateId = uniqueId('history-start');
    this.historyStart.id = dateId;
    this.historyStart.value = historyStart;
    this.historyStart.onchange = () => this.showChoiceSummary();
    replaceChildren(
      this.choice,
      h('summary'),
      list,
      h(
        'div',
        { class: 'form-group' },
        h('label', { for: dateId }, 'History from'),
        this.historyStart,
        h('p', { class: 'secondary' }, 'Transactions and expenses are read from this day on.'),
      ),
      this.receiptField(),
    );
    this.showChoiceSummary();
    replaceChildren(
      this.body,
      h('div', { class: 'buttons' }, this.refreshButton, this.cancelButton),
      this.bar,
      this.progressText,
      this.outcome,
      this.choice,
    );
    if (health.refreshInProgress && !this.running) {
      this.progressText.textContent =
        'A refresh stopped part-way. Refresh now continues it where it stopped.';
    }
  }

  private receiptField(): HTMLElement {
    const id = uniqueId('receipt-threshold');
    this.receiptThreshold.id = id;
    return h(
      'div',
      { class: 'form-group' },
      h('label', { for: id }, 'Receipts required from'),
      this.receiptThreshold,
      h(
        'p',
        { class: 'secondary' },
        'A card expense of this amount or more with no receipt shows "Missing" in Brex Expenses.',
      ),
    );
  }

  /** The folded choice's one line: how many data sets, from which day. */
  private showChoiceSummary(): void {
    const chosen = [...this.checkboxes.values()].filter((box) => box.checked).length;
    const summary = this.choice.querySelector('summary');
    if (summary) {
      summary.textContent = `Data sets: ${chosen} of ${this.checkboxes.size}, history from ${this.historyStart.value || 'not set'}`;
    }
  }

  /** Saves the choice, then calls the server until the refresh is done or cancelled. */
  async refresh(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.cancelRequested = false;
    this.refreshButton.disabled = true;
    this.cancelButton.hidden = false;
    this.cancelButton.disabled = false;
    this.bar.hidden = false;
    this.choice.open = false;
    this.bar.value = 0;
    this.bar.setAttribute('aria-valuetext', '0%');
    replaceChildren(this.outcome);
    let shown = 0;
    let entries: ProgressEntry[] | null = null;
    const show = (next: ProgressEntry[], retrying: Retrying = null) => {
      entries = next;
      // Never step back: the first look at health may predate the server's reset of the counts.
      shown = Math.max(shown, progressFraction(next));
      this.bar.value = shown;
      this.bar.setAttribute('aria-valuetext', `${Math.round(shown * 100)}%`);
      this.progressText.textContent = progressLabel(next, retrying);
    };
    this.progressText.textContent = 'Starting…';
    let polling = false;
    const timer = setInterval(() => {
      if (polling) return;
      polling = true;
      this.options.server
        .getSyncHealth()
        .then((health) => {
          if (this.running) show(entriesFromHealth(health, entries), health.retrying);
        })
        .catch(() => undefined) // a missed look changes nothing; the next one or the summary follows
        .finally(() => (polling = false));
    }, this.options.pollMs ?? DEFAULT_POLL_MS);
    try {
      await this.saveSettings();
      const end = await runRefreshLoop({
        refreshNow: () => this.options.server.refreshNow(),
        onSummary: (summary) => show(entriesFromSummary(summary)),
        cancelled: () => this.cancelRequested,
      });
      if (end.outcome === 'done' && end.summary) {
        this.bar.value = 1;
        this.bar.setAttribute('aria-valuetext', '100%');
        const failed = end.summary.dataSets.some((d) => d.state === 'error');
        this.progressText.textContent = failed ? '' : end.summary.message;
        replaceChildren(
          this.outcome,
          failed ? notice(end.summary.message, 'error') : null,
          countsList(end.summary.dataSets),
        );
      } else if (end.outcome === 'busy') {
        replaceChildren(this.outcome, notice(end.summary?.message ?? '', 'warning'));
      } else if (end.outcome === 'stalled') {
        replaceChildren(this.outcome, notice(end.message, 'error'));
      } else {
        this.progressText.textContent =
          'Cancelled. What was written stays; Refresh now continues where this one stopped.';
      }
    } catch (error) {
      replaceChildren(this.outcome, notice((error as Error).message, 'error'));
    } finally {
      clearInterval(timer);
      this.running = false;
      this.refreshButton.disabled = false;
      this.cancelButton.hidden = true;
      this.options.onRefreshed();
    }
  }

  private async saveSettings(): Promise<void> {
    const dataSets = [...this.checkboxes].filter(([, box]) => box.checked).map(([id]) => id);
    if (dataSets.length === 0) {
      throw new Error('No data set is chosen. Tick at least one, then refresh.');
    }
    await this.options.server.saveSyncSettings({
      dataSets: dataSets as Parameters<ServerFacade['saveSyncSettings']>[0]['dataSets'],
      historyStart: this.historyStart.value,
      ...(this.receiptThreshold.value === ''
        ? {}
        : { receiptThreshold: Number(this.receiptThreshold.value) }),
    });
  }
}

function countsList(entries: readonly ProgressEntry[]): HTMLElement {
  return h(
    'ul',
    { class: 'counts', 'aria-label': 'Refresh results' },
    ...entries.map((e) =>
      h(
        'li',
        {},
        h('span', { class: 'name' }, e.title),
        ': ',
        e.message && e.state !== 'ok'
          ? h(
              'span',
              { class: e.state === 'unavailable' ? 'secondary' : 'error' },
              withTraceId(e.message, e.traceId),
            )
          : `${e.added} added, ${e.updated} updated, ${e.removed} removed`,
      ),
    ),
  );
}
