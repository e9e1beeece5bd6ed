/**
 * The payments part of the write-back's composition root: the staged payments of the review, read
 * through the spreadsheet's read connection, and `approvePayments`, which sends them with the
 * approver's own write credential, under the document lock. Nothing else sends a payment.
 */
import type { BrexClient } from '../brex';
import type { PaymentResult } from '../contract/writeback';
import { readConnection, readWriteCredential } from '../sync/connection';
import { approvePayments, type TransferWrites } from '../writeback/payments/approve';
import { paymentsInReview, type PaymentsInReview } from '../writeback/payments/payments';
import { paymentWorld } from '../writeback/payments/payment-world';
import type { WriteBackDeps } from '../writeback/write-back-deps';
import { newUuid } from './apps-script-clock';
import { appsScriptBrexClient } from './brex-client';
import { documentStore, userStore } from './properties-store';
import { NO_CREDENTIAL, withLock, writeBackDeps } from './writeback-base';

/** The review reads vendors, accounts and transfers once, briefly. */
const REVIEW_READ_MS = 30_000;
/** As a push: every call inside Apps Script's 6 minutes, and no payment started after 4. */
const CALL_BUDGET_MS = 300_000;
const SEND_BUDGET_MS = 240_000;

function transferWrites(client: BrexClient): TransferWrites {
  const all = { stopWhen: () => false };
  return {
    vendors: () => client.collect('vendors', {}, all).items,
    cashAccounts: () => client.collect('cashAccounts', {}, all).items,
    transfers: () => client.collect('transfers', {}, all).items,
    createTransfer: (request, idempotencyKey) => client.createTransfer(request, { idempotencyKey }),
    writeEach: (writes) => client.writeEach(writes),
  };
}

function activeUser(): string {
  return Session.getActiveUser().getEmail();
}

/** The staged payments of the review (staging new rows as the acting user). */
export function paymentsInReviewService(deps: WriteBackDeps): PaymentsInReview {
  return paymentsInReview({ ...deps, user: activeUser(), newUuid }, () => {
    const connection = readConnection(documentStore());
    if (!connection) throw new Error('This spreadsheet is not connected to Brex');
    const brex = transferWrites(
      appsScriptBrexClient(connection.token, connection.environment, Date.now() + REVIEW_READ_MS),
    );
    return paymentWorld(brex.vendors(), brex.cashAccounts(), brex.transfers(), deps.now());
  });
}

export function approvePaymentsService(keys: readonly string[]): PaymentResult[] {
  const credential = readWriteCredential(userStore());
  if (!credential) throw new Error(NO_CREDENTIAL);
  const started = Date.now();
  return withLock(() =>
    approvePayments(
      {
        ...writeBackDeps(),
        brex: transferWrites(
          appsScriptBrexClient(credential.token, credential.environment, started + CALL_BUDGET_MS),
        ),
        user: activeUser(),
        timeLeft: () => Date.now() < started + SEND_BUDGET_MS,
        newUuid,
      },
      keys,
    ),
  );
}
