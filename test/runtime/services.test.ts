import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeClock } from '../../dev/runtime';
import { isRowHiddenByFilter } from '../../dev/runtime/filters';
import { findSheet, type Sheet } from '../../dev/runtime/workbook';
import { fakeRuntime } from './fake-bundle';

const run = (rt: ReturnType<typeof fakeRuntime>, source: string, arg?: unknown) =>
  rt.call('exec', [source, arg]);

describe('runtime PropertiesService', () => {
  it('refuses a value over 9 KB and a store over 500 KB', async () => {
    const rt = fakeRuntime();

    await expect(
      run(
        rt,
        `PropertiesService.getDocumentProperties().setProperty('k', arg)`,
        'x'.repeat(9 * 1024 + 1),
      ),
    ).rejects.toThrow('Argument too large: value');
    await run(
      rt,
      `PropertiesService.getDocumentProperties().setProperty('k', arg)`,
      'x'.repeat(9 * 1024),
    );
    await expect(
      run(
        rt,
        `for (var i = 0; i < 60; i++) PropertiesService.getDocumentProperties().setProperty('k' + i, arg)`,
        'y'.repeat(9000),
      ),
    ).rejects.toThrow('You have exceeded the property storage quota.');
    expect(rt.properties.document.k).toHaveLength(9 * 1024);
  });

  it('keeps one user store per user', async () => {
    const rt = fakeRuntime();

    await run(rt, `PropertiesService.getUserProperties().setProperty('me', 'ann')`, undefined);
    await rt.call('exec', [`PropertiesService.getUserProperties().setProperty('me', 'bob')`], {
      as: 'bob@example.com',
    });

    expect(rt.properties.user).toEqual({
      'owner@example.com': { me: 'ann' },
      'bob@example.com': { me: 'bob' },
    });
  });
});

describe('runtime CacheService', () => {
  it('refuses values over 100 KB, keys over 250 characters and TTLs over 6 hours', async () => {
    const rt = fakeRuntime();
    const put = (key: string, value: string, ttl?: number) =>
      run(rt, `CacheService.getScriptCache().put(arg[0], arg[1], arg[2])`, [key, value, ttl]);

    await expect(put('k', 'x'.repeat(100 * 1024 + 1))).rejects.toThrow('Argument too large: value');
    await expect(put('k'.repeat(251), 'v')).rejects.toThrow('Argument too large: key');
    await expect(put('k', 'v', 21601)).rejects.toThrow('Invalid argument: expirationInSeconds');
    await expect(put('k', 'x'.repeat(100 * 1024), 21600)).resolves.toBeUndefined();
  });

  it('expires entries on the runtime clock', async () => {
    const clock = fakeClock();
    const rt = fakeRuntime({ clock });
    await run(rt, `CacheService.getDocumentCache().put('k', 'v', 60)`);

    clock.advance(59_000);
    const before = await run(rt, `return CacheService.getDocumentCache().get('k')`);
    clock.advance(1_000);
    const after = await run(rt, `return CacheService.getDocumentCache().get('k')`);

    expect([before, after]).toEqual(['v', null]);
  });
});

describe('runtime execution limits', () => {
  it('stops an execution past its budget on the runtime clock, and the bundle cannot catch it', async () => {
    const rt = fakeRuntime({ clock: fakeClock(), limits: { executionMs: 60_000 } });

    const result = await rt.run('exec', [
      `try { Utilities.sleep(61000); } catch (e) {}
       PropertiesService.getDocumentProperties().setProperty('after', 'yes');
       return 'escaped';`,
    ]);

    expect(result.error?.message).toBe('Exceeded maximum execution time');
    expect(rt.properties.document.after).toBeUndefined();
  });

  it('stops a busy loop past its real-time budget', async () => {
    const rt = fakeRuntime({ limits: { executionMs: 300 } });

    const result = await rt.run('exec', ['while (true) {}']);

    expect(result.error?.message).toBe('Exceeded maximum execution time');
  });

  it('gives custom functions the 30-second budget', async () => {
    const rt = fakeRuntime({ clock: fakeClock() });
    await run(rt, `SpreadsheetApp.getActive().getRange('A1').setValue(31000)`);

    await rt.edit('Sheet1!B1', '=DOUBLE(A1)');
    const ok = rt.values('Sheet1')[0]?.[1];
    const slow = await rt.run('exec', ['Utilities.sleep(31000)'], { authMode: 'CUSTOM_FUNCTION' });

    expect(ok).toBe(62000);
    expect(slow.error?.message).toBe('Exceeded maximum execution time');
  });

  it('kills an execution at its n-th service call, before carrying it out', async () => {
    const rt = fakeRuntime({ limits: { killAtCall: 3 } });

    const result = await rt.run('exec', [
      `var p = PropertiesService.getDocumentProperties();
       try { p.setProperty('a', '1'); p.setProperty('b', '2'); } catch (e) {}
       return 'finished';`,
    ]);

    expect(result.ok).toBe(false);
    expect(rt.properties.document).toEqual({ a: '1' });
  });

  it('follows modelled time: the bundle’s Date.now() advances by each call’s cost', async () => {
    const rt = fakeRuntime({
      clock: fakeClock(0),
      modelTime: true,
      costModel: { propertyReads: 1000 },
    });

    const elapsed = await run(
      rt,
      `var start = Date.now();
       for (var i = 0; i < 5; i++) PropertiesService.getScriptProperties().getProperty('x');
       return Date.now() - start;`,
    );

    expect(elapsed).toBe(5000);
  });
});

