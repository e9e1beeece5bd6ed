/**
 * An approval of many payments through the built bundle against the sandbox: the transfers go in
 * batches (send-payments.ts), each batch's requests in one fetchAll, so 50 payments take two
 * round trips, not 60; each payment is created once, its row gets its transfer, and the audit
 * log one "pushed" row per payment.
 */
import { startSandbox, type Sandbox } from '../../dev/sandbox';
import type { PaymentResult } from '../../src/contract/writeback';
import { PAYMENTS_PER_BATCH } from '../../src/writeback/payments/send-payments';
import { auditRows } from '../support/spend-limits';
import {
  BOB,
  OWNER,
  accountName,
  cell,
  paymentWorld,
  paymentsOf,
  reviewAs,
  stage,
  transferPosts,
} from '../support/payment-world';

/** Within the rate limiter's burst (50), so that no batch waits for tokens and splits. */
const COUNT = 50;

describe('an approval of many payments', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({
      rateLimit: 5000,
      seed: 'payment-batch',
      today: '2026-03-15',
      transactions: 20,
      strict: true,
    });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('sends them in batches of one fetchAll each, every payment once', async () => {
    const runtime = await paymentWorld(sandbox);
    const account = accountName(sandbox);
    const first = await stage(
      runtime,
      Array.from({ length: COUNT }, (_, n) => ({
        vendor: 'Initech',
        amount: 10 + n / 100,
        account,
        description: `Invoice ${n + 1}`,
        memo: `INV-${n + 1}`,
      })),
    );
    await reviewAs(runtime, OWNER);
    const keys = paymentsOf(await reviewAs(runtime, BOB)).map((p) => p.key);
    expect(keys).toHaveLength(COUNT);

    const run = await runtime.run('approvePayments', [keys], { as: BOB });

    const results = run.value as PaymentResult[];
    expect(results.map((r) => r.outcome)).toEqual(Array<string>(COUNT).fill('sent'));
    const posts = transferPosts(sandbox);
    expect(posts).toHaveLength(COUNT);
    expect(new Set(posts.map((p) => p.headers['idempotency-key'])).size).toBe(COUNT);
    // One round trip a batch: nothing else is read when no payment was left in flight.
    expect(run.stats.fetches).toBe(Math.ceil(COUNT / PAYMENTS_PER_BATCH));
    expect(cell(runtime, first + COUNT - 1, 'Brex ID')).toBe(results[COUNT - 1]?.transferId);
    const audit = auditRows(runtime).filter((r) => r.Action === 'transfers.create');
    expect(audit.map((r) => r.Result)).toEqual(Array<string>(COUNT).fill('pushed'));
  });
});
