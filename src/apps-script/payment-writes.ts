/** The expense, vendor and payment reads and writes of a push, over one user's Brex client. */
import type { BrexClient } from '../brex';
import type { PaymentWrites } from '../writeback/actions/payment-writes';

export function paymentWrites(client: BrexClient): PaymentWrites {
  // Each list is read once per push, however many actions check against it.
  const once = <T>(read: () => T): (() => T) => {
    let value: T | undefined;
    return () => (value ??= read());
  };
  return {
    expenses: (ids) => client.findEach('expense', ids),
    updateExpenseMemo: (id, memo, idempotencyKey) =>
      client.updateExpenseMemo(id, memo, { idempotencyKey }),
    vendors: once(() => client.collect('vendors', {}, { stopWhen: () => false }).items),
    createVendor: (request, idempotencyKey) => client.createVendor(request, { idempotencyKey }),
    updateVendor: (id, changes, idempotencyKey) =>
      client.updateVendor(id, changes, { idempotencyKey }),
    deleteVendor: (id) => client.deleteVendor(id),
    transfers: once(() => client.collect('transfers', {}, { stopWhen: () => false }).items),
  };
}