describe('runtime LockService', () => {
  it('makes a second execution wait for the document lock the first one holds', async () => {
    const rt = fakeRuntime();
    const until = async (ready: () => boolean) => {
      while (!ready()) await new Promise((resolve) => setTimeout(resolve, 10));
    };

    // The holder keeps the lock until the waiter has asked for it (then a little longer).
    const holder = rt.call('exec', [
      `var lock = LockService.getDocumentLock(); lock.waitLock(5000);
       var props = PropertiesService.getDocumentProperties();
       props.setProperty('held', 'yes');
       while (props.getProperty('waiting') !== 'yes') Utilities.sleep(10);
       Utilities.sleep(500);
       props.setProperty('handedOver', 'yes');
       lock.releaseLock();
       return 'released';`,
    ]);
    await until(() => rt.properties.document.held === 'yes');
    const blocked = await rt.call('exec', [`return LockService.getDocumentLock().tryLock(10)`], {
      as: 'bob@example.com',
    });
    const waiter = rt.run('exec', [
      `var props = PropertiesService.getDocumentProperties();
       var l = LockService.getDocumentLock(); props.setProperty('waiting', 'yes'); l.waitLock(10000);
       return [l.hasLock(), props.getProperty('handedOver')]`,
    ]);

    expect([await holder, blocked, (await waiter).value]).toEqual([
      'released',
      false,
      [true, 'yes'],
    ]);
    expect((await waiter).stats.lockWaits).toBe(1);
  });

  it('throws Apps Script’s timeout from waitLock', async () => {
    const rt = fakeRuntime();

    const [, waited] = await Promise.all([
      rt.call('holdLock', [800]),
      new Promise((resolve) => setTimeout(resolve, 300)).then(() =>
        rt.run('exec', [`LockService.getDocumentLock().waitLock(50)`]),
      ),
    ]);

    expect(waited.error?.message).toBe(
      'Lock timeout: another process was holding the lock for too long.',
    );
  });
});

describe('runtime ScriptApp triggers', () => {
  it('refuses triggers more often than hourly and a second one of a type per user', async () => {
    const rt = fakeRuntime({ clock: fakeClock() });
    const create = (how: string, as?: string) =>
      rt.call('exec', [`ScriptApp.newTrigger('tick').timeBased().${how}.create()`], { as });

    await expect(create('everyMinutes(30)')).rejects.toThrow('more often than hourly');
    await create('everyHours(1)');
    await expect(create('everyDays(1).atHour(6)')).rejects.toThrow(
      'This add-on has created too many time-based triggers in this document for this Google user account.',
    );
    await create('everyHours(2)', 'bob@example.com');

    expect(rt.triggers.map((t) => [t.user, t.everyMs])).toEqual([
      ['owner@example.com', 3_600_000],
      ['bob@example.com', 7_200_000],
    ]);
  });

  it('fires due time triggers as their creators, on demand', async () => {
    const clock = fakeClock();
    const rt = fakeRuntime({ clock });
    await rt.call('exec', [`ScriptApp.newTrigger('tick').timeBased().everyHours(1).create()`]);

    const early = await rt.fireTimeTriggers();
    clock.advance(3_600_000);
    const due = await rt.fireTimeTriggers();

    expect([early.length, due.length, due[0]?.ok]).toEqual([0, 1, true]);
    expect(rt.properties.document.ticks).toBe('1');
  });

  it('fires installable edit triggers on a person’s edit', async () => {
    const rt = fakeRuntime();
    await rt.call('exec', [
      `ScriptApp.newTrigger('tick').forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create()`,
    ]);

    const results = await rt.edit('Sheet1!C3', 'hello', { as: 'bob@example.com' });

    expect(results.map((r) => r.functionName)).toEqual(['tick']);
    expect(rt.properties.document.ticks).toBe('1');
  });

  it('fires one edit event for a person’s paste: the whole block, no value, hidden rows written too', async () => {
    const rt = fakeRuntime();
    await rt.call('exec', [
      `var s = SpreadsheetApp.getActive().getSheetByName('Sheet1');
       s.getRange('A1:A4').setValues([['Kind'], ['a'], ['b'], ['c']]);
       s.getRange('A1:A4').createFilter().setColumnFilterCriteria(1,
         SpreadsheetApp.newFilterCriteria().setHiddenValues(['b']).build());
       ScriptApp.newTrigger('recordEdit').forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create();`,
    ]);

    const results = await rt.paste('Sheet1!B2', [[1], [2], [3]], { as: 'bob@example.com' });
    await rt.edit('Sheet1!C2', 'x', { as: 'carol@example.com' });

    const sheet = findSheet(rt.workbook, 'Sheet1') as Sheet;
    expect(isRowHiddenByFilter(sheet, 3, rt.workbook.timeZone)).toBe(true);
    expect(results.map((r) => [r.functionName, r.ok])).toEqual([['recordEdit', true]]);
    const edits = (rt.properties.document.edits ?? '')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(edits).toEqual([
      { range: 'B2:B4', value: 'absent', user: 'bob@example.com', rows: [[1], [2], [3]] },
      { range: 'C2', value: 'x', user: 'carol@example.com', rows: [['x']] },
    ]);
    await expect(rt.paste('Sheet1!A1', [[1], [2, 3]])).rejects.toThrow('same number of cells');
  });
});

