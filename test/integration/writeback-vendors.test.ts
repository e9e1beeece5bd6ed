/**
 * The vendor actions through the built bundle (dist/Code.js) in the local runtime, against the
 * Brex sandbox over loopback HTTP: a new row creates a vendor once its key is named, a taken
 * company name is refused, Email and Phone edits update the vendor and revert, and "Delete" in
 * "Sync status" deletes a vendor only when its key is named, never one with payments on the way.
 */
import type { Sandbox } from '../../dev/sandbox';
import type { Runtime } from '../../dev/runtime';
import { findSheet, getCell, type Sheet } from '../../dev/runtime/workbook';
import type { Transfer, Vendor } from '../../src/brex';
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
  teamWorld,
} from '../support/team-world';
import { control } from '../support/world';

const VENDORS = 'Brex Vendors';

/** A vendor's "Sync status" cell as the spreadsheet holds it: background and note. */
function statusMarks(runtime: Runtime, id: string): { background: string; note: string } {
  const grid = runtime.values(VENDORS);
  const header = grid[0] as unknown[];
  const row = grid.findIndex((cells) => cells[header.indexOf('Brex ID')] === id) + 1;
  const sheet = findSheet(runtime.workbook, VENDORS) as Sheet;
  const cell = getCell(sheet, row, header.indexOf('Sync status') + 1);
  return { background: cell?.background ?? '', note: cell?.note ?? '' };
}

