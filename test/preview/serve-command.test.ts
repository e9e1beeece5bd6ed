/**
 * `npm start`'s command as a newcomer runs it: a child process that prints the URL to open,
 * serves the page and the sidebar on 127.0.0.1, answers the bridge, and stops on Ctrl-C.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { parseServeArgs } from '../../dev/preview/serve-command';

const ROOT = resolve(__dirname, '../..');

function startServe(args: string[]): {
  child: ChildProcessWithoutNullStreams;
  url: Promise<string>;
} {
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['dev/cli.ts', 'serve', ...args], {
    cwd: ROOT,
  });
  let output = '';
  const url = new Promise<string>((resolveUrl, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /local preview: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match) resolveUrl(match[1] as string);
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
  return { child, url };
}

function get(url: string, host?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolveGet, reject) => {
    const req = request(url, { headers: host ? { host } : {} }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => resolveGet({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serve command', () => {
  it('prints the URL, serves the page and the bridged sidebar, and stops on Ctrl-C', async () => {
    const { child, url } = startServe(['--transactions', '50']);
    const exited = new Promise<number | null>((resolveExit) => child.on('exit', resolveExit));
    try {
      const base = await url;
      const page = await get(base);
      const sidebar = await get(`${base}sidebar`);
      const status = await fetch(`${base}api/call`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ functionName: 'getConnectionStatus', args: [] }),
      }).then((r) => r.json() as Promise<{ ok: boolean; value: { connected: boolean } }>);
      const rebound = await get(base, 'attacker.example');

      expect(page.status).toBe(200);
      expect(page.body).toContain('Local preview');
      expect(sidebar.body).toMatch(
        /__BREX_PREVIEW__ = \{"token":"bxt_sandbox_full_\w+","environment":"Sandbox"\}/,
      );
      expect(sidebar.body).toContain('<main id="app"');
      expect(status).toEqual({ ok: true, value: expect.objectContaining({ connected: false }) });
      expect(rebound.status).toBe(403);
    } finally {
      child.kill('SIGINT');
    }
    await expect(exited).resolves.toBe(0);
  });

  it('reads its options', () => {
    expect(parseServeArgs(['--port', '8080', '--seed', 'demo', '--as', 'bob@example.com'])).toEqual(
      expect.objectContaining({ port: 8080, as: 'bob@example.com', sandbox: { seed: 'demo' } }),
    );
    expect(parseServeArgs(['--brex-url', 'https://api.brex.com'])).toEqual(
      expect.objectContaining({ port: 0, brexUrl: 'https://api.brex.com' }),
    );
    expect(parseServeArgs(['--signed-in-accounts', '2'])).toEqual(
      expect.objectContaining({ signedInAccounts: 2 }),
    );
  });

  it('refuses bad options with a message naming the fix', () => {
    expect(() => parseServeArgs(['--port', 'eighty'])).toThrow(/is not a port\. Use a number/);
    expect(() => parseServeArgs(['--brex-url', 'api.brex.com'])).toThrow(/Use one like https/);
    expect(() => parseServeArgs(['--brex-url', 'https://x.example', '--seed', 's'])).toThrow(
      /which --brex-url replaces/,
    );
    expect(() => parseServeArgs(['--colour', 'red'])).toThrow(/Unknown option colour/);
    expect(() => parseServeArgs(['--signed-in-accounts', 'two'])).toThrow(/is not a count/);
  });
});
