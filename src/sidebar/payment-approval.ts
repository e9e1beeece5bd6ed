/**
 * Approve payments: the vendor payments staged in "Brex Transfers", each with its vendor, method,
 * amount, account, who staged it, a possible duplicate and any refusal; totals per account and
 * per day; Brex's limits and how much of them is used. Nothing here is pushed with the other
 * changes: only the approve button sends money, and it names exactly what it sends ("Approve and
 * send 7 payments, $48,210.00 from Operating"), asks once more, then calls
 * `approvePayments(keys)` with the keys shown, and shows one result per payment.
 * Under the two-person rule a payment you staged cannot be chosen here, and says why.
 */
import {
  PAYMENT_ACTION,
  type ChangesReview,
  type PaymentOutcome,
  type PaymentResult,
  type PaymentsServer,
  type PaymentView,
} from '../contract/writeback';
import { h, notice, replaceChildren, section } from './dom';
import { plural, withTraceId } from './format';
import { approveLabel, dollars, METHOD_TEXT } from './payment-figures';
import { paymentSummary } from './payment-summary';

/** What the section calls: the general review (payments are among its changes) and approval. */
export interface PaymentApprovalServer extends PaymentsServer {
  reviewChanges(): Promise<ChangesReview>;
}

const OUTCOME_TEXT: Readonly<Record<PaymentOutcome, string>> = {
  sent: 'Sent',
  already_sent: 'Sent before',
  refused: 'Not sent',
  failed: 'Brex refused',
  unknown: 'Answer lost',
  deferred: 'Not sent yet',
  not_pending: 'Not pending',
};

const TWO_PERSON = 'Staged by you: another person must approve it (two-person rule).';

export class PaymentApproval {
  readonly element: HTMLElement;
  private readonly body = h('div');
  private readonly outcome = h('div', { 'aria-live': 'polite' });
  private readonly button = h('button', { class: 'action wide' });
  /** Why the button is disabled, beside it. */
  private readonly reason = h('p', { class: 'secondary-text' });
  private readonly confirm = h('div');
  private payments: PaymentView[] = [];
  private readonly chosen = new Set<string>();
  private canApprove = false;
  /** The number of staged payments, for a count beside the title. */
  count = 0;

  constructor(
    private readonly server: PaymentApprovalServer,
    /** Asks for the person's own write credential when they cannot approve yet. */
    private readonly credentialForm?: () => HTMLElement,
  ) {
    this.element = section('Payments to approve', this.outcome, this.body);
  }

  async load(): Promise<void> {
    this.show(await this.server.reviewChanges());
  }

  /** Shows the payments of a review another section already asked for. */
  show(review: ChangesReview): void {
    this.payments = review.changes.filter(
      (c): c is PaymentView => c.action === PAYMENT_ACTION && c.payment !== undefined,
    );
    this.count = this.payments.length;
    this.canApprove = review.canPush;
    this.chosen.clear();
    for (const p of this.payments) if (approvable(p)) this.chosen.add(p.key);
    if (this.payments.length === 0) {
      replaceChildren(
        this.body,
        notice(
          'No payments staged. Add a row to the "Brex Transfers" sheet (vendor, method, amount, account, description, memo), then review payments: the review stages it as yours, and it is sent only once approved here.',
        ),
        this.reviewAgain(),
      );
      return;
    }
    replaceChildren(
      this.body,
      review.payments ? paymentSummary(review.payments) : null,
      review.canPush
        ? null
        : (this.credentialForm?.() ??
            notice(
              review.credentialHelp ?? 'Add your own write credential to approve.',
              'warning',
            )),
      h(
        'ul',
        { class: 'review-list', 'aria-label': 'Staged payments' },
        ...this.payments.map((p) => this.item(p)),
      ),
      this.approveArea(),
      this.reviewAgain(),
    );
  }

  /** Rows typed since the sidebar opened are staged by reviewing again. */
  private reviewAgain(): HTMLElement {
    const again = async () => {
      try {
        await this.load();
      } catch (error) {
        replaceChildren(this.outcome, notice((error as Error).message, 'error'));
      }
    };
    return h(
      'div',
      { class: 'actions' },
      h('button', { class: 'secondary', onclick: () => void again() }, 'Review payments'),
    );
  }

