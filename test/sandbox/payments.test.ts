/**
 * The sandbox's payment writes: vendors created, updated and deleted; transfers created, moving
 * through their statuses over sandbox time, holding and spending cash, refused over Brex's limits
 * or the balance; idempotent replay; strict bodies. The sandbox runs strict, so every request and
 * response is also checked against the specs (the log's violations).
 */
import { type Sandbox, startSandbox } from '../../dev/sandbox';
import { startTransfer } from '../../dev/sandbox/payment-book';
import { at, call, must, type Reply } from './support';

const TODAY = '2026-04-14';

type Json = Record<string, unknown>;
type Vendor = { id: string; company_name: string; email: string | null; phone: string | null } & {
  payment_accounts: { details: Json & { type: string; payment_instrument_id: string } }[];
};
type Transfer = Json & {
  id: string;
  status: string;
  cancellation_reason: string | null;
  amount: { amount: number };
};

const cents = (money: { amount?: number }): number => money.amount ?? 0;

const ACH = {
  type: 'ACH',
  routing_number: '021000021',
  account_number: '123456789',
  account_type: 'CHECKING',
  account_class: 'BUSINESS',
};
const ADDRESS = {
  line1: '1 Main St',
  city: 'Oakland',
  state: 'CA',
  country: 'US',
  postal_code: '94607',
};
const WIRE = {
  type: 'DOMESTIC_WIRE',
  routing_number: '026009593',
  account_number: '987654321',
  address: ADDRESS,
};
const CHEQUE = { type: 'CHEQUE', mailing_address: ADDRESS, recipient_name: 'Northwind Traders' };

