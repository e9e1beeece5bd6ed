/**
 * The spend-limit write-back through the built bundle (dist/Code.js) in the local runtime,
 * against the Brex sandbox over loopback HTTP.
 */
import type { Sandbox } from '../../dev/sandbox';
import { getCell, type Sheet } from '../../dev/runtime/workbook';
import type { SpendLimit } from '../../src/brex';
import type {
  DiscardResult,
  PushResult,
  RevertResult,
  SpendLimitReview,
} from '../../src/contract/writeback';
import {
  amountMarks,
  auditRows,
  limitById,
  limitNamed,
  openSandbox,
  reviewed,
  syncedWorld,
  type,
  valueOf,
  writes,
} from '../support/spend-limits';

const BOB = 'bob@example.com';

describe('spend-limit write-back', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await openSandbox();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('pushes a reviewed amount and leaves every other setting of the limit untouched', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const before = limitNamed(sandbox, 'Engineering SaaS');
    await type(runtime, before.id, 'Base limit', 26000.5);

    const review = (await runtime.call('reviewSpendLimitChanges')) as SpendLimitReview;
    expect(review.changes).toHaveLength(1);
    expect(review.changes[0]).toMatchObject({
      id: before.id,
      old: { minorUnits: 2_500_000, text: '25,000.00' },
      new: { minorUnits: 2_600_050, text: '26,000.50' },
      currency: 'USD',
      period: 'PER_MONTH',
      problem: null,
    });
    expect(amountMarks(runtime, before.id).background).toBe('#fff2cc');
    expect(writes(sandbox)).toHaveLength(0);

    const results = (await runtime.call('pushSpendLimitChanges', [
      await reviewed(runtime),
    ])) as PushResult[];

    expect(results).toEqual([expect.objectContaining({ id: before.id, outcome: 'pushed' })]);
    const after = limitById(sandbox, before.id);
    const expected: SpendLimit = structuredClone(before);
    const settings = expected.authorization_settings as NonNullable<
      SpendLimit['authorization_settings']
    >;
    settings.base_limit = { amount: 2_600_050, currency: 'USD' };
    const buffer = Number(settings.limit_buffer_percentage ?? 0);
    settings.limit_with_increases = {
      amount: Math.round(2_600_050 * (1 + buffer / 100)),
      currency: 'USD',
    };
    expect(after).toEqual(expected);
    const [put] = writes(sandbox);
    expect(writes(sandbox)).toHaveLength(1);
    expect(put?.path).toBe(`/v2/spend_limits/${before.id}`);
    expect(put?.headers['idempotency-key']).toBe(results[0]?.idempotencyKey);
    // The row shows Brex's answer, and is no longer pending.
    expect(valueOf(runtime, before.id, 'Base limit')).toBe(26000.5);
    expect(amountMarks(runtime, before.id).background).not.toBe('#fff2cc');
    const again = (await runtime.call('reviewSpendLimitChanges')) as SpendLimitReview;
    expect(again.changes).toEqual([]);
  });

  it('shows a conflict with both values and sends nothing when the limit changed in Brex', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const limit = limitNamed(sandbox, 'Sales Travel');
    await type(runtime, limit.id, 'Base limit', 19000);
    await fetch(`${sandbox.url}/_sandbox/spend_limits/${limit.id}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        authorization_settings: { base_limit: { amount: 2_000_000, currency: 'USD' } },
      }),
    });

    const [result] = (await runtime.call('pushSpendLimitChanges', [
      await reviewed(runtime, [limit.id]),
    ])) as PushResult[];

    expect(result).toMatchObject({
      outcome: 'conflict',
      old: { minorUnits: 1_800_000 },
      new: { minorUnits: 1_900_000 },
      brex: { minorUnits: 2_000_000, text: '20,000.00' },
    });
    expect(result?.message).toContain('20,000.00');
    expect(result?.message).toContain('18,000.00');
    expect(writes(sandbox)).toHaveLength(0);
    expect(limitById(sandbox, limit.id).authorization_settings?.base_limit?.amount).toBe(2_000_000);
  });

  it('refuses each invalid input with a message and a note, and sends nothing', async () => {
    const { runtime } = await syncedWorld(sandbox);
    await runtime.call('saveWriteBackSettings', [{ ceilings: {}, defaultCeiling: 100_000 }]);
    const byName = (name: string) => limitNamed(sandbox, name).id;
    const cases: [string, string, unknown, string][] = [
      [byName('Engineering SaaS'), 'Base limit', '', 'blank'],
      [byName('Sales Travel'), 'Base limit', 'lots', 'not an amount'],
      [byName('Marketing Events'), 'Base limit', -5, 'negative'],
      [byName('Finance Tools'), 'Base limit', 2500.555, 'more decimals than USD'],
      [byName('Office Supplies'), 'Base limit', 250000, 'above the ceiling'],
      [byName('Tokyo Launch'), 'Base limit', 1500.5, 'more decimals than JPY'],
      [byName('London Office'), 'Currency', 'USD', 'currency was changed'],
      [byName('Summer Offsite'), 'Base limit', 25000, 'expired'],
      [byName('Legacy Team Lunches'), 'Base limit', 2000, 'archived'],
    ];
    for (const [id, header, value] of cases) await type(runtime, id, header, value);

    const review = (await runtime.call('reviewSpendLimitChanges')) as SpendLimitReview;
    const results = (await runtime.call('pushSpendLimitChanges', [
      await reviewed(
        runtime,
        cases.map(([id]) => id),
      ),
    ])) as PushResult[];

    for (const [id, , , why] of cases) {
      const change = review.changes.find((c) => c.id === id);
      expect(change?.problem).toContain(why);
      expect(results.find((r) => r.id === id)).toMatchObject({ outcome: 'refused' });
      expect(amountMarks(runtime, id)).toEqual({
        background: '#f4cccc',
        note: expect.stringContaining(why),
      });
    }
    expect(writes(sandbox)).toHaveLength(0);
    expect(sandbox.log.filter((r) => r.path.startsWith('/v2/spend_limits/'))).toHaveLength(0);
  });

  it('changes the limit once when the answer to the push was lost and the push is retried', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const limit = limitNamed(sandbox, 'Recruiting');
    await type(runtime, limit.id, 'Base limit', 12500);
    sandbox.setFaults('lost=1');

    const [lost] = (await runtime.call('pushSpendLimitChanges', [
      await reviewed(runtime),
    ])) as PushResult[];

    expect(lost).toMatchObject({ outcome: 'unknown' });
    expect(limitById(sandbox, limit.id).authorization_settings?.base_limit?.amount).toBe(1_250_000);
    const review = (await runtime.call('reviewSpendLimitChanges')) as SpendLimitReview;
    expect(review.changes).toEqual([expect.objectContaining({ id: limit.id, inFlight: true })]);

    sandbox.setFaults('');
    const [retried] = (await runtime.call('pushSpendLimitChanges', [
      await reviewed(runtime),
    ])) as PushResult[];

    expect(retried).toMatchObject({ outcome: 'pushed', idempotencyKey: lost?.idempotencyKey });
    const puts = writes(sandbox);
    expect(puts).toHaveLength(2);
    expect(puts.map((p) => p.headers['idempotency-key'])).toEqual([
      lost?.idempotencyKey,
      lost?.idempotencyKey,
    ]);
    expect(puts.map((p) => p.replayed)).toEqual([false, true]);
    expect(limitById(sandbox, limit.id).authorization_settings?.base_limit?.amount).toBe(1_250_000);
    expect(auditRows(runtime).map((r) => [r.Result, r['Idempotency key']])).toEqual([
      ['unknown', lost?.idempotencyKey],
      ['pushed', lost?.idempotencyKey],
    ]);
  });

  it('lets no editor push with another user\u2019s credential, and names a missing scope', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const limit = limitNamed(sandbox, 'Customer Onsites');
    await type(runtime, limit.id, 'Base limit', 3500);

    const review = (await runtime.call('reviewSpendLimitChanges', [], {
      as: BOB,
    })) as SpendLimitReview;
    const refused = await runtime.run(
      'pushSpendLimitChanges',
      [await reviewed(runtime, undefined, BOB)],
      {
        as: BOB,
      },
    );

    expect(review.canPush).toBe(false);
    expect(review.credentialHelp).toContain('Your write credential');
    expect(refused.ok).toBe(false);
    expect(refused.error?.message).toContain('Add your own Brex token with the budgets scope');
    expect(writes(sandbox)).toHaveLength(0);

    await runtime.call('saveWriteCredential', [{ token: sandbox.tokens.readonly }], { as: BOB });
    const [noScope] = (await runtime.call(
      'pushSpendLimitChanges',
      [await reviewed(runtime, undefined, BOB)],
      {
        as: BOB,
      },
    )) as PushResult[];

    expect(noScope).toMatchObject({ outcome: 'failed' });
    expect(noScope?.message).toContain('"budgets" scope');
    expect(writes(sandbox).map((w) => [w.token, w.status])).toEqual([['readonly', 403]]);
    expect(limitById(sandbox, limit.id).authorization_settings?.base_limit?.amount).toBe(300_000);
    expect(auditRows(runtime)).toEqual([
      expect.objectContaining({ User: BOB, Result: 'failed', 'Brex ID': limit.id }),
    ]);
  });

  it('sends nothing when the spreadsheet has no room for the audit rows, and grows the log past its grid', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const limit = limitNamed(sandbox, 'Office Supplies');
    await type(runtime, limit.id, 'Base limit', 2750);
    // Another sheet takes every cell but a few hundred of Google Sheets' 10 million.
    const filler = runtime.workbook.sheets.find((s) => s.name === 'Sheet1');
    if (!filler) throw new Error('The runtime has no Sheet1.');
    const used = runtime.workbook.sheets.reduce((n, s) => n + s.maxRows * s.maxColumns, 0);
    filler.maxRows += Math.floor((10_000_000 - used - 300) / filler.maxColumns);

    const full = await runtime.run('pushSpendLimitChanges', [await reviewed(runtime)]);

    expect(full.ok).toBe(false);
    expect(full.error?.message).toMatch(
      /too full for the Brex Audit Log.*Nothing was sent to Brex\.$/,
    );
    expect(writes(sandbox)).toHaveLength(0);

    filler.maxRows = 1000;
    const [pushed] = (await runtime.call('pushSpendLimitChanges', [
      await reviewed(runtime),
    ])) as PushResult[];
    // The log's grid is made exactly full, as after its thousandth row, before the next push.
    const audit = runtime.workbook.sheets.find((s) => s.name === 'Brex Audit Log');
    if (audit) audit.maxRows = runtime.values('Brex Audit Log').length;
    const other = limitNamed(sandbox, 'Engineering SaaS');
    await type(runtime, other.id, 'Base limit', 26000);
    const [next] = (await runtime.call('pushSpendLimitChanges', [
      await reviewed(runtime),
    ])) as PushResult[];

    expect([pushed?.outcome, next?.outcome, audit?.maxRows]).toEqual(['pushed', 'pushed', 3]);
    expect(auditRows(runtime)).toEqual([
      expect.objectContaining({ 'Brex ID': limit.id, Result: 'pushed', New: 2750 }),
      expect.objectContaining({ 'Brex ID': other.id, Result: 'pushed', New: 26000 }),
    ]);
  });

  it('logs every attempt in the protected audit log, with real times, amounts, trace ids and keys', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const pushed = limitNamed(sandbox, 'Office Supplies');
    const refused = limitNamed(sandbox, 'Legacy Team Lunches');
    await type(runtime, pushed.id, 'Base limit', '3,000.00');
    await type(runtime, refused.id, 'Base limit', 1000);

    const results = (await runtime.call('pushSpendLimitChanges', [
      await reviewed(runtime, [pushed.id, refused.id]),
    ])) as PushResult[];

    const put = writes(sandbox)[0];
    expect(results.map((r) => r.outcome)).toEqual(['pushed', 'refused']);
    const rows = auditRows(runtime);
    expect(rows).toEqual([
      expect.objectContaining({
        User: 'owner@example.com',
        'Brex ID': pushed.id,
        Target: 'Office Supplies',
        Old: 2500,
        New: 3000,
        Currency: 'USD',
        Result: 'pushed',
        'Brex trace ID': expect.stringMatching(/^sandbox-/),
        'Idempotency key': put?.headers['idempotency-key'],
      }),
      expect.objectContaining({ 'Brex ID': refused.id, Result: 'refused', Old: 1500 }),
    ]);
    for (const row of rows) expect(row.Time).toBeInstanceOf(Date);
    const audit = runtime.workbook.sheets.find((s) => s.name === 'Brex Audit Log');
    // Amounts in their currency's format, the time as a date-time, so they read as such.
    expect([1, 5, 6].map((column) => getCell(audit as Sheet, 2, column)?.format)).toEqual([
      'yyyy-mm-dd hh:mm:ss',
      '#,##0.00',
      '#,##0.00',
    ]);
    expect(audit?.protections).toEqual([expect.objectContaining({ warningOnly: true })]);
  });

  it('stages the inverse of an audited push for review, and pushes it back', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const limit = limitNamed(sandbox, 'EU Conferences');
    await type(runtime, limit.id, 'Base limit', 16000);
    await runtime.call('pushSpendLimitChanges', [await reviewed(runtime)]);

    const revert = (await runtime.call('revertAuditEntry', [2])) as RevertResult;

    expect(revert.id).toBe(limit.id);
    expect(writes(sandbox)).toHaveLength(1);
    const review = (await runtime.call('reviewSpendLimitChanges')) as SpendLimitReview;
    expect(review.changes).toEqual([
      expect.objectContaining({
        id: limit.id,
        old: expect.objectContaining({ minorUnits: 1_600_000 }),
        new: expect.objectContaining({ minorUnits: 1_500_000 }),
        currency: 'EUR',
      }),
    ]);
    const [back] = (await runtime.call('pushSpendLimitChanges', [
      await reviewed(runtime),
    ])) as PushResult[];
    expect(back?.outcome).toBe('pushed');
    expect(limitById(sandbox, limit.id).authorization_settings?.base_limit).toEqual({
      amount: 1_500_000,
      currency: 'EUR',
    });
  });

  it('discards edits by restoring the synced values and clearing the marks', async () => {
    const { runtime } = await syncedWorld(sandbox);
    const limit = limitNamed(sandbox, 'Finance Tools');
    await type(runtime, limit.id, 'Base limit', -1);
    await runtime.call('reviewSpendLimitChanges');

    const discarded = (await runtime.call('discardSpendLimitChanges')) as DiscardResult;

    expect(discarded.restored).toEqual([limit.id]);
    expect(valueOf(runtime, limit.id, 'Base limit')).toBe(30000);
    expect(amountMarks(runtime, limit.id)).toEqual({ background: '#ffffff', note: '' });
    expect(((await runtime.call('reviewSpendLimitChanges')) as SpendLimitReview).changes).toEqual(
      [],
    );
  });
});
