/**
 * Money leaving the demo company: what a transfer made through the API does over sandbox time,
 * the cash it holds and spends, and Brex's daily transfer limits. One book per company state
 * (a reset starts a new one). Transfers from the generated history are not tracked: they keep
 * the status they were generated with.
 *
 * A transfer's life, in sandbox time (docs/sandbox.md):
 * - created: PROCESSING, its amount held from the account's available balance; or, with
 *   `approval_type` MANUAL, PENDING_APPROVAL until a cash admin approves or denies it (the control
 *   API stands in for Brex's dashboard);
 * - approved: SCHEDULED, then PROCESSING twelve hours later, or FAILED (INSUFFICIENT_FUNDS) if the
 *   account cannot cover it then;
 * - PROCESSING → PROCESSED after its rail's delivery time: the current balance drops and a cash
 *   transaction (PAYMENT, the transfer's id) is posted;
 * - denied → FAILED (APPROVAL_DENIED); cancelled → FAILED (USER_CANCELLED), its hold released.
 */
import { BrexError, badRequest, notFound } from './brex-errors';
import { dateOf } from './dates';
import type { DemoCompany } from './demo-company';
import type { CashAccountState, SandboxState, Transfer } from './model';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Brex's limits (developer.brex.com/docs/rate_limits), per 24 hours. */
export const TRANSFERS_PER_DAY = 1000;
export const INTERNATIONAL_WIRES_PER_DAY = 100;

/** From PROCESSING to PROCESSED, per payment rail. */
const DELIVERY_MS: Readonly<Record<string, number>> = {
  ACH: DAY,
  DOMESTIC_WIRE: 4 * HOUR,
  CHEQUE: 5 * DAY,
  INTERNATIONAL_WIRE: 2 * DAY,
};
/** An approved transfer waits this long as SCHEDULED before it starts processing. */
const SCHEDULED_MS = 12 * HOUR;

interface Tracked {
  readonly transfer: Transfer;
  readonly createdMs: number;
  /** The description of the cash transaction it posts, in Brex's format for its rail. */
  readonly statement: string;
  /** When the transfer moves on; null while it waits for a person or has ended. */
  dueMs: number | null;
  /** Whether its amount is held from the available balance. */
  held: boolean;
}

const books = new WeakMap<SandboxState, Tracked[]>();

function bookOf(state: SandboxState): Tracked[] {
  let book = books.get(state);
  if (!book) {
    book = [];
    books.set(state, book);
  }
  return book;
}

/** Refuses a new transfer over Brex's limits for the 24 hours before `nowMs` (429, as Brex). */
export function refuseOverLimits(state: SandboxState, paymentType: string, nowMs: number): void {
  const recent = bookOf(state).filter((t) => t.createdMs > nowMs - DAY);
  if (recent.length >= TRANSFERS_PER_DAY) {
    throw overLimit('TRANSFER_LIMIT_EXCEEDED', `${TRANSFERS_PER_DAY} transfers`);
  }
  const wires = recent.filter((t) => t.transfer.payment_type === 'INTERNATIONAL_WIRE');
  if (paymentType === 'INTERNATIONAL_WIRE' && wires.length >= INTERNATIONAL_WIRES_PER_DAY) {
    throw overLimit(
      'INTERNATIONAL_WIRE_LIMIT_EXCEEDED',
      `${INTERNATIONAL_WIRES_PER_DAY} international wires`,
    );
  }
}

function overLimit(code: string, what: string): BrexError {
  return new BrexError(429, {
    type: 'TOO_MANY_REQUESTS',
    code,
    message: `Limit reached: at most ${what} per 24 hours. Contact developer-support@brex.com to raise it.`,
  });
}

/** The cash account a transfer leaves from; 400 naming the field when there is none. */
export function cashAccount(state: SandboxState, id: string): CashAccountState {
  const account = state.cashAccounts.find((a) => a.account.id === id);
  if (!account) throw badRequest(`originating_account.id ${id} is not a Brex business account`);
  return account;
}

/** Refuses a transfer its account's available balance cannot cover (400, nothing created). */
export function refuseInsufficientFunds(account: CashAccountState, amount: number): void {
  if (amount > (account.account.available_balance.amount ?? 0)) {
    throw new BrexError(400, {
      type: 'BAD_REQUEST',
      code: 'INSUFFICIENT_FUNDS',
      message: `Insufficient funds: the available balance of ${account.account.name} is less than the transfer amount.`,
    });
  }
}

/**
 * Records a new transfer (already in the transfers list) and starts its life at `nowMs`.
 * `statement` is what its cash transaction will say.
 */
