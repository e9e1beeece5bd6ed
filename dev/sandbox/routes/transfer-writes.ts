/**
 * Payments API: create a transfer (a vendor payment), held to `CreateTransferRequest`
 * (strict-body.ts) and to what the spec's descriptions add: vendors only (book transfers are a
 * limited feature), USD only, a positive amount, an external memo of at most 40 characters for
 * cheques (90 for the others, in the schema), ASCII text. Then Brex's daily limits (429) and the
 * account's available balance (400); what the transfer does next is payment-book.ts's.
 */
import { at } from '../at';
import { badRequest } from '../brex-errors';
import { dateOf } from '../dates';
import { creationOrder, type SandboxState, type Transfer, type Vendor } from '../model';
import {
  cashAccount,
  refuseInsufficientFunds,
  refuseOverLimits,
  startTransfer,
} from '../payment-book';
import { bodyObject, ok, type RouteTable } from '../route-kit';
import { asciiText } from './vendor-writes';

/** The spec's limit for cheques; the schema's maxLength (90) covers ACH and wires. */
const CHEQUE_MEMO_MAX = 40;

type Details = { type: string; payment_instrument_id: string; recipient_name?: string };

export const transferWriteRoutes: RouteTable = {
  'POST /v1/transfers': (ctx) => {
    const { state, company } = ctx;
    const body = bodyObject(ctx);
    const counterparty = body.counterparty as { type: string; payment_instrument_id?: string };
    if (counterparty.type !== 'VENDOR') {
      throw badRequest('counterparty.type BOOK_TRANSFER is not enabled for this account');
    }
    const { vendor, details } = instrumentOf(state, String(counterparty.payment_instrument_id));
    const amount = amountOf(body.amount as { amount?: number; currency?: string | null });
    const description = asciiText(body.description, 'description');
    const memo = asciiText(body.external_memo, 'external_memo');
    if (details.type === 'CHEQUE' && memo.length > CHEQUE_MEMO_MAX) {
      throw badRequest(`external_memo must be at most ${CHEQUE_MEMO_MAX} characters for cheques`);
    }
    const account = cashAccount(state, (body.originating_account as { id: string }).id);
    const nowMs = Date.parse(ctx.now());
    refuseOverLimits(state, details.type, nowMs);
    refuseInsufficientFunds(account, amount);
    const today = dateOf(nowMs);
    const transfer = {
      id: company.id('dptx'),
      counterparty: {
        type: 'VENDOR',
        id: vendor.id,
        payment_instrument_id: details.payment_instrument_id,
      },
      description,
      payment_type: details.type,
      amount: { amount, currency: 'USD' },
      process_date: today,
      originating_account: { type: 'BREX_CASH', id: account.account.id },
      status: 'PROCESSING',
      cancellation_reason: null,
      estimated_delivery_date: null,
      creator_user_id: at(state.users.all(), 0).data.id,
      created_at: today,
      display_name: vendor.company_name ?? null,
      external_memo: memo,
    } as unknown as Transfer;
    state.transfers.insert(creationOrder(company.nextSeq(), transfer));
    startTransfer(company, transfer, {
      manualApproval: body.approval_type === 'MANUAL',
      statement: statementOf(state, vendor, details, memo),
      nowMs,
    });
    return ok(transfer);
  },
};

/** The vendor and account details a payment instrument id names; 400 naming the field if none. */
function instrumentOf(state: SandboxState, id: string): { vendor: Vendor; details: Details } {
  for (const { data: vendor } of state.vendors.all()) {
    for (const account of vendor.payment_accounts ?? []) {
      const details = account.details as Details;
      if (details.payment_instrument_id === id) return { vendor, details };
    }
  }
  throw badRequest(`counterparty.payment_instrument_id ${id} is not a vendor's payment instrument`);
}

/** Minor units of USD, positive: "Currently only USD transfers are supported". */
function amountOf(money: { amount?: number; currency?: string | null }): number {
  if (money.amount === undefined) throw badRequest('amount.amount is required');
  if (money.amount <= 0) throw badRequest('amount.amount must be positive');
  if (money.currency !== undefined && money.currency !== null && money.currency !== 'USD') {
    throw badRequest(`amount.currency ${money.currency} is not supported: only USD transfers are`);
  }
  return money.amount;
}

/** The cash transaction's description, in the formats the spec gives per rail. */
function statementOf(state: SandboxState, vendor: Vendor, details: Details, memo: string): string {
  if (details.type !== 'CHEQUE') return `${vendor.company_name ?? ''} - ${memo}`;
  const cheques = state.transfers.all().filter((t) => t.data.payment_type === 'CHEQUE').length;
  return `Check #${1000 + cheques} to ${details.recipient_name ?? vendor.company_name} - ${memo}`;
}
