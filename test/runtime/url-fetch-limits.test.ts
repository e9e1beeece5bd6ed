/**
 * UrlFetchApp's limits that a request itself can break, held as Apps Script holds them: a URL
 * longer than 2,082 characters is refused before anything is sent (the quota page,
 * developers.google.com/apps-script/guides/services/quotas, "URL Fetch URL length: 2 kB / call";
 * UrlFetchApp's reference gives the exact figure), so a list filter with many values fails here
 * as it would in Sheets.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeRuntime } from './fake-bundle';

const run = (rt: ReturnType<typeof fakeRuntime>, source: string, arg?: unknown) =>
  rt.call('exec', [source, arg]);

describe('runtime UrlFetchApp limits', () => {
  let server: Server;
  let url: string;
  let requests = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      requests += 1;
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(String(req.url?.length ?? 0));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('refuses a URL longer than 2,082 characters, in fetch and fetchAll, sending nothing', async () => {
    const rt = fakeRuntime({ brexUrl: url });
    // 'https://api.brex.com/x?q=' is 25 characters.
    const longest = `'https://api.brex.com/x?q=' + new Array(2083 - 25).join('a')`;
    const tooLong = `'https://api.brex.com/x?q=' + new Array(2084 - 25).join('a')`;
    requests = 0;

    const fits = await run(rt, `return UrlFetchApp.fetch(${longest}).getResponseCode();`);
    await expect(run(rt, `UrlFetchApp.fetch(${tooLong})`)).rejects.toThrow(
      'Limit Exceeded: URLFetch URL Length.',
    );
    await expect(
      run(rt, `UrlFetchApp.fetchAll(['https://api.brex.com/ok', ${tooLong}])`),
    ).rejects.toThrow('Limit Exceeded: URLFetch URL Length.');

    expect(fits).toBe(200);
    expect(requests).toBe(1);
  });
});
