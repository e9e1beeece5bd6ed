/**
 * The two-person rule against the person who typed a payment, not only the one who staged it:
 * Ana types a payment row (a paste, or one cell of a row someone else typed), Bob opens the review
 * first and so stages it, and Ana's approval is refused with not one request to Brex; Carol's
 * approval sends it, once. Through the built bundle, with `onEdit` naming each typist.
 */
import type { Sandbox } from '../../dev/sandbox';
import type { Runtime } from '../../dev/runtime';
import {
  BOB,
  OWNER,
  a1,
  accountName,
  approve,
  openPaymentSandbox,
  paymentWorld,
  paymentsOf,
  reviewAs,
  stage,
  transferPosts,
  transfers,
} from '../support/payment-world';

const ANA = 'ana@example.com';
const CAROL = 'carol@example.com';

describe('a payment approved by the person who typed it', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await openPaymentSandbox('payment-typist');
  });

  afterAll(async () => {
    await sandbox.close();
  });

  async function refusedThenSent(
    runtime: Runtime,
    row: number,
    typists: readonly string[],
  ): Promise<void> {
    const [staged] = paymentsOf(await reviewAs(runtime, BOB));
    expect(staged?.row).toBe(row);
    expect(staged?.problem).toBeNull();
    expect(staged?.payment?.stagedBy).toBe(BOB);
    expect(staged?.payment?.approvableByYou).toBe(false);

    for (const typist of typists) {
      const [seenByTypist] = paymentsOf(await reviewAs(runtime, typist));
      expect(seenByTypist?.payment?.approvableByYou).toBe(false);
      const refused = await approve(runtime, [seenByTypist?.key ?? ''], typist);
      expect(refused.map((r) => [r.outcome, r.message])).toEqual([
        [
          'refused',
          `You entered this payment (row ${row}); another person must approve it. Nothing was sent.`,
        ],
      ]);
    }
    expect(transferPosts(sandbox)).toHaveLength(0);

    const [seenByCarol] = paymentsOf(await reviewAs(runtime, CAROL));
    expect(seenByCarol?.payment?.approvableByYou).toBe(true);
    const sent = await approve(runtime, [seenByCarol?.key ?? ''], CAROL);
    expect(sent.map((r) => r.outcome)).toEqual(['sent']);
    const again = await approve(runtime, [seenByCarol?.key ?? ''], CAROL);
    expect(again.map((r) => r.outcome)).not.toContain('sent');
    expect(transferPosts(sandbox)).toHaveLength(1);
    expect(transfers(sandbox).filter((t) => t.id === sent[0]?.transferId)).toHaveLength(1);
  }

  it('refuses the one who pasted the row, though another staged it, and sends on a third', async () => {
    const runtime = await paymentWorld(sandbox, [ANA, CAROL]);
    const account = accountName(sandbox);
    const row = await stage(
      runtime,
      [{ vendor: 'Initech', amount: 640, account, description: 'Toner', memo: 'INV-640' }],
      ANA,
    );
    await refusedThenSent(runtime, row, [ANA]);
  });

  it('refuses one who typed a single cell of a row another person pasted', async () => {
    const runtime = await paymentWorld(sandbox, [ANA, CAROL]);
    const account = accountName(sandbox);
    const row = await stage(
      runtime,
      [{ vendor: 'Initech', amount: 75, account, description: 'Paper', memo: 'INV-75' }],
      OWNER,
    );
    await runtime.edit(a1(runtime, row, 'Amount'), 80, { as: ANA });
    // The one who pasted it is refused too: each typist of the row counts.
    await refusedThenSent(runtime, row, [ANA, OWNER]);
  });
});
