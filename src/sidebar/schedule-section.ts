/**
 * Schedule: off, hourly, every 6 hours or daily at an hour. Apps Script triggers run as the
 * person who made them, so the section names that person and lets another editor take over.
 */
import type { ServerFacade } from '../contract/server-facade';
import type { ServerResult } from '../contract/server-functions';
import { h, notice, replaceChildren, section, uniqueId } from './dom';
import { formatTime } from './format';

export type ScheduleStatus = ServerResult<'getSchedule'>;
type Kind = ScheduleStatus['kind'];

const KINDS: ReadonlyArray<readonly [Kind, string]> = [
  ['off', 'Off'],
  ['hourly', 'Every hour'],
  ['every6h', 'Every 6 hours'],
  ['daily', 'Every day at'],
];

const OUTCOMES: Record<NonNullable<ScheduleStatus['lastRun']>['outcome'], string> = {
  done: 'refreshed',
  continues: 'refreshed part of the data; the next run continues',
  skipped: 'skipped: another refresh was running',
  failed: 'failed',
};

const hourLabel = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

export class ScheduleSection {
  readonly element: HTMLElement;
  private readonly body = h('div');

  constructor(private readonly server: ServerFacade) {
    this.element = section('Schedule', this.body);
  }

  async load(): Promise<ScheduleStatus> {
    const status = await this.server.getSchedule();
    this.render(status);
    return status;
  }

  private render(status: ScheduleStatus, message?: HTMLElement): void {
    const name = uniqueId('schedule');
    const hourId = uniqueId('hour');
    const hour = h(
      'select',
      { id: hourId, 'aria-label': 'Hour of the daily refresh' },
      ...Array.from({ length: 24 }, (_, i) =>
        h('option', { value: i, selected: i === (status.hour ?? 6) }, hourLabel(i)),
      ),
    );
    const radios = KINDS.map(([kind, label]) => {
      const id = uniqueId('kind');
      const radio = h('input', {
        type: 'radio',
        name,
        id,
        value: kind,
        checked: status.kind === kind,
      });
      return h(
        'div',
        { class: 'check' },
        radio,
        h('label', { for: id }, label),
        kind === 'daily' ? hour : null,
      );
    });
    const chosen = (): Kind =>
      (this.body.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ??
        'off') as Kind;
    const save = h('button', { type: 'submit', class: 'action' }, 'Save schedule');
    const form = h(
      'form',
      {
        onsubmit: (event: Event) => {
          event.preventDefault();
          const kind = chosen();
          void this.apply(() =>
            this.server.setSchedule(
              kind === 'daily' ? { kind, hour: Number(hour.value) } : { kind },
            ),
          );
        },
      },
      h('fieldset', {}, h('legend', {}, 'Refresh automatically'), ...radios),
      h('div', { class: 'buttons' }, save),
    );
    replaceChildren(
      this.body,
      message,
      h('p', {}, status.description),
      owner(status),
      status.owner && !status.ownedByMe
        ? h(
            'div',
            { class: 'buttons' },
            h(
              'button',
              {
                type: 'button',
                onclick: () => void this.apply(() => this.server.takeOverSchedule()),
              },
              'Take over schedule',
            ),
          )
        : null,
      form,
      lastRun(status),
    );
  }

  private async apply(change: () => Promise<ScheduleStatus>): Promise<void> {
    try {
      this.render(await change(), notice('Schedule saved.'));
    } catch (error) {
      const current = await this.server.getSchedule().catch(() => null);
      if (current) this.render(current, notice((error as Error).message, 'error'));
      else replaceChildren(this.body, notice((error as Error).message, 'error'));
    }
  }
}

function owner(status: ScheduleStatus): HTMLElement | null {
  if (!status.owner) return null;
  return h(
    'p',
    { class: 'secondary' },
    status.ownedByMe
      ? 'It runs as you, with your Google account. If you lose access to this spreadsheet, another editor should take it over.'
      : `It runs as ${status.owner}, whose Google account made it. Taking it over makes it run as you instead; saving a new schedule does too.`,
  );
}

type Run = ScheduleStatus['runs'][number];

/** The last run in full (a failure as an alert), then the earlier ones the server kept. */
function lastRun(status: ScheduleStatus): HTMLElement | null {
  const [run, ...earlier] = status.runs;
  if (!run) return null;
  const line = `Last scheduled run ${formatTime(run.at)} (as ${run.by}): ${OUTCOMES[run.outcome]}. ${run.did}`;
  return h(
    'div',
    {},
    h('p', { class: 'secondary' }, line),
    run.outcome === 'failed' ? notice(run.message, 'error') : null,
    earlier.length > 0
      ? h(
          'details',
          {},
          h('summary', {}, `Earlier scheduled runs (${earlier.length})`),
          h('ul', { class: 'runs' }, ...earlier.map(earlierRun)),
        )
      : null,
  );
}

function earlierRun(run: Run): HTMLElement {
  const failure = run.outcome === 'failed' ? ` ${run.message}` : '';
  return h(
    'li',
    {},
    `${formatTime(run.at)} (as ${run.by}): ${OUTCOMES[run.outcome]}. ${run.did}${failure}`,
  );
}
