/**
 * The vendor actions through the built bundle (dist/Code.js) in the local runtime, against the
 * Brex sandbox over loopback HTTP: a new row creates a vendor once its key is named, a taken
 * company name is refused, and Email and Phone edits update the vendor and revert.
 */
import type { Sandbox } from '../../dev/sandbox';
import { createRuntime, fakeClock, type Runtime } from '../../dev/runtime';
import type { Vendor } from '../../src/brex';
import {
  auditRows,
  nextRow,
  openSandbox,
  push,
  refresh,
  review,
  type,
  valueOf,
  writes,
} from '../support/team-world';

const VENDORS = 'Brex Vendors';

async function vendorsWorld(sandbox: Sandbox): Promise<Runtime> {
  sandbox.reset();
  const runtime = createRuntime({
    brexUrl: sandbox.url,
    clock: fakeClock(Date.parse('2026-03-15T12:00:00Z')),
  });
  await runtime.call('connect', [{ token: sandbox.token, environment: 'production' }]);
  await runtime.call('saveWriteCredential', [{ sameAsConnection: true }]);
  await runtime.call('saveSyncSettings', [{ dataSets: ['vendors'], historyStart: '2026-01-01' }]);
  await refresh(runtime);
  sandbox.log.length = 0;
  return runtime;
}

describe('vendor actions', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await openSandbox();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  const vendors = (): Vendor[] => structuredClone(sandbox.snapshot().vendors as Vendor[]);

  it('creates a vendor from a new row only when its key is named, and refuses a taken name', async () => {
    const runtime = await vendorsWorld(sandbox);
    const taken = vendors()[0] as Vendor;
    const row = nextRow(runtime, VENDORS);
    await type(runtime, VENDORS, row, 'Company name', 'Acme Paper Co');
    await type(runtime, VENDORS, row, 'Email', 'ap@acmepaper.com');
    await type(runtime, VENDORS, row, 'Phone', '415 555 0100');
    await type(runtime, VENDORS, row + 1, 'Company name', String(taken.company_name).toUpperCase());

    const changes = await review(runtime);
    expect(changes.map((c) => [c.action, c.toSend, c.confirmation, c.problem])).toEqual([
      ['vendor.create', 'Acme Paper Co, ap@acmepaper.com, 415 555 0100', 'creation', null],
      ['vendor.create', String(taken.company_name).toUpperCase(), 'creation', null],
    ]);
    expect(await push(runtime)).toEqual([]);
    expect(writes(sandbox)).toEqual([]);

    const results = await push(
      runtime,
      changes.map((c) => c.key),
    );
    expect(results.map((r) => r.outcome)).toEqual(['pushed', 'refused']);
    expect(results[1]?.message).toMatch(/Brex already has a vendor named/);
    const created = vendors().find((v) => v.company_name === 'Acme Paper Co') as Vendor;
    expect(created).toMatchObject({ email: 'ap@acmepaper.com', phone: '415 555 0100' });
    expect(writes(sandbox).map((w) => `${w.method} ${w.path}`)).toEqual(['POST /v1/vendors']);
    expect(valueOf(runtime, VENDORS, created.id, 'Company name')).toBe('Acme Paper Co');
    expect(auditRows(runtime).at(-1)).toMatchObject({ Action: 'vendor.create' });
  });

  it('updates a vendor email, refuses a malformed phone, and reverts the email', async () => {
    const runtime = await vendorsWorld(sandbox);
    const vendor = vendors()[0] as Vendor;
    await type(runtime, VENDORS, vendor.id, 'Email', 'billing@example.com');
    await type(runtime, VENDORS, vendor.id, 'Phone', 'call me');

    const changes = await review(runtime);
    const byAction = new Map(changes.map((c) => [c.action, c]));
    expect(byAction.get('vendor.email')).toMatchObject({
      toSend: 'billing@example.com',
      problem: null,
    });
    expect(byAction.get('vendor.phone')?.problem).toMatch(/"call me" is not a phone number/);

    expect((await push(runtime)).map((r) => r.outcome)).toEqual(['pushed']);
    expect(writes(sandbox).map((w) => `${w.method} ${w.path}`)).toEqual([
      `PUT /v1/vendors/${vendor.id}`,
    ]);
    expect(JSON.parse(writes(sandbox)[0]?.body ?? 'null')).toEqual({
      email: 'billing@example.com',
    });
    expect(vendors().find((v) => v.id === vendor.id)?.email).toBe('billing@example.com');

    const audit = auditRows(runtime);
    expect(audit.at(-1)).toMatchObject({ Action: 'vendor.email', New: 'billing@example.com' });
    await runtime.call('revertAuditEntry', [audit.length + 1]);
    const back = (await review(runtime)).find((c) => c.action === 'vendor.email');
    expect(back).toMatchObject({ toSend: vendor.email ?? '', problem: null });
    await push(runtime, [back?.key as string]);
    expect(vendors().find((v) => v.id === vendor.id)?.email ?? '').toBe(vendor.email ?? '');
  });
});
