/**
 * A scheduled refresh and a manual one, or two people, at once: the document lock keeps them
 * apart and neither corrupts the sheet. Executions really overlap in the runtime (worker threads).
 */
import type { Sandbox } from '../../dev/sandbox';
import type { ExecutionResult, Runtime } from '../../dev/runtime/runtime';
import type { RefreshSummary } from '../../src/sync/refresh';
import { connectedRuntime, expectedIds, idColumn, OWNER, smallSandbox } from '../support/world';

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

describe('refreshes at the same time', () => {
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

    const both = summaries(
      await Promise.all([
        runtime.run('refreshNow', [], { as: OWNER }),
        runtime.run('refreshNow', [], { as: BOB }),
        runtime.run('refreshNow', [], { as: BOB }),
      ]),
    );

    const busy = both.filter((s) => s.busy);
    for (const s of busy)
      expect(s.message).toMatch(/already running\. Wait .+, then refresh again\./);
    expect(both.filter((s) => !s.busy).length).toBeGreaterThan(0);
    expectIdsKeptApart(runtime, sandbox, false);
    await runtime.call('refreshNow', [], { as: BOB });
    expectIdsKeptApart(runtime, sandbox, true);
  });
});