describe('sandbox payment writes', () => {
  let sandbox: Sandbox;
  let keys = 0;

  beforeEach(async () => {
    sandbox = await startSandbox({
      today: TODAY,
      transactions: 300,
      strict: true,
      rateLimit: 5000,
    });
  });

  afterEach(() => sandbox.close());

  const write = (method: string, path: string, body?: unknown, key: string | null = `k${++keys}`) =>
    call(sandbox, sandbox.token, method, path, {
      body,
      headers: key ? { 'Idempotency-Key': key } : {},
    });
  const get = (path: string) => call(sandbox, sandbox.token, 'GET', path);
  const message = (reply: Reply) => (reply.body as { message: string }).message;
  const primary = () =>
    must(
      sandbox.snapshot().cash_accounts.find((a) => a.primary),
      'primary',
    );
  const advance = (body: Json) =>
    fetch(`${sandbox.url}/_sandbox/advance`, { method: 'POST', body: JSON.stringify(body) });

  async function vendor(name = 'Northwind Traders', accounts: Json[] = [ACH, WIRE, CHEQUE]) {
    const reply = await write('POST', '/v1/vendors', {
      company_name: name,
      email: 'ap@northwind.example.com',
      phone: '+14155550199',
      payment_accounts: accounts.map((details) => ({ details })),
    });
    expect(reply.status).toBe(200);
    return reply.body as Vendor;
  }

  const instrument = (v: Vendor, type: string) =>
    must(
      v.payment_accounts.find((a) => a.details.type === type),
      type,
    ).details.payment_instrument_id;

  function payment(instrumentId: string, amount: number, extra: Json = {}): Json {
    return {
      counterparty: { type: 'VENDOR', payment_instrument_id: instrumentId },
      amount: { amount, currency: 'USD' },
      description: 'Invoice 4471',
      external_memo: 'INV 4471',
      originating_account: { type: 'BREX_CASH', id: primary().id },
      ...extra,
    };
  }

  /** No response broke its schema, and no accepted request broke the specs. */
  function expectContractKept(): void {
    const responses = sandbox.log.flatMap((e) => e.violations.filter((v) => /^\d{3} body/.test(v)));
    expect(responses).toEqual([]);
    expect(sandbox.log.filter((e) => e.status === 200 && e.violations.length > 0)).toEqual([]);
  }

  describe('vendors', () => {
    it('creates a vendor with a payment instrument per account, listed and read by id', async () => {
      const created = await vendor();

      expect(created).toEqual({
        id: expect.stringMatching(/^pdcont_/),
        company_name: 'Northwind Traders',
        email: 'ap@northwind.example.com',
        phone: '+14155550199',
        payment_accounts: [ACH, WIRE, CHEQUE].map((details) => ({
          details: { ...details, payment_instrument_id: expect.stringMatching(/^pdinstl_/) },
        })),
      });
      expect((await get(`/v1/vendors/${created.id}`)).body).toEqual(created);
      const listed = await get('/v1/vendors?name=Northwind%20Traders');
      expect((listed.body as { items: Vendor[] }).items).toEqual([created]);
      expectContractKept();
    });

    it('refuses a bad vendor with a 400 naming the field, and creates nothing', async () => {
      await vendor('Existing Co', [ACH]);
      const before = sandbox.snapshot().vendors;
      const cases: [Json, string][] = [
        [{ company_name: ' existing co ' }, 'company_name existing co is taken'],
        [{ email: 'a@b.co' }, 'company_name is required'],
        [{ company_name: 'Café Co' }, 'company_name is invalid'],
        [{ company_name: 'X', id: 'pdcont_1' }, 'id is read-only or unknown'],
        [{ company_name: 'X', email: 'not an email' }, 'email must be an email address'],
        [{ company_name: 7 }, 'company_name must be a string'],
        [
          {
            company_name: 'X',
            payment_accounts: [{ details: { ...ACH, account_type: 'SAVINGS' } }],
          },
          'payment_accounts[0].details.account_type must be one of CHECKING, SAVING',
        ],
        [
          {
            company_name: 'X',
            payment_accounts: [{ details: { ...ACH, routing_number: '021000022' } }],
          },
          'payment_accounts[0].details.routing_number is not a valid routing number',
        ],
        [
          { company_name: 'X', payment_accounts: [{ details: { ...WIRE, address: undefined } }] },
          'payment_accounts[0].details.address is required',
        ],
        [
          {
            company_name: 'X',
            payment_accounts: [{ details: { ...CHEQUE, recipient_name: 'N'.repeat(41) } }],
          },
          'payment_accounts[0].details.recipient_name must be at most 40 characters',
        ],
        [
          {
            company_name: 'X',
            payment_accounts: [{ details: { ...ACH, type: 'INTERNATIONAL_WIRE' } }],
          },
          'payment_accounts[0].details.type must be one of DOMESTIC_WIRE, ACH, CHEQUE',
        ],
        [
          { company_name: 'X', payment_accounts: [{ details: ACH }, { details: ACH }] },
          'payment_accounts[1].details.type ACH is repeated',
        ],
        [
          { company_name: 'X', phone: null, payment_accounts: null, email: 5 },
          'email must be a string',
        ],
      ];

      for (const [body, expected] of cases) {
        const reply = await write('POST', '/v1/vendors', body);
        expect([reply.status, message(reply)]).toEqual([400, expect.stringContaining(expected)]);
      }
      expect(sandbox.snapshot().vendors).toEqual(before);
      expectContractKept();
    });

    it('updates only what the body names, and keeps an instrument id when its account changes', async () => {
      const created = await vendor();

      const reply = await write('PUT', `/v1/vendors/${created.id}`, {
        email: 'billing@northwind.example.com',
        phone: null,
        payment_accounts: [{ details: { ...ACH, account_number: '55550000' } }],
      });

      const updated = reply.body as Vendor;
      expect(reply.status).toBe(200);
      expect(updated).toEqual({
        ...created,
        email: 'billing@northwind.example.com',
        phone: null,
        payment_accounts: [
          {
            details: {
              ...ACH,
              account_number: '55550000',
              payment_instrument_id: instrument(created, 'ACH'),
            },
          },
          ...created.payment_accounts.slice(1),
        ],
      });
      expect((await get(`/v1/vendors/${created.id}`)).body).toEqual(updated);
      const other = await vendor('Other Co', [ACH]);
      const clash = await write('PUT', `/v1/vendors/${other.id}`, {
        company_name: 'NORTHWIND TRADERS',
      });
      expect([clash.status, message(clash)]).toEqual([400, expect.stringContaining('is taken')]);
      expectContractKept();
    });

    it('deletes a vendor, but not one with a payment on its way', async () => {
      const idle = await vendor('Idle Co', [ACH]);
      const busy = await vendor('Busy Co', [ACH]);
      expect(
        (await write('POST', '/v1/transfers', payment(instrument(busy, 'ACH'), 100_00))).status,
      ).toBe(200);

      const deleted = await write('DELETE', `/v1/vendors/${idle.id}`, undefined, null);
      const again = await write('DELETE', `/v1/vendors/${idle.id}`, undefined, null);
      const refused = await write('DELETE', `/v1/vendors/${busy.id}`, undefined, null);

      expect(deleted.status).toBe(200);
      expect(again.status).toBe(404);
      expect([refused.status, message(refused)]).toEqual([
        400,
        expect.stringContaining('in progress'),
      ]);
      expect((await get(`/v1/vendors/${idle.id}`)).status).toBe(404);
      expect(sandbox.snapshot().vendors.map((v) => v.id)).toContain(busy.id);
      expect(sandbox.snapshot().vendors.map((v) => v.id)).not.toContain(idle.id);
      expectContractKept();
    });

    it('needs the vendors scope, Brex Cash and an Idempotency-Key to create', async () => {
      const body = { company_name: 'Scoped Co' };
      const readonly = await call(sandbox, sandbox.tokens.readonly, 'POST', '/v1/vendors', {
        body,
        headers: { 'Idempotency-Key': 'r1' },
      });
      const noCash = await call(sandbox, sandbox.tokens.no_cash, 'POST', '/v1/vendors', {
        body,
        headers: { 'Idempotency-Key': 'r2' },
      });
      const keyless = await write('POST', '/v1/vendors', body, null);

      expect([readonly.status, message(readonly)]).toEqual([
        403,
        'Missing required scope: vendors',
      ]);
      expect(noCash.status).toBe(401);
      expect([keyless.status, message(keyless)]).toEqual([
        400,
        'Idempotency-Key header is required',
      ]);
      expect(sandbox.snapshot().vendors.some((v) => v.company_name === 'Scoped Co')).toBe(false);
    });
  });

  describe('transfers', () => {
    it('holds the amount, then spends it when the payment is processed, as every list shows', async () => {
      const v = await vendor();
      const account = primary();

      const reply = await write('POST', '/v1/transfers', payment(instrument(v, 'ACH'), 1234_56));

      const transfer = reply.body as Transfer;
      expect(transfer).toEqual(
        expect.objectContaining({
          id: expect.stringMatching(/^dptx_/),
          counterparty: { type: 'VENDOR', id: v.id, payment_instrument_id: instrument(v, 'ACH') },
          payment_type: 'ACH',
          amount: { amount: 1234_56, currency: 'USD' },
          status: 'PROCESSING',
          display_name: 'Northwind Traders',
          external_memo: 'INV 4471',
          created_at: TODAY,
          estimated_delivery_date: '2026-04-15',
        }),
      );
      const held = (await get(`/v2/accounts/cash/${account.id}`)).body as typeof account;
      expect(cents(held.available_balance)).toBe(cents(account.available_balance) - 1234_56);
      expect(cents(held.current_balance)).toBe(cents(account.current_balance));

      await advance({ days: 1 });

      const done = (await get(`/v1/transfers/${transfer.id}`)).body as Transfer;
      const spent = (await get(`/v2/accounts/cash/${account.id}`)).body as typeof account;
      const transactions = (await get(`/v2/transactions/cash/${account.id}?limit=5`)).body as {
        items: Json[];
      };
      const listed = (await get('/v1/transfers?limit=1000')).body as { items: Transfer[] };
      expect(done.status).toBe('PROCESSED');
      expect(listed.items.find((t) => t.id === transfer.id)).toEqual(done);
      expect(cents(spent.current_balance)).toBe(cents(account.current_balance) - 1234_56);
      expect(cents(spent.available_balance)).toBe(cents(account.available_balance) - 1234_56);
      expect(transactions.items[0]).toEqual(
        expect.objectContaining({
          amount: { amount: -1234_56, currency: 'USD' },
          type: 'PAYMENT',
          transfer_id: transfer.id,
          description: 'Northwind Traders - INV 4471',
          posted_at_date: '2026-04-15',
        }),
      );
      expectContractKept();
    });

    it('keeps external memos to 90 characters for ACH and wires and 40 for cheques', async () => {
      const v = await vendor();
      const send = (type: string, memo: string) =>
        write(
          'POST',
          '/v1/transfers',
          payment(instrument(v, type), 10_00, { external_memo: memo }),
        );

      const replies = [
        await send('ACH', 'A'.repeat(90)),
        await send('DOMESTIC_WIRE', 'W'.repeat(91)),
        await send('CHEQUE', 'C'.repeat(40)),
        await send('CHEQUE', 'C'.repeat(41)),
      ];

      expect(replies.map((r) => r.status)).toEqual([200, 400, 200, 400]);
      expect(message(at(replies, 1))).toBe('external_memo must be at most 90 characters');
      expect(message(at(replies, 3))).toBe(
        'external_memo must be at most 40 characters for cheques',
      );
      expectContractKept();
    });

    it('refuses bad payments with a 400 naming the problem, and moves no money', async () => {
      const v = await vendor();
      const ach = instrument(v, 'ACH');
      const base = payment(ach, 50_00);
      const before = sandbox.snapshot();
      const cases: [Json, string][] = [
        [{ ...base, amount: { amount: 0, currency: 'USD' } }, 'amount.amount must be positive'],
        [{ ...base, amount: { amount: -5_00 } }, 'amount.amount must be positive'],
        [{ ...base, amount: { amount: 12.5 } }, 'amount.amount must be an integer'],
        [{ ...base, amount: { amount: '500' } }, 'amount.amount must be an integer'],
        [
          { ...base, amount: { amount: 5_00, currency: 'EUR' } },
          'amount.currency EUR is not supported',
        ],
        [{ ...base, amount: { currency: 'USD' } }, 'amount.amount is required'],
        [
          { ...base, counterparty: { type: 'VENDOR', payment_instrument_id: 'pdinstl_nope' } },
          'counterparty.payment_instrument_id pdinstl_nope is not',
        ],
        [
          { ...base, counterparty: { type: 'VENDOR' } },
          'counterparty.payment_instrument_id is required',
        ],
        [
          { ...base, counterparty: { type: 'PERSON', payment_instrument_id: ach } },
          'counterparty.type must be one of',
        ],
        [
          {
            ...base,
            counterparty: { type: 'BOOK_TRANSFER', recipient: { type: 'ACCOUNT_ID', id: 'x' } },
          },
          'BOOK_TRANSFER is not enabled',
        ],
        [
          { ...base, originating_account: { type: 'BREX_CASH', id: 'dpacc_nope' } },
          'originating_account.id dpacc_nope',
        ],
        [
          { ...base, originating_account: { type: 'CARD', id: primary().id } },
          'originating_account.type must be one of BREX_CASH',
        ],
        [{ ...base, external_memo: undefined }, 'external_memo is required'],
        [
          { ...base, description: '=HYPERLINK("x")', external_memo: 'Fü' },
          'external_memo is invalid',
        ],
        [{ ...base, approval_type: 'AUTO' }, 'approval_type must be one of MANUAL'],
        [{ ...base, status: 'PROCESSED' }, 'status is read-only or unknown'],
        [payment(ach, 999_999_999_99), 'Insufficient funds'],
      ];

      for (const [body, expected] of cases) {
        const reply = await write('POST', '/v1/transfers', body);
        expect([JSON.stringify(body), reply.status, message(reply)]).toEqual([
          JSON.stringify(body),
          400,
          expect.stringContaining(expected),
        ]);
      }
      expect(sandbox.snapshot().transfers).toEqual(before.transfers);
      expect(sandbox.snapshot().cash_accounts).toEqual(before.cash_accounts);
      expectContractKept();
    });

    it('waits for approval when asked, then is scheduled, processed, denied or cancelled', async () => {
      const v = await vendor();
      const account = primary();
      const manual = { approval_type: 'MANUAL' };
      const control = async (id: string, action: string) =>
        (
          await fetch(`${sandbox.url}/_sandbox/transfers/${id}/${action}`, { method: 'POST' })
        ).json();

      const approved = (
        await write(
          'POST',
          '/v1/transfers',
          payment(instrument(v, 'DOMESTIC_WIRE'), 300_00, manual),
        )
      ).body as Transfer;
      const denied = (
        await write('POST', '/v1/transfers', payment(instrument(v, 'ACH'), 200_00, manual))
      ).body as Transfer;
      const cancelled = (
        await write('POST', '/v1/transfers', payment(instrument(v, 'CHEQUE'), 100_00))
      ).body as Transfer;
      const available = (await get(`/v2/accounts/cash/${account.id}`)).body as typeof account;

      expect([approved.status, denied.status, cancelled.status]).toEqual([
        'PENDING_APPROVAL',
        'PENDING_APPROVAL',
        'PROCESSING',
      ]);
      expect(cents(available.available_balance)).toBe(cents(account.available_balance) - 100_00);
      expect(await control(approved.id, 'approve')).toEqual(
        expect.objectContaining({ status: 'SCHEDULED' }),
      );
      expect(await control(denied.id, 'deny')).toEqual(
        expect.objectContaining({ status: 'FAILED', cancellation_reason: 'APPROVAL_DENIED' }),
      );
      expect(await control(cancelled.id, 'cancel')).toEqual(
        expect.objectContaining({ status: 'FAILED', cancellation_reason: 'USER_CANCELLED' }),
      );
      expect(await control(denied.id, 'approve')).toEqual(
        expect.objectContaining({ message: 'Cannot approve a transfer that is FAILED.' }),
      );
      await advance({ hours: 12 });
      expect(((await get(`/v1/transfers/${approved.id}`)).body as Transfer).status).toBe(
        'PROCESSING',
      );
      await advance({ hours: 4 });
      expect(((await get(`/v1/transfers/${approved.id}`)).body as Transfer).status).toBe(
        'PROCESSED',
      );
      const after = (await get(`/v2/accounts/cash/${account.id}`)).body as typeof account;
      expect(cents(after.available_balance)).toBe(cents(account.available_balance) - 300_00);
      expect(cents(after.current_balance)).toBe(cents(account.current_balance) - 300_00);
      expectContractKept();
    });

    it('fails a scheduled payment the account can no longer cover when it falls due', async () => {
      const v = await vendor();
      const account = primary();
      const all = cents(account.available_balance);
      const pending = (
        await write(
          'POST',
          '/v1/transfers',
          payment(instrument(v, 'ACH'), all, { approval_type: 'MANUAL' }),
        )
      ).body as Transfer;
      await fetch(`${sandbox.url}/_sandbox/transfers/${pending.id}/approve`, { method: 'POST' });
      expect(
        (await write('POST', '/v1/transfers', payment(instrument(v, 'ACH'), 1_00))).status,
      ).toBe(200);

      await advance({ hours: 12 });

      const failed = (await get(`/v1/transfers/${pending.id}`)).body as Transfer;
      expect([failed.status, failed.cancellation_reason]).toEqual(['FAILED', 'INSUFFICIENT_FUNDS']);
    });

    it('replays a repeated key without paying twice, also after a lost answer, and refuses it on another payment', async () => {
      const v = await vendor();
      const body = payment(instrument(v, 'ACH'), 777_00);
      const count = () => sandbox.snapshot().transfers.length;
      const before = count();
      const available = cents(primary().available_balance);

      const first = await write('POST', '/v1/transfers', body, 'pay-1');
      const second = await write('POST', '/v1/transfers', { ...body }, 'pay-1');
      sandbox.setFaults('lost=1');
      const lost = await write('POST', '/v1/transfers', body, 'pay-2');
      sandbox.setFaults('');
      const retry = await write('POST', '/v1/transfers', body, 'pay-2');
      const other = await write(
        'POST',
        '/v1/transfers',
        payment(instrument(v, 'ACH'), 778_00),
        'pay-1',
      );

      expect(second.text).toBe(first.text);
      expect(lost.body).toBeUndefined();
      expect((retry.body as Transfer).id).toBe(sandbox.snapshot().transfers.at(-1)?.id);
      expect(count()).toBe(before + 2);
      expect(cents(primary().available_balance)).toBe(available - 2 * 777_00);
      expect([other.status, message(other)]).toEqual([
        400,
        expect.stringContaining('Idempotency-Key was already used for a different request'),
      ]);
      expect(sandbox.log.filter((e) => e.path === '/v1/transfers').map((e) => e.replayed)).toEqual([
        false,
        true,
        false,
        true,
        false,
      ]);
    });

    /**
     * Fills Brex's 24-hour window with `count` one-cent payments to `instrumentId`, made by the
     * sandbox's own code rather than over HTTP (a thousand requests would take a minute here).
     */
    function fillWindow(instrumentId: string, paymentType: string, count: number): void {
      const { company } = sandbox;
      const account = primary();
      for (let i = 0; i < count; i++) {
        const transfer = {
          id: company.id('dptx'),
          counterparty: { type: 'VENDOR', id: 'pdcont_x', payment_instrument_id: instrumentId },
          payment_type: paymentType,
          amount: { amount: 1, currency: 'USD' },
          originating_account: { type: 'BREX_CASH', id: account.id },
          status: 'PROCESSING',
        } as unknown as Parameters<typeof startTransfer>[1];
        company.state.transfers.insert({ sortKey: '', seq: company.nextSeq(), data: transfer });
        startTransfer(company, transfer, {
          manualApproval: false,
          statement: 'x',
          nowMs: Date.parse(`${TODAY}T23:00:00Z`),
        });
      }
    }

    it("refuses past Brex's 1,000 transfers in 24 hours with a 429, until the window moves on", async () => {
      const v = await vendor();
      const ach = instrument(v, 'ACH');
      fillWindow(ach, 'ACH', 999);

      const last = await write('POST', '/v1/transfers', payment(ach, 1));
      const refused = await write('POST', '/v1/transfers', payment(ach, 1));
      await advance({ hours: 24 });
      const later = await write('POST', '/v1/transfers', payment(ach, 1));

      expect(last.status).toBe(200);
      expect(refused.status).toBe(429);
      expect(refused.body).toEqual({
        type: 'TOO_MANY_REQUESTS',
        code: 'TRANSFER_LIMIT_EXCEEDED',
        message: expect.stringContaining('at most 1000 transfers per 24 hours'),
      });
      expect(later.status).toBe(200);
      expectContractKept();
    });

    it('refuses past 100 international wires in 24 hours, to vendors made in the dashboard', async () => {
      const made = await fetch(`${sandbox.url}/_sandbox/vendors`, {
        method: 'POST',
        body: JSON.stringify({
          company_name: 'Lisbon Design Lda',
          payment_accounts: [
            {
              details: {
                type: 'INTERNATIONAL_WIRE',
                swift_code: 'BCOMPTPL',
                iban: 'PT50000201231234567890154',
                address: ADDRESS,
              },
            },
          ],
        }),
      });
      const lisbon = (await made.json()) as Vendor;
      const wire = instrument(lisbon, 'INTERNATIONAL_WIRE');
      const ach = instrument(await vendor(), 'ACH');
      fillWindow(wire, 'INTERNATIONAL_WIRE', 99);

      const hundredth = await write('POST', '/v1/transfers', payment(wire, 1));
      const refused = await write('POST', '/v1/transfers', payment(wire, 1));
      const domestic = await write('POST', '/v1/transfers', payment(ach, 1));

      expect((hundredth.body as Transfer).payment_type).toBe('INTERNATIONAL_WIRE');
      expect([refused.status, (refused.body as { code: string }).code]).toEqual([
        429,
        'INTERNATIONAL_WIRE_LIMIT_EXCEEDED',
      ]);
      expect(domestic.status).toBe(200);
      expect((await get(`/v1/vendors/${lisbon.id}`)).status).toBe(200);
      expectContractKept();
    });
  });

  describe('card expense memo', () => {
    it('sets the memo of a card expense only, strictly', async () => {
      const expenses = sandbox.snapshot().expenses;
      const card = must(
        expenses.find((e) => e.expense_type === 'CARD'),
        'a card expense',
      );
      const other = must(
        expenses.find((e) => e.expense_type !== 'CARD'),
        'a reimbursement',
      );
      const put = (id: string, body: unknown) => write('PUT', `/v1/expenses/card/${id}`, body);

      const set = await put(card.id, { memo: 'Client dinner, 4 people' });
      const cleared = await put(card.id, { memo: null });
      const refusals = [
        await put(card.id, { memo: 42 }),
        await put(card.id, { memo: 'x', category: 'RESTAURANTS' }),
        await put(other.id, { memo: 'x' }),
      ];

      expect((set.body as Json).memo).toBe('Client dinner, 4 people');
      expect((cleared.body as Json).memo).toBeNull();
      expect(refusals.map((r) => [r.status, message(r)])).toEqual([
        [400, 'memo must be a string'],
        [400, 'category is read-only or unknown and may not be sent'],
        [404, 'Not Found'],
      ]);
      expectContractKept();
    });
  });
});
