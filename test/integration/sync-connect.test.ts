/**
 * Connecting: who the token is, its company and which data sets it can read, checked with cheap
 * calls sent together. The built bundle in the local runtime against the sandbox over loopback.
 */
import { startSandbox, type Sandbox } from '../../dev/sandbox';
import { createRuntime } from '../../dev/runtime';
import { SANDBOX_OPTIONS } from '../support/world';
import type { ConnectionStatus } from '../../src/sync/connection';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox(SANDBOX_OPTIONS);
});

afterAll(async () => {
  await sandbox.close();
});

async function connectWith(
  token: string,
): Promise<{ status: ConnectionStatus; requests: string[] }> {
  const runtime = createRuntime({ brexUrl: sandbox.url });
  const logged = sandbox.log.length;
  const status = (await runtime.call('connect', [
    { token, environment: 'production' },
  ])) as ConnectionStatus;
  return { status, requests: sandbox.log.slice(logged).map((r) => `${r.method} ${r.path}`) };
}

describe('connect', () => {
  it('shows the company and user, and every probed data set as available for a full token', async () => {
    const { status, requests } = await connectWith(sandbox.token);

    const admin = sandbox.snapshot().users[0];
    expect([status.company, status.user]).toEqual([
      'Sandbox Demo, Inc.',
      `${admin?.first_name} ${admin?.last_name}`,
    ]);
    expect(status.dataSets.length).toBeGreaterThanOrEqual(13);
    expect(status.dataSets.filter((d) => !d.available)).toEqual([]);
    expect(requests.slice(0, 2)).toEqual(['GET /v2/users/me', 'GET /v2/company']);
    expect(requests.length).toBe(2 + 12);
    const pages = sandbox.log.slice(-12).filter((r) => r.query.limit !== undefined);
    expect(pages.every((r) => r.query.limit?.[0] === '1')).toBe(true);
  });

  it('names the data sets a token without Brex Cash cannot read, with the reason', async () => {
    const { status } = await connectWith(sandbox.tokens.no_cash);

    const unavailable = status.dataSets.filter((d) => !d.available).map((d) => d.id);
    expect(unavailable.sort()).toEqual(['cash_transactions', 'transfers', 'vendors']);
    expect(status.dataSets.find((d) => d.id === 'vendors')?.reason).toMatch(/^Not available: /);
    expect(status.company).toBe('Sandbox Demo, Inc.');
  });

  it('keeps the connection for the spreadsheet only, and a write credential only when the person adds one', async () => {
    const runtime = createRuntime({ brexUrl: sandbox.url });
    await runtime.call('connect', [{ token: sandbox.tokens.readonly, environment: 'production' }]);
    const before = (await runtime.call('getConnectionStatus')) as ConnectionStatus;

    const after = (await runtime.call('saveWriteCredential', [
      { token: sandbox.token },
    ])) as ConnectionStatus;

    expect(before.canWrite).toBe(false);
    expect(after).toMatchObject({
      canWrite: true,
      tokenLast4: sandbox.tokens.readonly.slice(-4),
      writeCredential: { tokenLast4: sandbox.token.slice(-4), sameAsConnection: false },
    });
  });

  it("makes the 'Brex Settings' sheet a formula's refresh argument names", async () => {
    const runtime = createRuntime({ brexUrl: sandbox.url });

    await runtime.call('connect', [{ token: sandbox.token, environment: 'production' }]);

    expect(runtime.values('Brex Settings')[0]?.[0]).toBe('Formulas refreshed at');
  });

  it('names the spend limits and budgets for a token on a company without budget management', async () => {
    const { status } = await connectWith(sandbox.tokens.no_budgets);

    const unavailable = status.dataSets.filter((d) => !d.available).map((d) => d.id);
    expect(unavailable.sort()).toEqual(['budgets', 'spend_limits']);
  });
});
