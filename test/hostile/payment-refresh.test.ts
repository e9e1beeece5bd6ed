/**
 * A refresh between an approval killed after Brex made the transfer and the next review: the
 * refresh (by hand, or the schedule's) writes Brex's transfer into the staged row instead of adding
 * a row of its own, sends nothing, and the next review completes the audit row once. Swept over
 * the approval's service calls from the first at which Brex has made the transfer: each of the
 * next eight (Brex's answer not recorded yet, then recorded without the row), then every 20th.
 */
import type { Sandbox } from '../../dev/sandbox';
import type { Runtime } from '../../dev/runtime';
import { auditRows } from '../support/spend-limits';
import {
  BOB,
  OWNER,
  TRANSFERS,
  accountName,
  approve,
  cell,
  openPaymentSandbox,
  paymentWorld,
  paymentsOf,
  refresh,
  reviewAs,
  stage,
  transferPosts,
  transfers,
} from '../support/payment-world';

describe('a refresh after an approval killed once Brex made the transfer', () => {
  let sandbox: Sandbox;
  let runtime: Runtime;
  let account: string;
  let n = 0;

  beforeAll(async () => {
    sandbox = await openPaymentSandbox('payment-refresh');
    runtime = await paymentWorld(sandbox);
    account = accountName(sandbox);
    await runtime.call('setSchedule', [{ kind: 'hourly' }], { as: OWNER });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  /** Stages one payment with its own memo and reviews it as the OWNER: its row and key. */
  async function staged(): Promise<{ row: number; key: string; memo: string }> {
    n += 1;
    const memo = `REFRESH-${n}`;
    const row = await stage(runtime, [
      { vendor: 'Initech', amount: 200 + n, account, description: `Refresh test ${n}`, memo },
    ]);
    const payment = paymentsOf(await reviewAs(runtime, OWNER)).find((p) => p.row === row);
    if (!payment || payment.problem) throw new Error(`Row ${row} was not staged.`);
    return { row, key: payment.key, memo };
  }

  function idsInSheet(): string[] {
    const grid = runtime.values(TRANSFERS);
    const column = ((grid[0] ?? []) as string[]).indexOf('Brex ID');
    return grid.slice(1).map((cells) => String(cells[column] ?? ''));
  }

  it('fills the staged row, sends nothing, and leaves one row, one transfer and one audit row', async () => {
    // The first approval makes the audit sheet; the second is the one every later one repeats.
    expect((await approve(runtime, [(await staged()).key]))[0]?.outcome).toBe('sent');
    const reference = await staged();
    const before = runtime.stats.serviceCalls;
    expect((await approve(runtime, [reference.key]))[0]?.outcome).toBe('sent');
    const calls = runtime.stats.serviceCalls - before;

    let swept = 0;
    /** Kills an approval at `killAtCall`, then refreshes and reviews; whether Brex made it. */
    const sweep = async (killAtCall: number): Promise<boolean> => {
      const { row, key, memo } = await staged();
      sandbox.log.length = 0;
      const killed = await runtime.run('approvePayments', [[key]], {
        as: BOB,
        limits: { killAtCall },
      });
      expect(killed.ok).toBe(false);
      const made = transfers(sandbox).filter((t) => t.external_memo === memo);
      if (made.length === 0) {
        // Killed before Brex made it: nothing to find; the next approval sends it.
        expect((await approve(runtime, [key]))[0]?.outcome).toBe('sent');
        return false;
      }
      swept += 1;
      const id = made[0]?.id as string;

      // Every other kill point, the schedule's refresh; else a refresh by hand.
      sandbox.log.length = 0;
      if (swept % 2 === 0) {
        const [run] = await runtime.fireTimeTriggers({ all: true });
        expect(run?.error).toBeUndefined();
      } else {
        await refresh(runtime);
      }
      expect(sandbox.log.filter((e) => e.method !== 'GET')).toEqual([]);
      expect({ killAtCall, rows: idsInSheet().filter((i) => i === id).length }).toEqual({
        killAtCall,
        rows: 1,
      });
      expect(cell(runtime, row, 'Brex ID')).toBe(id);
      expect(cell(runtime, row, 'Payment key')).toBe(key.split(':')[1]);
      expect(cell(runtime, row, 'Recipient')).toBe(made[0]?.display_name);

      // The review completes the audit; the approval finds nothing left to send.
      expect(paymentsOf(await reviewAs(runtime, OWNER)).map((p) => p.row)).not.toContain(row);
      expect((await approve(runtime, [key]))[0]?.outcome).toBe('not_pending');

      expect(transfers(sandbox).filter((t) => t.external_memo === memo)).toHaveLength(1);
      expect(transferPosts(sandbox)).toEqual([]);
      const ids = idsInSheet().filter((i) => i !== '');
      expect(new Set(ids).size).toBe(ids.length);
      const audit = auditRows(runtime).filter((r) => r['Brex ID'] === id);
      expect({ killAtCall, audit: audit.map((r) => [r.User, r.Result]) }).toEqual({
        killAtCall,
        audit: [[BOB, 'pushed']],
      });
      return true;
    };
    // The first call at which Brex has made the transfer, by bisection; then every call from
    // there through its bookkeeping (no record yet, then the record without the row), and every
    // 20th after, to the last.
    let [low, high] = [1, calls - 1];
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (await sweep(middle)) high = middle;
      else low = middle + 1;
    }
    for (let killAtCall = low; killAtCall < low + 8; killAtCall += 1) {
      expect(await sweep(killAtCall)).toBe(true);
    }
    for (let killAtCall = low + 8; killAtCall < calls; killAtCall += 20) await sweep(killAtCall);
    await sweep(calls - 1);
    // The sweep reached past Brex's answer, through every call after it.
    expect(swept).toBeGreaterThan(5);
    expect(paymentsOf(await reviewAs(runtime, OWNER)).filter((p) => p.inFlight)).toEqual([]);
  }, 240_000);
});
