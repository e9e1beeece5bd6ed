/**
 * What lasts between executions as in Sheets: the caches (with their expiry and the 1,000-item
 * cap) and the daily UrlFetch quota, both saved in the workbook file; and the time limits and
 * contexts of triggers (simple triggers' 30 s, clock triggers without the document).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime, fakeClock, openRuntime, type ClockTriggerGap } from '../../dev/runtime';
import { writeValue, type Sheet } from '../../dev/runtime/workbook';
import { FAKE_BUNDLE_DIR, fakeRuntime } from './fake-bundle';

const run = (rt: ReturnType<typeof fakeRuntime>, source: string, arg?: unknown) =>
  rt.call('exec', [source, arg]);

const HOUR = 3_600_000;

describe('runtime CacheService between executions', () => {
  it('saves the caches in the workbook file, each item with its expiry', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cache-file-')), 'book.json');
    const first = openRuntime(file, { bundleDir: FAKE_BUNDLE_DIR, clock: fakeClock(0) });
    await run(first, `CacheService.getDocumentCache().put('short', 'a', 60)`);
    await run(first, `CacheService.getDocumentCache().put('long', 'b', 3600)`);
    first.save(file);

    const second = openRuntime(file, { bundleDir: FAKE_BUNDLE_DIR, clock: fakeClock(120_000) });
    const read = await run(
      second,
      `return CacheService.getDocumentCache().getAll(['short', 'long'])`,
    );

    expect(read).toEqual({ long: 'b' });
  });

  it('keeps the 900 items farthest from expiry when a write passes 1,000', async () => {
    const rt = fakeRuntime({ clock: fakeClock(0) });
    await run(
      rt,
      `var v = {}; for (var i = 0; i < 1000; i++) v['soon' + i] = 'x';
       CacheService.getDocumentCache().putAll(v, 600)`,
    );
    expect(rt.caches.get('document')?.size).toBe(1000);

    await run(
      rt,
      `var v = {}; for (var i = 0; i < 200; i++) v['late' + i] = 'x';
       CacheService.getDocumentCache().putAll(v, 3600)`,
    );

    const keys = [...(rt.caches.get('document')?.keys() ?? [])];
    expect(keys).toHaveLength(900);
    expect(keys.filter((k) => k.startsWith('late'))).toHaveLength(200);
    expect(keys.filter((k) => k.startsWith('soon'))).toHaveLength(700);
  });

  it('counts only items not yet expired toward the cap', async () => {
    const clock = fakeClock(0);
    const rt = fakeRuntime({ clock });
    await run(
      rt,
      `var v = {}; for (var i = 0; i < 1000; i++) v['old' + i] = 'x';
       CacheService.getDocumentCache().putAll(v, 1)`,
    );
    clock.advance(2000);

    await run(rt, `CacheService.getDocumentCache().put('new', 'y', 60)`);

    expect([...(rt.caches.get('document')?.keys() ?? [])]).toEqual(['new']);
  });
});

describe('runtime UrlFetch daily quota', () => {
  let server: Server;
  let url: string;
  let received = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      received += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const FETCH = `UrlFetchApp.fetch('https://api.brex.com/v2/users/me')`;
  const FETCH_TWO = `UrlFetchApp.fetchAll(['https://api.brex.com/a', 'https://api.brex.com/b'])`;

  it("refuses requests past the day's quota with Google's message, and starts again after 24 hours", async () => {
    const clock = fakeClock(0);
    const rt = fakeRuntime({ brexUrl: url, clock, urlFetchPerDay: 3 });
    received = 0;
    await run(rt, FETCH);
    await run(rt, FETCH);

    // fetchAll counts each request: two do not fit in the one left, and none is sent.
    await expect(run(rt, FETCH_TWO)).rejects.toThrow(
      'Service invoked too many times for one day: urlfetch.',
    );
    await run(rt, FETCH);
    await expect(run(rt, FETCH)).rejects.toThrow(
      'Service invoked too many times for one day: urlfetch.',
    );
    expect(received).toBe(3);

    clock.advance(24 * HOUR);
    await run(rt, FETCH_TWO);
    expect(received).toBe(5);
  });

  it('counts per user, and keeps the count in the workbook file', async () => {
    const clock = fakeClock(0);
    const rt = fakeRuntime({ brexUrl: url, clock, urlFetchPerDay: 1 });
    await run(rt, FETCH);
    await rt.call('exec', [FETCH], { as: 'bob@example.com' });

    const again = createRuntime({
      bundleDir: FAKE_BUNDLE_DIR,
      workbook: rt.toFile(),
      brexUrl: url,
      clock,
      urlFetchPerDay: 1,
    });

    await expect(run(again, FETCH)).rejects.toThrow(
      'Service invoked too many times for one day: urlfetch.',
    );
    expect(again.urlFetchUsage).toEqual({
      'owner@example.com': { since: 0, count: 1 },
      'bob@example.com': { since: 0, count: 1 },
    });
  });
});

/** A bundle of the given top-level code, in a folder of its own. */
function bundleOf(code: string, oauthScopes?: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
  writeFileSync(join(dir, 'Code.js'), code);
  writeFileSync(join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Etc/UTC', oauthScopes }));
  return dir;
}

describe('runtime simple triggers', () => {
  it('stops onOpen and onEdit after 30 s, as Sheets does, but not a menu action', async () => {
    const slow = `Utilities.sleep(31000); return SpreadsheetApp.getActiveSpreadsheet().getName();`;
    const rt = createRuntime({
      bundleDir: bundleOf(
        `function onOpen(e) { ${slow} }\nfunction onEdit(e) { ${slow} }\nfunction menuAction() { ${slow} }\n`,
      ),
      clock: fakeClock(0),
    });

    const opened = await rt.run('onOpen');
    const [edited] = await rt.edit('Sheet1!A1', 'x');
    const menu = await rt.run('menuAction');

    expect(opened.error?.message).toBe('Exceeded maximum execution time');
    expect(edited?.error?.message).toBe('Exceeded maximum execution time');
    expect(menu.value).toBe('Untitled spreadsheet');
  });
});

describe('runtime manifest scopes', () => {
  it('refuses SpreadsheetApp.openById without the full spreadsheets scope, even for this file', async () => {
    const code = `function openSelf() { return SpreadsheetApp.openById(SpreadsheetApp.getActiveSpreadsheet().getId()).getName(); }`;
    const narrow = bundleOf(code, ['https://www.googleapis.com/auth/spreadsheets.currentonly']);
    const full = bundleOf(code, ['https://www.googleapis.com/auth/spreadsheets']);

    const refused = await createRuntime({ bundleDir: narrow }).run('openSelf');
    const allowed = await createRuntime({ bundleDir: full }).run('openSelf');

    expect(refused.error?.message).toBe(
      'You do not have permission to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets',
    );
    expect(allowed.value).toBe('Untitled spreadsheet');
  });
});

describe('runtime clock triggers without the document', () => {
  const bundle = bundleOf(`
function schedule() { ScriptApp.newTrigger('probe').timeBased().everyHours(1).create(); }
function probe(e) {
  return [
    SpreadsheetApp.getActiveSpreadsheet() === null,
    PropertiesService.getDocumentProperties() === null,
    LockService.getDocumentLock() === null,
    CacheService.getDocumentCache() === null,
  ];
}
`);

  async function probe(lacks?: ClockTriggerGap[]): Promise<unknown> {
    const rt = createRuntime({ bundleDir: bundle, clock: fakeClock(0), clockTriggerLacks: lacks });
    await rt.call('schedule');
    const [fromTrigger] = await rt.fireTimeTriggers({ all: true });
    return { fromTrigger: fromTrigger?.value, fromMenu: await rt.call('probe') };
  }

  it('gives a clock trigger the document by default', async () => {
    expect(await probe()).toEqual({
      fromTrigger: [false, false, false, false],
      fromMenu: [false, false, false, false],
    });
  });

  it('answers null there for what it is told a clock trigger lacks, and only there', async () => {
    expect(await probe(['activeSpreadsheet', 'documentLock'])).toEqual({
      fromTrigger: [true, false, true, false],
      fromMenu: [false, false, false, false],
    });
    expect(await probe(['documentProperties', 'documentCache'])).toEqual({
      fromTrigger: [false, true, false, true],
      fromMenu: [false, false, false, false],
    });
  });
});

describe('runtime parallel recalculation', () => {
  // Each formula counts itself in under the document lock, then waits (up to 3 s) for the others.
  const bundle = bundleOf(`
/** @customfunction */
function ARRIVE(n) {
  var props = PropertiesService.getDocumentProperties();
  var lock = LockService.getDocumentLock();
  lock.waitLock(10000);
  props.setProperty('arrived', String(Number(props.getProperty('arrived') || 0) + 1));
  lock.releaseLock();
  for (var i = 0; i < 60 && Number(props.getProperty('arrived')) < n; i++) Utilities.sleep(50);
  return Number(props.getProperty('arrived'));
}
`);

  async function recalculate(recalculation: 'serial' | 'parallel', formulas: number) {
    const rt = createRuntime({ bundleDir: bundle, recalculation });
    const sheet = rt.workbook.sheets[0] as Sheet;
    for (let row = 1; row <= formulas; row++)
      writeValue(sheet, row, 1, `=ARRIVE(${formulas})`, 'Etc/UTC');
    await rt.recalculate();
    return rt.values('Sheet1').map((r) => r[0]);
  }

  it('runs the formulas due one after another by default', async () => {
    expect(await recalculate('serial', 2)).toEqual([1, 2]);
  });

  it('runs them all at once in parallel mode, as separate executions', async () => {
    expect(await recalculate('parallel', 3)).toEqual([3, 3, 3]);
  });

  it('refuses a 31st execution running at once for one user, as Apps Script does', async () => {
    const values = await recalculate('parallel', 31);

    expect(values.filter((v) => v === '#ERROR!')).toHaveLength(1);
    expect(values.filter((v) => v === 30)).toHaveLength(30);
  });
});
