/**
 * The benchmark's naive baseline (dev/bench/naive-baseline) in the local runtime against the
 * sandbox: it must cost what the scripts it stands for cost, counted, not timed.
 */
import { join } from 'node:path';
import { createRuntime } from '../../dev/runtime';
import { startSandbox, type Sandbox } from '../../dev/sandbox';

const BASELINE_DIR = join(__dirname, '../../dev/bench/naive-baseline');
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'bench-baseline', today: '2026-03-15', transactions: 250 });
});

afterAll(async () => {
  await sandbox.close();
});

describe('naive baseline', () => {
  it('reads pages of 100, rewrites the whole sheet with one appendRow per row and caches nothing, on every refresh', async () => {
    const runtime = createRuntime({ bundleDir: BASELINE_DIR, brexUrl: sandbox.url });
    await runtime.call('naiveConnect', [sandbox.token]);
    const transactions = sandbox.snapshot().card_transactions.length;
    const departments = sandbox.snapshot().departments.length;

    for (let refresh = 1; refresh <= 2; refresh += 1) {
      sandbox.log.length = 0;
      const result = await runtime.run('naiveSync', [['departments', 'card_transactions']]);

      expect(result.ok).toBe(true);
      const cardPages = sandbox.log.filter((e) => e.path === '/v2/transactions/card/primary');
      expect(cardPages.map((e) => e.query.limit)).toEqual(
        new Array(Math.ceil(transactions / 100)).fill(['100']),
      );
      expect(result.stats.rangeWrites).toBe(transactions + 1 + departments + 1);
      expect(result.cellsWritten['Naive card_transactions']).toBeGreaterThan(transactions);
      expect(result.stats.cacheReads + result.stats.cacheWrites).toBe(0);
      expect(runtime.values('Naive card_transactions')).toHaveLength(transactions + 1);
    }
  });
});
