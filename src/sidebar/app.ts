/**
 * The sidebar: Connection first; once the spreadsheet is connected, Data sets (with Refresh now),
 * Review changes (the write-back's review panel, with its live pending count), Payments to
 * approve, Schedule and Sync
 * health below it.
 */
import type { ServerFacade } from '../contract/server-facade';
import type { SidebarStart } from '../contract/sidebar-start';
import { ConnectionSection, type ConnectionStatus } from './connection-section';
import { DataSection } from './data-section';
import { h, notice, replaceChildren } from './dom';
import { HealthSection } from './health-section';
import { PaymentApproval } from './payment-approval';
import { ReviewPanel } from './review-panel';
import { ScheduleSection } from './schedule-section';
import { writeCredentialForm } from './write-credential-form';

export interface SidebarOptions {
  readonly server: ServerFacade;
  readonly start: SidebarStart;
  readonly now?: () => Date;
  /** How often the progress bar looks for new pages during a refresh call, in ms. */
  readonly pollMs?: number;
  /** How often the review's pending count is asked for while the sidebar shows, in ms. */
  readonly countPollMs?: number;
}

export class Sidebar {
  private readonly connection: ConnectionSection;
  private readonly data: DataSection;
  private readonly review: ReviewPanel;
  private readonly payments: PaymentApproval;
  private readonly schedule: ScheduleSection;
  private readonly health: HealthSection;
  private readonly connected = h('div');
  private status: ConnectionStatus | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly options: SidebarOptions,
  ) {
    const { server } = options;
    this.connection = new ConnectionSection({
      server,
      onChange: (status) => void this.follow(status),
    });
    this.data = new DataSection({
      server,
      pollMs: options.pollMs,
      // A refresh rewrites the rows the review compares against.
      onRefreshed: () =>
        void Promise.all([
          this.loadHealth(),
          this.guard(this.review.element, () => this.review.load()),
        ]),
    });
    this.review = new ReviewPanel(server, {
      countPollMs: options.countPollMs,
      // One review call feeds both sections: it reads every synced sheet and Brex's payment lists.
      onReview: (review) => this.payments.show(review),
      credentialForm: () =>
        writeCredentialForm({
          server,
          onSaved: (status) => {
            this.connection.show(status);
            void this.guard(this.review.element, () => this.review.load());
          },
        }),
    });
    this.payments = new PaymentApproval(server, () =>
      writeCredentialForm({
        server,
        onSaved: (status) => {
          this.connection.show(status);
          void this.guard(this.payments.element, () => this.payments.load());
        },
      }),
    );
    this.schedule = new ScheduleSection(server);
    this.health = new HealthSection(server, options.now ?? (() => new Date()));
    replaceChildren(root, this.connection.element, this.connected);
  }

  /** Loads everything, then does what the menu item asked for. */
  async start(): Promise<void> {
    try {
      const status = await this.options.server.getConnectionStatus();
      this.connection.show(status);
      await this.follow(status);
    } catch (error) {
      replaceChildren(this.root, notice((error as Error).message, 'error'));
      return;
    }
    if (!this.status?.connected) return;
    if (this.options.start === 'refresh') await this.data.refresh();
    if (this.options.start === 'review') {
      this.review.element.scrollIntoView?.();
      this.review.element.querySelector('h2')?.focus();
    }
  }

  private async follow(status: ConnectionStatus): Promise<void> {
    this.status = status;
    if (!status.connected) {
      this.review.stop();
      replaceChildren(this.connected);
      // A schedule never runs out of sight: while one is set, it stays here to be turned off.
      await this.guard(this.schedule.element, async () => {
        if ((await this.schedule.load()).kind !== 'off') {
          replaceChildren(
            this.connected,
            notice(
              'A schedule is still set. Until the spreadsheet is connected again its runs read nothing: turn it off below, or connect again.',
              'warning',
            ),
            this.schedule.element,
          );
        }
      });
      return;
    }
    replaceChildren(
      this.connected,
      this.data.element,
      this.review.element,
      this.payments.element,
      this.schedule.element,
      this.health.element,
    );
    await Promise.all([
      this.guard(this.data.element, () => this.data.load()),
      this.guard(this.review.element, () => this.review.load()),
      this.guard(this.schedule.element, () => this.schedule.load()),
      this.loadHealth(),
    ]);
  }

  private async loadHealth(): Promise<void> {
    await this.guard(this.health.element, () => this.health.load(this.status?.connectedAt ?? null));
  }

  /** A failed load shows its message where the content would have been. */
  private async guard(place: HTMLElement, load: () => Promise<unknown>): Promise<void> {
    try {
      await load();
    } catch (error) {
      place.appendChild(notice((error as Error).message, 'error'));
    }
  }
}
