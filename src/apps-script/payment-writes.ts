/** The expense, vendor and payment reads and writes of a push, over one user's Brex client. */
import type { BrexClient } from '../brex';
import type { PaymentWrites } from '../writeback/actions/payment-writes';

export function paymentWrites(client: BrexClient): PaymentWrites {
  return {
    expenses: (ids) => client.findEach('expense', ids),
    updateExpenseMemo: (id, memo, idempotencyKey) =>
      client.updateExpenseMemo(id, memo, { idempotencyKey }),
  };
}