describe('runtime UrlFetchApp', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            path: req.url,
            method: req.method,
            auth: req.headers.authorization ?? null,
            body,
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('routes whitelisted Brex URLs to the given server over real HTTP', async () => {
    const rt = fakeRuntime({ brexUrl: url });

    const result = await rt.run('exec', [
      `var r = UrlFetchApp.fetch('https://api.brex.com/v2/cards?limit=1', {
         method: 'post', payload: '{"a":1}', contentType: 'application/json', headers: { Authorization: 'Bearer t' } });
       return [r.getResponseCode(), JSON.parse(r.getContentText()), r.getHeaders()['content-type']];`,
    ]);

    expect(result.value).toEqual([
      200,
      { path: '/v2/cards?limit=1', method: 'POST', auth: 'Bearer t', body: '{"a":1}' },
      'application/json',
    ]);
    expect(result.stats).toMatchObject({
      fetches: 1,
      fetchBytesSent: expect.any(Number),
      fetchBytesReceived: expect.any(Number),
    });
  });

  it('opens a connection of its own for every request, so none can meet a closing socket', async () => {
    const rt = fakeRuntime({ brexUrl: url });
    let connections = 0;
    const count = () => (connections += 1);
    server.on('connection', count);

    const codes = await run(
      rt,
      `var codes = [];
       for (var i = 0; i < 5; i++) codes.push(UrlFetchApp.fetch('https://api.brex.com/ok').getResponseCode());
       return codes;`,
    );
    server.off('connection', count);

    expect(codes).toEqual([200, 200, 200, 200, 200]);
    expect(connections).toBe(5);
  });

  it('refuses URLs outside the manifest’s whitelist', async () => {
    const rt = fakeRuntime({ brexUrl: url });

    await expect(run(rt, `UrlFetchApp.fetch('https://evil.example.com/')`)).rejects.toThrow(
      'The URL https://evil.example.com/ has not been whitelisted in the script manifest.',
    );
  });

  it('throws on HTTP errors unless muteHttpExceptions, and fetches all in parallel', async () => {
    const rt = fakeRuntime({ brexUrl: url });

    await expect(run(rt, `UrlFetchApp.fetch('https://api.brex.com/missing')`)).rejects.toThrow(
      'Request failed for https://api.brex.com returned code 404.',
    );
    const codes = await run(
      rt,
      `return UrlFetchApp.fetchAll([
         { url: 'https://api.brex.com/missing', muteHttpExceptions: true },
         'https://api.brex.com/ok',
       ]).map(function (r) { return r.getResponseCode(); });`,
    );
    expect(codes).toEqual([404, 200]);
  });
});

describe('runtime HtmlService', () => {
  it('evaluates templates with escaped output and scriptlets', async () => {
    const rt = fakeRuntime();

    const html = await run(
      rt,
      `var t = HtmlService.createTemplateFromFile('page'); t.name = '<b>Ann</b>'; t.showList = true;
       return t.evaluate().getContent();`,
    );

    expect(html).toBe('<p>Hello &#60;b&#62;Ann&#60;/b&#62;</p><ul><li>item</li></ul>\n');
  });
});
