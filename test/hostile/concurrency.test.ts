/**
 * A scheduled refresh and a manual one, two people refreshing or pushing, a push and a refresh,
 * all at once: the document lock keeps them apart. Read from the sheets and from Brex's side: no
 * Brex ID written twice, and no change pushed twice. Executions really overlap in the runtime
 * (worker threads).
 */
import type { Sandbox } from '../../dev/sandbox';
import type { ExecutionResult, Runtime } from '../../dev/runtime/runtime';
import type { PushResult, SpendLimitReview } from '../../src/contract/writeback';
import type { RefreshSummary } from '../../src/sync/refresh';
import { auditRows, SHEET, type } from '../support/spend-limits';
import {
  connectedRuntime,
  expectedIds,
  idColumn,
  OWNER,
  refreshUntilDone,
  smallSandbox,
} from '../support/world';

const BOB = 'bob@example.com';

/**
 * What the lock promises, read from the sheets: no Brex ID written twice, none that Brex does not
 * have, and (with `complete`) every one Brex has.
 */
function expectIdsKeptApart(runtime: Runtime, sandbox: Sandbox, complete: boolean): void {
  for (const [sheet, ids] of Object.entries(expectedIds(sandbox))) {
    const column = idColumn(runtime, sheet);
    const unknown = column.filter((id) => !ids.includes(id));
    const twice = column.filter((id, i) => column.indexOf(id) !== i);
    expect({ sheet, unknown, twice }).toEqual({ sheet, unknown: [], twice: [] });
    if (complete)
      expect({ sheet, ids: [...column].sort() }).toEqual({ sheet, ids: [...ids].sort() });
  }
}

function summaries(results: ExecutionResult[]): RefreshSummary[] {
  for (const r of results) if (!r.ok) throw new Error(r.error?.message);
  return results.map((r) => r.value as RefreshSummary).filter(Boolean);
}

/** The data sheets an execution wrote cells into. */
function dataSheetsWritten(sandbox: Sandbox, result: ExecutionResult): string[] {
  const sheets = Object.keys(expectedIds(sandbox));
  return Object.entries(result.cellsWritten)
    .filter(([sheet, cells]) => sheets.includes(sheet) && cells > 0)
    .map(([sheet]) => sheet);
}

/**
 * A spreadsheet with the spend limits synced, two people who can push (the owner and Bob), and
 * the owner's new amount typed for three limits: their ids and amounts (in cents), as reviewed.
 */
async function threeTypedLimits(
  sandbox: Sandbox,
): Promise<{ runtime: Runtime; typed: Map<string, number>; review: SpendLimitReview }> {
  sandbox.reset();
  const runtime = await connectedRuntime(sandbox);
  await runtime.call('saveWriteCredential', [{ token: sandbox.token }], { as: BOB });
  await runtime.call('saveSyncSettings', [
    { dataSets: ['spend_limits'], historyStart: '2026-01-01' },
  ]);
  await refreshUntilDone(runtime, { as: OWNER });
  const limits = sandbox
    .snapshot()
    .spend_limits.filter((l) => l.authorization_settings?.base_limit?.currency === 'USD')
    .slice(0, 3);
  const typed = new Map<string, number>();
  for (const [i, limit] of limits.entries()) {
    const cents = (limit.authorization_settings?.base_limit?.amount ?? 0) + (i + 1) * 10_000;
    await type(runtime, limit.id, 'Base limit', cents / 100);
    typed.set(limit.id, cents);
  }
  const review = (await runtime.call('reviewSpendLimitChanges', [], {
    as: OWNER,
  })) as SpendLimitReview;
  const ready = review.changes.filter((c) => c.problem === null).map((c) => c.id);
  expect(ready.sort()).toEqual([...typed.keys()].sort());
  return { runtime, typed, review };
}

