/**
 * The bench's approval of payments: one vendor with an ACH account (made through the sandbox's
 * control API), `count` payment rows pasted into "Brex Transfers" and reviewed by the person who
 * stages them (OWNER: their keys and "Staged by"), then reviewed and approved by a second person
 * with their own write credential (APPROVER), again with the payments left for another execution
 * until none is left. Its floor in requests is one `POST /v1/transfers` per payment.
 */
import type { ChangesReview, PaymentResult } from '../../src/contract/writeback';
import type { Sandbox } from '../sandbox';
import { control, CONTROL_PREFIX } from '../sandbox/control';
import type { ExecutionResult, Runtime } from '../runtime';

const OWNER = 'owner@example.com';
export const APPROVER = 'approver@example.com';
const TRANSFERS = 'Brex Transfers';
const VENDOR = 'Bench Payee LLC';
const ACH = {
  type: 'ACH',
  routing_number: '021000021',
  account_number: '123456789',
  account_type: 'CHECKING',
  account_class: 'BUSINESS',
};

/** The payee with an ACH account in Brex, and the name of the primary cash account. */
export function payee(sandbox: Sandbox): string {
  const made = control(sandbox, 'POST', `${CONTROL_PREFIX}/vendors`, {
    company_name: VENDOR,
    payment_accounts: [{ details: ACH }],
  });
  if (made.status !== 200) throw new Error(`Making the payee failed: ${made.status}`);
  const accounts = sandbox.snapshot().cash_accounts as { name: string; primary: boolean }[];
  return (accounts.find((a) => a.primary) ?? accounts[0])?.name ?? '';
}

/** The person who stages pastes `count` rows of $10.00 to $10.99, then reviews them. */
export async function stagePayments(runtime: Runtime, account: string, count: number) {
  const header = (runtime.values(TRANSFERS)[0] ?? []) as string[];
  const cells: Record<string, (n: number) => unknown> = {
    Vendor: () => VENDOR,
    'Payment type': () => 'ACH',
    Amount: (n) => 10 + (n % 100) / 100,
    Currency: () => 'USD',
    'From account': () => account,
    Description: (n) => `Bench invoice ${n + 1}`,
    'External memo': (n) => `BENCH-${n + 1}`,
  };
  const width = Math.max(...Object.keys(cells).map((h) => header.indexOf(h))) + 1;
  const rows = Array.from({ length: count }, (_, n) =>
    Array.from({ length: width }, (_, c) => cells[header[c] ?? '']?.(n) ?? ''),
  );
  const first = runtime.values(TRANSFERS).length + 1;
  await runtime.paste(`${TRANSFERS}!A${first}`, rows, { as: OWNER });
  await runtime.call('reviewChanges', [], { as: OWNER });
}

/**
 * The approver's review, then the approval of every payment it found valid, approved again with
 * the payments left for another execution ("deferred") until none is left.
 */
export async function reviewAndApprove(
  runtime: Runtime,
  outcomes: Record<string, number>,
): Promise<ExecutionResult[]> {
  const review = await runtime.run('reviewChanges', [], { as: APPROVER });
  const payments = (review.value as ChangesReview).changes.filter(
    (c) => c.action === 'transfers.create',
  );
  const results = [review];
  let keys = payments.filter((c) => c.problem === null).map((c) => c.key);
  outcomes['refused in review'] = payments.length - keys.length;
  for (let call = 1; keys.length > 0 && call <= 20; call += 1) {
    const approved = await runtime.run('approvePayments', [keys], { as: APPROVER });
    results.push(approved);
    if (!approved.ok) break;
    const answers = approved.value as PaymentResult[];
    for (const answer of answers.filter((a) => a.outcome !== 'deferred')) {
      outcomes[answer.outcome] = (outcomes[answer.outcome] ?? 0) + 1;
    }
    keys = answers.filter((a) => a.outcome === 'deferred').map((a) => a.key);
  }
  return results;
}

/** What the naive script is given: each payment's instrument, account and amount. */
export function naivePayments(sandbox: Sandbox, count: number) {
  const snapshot = sandbox.snapshot();
  type Vendor = {
    company_name: string;
    payment_accounts: { details: { payment_instrument_id: string } }[];
  };
  const vendor = (snapshot.vendors as Vendor[]).find((v) => v.company_name === VENDOR);
  const accounts = snapshot.cash_accounts as { id: string; primary: boolean }[];
  const account = (accounts.find((a) => a.primary) ?? accounts[0])?.id ?? '';
  const instrument = vendor?.payment_accounts[0]?.details.payment_instrument_id ?? '';
  return Array.from({ length: count }, (_, n) => ({
    instrument,
    account,
    amount: 1_000 + (n % 100),
    memo: `BENCH-NAIVE-${n + 1}`,
  }));
}
