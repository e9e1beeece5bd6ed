/**
 * Sync health: per data set the last success, what the last refresh changed, and the error with
 * its next step; above them, a warning when the token has sat unused long enough for Brex to
 * expire it soon.
 */
import type { ServerFacade } from '../contract/server-facade';
import { h, notice, replaceChildren, section } from './dom';
import { formatTime, withTraceId } from './format';
import type { SyncHealthReport } from './refresh-progress';
import { lastTokenUse, tokenIdleWarning } from './token-idle';

type DataSetHealth = SyncHealthReport['dataSets'][number];

const STATES: Record<DataSetHealth['state'], string> = {
  never: 'Not refreshed yet',
  in_progress: 'Refresh in progress',
  ok: 'OK',
  error: 'Failed',
  unavailable: 'Not available to this token',
};

export class HealthSection {
  readonly element: HTMLElement;
  private readonly body = h('div');

  constructor(
    private readonly server: ServerFacade,
    private readonly now: () => Date,
  ) {
    this.element = section('Sync health', this.body);
  }

  /** `connectedAt` (ISO) counts as a use of the token. */
  async load(connectedAt: string | null): Promise<void> {
    const health = await this.server.getSyncHealth();
    const shown = health.dataSets.filter((d) => d.selected || d.state !== 'never');
    const idle = tokenIdleWarning(
      lastTokenUse(connectedAt, [
        health.lastBrexCallAt,
        ...health.dataSets.map((d) => d.lastSuccess),
      ]),
      this.now(),
    );
    replaceChildren(
      this.body,
      idle ? notice(idle, 'warning') : null,
      shown.length === 0
        ? h('p', { class: 'secondary' }, 'No data set is chosen yet.')
        : h('ul', { class: 'health', 'aria-label': 'Data sets' }, ...shown.map(item)),
    );
  }
}

function item(d: DataSetHealth): HTMLElement {
  return h(
    'li',
    {},
    h('span', { class: 'name' }, d.title),
    ' ',
    h('span', { class: `state state-${d.state}` }, STATES[d.state] ?? d.state),
    h('div', { class: 'secondary' }, `Last success: ${formatTime(d.lastSuccess)}`),
    d.lastRun
      ? h(
          'div',
          { class: 'secondary' },
          `Last refresh: ${d.added} added, ${d.updated} updated, ${d.removed} removed`,
        )
      : null,
    d.message
      ? h(
          'div',
          { class: d.state === 'unavailable' ? 'secondary' : 'error' },
          withTraceId(d.message, d.traceId),
        )
      : null,
  );
}
