/**
 * The built bundle (dist/Code.js) across executions the way Sheets runs it: two processes of
 * `npm run local -- call` running one formula on one workbook file share the document cache, and
 * a day's UrlFetch quota used up stops Brex calls with a message saying so, against the Brex
 * sandbox over loopback HTTP.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime } from '../../dev/runtime/runtime';
import { spawnSandbox, type SpawnedSandbox } from '../../dev/sandbox';

let sandbox: SpawnedSandbox;

beforeAll(async () => {
  sandbox = await spawnSandbox({ seed: 'between-runs', today: '2026-03-15' });
});

afterAll(async () => {
  await sandbox?.close();
});

async function requestCount(): Promise<number> {
  const log = (await fetch(`${sandbox.url}/_sandbox/log`).then((r) => r.json())) as unknown[];
  return log.length;
}

const ROOT = join(__dirname, '../..');

/**
 * `npm run local -- call …` as its own process; resolves with what it printed. `token`: handed
 * over in BREX_TOKEN (the CLI takes none on its command line), so that call connects first.
 */
function call(args: string[], token?: string): Promise<string> {
  const env = { ...process.env, BREX_TOKEN: token };
  if (token === undefined) delete env.BREX_TOKEN;
  return new Promise((resolve, reject) => {
    execFile(
      join(ROOT, 'node_modules/.bin/tsx'),
      ['dev/cli.ts', 'call', ...args],
      { cwd: ROOT, env },
      (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout)),
    );
  });
}

describe('the workbook file between two calls', () => {
  it('answers the same formula from the document cache the second time, without asking Brex', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'between-runs-')), 'book.json');
    const flags = ['--workbook', file, '--brex-url', sandbox.url];
    const first = await call(['BREX_BALANCES', ...flags], sandbox.token);
    const before = await requestCount();

    const second = await call(['BREX_BALANCES', ...flags]);

    expect(await requestCount()).toBe(before);
    expect(second).toBe(first);
    expect(JSON.parse(first)[0]).toContain('Brex ID');
  });
});

describe("the day's UrlFetch quota used up", () => {
  it('stops a formula and a refresh at once with what happened, sending nothing', async () => {
    const connected = createRuntime({ brexUrl: sandbox.url });
    await connected.call('connect', [{ token: sandbox.token }]);
    const used = connected.urlFetchUsage[connected.workbook.owner]?.count ?? 0;
    const runtime = createRuntime({
      brexUrl: sandbox.url,
      workbook: connected.toFile(),
      urlFetchPerDay: used,
    });
    const before = await requestCount();

    const formula = await runtime.run('BREX_BALANCES', []);
    const refresh = await runtime.run('refreshNow', []);

    const quota =
      "Google's daily limit on requests from this Google account to other services (UrlFetch) is used up, so Brex was not asked.";
    expect(formula.error?.message).toContain(`BREX_BALANCES: ${quota}`);
    expect(JSON.stringify(refresh.value ?? refresh.error)).toContain(quota);
    expect(formula.stats.sleepMs + refresh.stats.sleepMs).toBe(0);
    expect(await requestCount()).toBe(before);
  });
});
