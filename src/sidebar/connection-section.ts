/**
 * Connect: paste the connection token (read-only recommended), pick the environment, check it
 * with Brex, and say plainly which credential is which: the spreadsheet's connection reads, a
 * person's own write credential (asked for at their first review, see write-credential-form.ts)
 * writes. A token goes to the server once and never comes back: the page shows its last four
 * characters at most; the field keeps its dots while Brex checks it and is emptied after.
 */
import type { ServerFacade } from '../contract/server-facade';
import type { ServerResult } from '../contract/server-functions';
import { h, notice, replaceChildren, section, tokenInput, uniqueId } from './dom';
import { formatTime } from './format';

export type ConnectionStatus = ServerResult<'getConnectionStatus'>;

export interface ConnectionSectionOptions {
  readonly server: ServerFacade;
  /** Called with every new status, so the rest of the sidebar follows. */
  readonly onChange: (status: ConnectionStatus) => void;
}

const SHARING =
  'The connection belongs to this spreadsheet: every editor, the BREX_ formulas and the scheduled refresh read Brex with it.';
const READ_ONLY =
  'Anyone who can edit this spreadsheet can run scripts that use the connection, so it should not be able to change anything in Brex.';
const WRITING =
  'Changes you push to Brex use your own write credential, kept for you alone; you are asked for it the first time you review a change.';

export class ConnectionSection {
  readonly element: HTMLElement;
  private readonly body = h('div');
  private status: ConnectionStatus | null = null;

  constructor(private readonly options: ConnectionSectionOptions) {
    this.element = section('Connection', this.body);
  }

  show(status: ConnectionStatus, message?: HTMLElement): void {
    this.status = status;
    if (status.connected) this.showConnected(status, message);
    else this.showForm(message);
  }

