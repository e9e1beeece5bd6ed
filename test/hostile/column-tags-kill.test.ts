/**
 * Tagging a legacy sheet's columns (developer metadata `brex.column`, src/apps-script/column-tags.ts
 * and the table port's tagColumns) is several service calls per column. A run killed at any one of
 * them leaves some columns tagged and some not; the next run must finish the job: every column of
 * ours tagged once, with its own header, nothing else tagged, and the rows as a clean sync has them.
 * Through the built bundle against the sandbox, one kill per service call of the tagging step.
 */
import { createRuntime, fakeClock, type Runtime, type WorkbookFile } from '../../dev/runtime';
import { findSheet, type Sheet } from '../../dev/runtime/workbook';
import type { Sandbox } from '../../dev/sandbox';
import { openSandbox, SHEET, syncedWorld } from '../support/spend-limits';

const sheetOf = (runtime: Runtime): Sheet => findSheet(runtime.workbook, SHEET) as Sheet;
const tagCount = (runtime: Runtime): number => sheetOf(runtime).columnMetadata?.length ?? 0;

describe('a run killed while it tags a legacy sheet’s columns', () => {
  let sandbox: Sandbox;
  let legacy: WorkbookFile;
  let now: number;
  let clean: unknown[][];

  beforeAll(async () => {
    sandbox = await openSandbox();
    const { runtime } = await syncedWorld(sandbox);
    clean = runtime.values(SHEET);
    // A sheet made before tags: the same cells, no developer metadata.
    delete sheetOf(runtime).columnMetadata;
    legacy = runtime.toFile();
    now = runtime.clock.now();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  const fromLegacy = (): Runtime =>
    createRuntime({ workbook: legacy, brexUrl: sandbox.url, clock: fakeClock(now) });

  /** Tags after a refresh killed at service call `k` (k = 0: not killed). */
  async function tagsAfterKillAt(k: number): Promise<{ runtime: Runtime; tags: number }> {
    const runtime = fromLegacy();
    const result = await runtime.run('refreshNow', [], k > 0 ? { limits: { killAtCall: k } } : {});
    if (k > 0) expect(result.error?.message).toContain('killAtCall');
    return { runtime, tags: tagCount(runtime) };
  }

  /** The first k whose kill leaves at least `atLeast` tags (tags only grow with k). */
  async function firstKillLeaving(atLeast: number, high: number): Promise<number> {
    let low = 1;
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if ((await tagsAfterKillAt(mid)).tags >= atLeast) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  it('is finished by the next run, whichever service call of the tagging it was killed at', async () => {
    const full = fromLegacy();
    const total = (await full.run('refreshNow', [])).stats.serviceCalls;
    const header = (clean[0] ?? []).map(String);
    expect(tagCount(full)).toBe(header.length);

    // The tagging step: from the finder of the (absent) tags (the finder, withKey and find, then
    // getMaxRows, getRange and addDeveloperMetadata for the first column) to the last tag added.
    const firstTag = await firstKillLeaving(1, total);
    const allTagged = await firstKillLeaving(header.length, total);
    const window = { from: firstTag - 7, to: allTagged };
    expect(window.to - window.from).toBeGreaterThanOrEqual(header.length);

    const partial = new Set<number>();
    for (let k = window.from; k <= window.to; k += 1) {
      const { runtime, tags } = await tagsAfterKillAt(k);
      partial.add(tags);
      await runtime.call('refreshNow', []);

      const metadata = sheetOf(runtime).columnMetadata ?? [];
      const byColumn = metadata
        .map((m) => [m.column, m.value] as const)
        .sort((a, b) => a[0] - b[0]);
      expect({ k, tags: byColumn }).toEqual({
        k,
        tags: header.map((name, index) => [index + 1, name]),
      });
      expect({ k, rows: runtime.values(SHEET) }).toEqual({ k, rows: clean });
    }
    // The kills really fell inside the step: they left every count of tags from none to all.
    expect([...partial].sort((a, b) => a - b)).toEqual(
      Array.from({ length: header.length + 1 }, (_, n) => n),
    );
  }, 600_000);
});
