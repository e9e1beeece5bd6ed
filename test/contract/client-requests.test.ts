/**
 * Every request the Brex client sends validates against its operation in Brex's specs: the client
 * calls each endpoint it knows on a strict sandbox (which checks parameters, headers and bodies of
 * every request it receives), then the sandbox's log must hold no contract violation.
 */
import { randomUUID } from 'node:crypto';
import { BrexClient } from '../../src/brex';
import { spawnSandbox, type LoggedRequest, type SpawnedSandbox } from '../../dev/sandbox';
import { blockingHttpPort, type BlockingHttpPort } from '../support/blocking-http-port';

const TODAY = '2026-06-30';

describe('Brex client requests against the strict sandbox', () => {
  let sandbox: SpawnedSandbox;
  let http: BlockingHttpPort;
  let client: BrexClient;

  beforeAll(async () => {
    sandbox = await spawnSandbox({ today: TODAY, transactions: 1500, strict: true });
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

  it('sends only requests that match the specs, for every operation it offers', async () => {
    const first = <T>(pages: Iterable<{ items: T[] }>): T[] => {
      for (const page of pages) return page.items;
      return [];
    };
    const cash = first(client.pages('cashAccounts', {}));
    const accountId = cash[0]?.id ?? '';
    first(
      client.pages('cardTransactions', { postedAtStart: '2026-05-01', expand: ['expense_id'] }),
    );
    first(
      client.pages('cashTransactions', {
        accountId,
        postedAtStart: new Date('2026-04-01T00:00:00Z'),
      }),
    );
    first(client.pages('cardStatements', {}));
    first(client.pages('cashStatements', { accountId }));
    first(
      client.pages('expenses', {
        expand: ['merchant', 'user', 'department', 'budget', 'location'],
        statuses: ['APPROVED', 'SUBMITTED'],
        paymentStatuses: ['CLEARED'],
        purchasedAtStart: '2026-01-01',
        purchasedAtEnd: '2026-06-30',
        updatedAtStart: '2026-01-01',
      }),
    );
    const limits = first(client.pages('spendLimits', {}));
    first(client.pages('budgets', {}));
    const users = first(client.pages('users', {}));
    first(client.pages('departments', {}));
    first(client.pages('locations', {}));
    first(client.pages('titles', {}));
    const cards = first(client.pages('cards', {}));
    first(client.pages('vendors', {}));
    first(client.pages('transfers', {}));
    client.listCardAccounts();
    client.getPrimaryCashAccount();
    const me = client.getMe();
    client.getCompany();
    client.probeLists([
      { list: 'users', query: {} },
      { list: 'cashAccounts', query: {} },
      { list: 'expenses', query: {} },
    ]);
    client.get('cashAccount', accountId);
    client.getEach(
      'user',
      users.slice(0, 3).map((u) => u.id),
    );
    client.get('userLimit', me.id);
    const limit = limits.find((l) => l.status === 'ACTIVE') ?? limits[0];
    client.get('spendLimit', limit?.id ?? '');
    client.updateSpendLimit(limit?.id ?? '', {
      authorization_settings: { base_limit: { amount: 123400, currency: 'USD' } },
    });
    client.setUserMonthlyLimit(me.id, { amount: 500000, currency: 'USD' });
    const card = cards.find((c) => c.status === 'ACTIVE') ?? cards[0];
    client.lockCard(card?.id ?? '', { reason: 'OTHER', description: 'Contract test' });
    client.unlockCard(card?.id ?? '');
    const vendorCard = cards.find((c) => c.limit_type === 'CARD');
    if (vendorCard) {
      client.updateCardSpendControls(vendorCard.id, {
        spend_limit: { amount: 25000, currency: 'USD' },
      });
    }
    const archived = limits.find((l) => l.id !== limit?.id && l.status === 'ACTIVE');
    if (archived) client.archiveSpendLimit(archived.id);
    const department = client.createDepartment({ name: 'Contract Research' }).value;
    const location = client.createLocation({ name: 'Contract City', description: null }).value;
    const invited = client.inviteUser({
      first_name: 'Con',
      last_name: 'Tract',
      email: 'con.tract@acme-demo.com',
      department_id: department.id,
      location_id: location.id,
      manager_id: me.id,
    }).value;
    const colleague = users.find((u) => u.id !== me.id && u.status === 'ACTIVE');
    client.updateUser(colleague?.id ?? '', { status: 'DISABLED', location_id: location.id });
    client.updateUser(colleague?.id ?? '', { status: 'ACTIVE', manager_id: null });
    const created = client.createCard({
      owner: { type: 'USER', user_id: me.id },
      card_name: 'Contract vendor card',
      card_type: 'VIRTUAL',
      limit_type: 'CARD',
      spend_controls: {
        spend_limit: { amount: 10000, currency: 'USD' },
        spend_duration: 'MONTHLY',
      },
      metadata: { source: 'contract test' },
    }).value;
    client.updateCard(created.id, { metadata: { source: 'contract test, renamed' } });
    client.terminateCard(created.id, { reason: 'DO_NOT_NEED_VIRTUAL_CARD', description: 'Done' });
    client.createSpendLimit({
      name: 'Contract limit',
      period_recurrence_type: 'PER_MONTH',
      authorization_settings: { base_limit: { amount: 100000, currency: 'USD' } },
      expense_visibility: 'SHARED',
      authorization_visibility: 'PUBLIC',
      limit_increase_setting: 'DISABLED',
      spend_type: 'NON_BUDGET_PROVISIONED_CARDS_ALLOWED',
      auto_transfer_cards_setting: 'DISABLED',
      auto_create_limit_cards_setting: 'ALL_MEMBERS',
      expense_policy_id: limit?.expense_policy_id ?? '',
      owner_user_ids: [me.id],
      member_user_ids: [me.id, invited.id],
    });

    const requests = await log();

    expect(requests.filter((r) => r.violations.length > 0)).toEqual([]);
    expect(requests.filter((r) => r.status >= 400)).toEqual([]);
    const operations = new Set(
      requests.map(
        (r) => `${r.method} ${r.path.replace(/\/(cuuser|dpacc|ncard|[a-z]+)_[^/]+/g, '/{id}')}`,
      ),
    );
    expect(operations.size).toBeGreaterThanOrEqual(32);
    const writes = requests.filter((r) => r.method === 'PUT' || r.method === 'POST');
    for (const write of writes) expect(write.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
