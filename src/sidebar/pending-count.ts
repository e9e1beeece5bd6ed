/**
 * The pending count, kept current while the sidebar is open: `pendingChangeCount` is polled every
 * POLL_MS while the sidebar is visible, paused while its tab is hidden, and asked at once after a
 * push or discard and when the sidebar shows again. One poll at a time: a slow one is never
 * overlapped by the next.
 *
 * Why 30 s: each poll is one Apps Script execution that reads every synced sheet and the document
 * properties once (one getProperties), asks Brex nothing and writes nothing. Apps Script counts
 * property reads per user per day (50,000 on a consumer account) and allows 30 simultaneous
 * executions per user: at one poll per 30 s, a sidebar open for a working day costs under 1,000
 * reads, and a read of large synced sheets (a few seconds) never overlaps the next poll. A person
 * who edits a cell sees the count follow within half a minute; faster polling would buy little,
 * since the review itself is read afresh whenever it is opened or acted on.
 */
import type { PendingCount } from '../contract/writeback';

export const POLL_MS = 30_000;

export interface PendingPollOptions {
  readonly count: () => Promise<PendingCount>;
  readonly onCount: (count: PendingCount) => void;
  readonly intervalMs?: number;
  /** The sidebar's document, whose visibility pauses the polls. */
  readonly document?: Document;
}

export class PendingPoll {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private started = false;
  private readonly intervalMs: number;
  private readonly doc: Document | undefined;

  constructor(private readonly options: PendingPollOptions) {
    this.intervalMs = options.intervalMs ?? POLL_MS;
    this.doc = options.document;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.doc?.addEventListener('visibilitychange', this.onVisibility);
    this.schedule();
  }

  stop(): void {
    this.started = false;
    this.doc?.removeEventListener('visibilitychange', this.onVisibility);
    this.clear();
  }

  /** Asks now (after a push or discard), then waits a whole period before the next poll. */
  async refresh(): Promise<void> {
    this.clear();
    if (!this.running) this.running = this.poll();
    await this.running;
  }

  private readonly onVisibility = (): void => {
    if (this.hidden()) this.clear();
    else void this.refresh();
  };

  private async poll(): Promise<void> {
    try {
      this.options.onCount(await this.options.count());
    } catch {
      // A failed poll keeps the last count shown; the next poll asks again, and the review's own
      // calls report their errors where the person acts.
    } finally {
      this.running = null;
      this.schedule();
    }
  }

  private schedule(): void {
    this.clear();
    if (!this.started || this.hidden()) return;
    this.timer = setTimeout(() => void this.refresh(), this.intervalMs);
  }

  private clear(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private hidden(): boolean {
    return this.doc?.visibilityState === 'hidden';
  }
}
