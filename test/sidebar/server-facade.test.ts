import { connectServer, errorMessage, ServerCallError } from '../../src/contract/server-facade';
import type { ScriptRun } from '../../src/contract/server-facade';
import { createScriptRunShim, type ScriptTransport } from '../../src/contract/script-run-shim';

const hostWith = (transport: ScriptTransport) => ({
  google: { script: { run: createScriptRunShim(transport) } },
});

describe('connectServer', () => {
  it('resolves with what the server function returned', async () => {
    const server = connectServer(
      hostWith((name, args) => (name === 'setSchedule' ? { called: name, args } : null)),
    );

    await expect(server.setSchedule({ kind: 'daily', hour: 7 })).resolves.toEqual({
      called: 'setSchedule',
      args: [{ kind: 'daily', hour: 7 }],
    });
  });

  it('rejects with the server message, without the "Exception:" prefix Google adds', async () => {
    const server = connectServer(
      hostWith(() => {
        throw new Error('Exception: The Brex token has expired. Create a new token in Brex.');
      }),
    );

    const error = await server.getSyncHealth().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ServerCallError);
    expect(error).toMatchObject({
      functionName: 'getSyncHealth',
      message: 'The Brex token has expired. Create a new token in Brex.',
    });
  });

  it('tells the person where to open the sidebar when no google.script.run exists', async () => {
    const server = connectServer({});

    await expect(server.getConnectionStatus()).rejects.toThrow(
      'The sidebar cannot reach the add-on. Open it from Extensions ▸ Brex ▸ Open sidebar in Google Sheets.',
    );
  });

  it('gives concurrent calls each their own answer, whatever order they finish in', async () => {
    const pending = new Map<string, (value: unknown) => void>();
    const server = connectServer(
      hostWith((name) => new Promise((resolve) => pending.set(name, resolve))),
    );

    const schedule = server.getSchedule();
    const health = server.getSyncHealth();
    await new Promise((resolve) => setImmediate(resolve));
    pending.get('getSyncHealth')?.('health');
    pending.get('getSchedule')?.('schedule');

    await expect(Promise.all([schedule, health])).resolves.toEqual(['schedule', 'health']);
  });
});

describe('errorMessage', () => {
  it.each([
    ['NetworkError: Connection failure due to HTTP 0', /lost contact with Google/],
    ['ScriptError: Authorization is required to perform that action.', /several Google accounts/],
    [
      "ScriptError: We're sorry, a server error occurred while reading from storage. Error code PERMISSION_DENIED.",
      /Open this spreadsheet in your default Google account .* or in a private window .* or sign out of the other accounts/,
    ],
    ['Exceeded maximum execution time', /ran out of time/],
    ['', /failed without saying why/],
  ])('rewords %j with the next step', (raw, expected) => {
    expect(errorMessage(new Error(raw))).toMatch(expected);
  });
});

describe('createScriptRunShim', () => {
  const call = (run: ScriptRun, name: string, ...args: unknown[]) =>
    new Promise((resolve, reject) => {
      const runner = run.withSuccessHandler(resolve).withFailureHandler(reject);
      (runner[name] as (...a: unknown[]) => void)(...args);
    });

  it('refuses a Date argument, as Google does, naming the fix', async () => {
    const run = createScriptRunShim(() => 'unreached');

    await expect(call(run, 'saveSyncSettings', { historyStart: new Date() })).rejects.toThrow(
      'An argument holds a Date. Send dates as ISO strings.',
    );
  });

  it('passes results as JSON: undefined in an array becomes null', async () => {
    const run = createScriptRunShim(() => ({ list: [1, undefined], skipped: undefined }));

    await expect(call(run, 'getSyncHealth')).resolves.toEqual({ list: [1, null] });
  });

  it('has no private functions (names ending in _)', () => {
    const run = createScriptRunShim(() => 'secret');

    expect(run.withSuccessHandler(() => undefined)['BrexAddon_']).toBeUndefined();
  });
});