const vendorsWorld = (sandbox: Sandbox): Promise<Runtime> => teamWorld(sandbox, ['vendors']);

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
    // A vendor renamed in Brex after the sync: only the push's read of Brex's list can tell.
    const renamed = vendors()[1] as Vendor;
    control(sandbox, 'PUT', `/records/vendors/${renamed.id}`, { company_name: 'Late Twin Inc' });
    await type(runtime, VENDORS, row + 2, 'Company name', 'late twin inc');

    const changes = await review(runtime);
    expect(changes.map((c) => [c.action, c.toSend, c.confirmation, c.problem])).toEqual([
      ['vendor.create', 'Acme Paper Co, ap@acmepaper.com, 415 555 0100', 'creation', null],
      [
        'vendor.create',
        String(taken.company_name).toUpperCase(),
        'creation',
        `Brex already has a vendor named "${taken.company_name}" (${taken.id}, in "Brex Vendors"). Use that one, or type another name.`,
      ],
      ['vendor.create', 'late twin inc', 'creation', null],
    ]);
    expect(await push(runtime)).toEqual([]);
    expect(writes(sandbox)).toEqual([]);

    const results = await push(
      runtime,
      changes.map((c) => c.key),
    );
    expect(results.map((r) => r.outcome)).toEqual(['pushed', 'refused', 'refused']);
    expect(results[1]?.message).toBe(changes[1]?.problem);
    expect(results[2]?.message).toMatch(/Brex already has a vendor named "Late Twin Inc"/);
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

  /** A vendor payment made in Brex (as the dashboard or another tool would), still PROCESSING. */
  async function payInBrex(vendor: Vendor): Promise<Transfer> {
    const instrument = (vendor.payment_accounts ?? [])[0]?.details as {
      payment_instrument_id: string;
    };
    const account = (sandbox.snapshot().cash_accounts as { id: string }[])[0] as { id: string };
    const response = await fetch(`${sandbox.url}/v1/transfers`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${sandbox.token}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': `pay-${vendor.id}`,
      },
      body: JSON.stringify({
        counterparty: { type: 'VENDOR', payment_instrument_id: instrument.payment_instrument_id },
        amount: { amount: 12500, currency: 'USD' },
        description: 'Invoice 12',
        external_memo: 'INV 12',
        originating_account: { type: 'BREX_CASH', id: account.id },
      }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Transfer;
  }

  it('deletes a vendor typed "Delete" in Sync status only when its key is named, once', async () => {
    const runtime = await vendorsWorld(sandbox);
    const [gone, stays] = vendors() as [Vendor, Vendor];
    await type(runtime, VENDORS, gone.id, 'Sync status', 'delete');
    await type(runtime, VENDORS, stays.id, 'Sync status', 'Gone');
    expect(statusMarks(runtime, gone.id).background).toBe('#fff2cc');
    expect(statusMarks(runtime, stays.id).note).toMatch(/Only "Delete" can be typed/);
    await refresh(runtime);
    expect(valueOf(runtime, VENDORS, gone.id, 'Sync status')).toBe('delete');
    sandbox.log.length = 0;

    const changes = await review(runtime);
    expect(changes.map((c) => [c.action, c.target.id, c.confirmation, c.toSend])).toEqual([
      ['vendor.delete', gone.id, 'irreversible', `Delete "${gone.company_name}"`],
      ['vendor.delete', stays.id, 'irreversible', null],
    ]);
    expect(changes[0]?.consequences[0]).toMatch(/cannot be undone/);
    expect(changes[1]?.problem).toMatch(/Only "Delete" can be typed in "Sync status", not "Gone"/);
    expect(await push(runtime)).toEqual([]);
    expect(writes(sandbox)).toEqual([]);

    const results = await push(runtime, [changes[0]?.key as string]);
    expect(results.map((r) => [r.outcome, r.brexId])).toEqual([['pushed', gone.id]]);
    expect(writes(sandbox).map((w) => `${w.method} ${w.path}`)).toEqual([
      `DELETE /v1/vendors/${gone.id}`,
    ]);
    expect(vendors().map((v) => v.id)).not.toContain(gone.id);
    expect(valueOf(runtime, VENDORS, gone.id, 'Sync status')).toBe('Removed in Brex');
    expect(statusMarks(runtime, gone.id)).toEqual({ background: '#ffffff', note: '' });
    expect(auditRows(runtime).at(-1)).toMatchObject({
      Action: 'vendor.delete',
      Old: 'In Brex',
      New: 'Deleted',
      Result: 'pushed',
    });
    await expect(
      runtime.call('revertAuditEntry', [auditRows(runtime).length + 1]),
    ).rejects.toThrow();

    // Pushing the same key again finds nothing pending and sends nothing; a refresh keeps the row.
    expect((await push(runtime, [changes[0]?.key as string])).map((r) => r.outcome)).toEqual([
      'not_pending',
    ]);
    await refresh(runtime);
    expect(valueOf(runtime, VENDORS, gone.id, 'Sync status')).toBe('Removed in Brex');
    expect(writes(sandbox)).toHaveLength(1);
    expect((await review(runtime)).map((c) => c.target.id)).toEqual([stays.id]);
  });

  it('refuses to delete a vendor with a payment on the way, sending nothing', async () => {
    const runtime = await vendorsWorld(sandbox);
    const vendor = vendors().find((v) => (v.payment_accounts ?? []).length > 0) as Vendor;
    const payment = await payInBrex(vendor);
    sandbox.log.length = 0;
    await type(runtime, VENDORS, vendor.id, 'Sync status', 'Delete');

    const [change] = await review(runtime);
    const [result] = await push(runtime, [change?.key as string]);

    expect(result?.outcome).toBe('refused');
    expect(result?.message).toContain(`1 payment on the way in Brex: ${payment.id} (PROCESSING)`);
    expect(writes(sandbox)).toEqual([]);
    expect(vendors().map((v) => v.id)).toContain(vendor.id);
    expect(auditRows(runtime).at(-1)).toMatchObject({ Action: 'vendor.delete', Result: 'refused' });
    // The sandbox refuses it too, for a client that did not look first.
    const direct = await fetch(`${sandbox.url}/v1/vendors/${vendor.id}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${sandbox.token}` },
    });
    expect(direct.status).toBe(400);
  });

  it('finishes a deletion whose answer was lost without sending it again', async () => {
    const runtime = await vendorsWorld(sandbox);
    const vendor = vendors()[0] as Vendor;
    await type(runtime, VENDORS, vendor.id, 'Sync status', 'Delete');
    const [change] = await review(runtime);

    sandbox.setFaults('lost=1');
    const [first] = await push(runtime, [change?.key as string]);
    sandbox.setFaults('');
    expect(first?.outcome).toBe('unknown');
    expect(vendors().map((v) => v.id)).not.toContain(vendor.id);
    const [pending] = await review(runtime);
    expect(pending).toMatchObject({ key: change?.key, inFlight: true });
    sandbox.log.length = 0;

    const [second] = await push(runtime, [change?.key as string]);
    expect(second?.outcome).toBe('pushed');
    expect(second?.message).toMatch(/its answer was lost; nothing was sent again/);
    expect(writes(sandbox)).toEqual([]);
    expect(valueOf(runtime, VENDORS, vendor.id, 'Sync status')).toBe('Removed in Brex');
    expect(await review(runtime)).toEqual([]);
  });
});