  private showConnected(status: ConnectionStatus, message?: HTMLElement): void {
    const who = [status.user, status.email ? `(${status.email})` : null].filter(Boolean).join(' ');
    replaceChildren(
      this.body,
      message,
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Company'),
        h('dd', {}, status.company ?? 'Not reported by Brex'),
        h('dt', {}, 'Brex user'),
        h('dd', {}, who || 'Unknown'),
        h('dt', {}, 'Environment'),
        h('dd', {}, status.environment ?? 'production'),
        h('dt', {}, 'Connection'),
        h('dd', {}, `token ending in ${status.tokenLast4 ?? '????'}: reads, for everyone here`),
        h('dt', {}, 'Your writes'),
        h('dd', {}, writeCredentialText(status)),
        h('dt', {}, 'Connected'),
        h('dd', {}, formatTime(status.connectedAt)),
      ),
      unavailableList(status),
      h('p', { class: 'secondary' }, SHARING),
      status.writeCredential
        ? h(
            'div',
            { class: 'buttons' },
            h(
              'button',
              { type: 'button', onclick: () => void this.forgetWriteCredential() },
              'Remove my write credential',
            ),
          )
        : null,
      h(
        'div',
        { class: 'buttons' },
        h(
          'button',
          { type: 'button', onclick: () => this.showForm(undefined, true) },
          'Use another token',
        ),
        h('button', { type: 'button', onclick: () => void this.confirmDisconnect() }, 'Disconnect'),
      ),
    );
  }

  /** `replacing`: a connection exists and stays until the new token is checked; Cancel keeps it. */
  private showForm(message?: HTMLElement, replacing = false): void {
    const tokenId = uniqueId('token');
    const environmentId = uniqueId('environment');
    const token = tokenInput(tokenId);
    const environment = h(
      'select',
      { id: environmentId },
      h('option', { value: 'production' }, 'Production'),
      h('option', { value: 'staging' }, 'Staging'),
    );
    const submit = h('button', { type: 'submit', class: 'action' }, 'Connect');
    const current = this.status;
    const cancel =
      replacing && current
        ? h('button', { type: 'button', onclick: () => this.show(current) }, 'Cancel')
        : null;
    const status = h('div');
    const form = h(
      'form',
      {
        onsubmit: (event: Event) => {
          event.preventDefault();
          void this.connect(token, environment.value, submit, status);
        },
      },
      replacing
        ? h(
            'p',
            { class: 'notice info' },
            `The current connection (token ending in ${current?.tokenLast4 ?? '????'}) is kept until Brex has checked the new token.`,
          )
        : null,
      h('div', { class: 'form-group' }, h('label', { for: tokenId }, 'Connection token'), token),
      h(
        'div',
        { class: 'form-group' },
        h('label', { for: environmentId }, 'Environment'),
        environment,
      ),
      h('p', { class: 'secondary' }, h('strong', {}, 'Read-only recommended. '), READ_ONLY),
      h('p', { class: 'secondary' }, SHARING, ' ', WRITING),
      h('div', { class: 'buttons' }, submit, cancel),
      status,
    );
    replaceChildren(this.body, message, form);
  }

  private async connect(
    token: HTMLInputElement,
    environment: string,
    submit: HTMLButtonElement,
    status: HTMLElement,
  ): Promise<void> {
    // The field keeps its dots while Brex checks the token, then is emptied either way.
    token.readOnly = true;
    submit.disabled = true;
    replaceChildren(status, notice('Checking the token with Brex…'));
    try {
      const result = await this.options.server.connect({
        token: token.value,
        environment: environment === 'staging' ? 'staging' : 'production',
      });
      token.value = '';
      this.show(result, notice('Connected.'));
      this.options.onChange(result);
    } catch (error) {
      token.value = '';
      token.readOnly = false;
      submit.disabled = false;
      replaceChildren(status, notice((error as Error).message, 'error'));
      token.focus();
    }
  }

  /** Asks first, saying what happens to the schedule, which would otherwise keep its trigger. */
  private async confirmDisconnect(): Promise<void> {
    const schedule = await this.options.server.getSchedule().catch(() => null);
    const scheduled = schedule !== null && schedule.kind !== 'off';
    const turnOffId = uniqueId('turn-off');
    const turnOff = h('input', { type: 'checkbox', id: turnOffId, checked: true });
    const current = this.status as ConnectionStatus;
    replaceChildren(
      this.body,
      h(
        'div',
        { class: 'confirm', role: 'group', 'aria-label': 'Confirm disconnect' },
        h('p', {}, 'Disconnect this spreadsheet from Brex?'),
        h(
          'p',
          { class: 'secondary' },
          'The BREX_ formulas and refreshes stop reading Brex for every editor, and your write credential is removed. The sheets keep their data.',
        ),
        scheduled
          ? h(
              'div',
              {},
              h(
                'p',
                { class: 'secondary' },
                `The schedule (${schedule.description.replace(/\.$/, '')}) stays set unless you turn it off; until the spreadsheet is connected again its runs read nothing. You can turn it off later in Schedule.`,
              ),
              h(
                'div',
                { class: 'check' },
                turnOff,
                h('label', { for: turnOffId }, 'Also turn the schedule off'),
              ),
            )
          : null,
        h(
          'div',
          { class: 'buttons' },
          h(
            'button',
            {
              type: 'button',
              class: 'action',
              onclick: () => void this.disconnect(scheduled && turnOff.checked),
            },
            'Disconnect',
          ),
          h('button', { type: 'button', onclick: () => this.show(current) }, 'Cancel'),
        ),
      ),
    );
  }

  private async disconnect(turnScheduleOff: boolean): Promise<void> {
    try {
      if (turnScheduleOff) await this.options.server.setSchedule({ kind: 'off' });
      const result = await this.options.server.disconnect();
      this.show(result, notice('Disconnected: this spreadsheet no longer reads Brex.'));
      this.options.onChange(result);
    } catch (error) {
      if (this.status) this.show(this.status, notice((error as Error).message, 'error'));
    }
  }

  private async forgetWriteCredential(): Promise<void> {
    try {
      const result = await this.options.server.forgetWriteCredential();
      this.show(result, notice('Your write credential is removed.'));
      this.options.onChange(result);
    } catch (error) {
      if (this.status) this.show(this.status, notice((error as Error).message, 'error'));
    }
  }
}

/** Which token this person's pushes use, in plain words. */
export function writeCredentialText(status: ConnectionStatus): string {
  const credential = status.writeCredential;
  if (!credential) return 'no write credential yet: asked when you first review a change';
  const whose = credential.sameAsConnection
    ? 'the connection’s token'
    : `your token ending in ${credential.tokenLast4}`;
  return `${whose}, as ${credential.user}; yours alone`;
}

/** The data sets the token could not read when it was connected, each with Brex's reason. */
function unavailableList(status: ConnectionStatus): HTMLElement | null {
  const unavailable = status.dataSets.filter((d) => !d.available);
  if (unavailable.length === 0) return null;
  return h(
    'ul',
    { class: 'secondary', 'aria-label': 'Data sets this token cannot read' },
    ...unavailable.map((d) => h('li', {}, `${d.title}: ${d.reason ?? 'Not available'}`)),
  );
}
