import { spawnSandbox } from '../../dev/sandbox';
import { parseSandboxArgs } from '../../dev/sandbox/cli-command';
import { call } from './support';

describe('sandbox CLI', () => {
  it('starts as a child process, prints one JSON line and serves on 127.0.0.1', async () => {
    const sandbox = await spawnSandbox({ transactions: 50, today: '2026-01-15' });
    try {
      const me = await call(sandbox, sandbox.token, 'GET', '/v2/users/me');

      expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sandbox.tokens.full).toBe(sandbox.token);
      expect(me.status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });

  it('reads its options', () => {
    expect(
      parseSandboxArgs([
        '--port',
        '8787',
        '--seed',
        's',
        '--transactions',
        '10',
        '--faults',
        'rate429=0.1',
        '--today',
        '2026-01-01',
        '--strict',
        '--users',
        '5000',
        '--cursor-ttl',
        '30',
        '--rate-limit',
        '900',
      ]),
    ).toEqual({
      port: 8787,
      seed: 's',
      transactions: 10,
      faults: 'rate429=0.1',
      today: '2026-01-01',
      strict: true,
      users: 5000,
      cursorTtlMinutes: 30,
      rateLimit: 900,
    });
  });

  it('refuses bad options with a message naming the fix', () => {
    expect(() => parseSandboxArgs(['--transactions', 'many'])).toThrow(
      /is not a whole number.*Give one/,
    );
    expect(() => parseSandboxArgs(['--faults', 'rate429=2'])).toThrow(/not between 0 and 1/);
    expect(() => parseSandboxArgs(['--today', '15/01/2026'])).toThrow(/Use YYYY-MM-DD/);
    expect(() => parseSandboxArgs(['--colour'])).toThrow(/Unknown option --colour/);
  });
});
