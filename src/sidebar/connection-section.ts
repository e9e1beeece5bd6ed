/**
 * Connect: paste a token, pick the environment, check it with Brex, and say plainly who can use
 * what. The token goes to the server once and never comes back: the page shows its last four
 * characters at most, and the field is emptied once it is sent.
 */
import type { ServerFacade } from '../contract/server-facade';
import type { ServerResult } from '../contract/server-functions';
import { h, notice, replaceChildren, section, uniqueId } from './dom';
import { formatTime } from './format';

export type ConnectionStatus = ServerResult<'getConnectionStatus'>;

export interface ConnectionSectionOptions {
  readonly server: ServerFacade;
  /** Called with every new status, so the rest of the sidebar follows. */
  readonly onChange: (status: ConnectionStatus) => void;
}

const SHARING =
  'The connection belongs to this spreadsheet: every editor, the BREX_ formulas and the scheduled refresh read Brex with it. A read-only token is enough for that.';
const WRITING =
  'Spend-limit changes go to Brex only with the pushing person’s own token, kept for them alone.';

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
        h('dt', {}, 'Token'),
        h('dd', {}, `ending in ${status.tokenLast4 ?? '????'}`),
        h('dt', {}, 'Connected'),
        h('dd', {}, formatTime(status.connectedAt)),
      ),
      unavailableList(status),
      h('p', { class: 'secondary' }, SHARING),
      h(
        'p',
        { class: 'secondary' },
        status.canWrite
          ? 'You can push spend-limit changes: your own copy of the token is kept for you alone.'
          : 'To push spend-limit changes, connect again with your own token (it is kept for you alone).',
      ),
      h(
        'div',
        { class: 'buttons' },
        h('button', { type: 'button', onclick: () => this.showForm() }, 'Use another token'),
        h('button', { type: 'button', onclick: () => void this.disconnect() }, 'Disconnect'),
      ),
    );
  }

  private showForm(message?: HTMLElement): void {
    const tokenId = uniqueId('token');
    const environmentId = uniqueId('environment');
    const token = h('input', {
      id: tokenId,
      type: 'password',
      autocomplete: 'off',
      spellcheck: 'false',
      required: true,
    });
    const environment = h(
      'select',
      { id: environmentId },
      h('option', { value: 'production' }, 'Production'),
      h('option', { value: 'staging' }, 'Staging'),
    );
    const submit = h('button', { type: 'submit', class: 'action' }, 'Connect');
    const status = h('div');
    const form = h(
      'form',
      {
        onsubmit: (event: Event) => {
          event.preventDefault();
          void this.connect(token, environment.value, submit, status);
        },
      },
      h('div', { class: 'form-group' }, h('label', { for: tokenId }, 'Brex token'), token),
      h(
        'div',
        { class: 'form-group' },
        h('label', { for: environmentId }, 'Environment'),
        environment,
      ),
      h('p', { class: 'secondary' }, SHARING, ' ', WRITING),
      h('div', { class: 'buttons' }, submit),
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
    const value = token.value;
    // The token is only in this call from here on.
    token.value = '';
    submit.disabled = true;
    replaceChildren(status, notice('Checking the token with Brex…'));
    try {
      const result = await this.options.server.connect({
        token: value,
        environment: environment === 'staging' ? 'staging' : 'production',
      });
      this.show(result, notice('Connected.'));
      this.options.onChange(result);
    } catch (error) {
      submit.disabled = false;
      replaceChildren(status, notice((error as Error).message, 'error'));
      token.focus();
    }
  }

  private async disconnect(): Promise<void> {
    try {
      const result = await this.options.server.disconnect();
      this.show(result, notice('Disconnected: this spreadsheet no longer reads Brex.'));
      this.options.onChange(result);
    } catch (error) {
      if (this.status) this.show(this.status, notice((error as Error).message, 'error'));
    }
  }
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
