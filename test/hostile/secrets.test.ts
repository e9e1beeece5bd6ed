/**
 * After a run of every feature, the token (and every telling piece of it, see `leaksOf`) is in
 * no cell, note, formula, property other than its own storage, log line, sidebar response, error
 * message, UI record or request log; another user cannot push with the owner's credential; and
 * the bundle fetches no host outside the manifest's whitelist.
 */
import type { SpendLimitReview } from '../../src/contract/writeback';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sandbox } from '../../dev/sandbox';
import type { Runtime } from '../../dev/runtime';
import { ALL_DATA_SETS, newRuntime, OWNER, smallSandbox } from '../support/world';

const BOB = 'bob@example.com';
/** Where the token is meant to live: the read connection and each user's write credential. */
const TOKEN_KEYS = ['brex.connection', 'brex.writeCredential'];

/** The token's secret: its public `bxt_sandbox_<kind>_` prefix is the same for every sandbox token. */
function secretOf(token: string): string {
  const secret = token.replace(/^bxt_sandbox_[a-z_]+?_(?=[0-9a-f]{24}$)/, '');
  expect(secret).toHaveLength(24);
  return secret;
}

/** Every piece of `text` of the given length. */
function piecesOf(text: string, length: number): string[] {
  return Array.from({ length: text.length - length + 1 }, (_, i) => text.slice(i, i + length));
}

/**
 * The pieces of the token's secret the haystack shows: any 8 characters of it anywhere, or 5 to 7
 * characters as a word of their own (as "…1a2b3" would show them). Shorter pieces inside longer
 * runs, and pieces of digits only, occur by chance: in amounts, timestamps and the UUIDs of
 * idempotency keys.
 */
function leaksOf(token: string, haystack: string): string[] {
  const secret = secretOf(token);
  const words = new Set(haystack.split(/[^0-9A-Za-z]+/));
  const short = [5, 6, 7]
    .flatMap((length) => piecesOf(secret, length))
    .filter((piece) => !/^[0-9]+$/.test(piece) && words.has(piece));
  return [...short, ...piecesOf(secret, 8).filter((piece) => haystack.includes(piece))];
}

