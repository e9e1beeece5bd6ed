/**
 * "Your write credential": asked for the first time a person reviews a change they cannot push
 * yet. Pushes use only the pusher's own token, kept in their user properties, apart from the
 * spreadsheet's read connection; the person may paste their own or, by an explicit choice, use
 * the connection's token for writing too. Like the connection token, a pasted token goes to the
 * server once and never comes back.
 */
import type { ServerFacade } from '../contract/server-facade';
import type { ServerResult } from '../contract/server-functions';
import { h, notice, replaceChildren, tokenInput, uniqueId } from './dom';

type Status = ServerResult<'saveWriteCredential'>;

export interface WriteCredentialFormOptions {
  readonly server: Pick<ServerFacade, 'saveWriteCredential'>;
  /** After a credential is saved, so the review and the Connection section follow. */
  readonly onSaved: (status: Status) => void;
}

export function writeCredentialForm(options: WriteCredentialFormOptions): HTMLElement {
  const tokenId = uniqueId('write-token');
  const token = tokenInput(tokenId);
  const save = h('button', { type: 'submit', class: 'action' }, 'Save my write credential');
  const same = h('button', { type: 'button' }, 'Use the same token as the connection');
  const status = h('div');
  const run = async (input: Parameters<ServerFacade['saveWriteCredential']>[0]) => {
    token.readOnly = true;
    save.disabled = same.disabled = true;
    replaceChildren(status, notice('Checking the token with Brex…'));
    try {
      const result = await options.server.saveWriteCredential(input);
      token.value = '';
      replaceChildren(status, notice('Your write credential is saved.'));
      options.onSaved(result);
    } catch (error) {
      token.value = '';
      token.readOnly = false;
      save.disabled = same.disabled = false;
      replaceChildren(status, notice((error as Error).message, 'error'));
    }
  };
  same.addEventListener('click', () => void run({ sameAsConnection: true }));
  return h(
    'form',
    {
      class: 'write-credential',
      'aria-label': 'Your write credential',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void run({ token: token.value });
      },
    },
    h('h3', {}, 'Your write credential'),
    h(
      'p',
      { class: 'secondary' },
      'Pushing changes uses your own Brex token, kept for you alone, with the scopes of what you push (budgets for spend limits, cards, users, vendors, transfers, expenses.card). The spreadsheet’s connection only reads.',
    ),
    h('div', { class: 'form-group' }, h('label', { for: tokenId }, 'Your Brex token'), token),
    h('div', { class: 'buttons' }, save),
    h(
      'p',
      { class: 'secondary' },
      'Or write with the token the spreadsheet is connected with, if it is yours to write with:',
    ),
    h('div', { class: 'buttons' }, same),
    status,
  );
}