/** How many times Brex was asked to change each limit since `since` (answered or not). */
function writesById(sandbox: Sandbox, since: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of sandbox.log.slice(since)) {
    const id = /^\/v2\/spend_limits\/([^/]+)$/.exec(entry.path)?.[1];
    if (entry.method === 'PUT' && id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

function brexAmounts(sandbox: Sandbox, ids: Iterable<string>): Map<string, number | undefined> {
  const limits = sandbox.snapshot().spend_limits;
  return new Map(
    [...ids].map((id) => [
      id,
      limits.find((l) => l.id === id)?.authorization_settings?.base_limit?.amount,
    ]),
  );
}

/** The ids each push says it sent to Brex and Brex applied. */
function pushedIds(result: ExecutionResult): string[] {
  if (!result.ok) return [];
  return (result.value as PushResult[]).filter((r) => r.outcome === 'pushed').map((r) => r.id);
}

describe('refreshes and pushes at the same time', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await smallSandbox('concurrency');
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('keeps a scheduled and a manual refresh apart, and the sheets whole', async () => {
    sandbox.reset();
    const runtime = await connectedRuntime(sandbox);
    await runtime.call('setSchedule', [{ kind: 'hourly' }], { as: OWNER });
    runtime.clock.advance(2 * 3600_000);

    const [manual, scheduled] = await Promise.all([
      runtime.run('refreshNow', [], { as: OWNER }),
      runtime.fireTimeTriggers({ all: true }),
    ]);

    summaries([manual, ...scheduled]);
    // They really overlapped: one asked for the lock while the other held it.
    expect(runtime.stats.lockWaits).toBeGreaterThan(0);
    expectIdsKeptApart(runtime, sandbox, false);
    await runtime.call('refreshNow', [], { as: OWNER });
    expectIdsKeptApart(runtime, sandbox, true);
  });

  it('lets one of two people refresh while the other is told to wait, with no duplicate row', async () => {
    sandbox.reset();
    const runtime = await connectedRuntime(sandbox);

    const results = await Promise.all([
      runtime.run('refreshNow', [], { as: OWNER }),
      runtime.run('refreshNow', [], { as: BOB }),
      runtime.run('refreshNow', [], { as: BOB }),
    ]);
    const both = summaries(results);

    const busy = both.filter((s) => s.busy);
    for (const s of busy)
      expect(s.message).toMatch(/already running\. Wait .+, then refresh again\./);
    expect(both.filter((s) => !s.busy).length).toBeGreaterThan(0);
    // A refresh told to wait wrote no data row: only one run wrote a given id.
    for (const result of results.filter((_, i) => both[i]?.busy))
      expect(dataSheetsWritten(sandbox, result)).toEqual([]);
    expectIdsKeptApart(runtime, sandbox, false);
    await runtime.call('refreshNow', [], { as: BOB });
    expectIdsKeptApart(runtime, sandbox, true);
  });

  it('lets two people push the same reviewed changes at once: Brex changes each limit once', async () => {
    const { runtime, typed, review } = await threeTypedLimits(sandbox);
    const reviewed = review.changes.map((c) => ({ id: c.id, fingerprint: c.fingerprint }));
    const logged = sandbox.log.length;
    const waits = runtime.stats.lockWaits;

    const [mine, bobs] = await Promise.all([
      runtime.run('pushSpendLimitChanges', [reviewed], { as: OWNER }),
      runtime.run('pushSpendLimitChanges', [reviewed], { as: BOB }),
    ]);

    // They really overlapped: one asked for the lock while the other held it.
    expect(runtime.stats.lockWaits).toBeGreaterThan(waits);
    // Each id was pushed by exactly one of the two, and sent to Brex once.
    expect(mine.ok || bobs.ok).toBe(true);
    expect([...pushedIds(mine), ...pushedIds(bobs)].sort()).toEqual([...typed.keys()].sort());
    expect(writesById(sandbox, logged)).toEqual(new Map([...typed.keys()].map((id) => [id, 1])));
    expect(brexAmounts(sandbox, typed.keys())).toEqual(typed);
    const pushedRows = auditRows(runtime).filter((r) => r.Result === 'pushed');
    expect(pushedRows.map((r) => r['Brex ID']).sort()).toEqual([...typed.keys()].sort());
    expect(idColumn(runtime, SHEET).sort()).toEqual(expectedIds(sandbox)[SHEET]?.sort());
  });

  it('keeps a push and a refresh apart: each limit changed once, each id in one row', async () => {
    const { runtime, typed, review } = await threeTypedLimits(sandbox);
    const reviewed = review.changes.map((c) => ({ id: c.id, fingerprint: c.fingerprint }));
    const logged = sandbox.log.length;
    const waits = runtime.stats.lockWaits;

    const [push, refresh] = await Promise.all([
      runtime.run('pushSpendLimitChanges', [reviewed], { as: OWNER }),
      runtime.run('refreshNow', [], { as: BOB }),
    ]);

    expect(runtime.stats.lockWaits).toBeGreaterThan(waits);
    expect([push.error, refresh.error]).toEqual([undefined, undefined]);
    expect(pushedIds(push).sort()).toEqual([...typed.keys()].sort());
    expect(writesById(sandbox, logged)).toEqual(new Map([...typed.keys()].map((id) => [id, 1])));
    expect(brexAmounts(sandbox, typed.keys())).toEqual(typed);
    expect(idColumn(runtime, SHEET).sort()).toEqual(expectedIds(sandbox)[SHEET]?.sort());
    // Whichever ran second, the next refresh shows Brex's amounts and nothing is left to push.
    await refreshUntilDone(runtime, { as: BOB });
    const again = (await runtime.call('reviewSpendLimitChanges', [], {
      as: OWNER,
    })) as SpendLimitReview;
    expect(again.changes).toEqual([]);
    expect(idColumn(runtime, SHEET).sort()).toEqual(expectedIds(sandbox)[SHEET]?.sort());
  });
});