  private item(view: PaymentView): HTMLElement {
    const p = view.payment;
    const method = p.method ? METHOD_TEXT[p.method] : 'method unknown';
    const amount = p.amount ? dollars(p.amount.minorUnits) : 'amount unreadable';
    const box = h('input', {
      type: 'checkbox',
      'aria-label': `Include ${p.vendor.name}, ${amount}`,
      checked: this.chosen.has(view.key),
      disabled: !approvable(view),
      onchange: (event: Event) => {
        if ((event.target as HTMLInputElement).checked) this.chosen.add(view.key);
        else this.chosen.delete(view.key);
        this.refreshButton();
      },
    });
    return h(
      'li',
      { class: 'payment' },
      h('label', {}, box, ' ', h('span', { class: 'name' }, p.vendor.name), ` ${amount}`),
      h('div', { class: 'secondary-text' }, `${method} from ${p.account.name || '(no account)'}`),
      h(
        'div',
        { class: 'secondary-text' },
        `Staged by ${p.stagedBy || 'unknown'}, ${p.stagedAt.slice(0, 10)}, row ${view.row}`,
      ),
      h('div', { class: 'secondary-text' }, `${p.description} · memo "${p.externalMemo}"`),
      view.inFlight
        ? notice(
            'Sent before, answer lost: approving again finishes it, never pays twice.',
            'warning',
          )
        : null,
      p.duplicateOf ? notice(`Possible duplicate of ${p.duplicateOf}.`, 'warning') : null,
      ...p.limitWarnings.map((text) => notice(text, 'warning')),
      view.problem ? notice(view.problem, 'error') : null,
      view.problem === null && !p.approvableByYou ? notice(TWO_PERSON, 'warning') : null,
    );
  }

  private approveArea(): HTMLElement {
    this.button.onclick = () => this.askConfirmation();
    replaceChildren(this.confirm);
    this.refreshButton();
    return h('div', { class: 'approve' }, this.button, this.reason, this.confirm);
  }

  private selected(): PaymentView[] {
    return this.payments.filter((p) => this.chosen.has(p.key));
  }

  /** The button names what the choice sends, or is disabled with the reason. */
  private refreshButton(): void {
    const selected = this.selected();
    replaceChildren(this.button, approveLabel(selected));
    replaceChildren(this.confirm);
    const why = !this.canApprove
      ? 'You need your own write credential to approve payments.'
      : this.payments.every((p) => p.problem !== null || !p.payment.approvableByYou) &&
          this.payments.some((p) => p.problem === null)
        ? 'You staged every payment listed: under the two-person rule another person must approve them.'
        : this.payments.every((p) => p.problem !== null)
          ? 'No payment listed can be sent: each says why.'
          : selected.length === 0
            ? 'Choose at least one payment.'
            : '';
    this.button.disabled = why !== '';
    replaceChildren(this.reason, why);
  }

  /** Asks once more, naming the same payments; only "Send now" calls the server. */
  private askConfirmation(): void {
    const selected = this.selected();
    const keys = selected.map((p) => p.key);
    if (keys.length === 0) return;
    replaceChildren(
      this.confirm,
      h(
        'div',
        { class: 'notice warning', role: 'alertdialog', 'aria-label': 'Confirm payments' },
        h('p', {}, `${approveLabel(selected).replace('Approve and send', 'Send')} now?`),
        h(
          'p',
          {},
          'Brex starts moving the money at once. A sent payment cannot be recalled from the sheet.',
        ),
        h(
          'div',
          { class: 'actions' },
          h('button', { class: 'action', onclick: () => void this.approve(keys) }, 'Send now'),
          h(
            'button',
            { class: 'secondary', onclick: () => replaceChildren(this.confirm) },
            'Cancel',
          ),
        ),
      ),
    );
  }

  private async approve(keys: string[]): Promise<void> {
    replaceChildren(this.confirm);
    this.button.disabled = true;
    replaceChildren(this.outcome, notice(`Sending ${plural(keys.length, 'payment')}…`));
    try {
      const results = await this.server.approvePayments(keys);
      replaceChildren(this.outcome, this.results(results));
    } catch (error) {
      replaceChildren(this.outcome, notice((error as Error).message, 'error'));
    }
    try {
      await this.load();
    } catch (error) {
      this.outcome.appendChild(notice((error as Error).message, 'error'));
    }
  }

  /** One line per payment: what it was (vendor, amount) and Brex's answer, transfer id included. */
  private results(results: readonly PaymentResult[]): HTMLElement {
    const shown = new Map(this.payments.map((p) => [p.key, p.payment]));
    return h(
      'ul',
      { class: 'review-list', 'aria-label': 'Payment results' },
      ...results.map((r) => {
        const ok = r.outcome === 'sent' || r.outcome === 'already_sent';
        const p = shown.get(r.key);
        const what = p
          ? `${p.vendor.name}, ${p.amount ? dollars(p.amount.minorUnits) : '?'}`
          : r.key;
        const transfer =
          r.transferId && !r.message.includes(r.transferId)
            ? ` Transfer ${r.transferId}, ${r.status ?? 'status unknown'}.`
            : '';
        return h(
          'li',
          { class: ok ? 'state-ok' : 'error' },
          h('div', { class: 'name' }, `${what}: ${OUTCOME_TEXT[r.outcome].toLowerCase()}`),
          h('div', {}, `${withTraceId(r.message, r.traceId)}${transfer}`),
        );
      }),
    );
  }
}

function approvable(view: PaymentView): boolean {
  return view.problem === null && view.payment.approvableByYou;
}
