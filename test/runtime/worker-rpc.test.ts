import { fakeRuntime } from './fake-bundle';

const COUNT_CALLS = `
  var props = PropertiesService.getScriptProperties();
  var answered = 0;
  for (var i = 0; i < arg; i++) if (props.getProperty('missing') === null) answered++;
  return answered;`;

describe('runtime worker RPC', () => {
  it('answers every service call of many overlapping executions, each exactly once', async () => {
    const rt = fakeRuntime();
    const executions = 12;
    const calls = 1500;

    const results = await Promise.all(
      Array.from({ length: executions }, () => rt.run('exec', [COUNT_CALLS, calls])),
    );

    expect(results.map((r) => r.error?.message ?? r.value)).toEqual(
      Array.from({ length: executions }, () => calls),
    );
    expect(results.map((r) => r.stats.serviceCalls)).toEqual(
      Array.from({ length: executions }, () => calls + 1),
    );
  });

  it('gives each execution fresh globals, even on a worker that ran another before', async () => {
    const rt = fakeRuntime();

    const seen: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      seen.push(
        await rt.call('exec', [
          `var before = typeof globalThis.leftOver + '/' + typeof [].leftOver;
           globalThis.leftOver = 1; Array.prototype.leftOver = 1;
           return before;`,
        ]),
      );
    }

    expect(seen).toEqual(Array.from({ length: 5 }, () => 'undefined/undefined'));
  });

  it('runs the next executions normally after one was stopped mid-call', async () => {
    const rt = fakeRuntime({ limits: { killAtCall: 3 } });

    const stopped = await rt.run('exec', [COUNT_CALLS, 10]);
    const next = await Promise.all(
      Array.from({ length: 4 }, () =>
        rt.run('exec', [COUNT_CALLS, 1], { limits: { killAtCall: undefined } }),
      ),
    );

    expect(stopped.error?.message).toBe(
      'Execution stopped by the runtime at service call 3 (killAtCall).',
    );
    expect(next.map((r) => r.value)).toEqual([1, 1, 1, 1]);
  });

  it('keeps the logs an execution wrote just before it ended', async () => {
    const rt = fakeRuntime();

    const result = await rt.run('exec', [
      `for (var i = 0; i < 50; i++) console.log('line ' + i); return 'ok';`,
    ]);

    expect(result.value).toBe('ok');
    expect(result.logs.map((l) => l.text)).toEqual(
      Array.from({ length: 50 }, (_, i) => `line ${i}`),
    );
  });
});