export function startTransfer(
  company: DemoCompany,
  transfer: Transfer,
  options: { readonly manualApproval: boolean; readonly statement: string; readonly nowMs: number },
): void {
  const { manualApproval, statement, nowMs } = options;
  const tracked: Tracked = { transfer, createdMs: nowMs, statement, dueMs: null, held: false };
  bookOf(company.state).push(tracked);
  if (manualApproval) transfer.status = 'PENDING_APPROVAL';
  else enterProcessing(company.state, tracked, nowMs);
}

/**
 * Moves every tracked transfer on to where it stands at `nowMs`, in the order they fall due; a
 * step that makes another due (approved, then processing) is taken in the next round.
 */
export function progressPayments(company: DemoCompany, nowMs: number): void {
  const book = bookOf(company.state);
  for (;;) {
    const due = book
      .filter((t) => t.dueMs !== null && t.dueMs <= nowMs)
      .sort((a, b) => (a.dueMs as number) - (b.dueMs as number));
    if (due.length === 0) return;
    for (const tracked of due) {
      const at = tracked.dueMs as number;
      if (tracked.transfer.status === 'SCHEDULED') enterProcessing(company.state, tracked, at);
      else processed(company, tracked, at);
    }
  }
}

/** What a cash admin does in Brex's dashboard: approve, deny or cancel a transfer. */
export function decideTransfer(
  state: SandboxState,
  id: string,
  decision: string,
  nowMs: number,
): Transfer {
  const tracked = bookOf(state).find((t) => t.transfer.id === id);
  if (!tracked) throw notFound();
  const { transfer } = tracked;
  const pending = transfer.status === 'PENDING_APPROVAL';
  if (decision === 'approve' && pending) {
    transfer.status = 'SCHEDULED';
    tracked.dueMs = nowMs + SCHEDULED_MS;
    transfer.process_date = dateOf(tracked.dueMs);
  } else if (decision === 'deny' && pending) {
    fail(state, tracked, 'APPROVAL_DENIED');
  } else if (
    decision === 'cancel' &&
    ['PENDING_APPROVAL', 'SCHEDULED', 'PROCESSING'].includes(transfer.status)
  ) {
    fail(state, tracked, 'USER_CANCELLED');
  } else {
    throw badRequest(`Cannot ${decision} a transfer that is ${transfer.status}.`);
  }
  return transfer;
}

function enterProcessing(state: SandboxState, tracked: Tracked, atMs: number): void {
  const { transfer } = tracked;
  const account = cashAccount(state, transfer.originating_account.id);
  const amount = transfer.amount.amount ?? 0;
  if (amount > (account.account.available_balance.amount ?? 0)) {
    fail(state, tracked, 'INSUFFICIENT_FUNDS');
    return;
  }
  account.account.available_balance.amount =
    (account.account.available_balance.amount ?? 0) - amount;
  tracked.held = true;
  transfer.status = 'PROCESSING';
  transfer.process_date = dateOf(atMs);
  tracked.dueMs = atMs + (DELIVERY_MS[transfer.payment_type] ?? DAY);
  transfer.estimated_delivery_date = dateOf(tracked.dueMs);
}

function processed(company: DemoCompany, tracked: Tracked, atMs: number): void {
  const { transfer } = tracked;
  const account = cashAccount(company.state, transfer.originating_account.id);
  const amount = transfer.amount.amount ?? 0;
  account.account.current_balance.amount = (account.account.current_balance.amount ?? 0) - amount;
  tracked.held = false;
  tracked.dueMs = null;
  transfer.status = 'PROCESSED';
  const date = dateOf(atMs);
  account.transactions.insert({
    sortKey: date,
    seq: company.nextSeq(),
    data: {
      id: company.id('dptxn'),
      description: tracked.statement,
      amount: { amount: -amount, currency: 'USD' },
      initiated_at_date: transfer.process_date ?? date,
      posted_at_date: date,
      type: 'PAYMENT',
      transfer_id: transfer.id,
    },
  });
}

function fail(state: SandboxState, tracked: Tracked, reason: Transfer['cancellation_reason']) {
  const { transfer } = tracked;
  if (tracked.held) {
    const account = cashAccount(state, transfer.originating_account.id);
    const balance = account.account.available_balance;
    balance.amount = (balance.amount ?? 0) + (transfer.amount.amount ?? 0);
  }
  tracked.held = false;
  tracked.dueMs = null;
  transfer.status = 'FAILED';
  transfer.cancellation_reason = reason;
}