describe('secrets', () => {
  let sandbox: Sandbox;
  let runtime: Runtime;
  const said: string[] = [];

  async function use(name: string, args: unknown[] = [], as = OWNER): Promise<unknown> {
    const result = await runtime.run(name, args, { as });
    said.push(JSON.stringify(result.value ?? null), result.error?.message ?? '');
    said.push(...result.logs.map((l) => l.text));
    return result.value;
  }

  beforeAll(async () => {
    sandbox = await smallSandbox('secrets');
    runtime = newRuntime(sandbox);
    // Every feature, the failing paths included.
    await use('connect', [{ token: `${sandbox.token}x`, environment: 'production' }]);
    await use('connect', [{ token: sandbox.tokens.expired, environment: 'production' }]);
    await use('connect', [{ token: sandbox.token, environment: 'production' }]);
    await use('saveWriteCredential', [{ token: `${sandbox.token}x` }]);
    await use('saveWriteCredential', [{ token: sandbox.token }]);
    await use('getConnectionStatus');
    await use('saveSyncSettings', [{ dataSets: ALL_DATA_SETS, historyStart: '2000-01-01' }]);
    sandbox.setFaults('rate429=0.2,err5xx=0.1,truncate=0.1');
    for (let i = 0; i < 6; i += 1) await use('refreshNow');
    sandbox.setFaults('');
    await use('getSyncHealth');
    await use('getConnectionStatus');
    await use('getSyncSettings');
    const grid = runtime.values('Brex Spend Limits');
    const column = String.fromCharCode(65 + (grid[0] ?? []).indexOf('Base limit'));
    await runtime.edit(`Brex Spend Limits!${column}2`, 4321, { as: OWNER });
    await runtime.edit(`Brex Spend Limits!${column}3`, 'lots', { as: OWNER });
    const review = (await use('reviewSpendLimitChanges')) as SpendLimitReview;
    const all = review.changes.map((c) => ({ id: c.id, fingerprint: c.fingerprint }));
    await use('pushSpendLimitChanges', [all], BOB);
    await use('pushSpendLimitChanges', [all]);
    await use('revertAuditEntry', [2]);
    await use('discardSpendLimitChanges');
    await runtime.edit('Sheet1!A1', '=BREX_BALANCES()', { as: OWNER });
    await runtime.edit('Sheet1!A20', '=BREX_TRANSACTIONS("nonsense")', { as: OWNER });
    await use('refreshFormulas');
    await use('setSchedule', [{ kind: 'hourly' }]);
    runtime.clock.advance(2 * 3600_000);
    for (const run of await runtime.fireTimeTriggers({ all: true })) {
      said.push(JSON.stringify(run.value ?? null), run.error?.message ?? '');
    }
    await use('showSidebar');
    await use('disconnect', [], BOB);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('keeps the token and every telling piece of it out of everything a person, another add-on or a log can read', () => {
    const cells = runtime.workbook.sheets.flatMap((sheet) =>
      sheet.rows.flatMap((cells) =>
        (cells ?? []).map((c) => [c?.value, c?.formula, c?.note, c?.error].map(String).join(' ')),
      ),
    );
    const { document, script, user } = runtime.properties;
    const properties = [document, script, ...Object.values(user)].flatMap((store) =>
      Object.entries(store)
        .filter(([key]) => !TOKEN_KEYS.includes(key))
        .map(([key, value]) => `${key}=${value}`),
    );
    const caches = [...runtime.caches.values()].flatMap((cache) =>
      [...cache.entries()].map(([key, entry]) => `${key}=${entry.value}`),
    );
    const haystack = [
      ...cells,
      ...properties,
      ...caches,
      ...said,
      ...runtime.logs.map((l) => l.text),
      JSON.stringify(runtime.ui),
      JSON.stringify(runtime.triggers),
      JSON.stringify(sandbox.log),
    ].join('\n');

    for (const token of [sandbox.token, sandbox.tokens.expired]) {
      expect(leaksOf(token, haystack)).toEqual([]);
      // The check itself finds a piece when there is one.
      expect(leaksOf(token, `${haystack} …${secretOf(token).slice(3, 11)}`)).not.toEqual([]);
    }
    // The scan saw real material: data, errors and the token's own storage exist.
    expect(haystack).toMatch(/Invalid or Revoked|invalid or revoked/);
    expect(cells.length).toBeGreaterThan(1000);
    expect(caches.length).toBeGreaterThan(0);
    expect(JSON.stringify(runtime.properties.user[OWNER])).toContain(sandbox.token);
  });

  it('lets no second user push with the first user’s write credential', () => {
    const pushesAsBob = sandbox.log.filter((e) => e.method === 'PUT' && e.token !== 'full');
    expect(pushesAsBob).toEqual([]);
    expect(said.join('\n')).toMatch(/write credential|your own token/i);
  });

  it('fetches no host outside the manifest’s whitelist', () => {
    const manifest = JSON.parse(
      readFileSync(join(__dirname, '..', '..', 'dist', 'appsscript.json'), 'utf8'),
    ) as { urlFetchWhitelist: string[] };
    const code = readFileSync(join(__dirname, '..', '..', 'dist', 'Code.js'), 'utf8');
    const hosts = [...new Set(code.match(/https?:\/\/[a-z0-9.-]+/gi) ?? [])];
    // Brex's documentation, linked from the Help dialog: the person's browser opens it, the
    // add-on never fetches it.
    const linkedOnly = ['https://developer.brex.com'];
    for (const host of hosts.filter((h) => !linkedOnly.includes(h))) {
      expect(manifest.urlFetchWhitelist.some((prefix) => prefix.startsWith(`${host}/`))).toBe(true);
    }
    // The runtime refuses any other host; every request the bundle made (each charged to its
    // user's daily UrlFetch quota, a fetchAll's one by one) reached the sandbox.
    const requested = Object.values(runtime.urlFetchUsage).reduce((sum, u) => sum + u.count, 0);
    expect(requested).toBe(sandbox.log.length);
    expect(said.join('\n')).not.toMatch(/whitelisted/);
  });
});
