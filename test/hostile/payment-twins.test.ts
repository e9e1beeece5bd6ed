/**
 * Two equal payments (same vendor, account, amount, description and memo) on one day are two
 * transfers. When the second one's approval is killed after its write-ahead record and before its
 * request, the next approval must not adopt the first one's transfer (which a row already shows)
 * as its own: it sends the second payment, once.
 */
import type { Sandbox } from '../../dev/sandbox';
import type { Runtime } from '../../dev/runtime';
import {
  BOB,
  OWNER,
  accountName,
  approve,
  cell,
  openPaymentSandbox,
  paymentWorld,
  paymentsOf,
  reviewAs,
  stage,
  transfers,
} from '../support/payment-world';

describe('an unfinished payment equal to one already sent', () => {
  let sandbox: Sandbox;
  let runtime: Runtime;

  beforeAll(async () => {
    sandbox = await openPaymentSandbox('payment-twins');
    runtime = await paymentWorld(sandbox);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  const row = { vendor: 'Initech', amount: 250, description: 'Invoice twin', memo: 'TWIN' };

  async function staged(): Promise<{ row: number; key: string }> {
    const at = await stage(runtime, [{ ...row, account: accountName(sandbox) }]);
    const payment = paymentsOf(await reviewAs(runtime, OWNER)).find((p) => p.row === at);
    if (!payment || payment.problem) throw new Error(`Row ${at} was not staged.`);
    return { row: at, key: payment.key };
  }

  it('is sent as a transfer of its own, not matched to the first', async () => {
    const first = await staged();
    expect((await approve(runtime, [first.key]))[0]?.outcome).toBe('sent');
    const firstId = cell(runtime, first.row, 'Brex ID');
    const second = await staged();

    // Kill the second approval at each call in turn until its write-ahead record is left and
    // Brex has not made its transfer yet.
    let inFlight = false;
    for (let killAtCall = 1; !inFlight && killAtCall < 200; killAtCall += 1) {
      const killed = await runtime.run('approvePayments', [[second.key]], {
        as: BOB,
        limits: { killAtCall },
      });
      expect(killed.ok).toBe(false);
      expect(transfers(sandbox).filter((t) => t.external_memo === 'TWIN')).toHaveLength(1);
      const review = paymentsOf(await reviewAs(runtime, OWNER));
      inFlight = review.some((p) => p.key === second.key && p.inFlight);
    }
    expect(inFlight).toBe(true);

    const [resumed] = await approve(runtime, [second.key]);
    expect(resumed?.outcome).toBe('sent');
    const made = transfers(sandbox).filter((t) => t.external_memo === 'TWIN');
    expect(made).toHaveLength(2);
    expect(resumed?.transferId).not.toBe(firstId);
    expect(cell(runtime, second.row, 'Brex ID')).toBe(resumed?.transferId);
    expect(cell(runtime, first.row, 'Brex ID')).toBe(firstId);
  }, 120_000);
});
