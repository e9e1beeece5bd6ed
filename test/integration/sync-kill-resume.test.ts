/**
 * A refresh killed at a random service call and then resumed ends identical to an uninterrupted
 * one. `npm test` runs a handful of seeds; `npm run test:long` runs many (SYNC_KILL_SEEDS).
 */
import type { Sandbox } from '../../dev/sandbox';
import { dataSheets, refreshUntilDone, startWorld } from '../support/world';

const SEEDS = Number(process.env.SYNC_KILL_SEEDS ?? 3);

/** A small deterministic generator (mulberry32), so a failing seed can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let sandbox: Sandbox;
let reference: Record<string, unknown[][]>;
let serviceCalls: number;

beforeAll(async () => {
  const world = await startWorld();
  sandbox = world.sandbox;
  const before = world.runtime.stats.serviceCalls;
  await refreshUntilDone(world.runtime);
  serviceCalls = world.runtime.stats.serviceCalls - before;
  reference = dataSheets(world.runtime);
});

afterAll(async () => {
  await sandbox.close();
});

describe('a refresh killed at a random service call', () => {
  it.each(Array.from({ length: SEEDS }, (_, i) => i + 1))(
    'ends identical to an uninterrupted refresh once resumed (seed %i)',
    async (seed) => {
      sandbox.reset();
      const { runtime } = await startWorld(sandbox);
      const killAtCall = 1 + Math.floor(random(seed)() * serviceCalls);

      const killed = await runtime.run('refreshNow', [], { limits: { killAtCall } });
      await refreshUntilDone(runtime);

      expect(killed.ok).toBe(false);
      expect(dataSheets(runtime)).toEqual(reference);
    },
  );
});
