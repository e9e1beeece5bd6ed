/**
 * The Brex client's payment and expense writes validate against their operations in Brex's specs:
 * the client calls each on a strict sandbox (which checks every request's parameters, headers and
 * body, and its own responses), and the sandbox's log must hold no contract violation. A read
 * afterwards sees what the writes did.
 */
import { randomUUID } from 'node:crypto';
import { BrexClient } from '../../src/brex';
import { spawnSandbox, type LoggedRequest, type SpawnedSandbox } from '../../dev/sandbox';
import { blockingHttpPort, type BlockingHttpPort } from '../support/blocking-http-port';

const TODAY = '2026-06-30';

describe('Brex client payment writes against the strict sandbox', () => {
  let sandbox: SpawnedSandbox;
  let http: BlockingHttpPort;
  let client: BrexClient;

  beforeAll(async () => {
    sandbox = await spawnSandbox({ today: TODAY, transactions: 300, strict: true });
    http = blockingHttpPort();
    client = new BrexClient({
      http,
      clock: { now: () => Date.now(), sleep: () => undefined },
      newUuid: randomUUID,
      token: sandbox.token,
      baseUrl: sandbox.url,
    });
  });

  afterAll(async () => {
    await http?.close();
    await sandbox?.close();
  });

  async function log(): Promise<LoggedRequest[]> {
    const response = await fetch(`${sandbox.url}/_sandbox/log`);
    return (await response.json()) as LoggedRequest[];
  }

  it('sends vendor, payment and memo writes that match the specs, and reads their effect', async () => {
    const address = { line1: '1 Main St', city: 'Oakland', state: 'CA', country: 'US' };
    const account = client.getPrimaryCashAccount();
    const created = client.createVendor({
      company_name: 'Contract Test Supplies',
      email: 'ap@contract.example.com',
      payment_accounts: [
        {
          details: {
            type: 'ACH',
            routing_number: '021000021',
            account_number: '000123456789',
            account_type: 'CHECKING',
            account_class: 'BUSINESS',
          },
        },
        { details: { type: 'CHEQUE', mailing_address: address, recipient_name: 'Contract Test' } },
      ],
    }).value;
    client.updateVendor(created.id, { phone: '+14155550123' });
    const ach = created.payment_accounts?.find((a) => a.details.type === 'ACH')?.details;
    const paid = client.createTransfer(
      {
        counterparty: { type: 'VENDOR', payment_instrument_id: String(ach?.payment_instrument_id) },
        amount: { amount: 48_210_00, currency: 'USD' },
        description: 'Payment run 2026-06-30',
        external_memo: 'INV 2291',
        originating_account: { type: 'BREX_CASH', id: account.id },
      },
      { idempotencyKey: randomUUID() },
    ).value;
    const expense = [...client.pages('expenses', {})][0]?.items.find(
      (e) => e.expense_type === 'CARD',
    );
    client.updateExpenseMemo(expense?.id ?? '', 'Contract test memo');
    const spare = client.createVendor({ company_name: 'Contract Test Spare' }).value;
    client.deleteVendor(spare.id);

    const transfers = client.collect('transfers', {}, { maxItems: 10_000 }).items;
    const after = client.get('cashAccount', account.id);
    const requests = await log();

    expect(requests.filter((r) => r.violations.length > 0)).toEqual([]);
    expect(requests.filter((r) => r.status >= 400)).toEqual([]);
    expect(transfers.find((t) => t.id === paid.id)?.status).toBe('PROCESSING');
    expect(after.available_balance.amount).toBe(
      (account.available_balance.amount ?? 0) - 48_210_00,
    );
    const writes = requests.filter((r) => r.method !== 'GET').map((r) => r.method);
    expect(writes).toEqual(['POST', 'PUT', 'POST', 'PUT', 'POST', 'DELETE']);
  });
});
