/**
 * An approval of a payment killed at every one of its service calls, as Apps Script's wall or a
 * closed browser would stop it: before the write-ahead record, between it and the request, after
 * Brex answered and before the record, the row or the audit row. Each time the next approval
 * completes it, and Brex has exactly one transfer for the payment: never two.
 */
import type { Sandbox } from '../../dev/sandbox';
import type { Runtime } from '../../dev/runtime';
import { readable } from '../../src/cells/readable-values';
import { auditRows } from '../support/spend-limits';
import {
  OWNER,
  accountName,
  approve,
  cell,
  openPaymentSandbox,
  paymentWorld,
  paymentsOf,
  reviewAs,
  stage,
  transferPosts,
  transfers,
} from '../support/payment-world';

describe('an approval killed at every service call', () => {
  let sandbox: Sandbox;
  let runtime: Runtime;
  let account: string;
  let n = 0;

  beforeAll(async () => {
    sandbox = await openPaymentSandbox('payment-kill');
    runtime = await paymentWorld(sandbox);
    account = accountName(sandbox);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  /** Stages one payment with its own memo and reviews it as the OWNER: its row and key. */
  async function staged(): Promise<{ row: number; key: string; memo: string }> {
    n += 1;
    const memo = `KILL-${n}`;
    const row = await stage(runtime, [
      { vendor: 'Initech', amount: 100 + n, account, description: `Kill test ${n}`, memo },
    ]);
    const payment = paymentsOf(await reviewAs(runtime, OWNER)).find((p) => p.row === row);
    if (!payment || payment.problem)
      throw new Error(`Row ${row} was not staged: ${payment?.problem}`);
    return { row, key: payment.key, memo };
  }

  it('completes the payment once, whichever call the first approval was killed at', async () => {
    // The first approval makes the audit sheet; the second is the one every later one repeats.
    expect((await approve(runtime, [(await staged()).key]))[0]?.outcome).toBe('sent');
    const reference = await staged();
    const before = runtime.stats.serviceCalls;
    expect((await approve(runtime, [reference.key]))[0]?.outcome).toBe('sent');
    const calls = runtime.stats.serviceCalls - before;
    expect(calls).toBeGreaterThan(5);

    const outcomes = new Set<string>();
    /** Kills the approval of a new payment at `killAtCall`, resumes it, checks it went once. */
    const sweep = async (killAtCall: number): Promise<boolean> => {
      const { row, key, memo } = await staged();
      sandbox.log.length = 0;
      const killed = await runtime.run('approvePayments', [[key]], {
        as: 'bob@example.com',
        limits: { killAtCall },
      });
      expect(killed.ok).toBe(false);
      const answered = transfers(sandbox).some((t) => t.external_memo === memo);
      const resumed = await approve(runtime, [key]);
      outcomes.add(String(resumed[0]?.outcome));
      // A third approval finds nothing left to do.
      expect((await approve(runtime, [key]))[0]?.outcome).toBe('not_pending');

      const made = transfers(sandbox).filter((t) => t.external_memo === memo);
      expect({ killAtCall, made: made.length }).toEqual({ killAtCall, made: 1 });
      const fresh = transferPosts(sandbox).filter((p) => !p.replayed && p.status === 200);
      expect({ killAtCall, posts: fresh.length }).toEqual({ killAtCall, posts: 1 });
      expect(cell(runtime, row, 'Brex ID')).toBe(made[0]?.id);
      expect(cell(runtime, row, 'Status')).toBe(readable('PROCESSING'));
      const audit = auditRows(runtime).filter((r) => r['Brex ID'] === made[0]?.id);
      // One audit row, whichever call the kill came at (none written twice on completion).
      expect({ killAtCall, audit: audit.map((r) => [r.User, r.Result]) }).toEqual({
        killAtCall,
        audit: [['bob@example.com', 'pushed']],
      });
      return answered;
    };
    // Every 10th call over the whole approval; then every call from just before Brex's answer
    // through the bookkeeping after it, where a kill must not lead to a second payment.
    let answeredAt = calls;
    for (let killAtCall = 1; killAtCall < calls; killAtCall += 10) {
      if ((await sweep(killAtCall)) && answeredAt === calls) answeredAt = killAtCall;
    }
    for (
      let killAtCall = answeredAt - 9;
      killAtCall < Math.min(calls, answeredAt + 30);
      killAtCall += 1
    ) {
      if ((killAtCall - 1) % 10 !== 0) await sweep(killAtCall);
    }
    expect(answeredAt).toBeLessThan(calls);
    // The sweep reached both sides of Brex's answer.
    expect(outcomes).toEqual(new Set(['sent', 'already_sent', 'not_pending']));
    expect(paymentsOf(await reviewAs(runtime, OWNER)).filter((p) => p.inFlight)).toEqual([]);
  }, 300_000);
});
