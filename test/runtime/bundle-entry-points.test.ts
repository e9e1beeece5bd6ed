import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createRuntime } from '../../dev/runtime';
import { startSandbox, type Sandbox } from '../../dev/sandbox';
import { MENU_ITEMS } from '../../src/apps-script/menu';
import { fakeRuntime } from './fake-bundle';

const ROOT = join(__dirname, '../..');
const run = promisify(execFile);

describe('dist/Code.js in the local runtime', () => {
  it('builds the add-on menu from onOpen in LIMITED and in NONE mode', async () => {
    for (const mode of ['LIMITED', 'NONE'] as const) {
      const rt = createRuntime({ onOpenAuthMode: mode });

      await rt.call('onOpen');

      expect(
        rt.ui.menus.map((m) => [m.addon, m.items.map((i) => ('label' in i ? i.label : '-'))]),
      ).toEqual([[true, MENU_ITEMS.map((item) => item.label)]]);
    }
  });

  it('opens the built sidebar from the menu item', async () => {
    const rt = createRuntime();

    await rt.call('showSidebar');

    expect(rt.ui.sidebar?.title).toBe('Brex');
    expect(rt.ui.sidebar?.html).toBe(readFileSync(join(ROOT, 'dist/sidebar.html'), 'utf8'));
  });

  it('refuses to open the sidebar from onOpen’s LIMITED mode', async () => {
    const rt = createRuntime();

    await expect(rt.call('showSidebar', [], { authMode: 'LIMITED' })).rejects.toThrow(
      'You do not have permission to call Ui.showSidebar',
    );
  });
});

describe('the runtime and the Brex sandbox in one process', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  it('serves the add-on’s Brex calls from the sandbox over loopback HTTP', async () => {
    const rt = fakeRuntime({ brexUrl: sandbox.url });

    const status = await rt.call('exec', [
      `return UrlFetchApp.fetch('https://api.brex.com/v2/users/me', {
         headers: { Authorization: 'Bearer ' + arg }, muteHttpExceptions: true }).getResponseCode();`,
      sandbox.token,
    ]);

    expect(status).toBe(200);
  });
});

describe('npm run local -- call / edit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'brex-runtime-'));
  const workbook = join(dir, 'book.workbook.json');
  const cli = (...args: string[]) => cliWith({}, ...args);
  /** The CLI with BREX_TOKEN as given (never inherited from the developer's shell). */
  const cliWith = (env: { BREX_TOKEN?: string }, ...args: string[]) => {
    const { BREX_TOKEN: _inherited, ...rest } = process.env;
    return run(process.execPath, [require.resolve('tsx/cli'), join(ROOT, 'dev/cli.ts'), ...args], {
      cwd: ROOT,
      env: { ...rest, ...env },
    });
  };
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ today: '2026-03-15', transactions: 10 });
  });
  afterAll(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('calls an entry point, prints its result as JSON and saves the workbook', async () => {
    const { stdout } = await cli('call', 'onOpen', '--workbook', workbook);

    expect(stdout).toBe('null\n');
    expect(JSON.parse(readFileSync(workbook, 'utf8'))).toMatchObject({
      format: 'brex-sheets-local-workbook/1',
    });
  });

  it('exits non-zero with the exception’s message on stderr', async () => {
    await expect(cli('call', 'noSuchFunction', '--workbook', workbook)).rejects.toMatchObject({
      code: 1,
      stderr: 'Script function not found: noSuchFunction\n',
    });
  });

  it('records a person’s edit, typed as Sheets types it', async () => {
    await cli('edit', 'Sheet1!B2', '=IMPORTXML("x")', '--workbook', workbook);
    await cli('edit', 'Sheet1!A1', '1,250.5', '--workbook', workbook);

    const sheet = JSON.parse(readFileSync(workbook, 'utf8')).sheets[0];
    expect(sheet.values).toEqual([
      [1250.5, null],
      [null, '#NAME?'],
    ]);
    expect(sheet.formulas).toEqual({ B2: '=IMPORTXML("x")' });
  });

  it('refuses a token on the command line, before running anything and without echoing it', async () => {
    const fresh = join(dir, 'refused.workbook.json');

    const refused = cli(
      'call',
      'getConnectionStatus',
      '--workbook',
      fresh,
      '--token',
      'tok_secret',
    );

    await expect(refused).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /^--token is not accepted: other users of this machine can read a command line\. .*--token-file FILE.*BREX_TOKEN/,
      ),
    });
    await expect(refused).rejects.toMatchObject({ stderr: expect.not.stringContaining('tok_') });
    expect(existsSync(fresh)).toBe(false);
  });

  it('connects with the token of --token-file, or of BREX_TOKEN', async () => {
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, `${sandbox.token}\n`);
    chmodSync(tokenFile, 0o600);
    const status = async (book: string, env: { BREX_TOKEN?: string }, ...flags: string[]) => {
      const { stdout } = await cliWith(
        env,
        'call',
        'getConnectionStatus',
        '--workbook',
        book,
        '--brex-url',
        sandbox.url,
        ...flags,
      );
      return JSON.parse(stdout) as { connected: boolean; tokenLast4: string | null };
    };

    const fromFile = await status(join(dir, 'file.workbook.json'), {}, '--token-file', tokenFile);
    const fromEnv = await status(join(dir, 'env.workbook.json'), { BREX_TOKEN: sandbox.token });
    const without = await status(join(dir, 'none.workbook.json'), {});

    const last4 = sandbox.token.slice(-4);
    expect([fromFile, fromEnv].map((s) => [s.connected, s.tokenLast4])).toEqual([
      [true, last4],
      [true, last4],
    ]);
    expect(without.connected).toBe(false);
  });
});
