/**
 * The schedule through the built bundle (dist/Code.js) in the local Apps Script runtime, whose
 * ScriptApp enforces the add-on trigger rules (hourly at most, one time-driven trigger per user),
 * running the refresh against the Brex sandbox over loopback HTTP.
 */
import { createRuntime, type Runtime, type RuntimeOptions } from '../../dev/runtime/runtime';
import { spawnSandbox, type SpawnedSandbox } from '../../dev/sandbox';
import type { ScheduledRun, ScheduleStatus } from '../../src/schedule/schedule';

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';

let sandbox: SpawnedSandbox;

beforeAll(async () => {
  sandbox = await spawnSandbox({ seed: 'schedule', today: '2026-03-15', transactions: 120 });
});

afterAll(async () => {
  await sandbox?.close();
});

async function connectedRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const runtime = createRuntime({ brexUrl: sandbox.url, ...options });
  await runtime.call('connect', [{ token: sandbox.token }], { as: ALICE });
  await runtime.call(
    'saveSyncSettings',
    [{ dataSets: ['users', 'card_transactions'], historyStart: '2026-01-01' }],
    { as: ALICE },
  );
  return runtime;
}

const schedule = (runtime: Runtime, as: string) =>
  runtime.call('getSchedule', [], { as }) as Promise<ScheduleStatus>;

const clockTriggers = (runtime: Runtime) =>
  runtime.triggers
    .filter((t) => t.type === 'CLOCK')
    .map((t) => ({ user: t.user, handler: t.handler, everyMs: t.everyMs, atHour: t.atHour }));

describe('scheduled refresh in the local runtime', () => {
  it('is off until someone sets it', async () => {
    const runtime = await connectedRuntime();

    const status = await schedule(runtime, ALICE);

    expect(status).toMatchObject({ kind: 'off', owner: null, ownedByMe: false, lastRun: null });
    expect(clockTriggers(runtime)).toEqual([]);
  });

  it('creates one trigger of the caller, and replaces it when the schedule changes', async () => {
    const runtime = await connectedRuntime();

    await runtime.call('setSchedule', [{ kind: 'hourly' }], { as: ALICE });
    const daily = (await runtime.call('setSchedule', [{ kind: 'daily', hour: 7 }], {
      as: ALICE,
    })) as ScheduleStatus;

    expect(clockTriggers(runtime)).toEqual([
      { user: ALICE, handler: 'runScheduledRefresh', everyMs: 86_400_000, atHour: 7 },
    ]);
    expect(daily).toMatchObject({ kind: 'daily', hour: 7, owner: ALICE, ownedByMe: true });
    expect(daily.description).toBe('Every day between 07:00 and 08:00 (Etc/UTC).');
    expect(await schedule(runtime, BOB)).toMatchObject({ owner: ALICE, ownedByMe: false });
  });

  it('refuses a daily schedule without a valid hour, keeping the current one', async () => {
    const runtime = await connectedRuntime();
    await runtime.call('setSchedule', [{ kind: 'every6h' }], { as: ALICE });

    const result = await runtime.run('setSchedule', [{ kind: 'daily', hour: 24 }], { as: ALICE });

    expect(result.error?.message).toBe(
      'A daily schedule needs an hour from 0 to 23, not "24". Pick the hour to refresh at.',
    );
    expect(clockTriggers(runtime)).toEqual([
      { user: ALICE, handler: 'runScheduledRefresh', everyMs: 6 * 3_600_000, atHour: undefined },
    ]);
  });

  it('runs the refresh and then Refresh formulas when the trigger fires', async () => {
    const runtime = await connectedRuntime();
    await runtime.call('setSchedule', [{ kind: 'hourly' }], { as: ALICE });

    const [run] = await runtime.fireTimeTriggers({ all: true });

    expect(run?.error).toBeUndefined();
    expect(run?.value).toMatchObject({ by: ALICE, outcome: 'done' });
    const users = runtime.values('Brex Users');
    const company = (await fetch(`${sandbox.url}/_sandbox/state`).then((r) => r.json())) as {
      users: unknown[];
    };
    expect(users.length - 1).toBe(company.users.length);
    expect(runtime.values('Brex Settings')[0]?.[1]).toBeInstanceOf(Date);
    expect((await schedule(runtime, BOB)).lastRun).toMatchObject({ by: ALICE, outcome: 'done' });
  });

  it('lets another editor take over; the replaced trigger removes itself without refreshing', async () => {
    const runtime = await connectedRuntime();
    await runtime.call('setSchedule', [{ kind: 'every6h' }], { as: ALICE });

    const taken = (await runtime.call('takeOverSchedule', [], { as: BOB })) as ScheduleStatus;
    expect(taken).toMatchObject({ kind: 'every6h', owner: BOB, ownedByMe: true });
    // Bob cannot delete Alice's trigger: both exist until hers next fires.
    expect(clockTriggers(runtime).map((t) => t.user)).toEqual([ALICE, BOB]);

    const runs = await runtime.fireTimeTriggers({ all: true });

    expect(runs.map((r) => [r.ok, r.value === null ? null : (r.value as ScheduledRun).by])).toEqual(
      [
        [true, null],
        [true, BOB],
      ],
    );
    expect(clockTriggers(runtime).map((t) => t.user)).toEqual([BOB]);
    expect((await schedule(runtime, ALICE)).lastRun).toMatchObject({ by: BOB, outcome: 'done' });
  });

  it('turns off for everyone: the owner trigger retires at its next run', async () => {
    const runtime = await connectedRuntime();
    await runtime.call('setSchedule', [{ kind: 'hourly' }], { as: ALICE });

    const off = (await runtime.call('setSchedule', [{ kind: 'off' }], {
      as: BOB,
    })) as ScheduleStatus;
    expect(off).toMatchObject({ kind: 'off', owner: null });
    const requestsBefore = (
      (await fetch(`${sandbox.url}/_sandbox/log`).then((r) => r.json())) as unknown[]
    ).length;

    const [run] = await runtime.fireTimeTriggers({ all: true });

    expect(run?.value).toBeNull();
    expect(clockTriggers(runtime)).toEqual([]);
    const requestsAfter = (
      (await fetch(`${sandbox.url}/_sandbox/log`).then((r) => r.json())) as unknown[]
    ).length;
    expect(requestsAfter).toBe(requestsBefore);
  });

  it('records a failed run with the message naming the fix, for the sidebar to show', async () => {
    const runtime = await connectedRuntime();
    await runtime.call('setSchedule', [{ kind: 'hourly' }], { as: ALICE });
    // The token is revoked at Brex after the spreadsheet was connected.
    const connection = JSON.parse(runtime.properties.document['brex.connection'] as string);
    runtime.properties.document['brex.connection'] = JSON.stringify({
      ...connection,
      token: 'revoked-token',
    });

    const [run] = await runtime.fireTimeTriggers({ all: true });

    expect(run?.value).toMatchObject({ by: ALICE, outcome: 'failed' });
    const lastRun = (await schedule(runtime, BOB)).lastRun;
    expect(lastRun?.outcome).toBe('failed');
    expect(lastRun?.message).toMatch(/token/i);
    expect(lastRun?.message).not.toContain('revoked-token');
  });
});

async function requestCount(): Promise<number> {
  const log = (await fetch(`${sandbox.url}/_sandbox/log`).then((r) => r.json())) as unknown[];
  return log.length;
}

const USE_REFRESH_NOW =
  'Use Refresh now while the spreadsheet is open, and turn the schedule off until this add-on can run it.';

describe('a scheduled run that Google gives less of the spreadsheet', () => {
  it('refreshes when the trigger has the active spreadsheet, and records what it did', async () => {
    const runtime = await connectedRuntime();
    await runtime.call('setSchedule', [{ kind: 'hourly' }], { as: ALICE });

    await runtime.fireTimeTriggers({ all: true });
    await runtime.fireTimeTriggers({ all: true });

    const { runs } = await schedule(runtime, BOB);
    expect(runs.map((r) => [r.outcome, r.by])).toEqual([
      ['done', ALICE],
      ['done', ALICE],
    ]);
    expect(runs[1]?.did).toMatch(/^Read 2 data sets: [1-9]\d* rows added, 0 updated, 0 removed\.$/);
    expect(runs[0]?.did).toBe('Read 2 data sets: 0 rows added, 0 updated, 0 removed.');
  });

  it('without the active spreadsheet, records a failure naming the fix and asks Brex nothing', async () => {
    const runtime = await connectedRuntime({ clockTriggerLacks: ['activeSpreadsheet'] });
    await runtime.call('setSchedule', [{ kind: 'hourly' }], { as: ALICE });
    const before = await requestCount();

    const [run] = await runtime.fireTimeTriggers({ all: true });

    expect(run?.error).toBeUndefined();
    expect(await requestCount()).toBe(before);
    expect(runtime.workbook.sheets.map((s) => s.name)).not.toContain('Brex Users');
    const { lastRun } = await schedule(runtime, BOB);
    expect(lastRun).toMatchObject({
      by: ALICE,
      outcome: 'failed',
      did: 'Nothing was refreshed.',
    });
    expect(lastRun?.message).toContain('without access to this spreadsheet');
    expect(lastRun?.message).toContain(USE_REFRESH_NOW);
  });

  it('without the document lock, records a failure instead of refreshing unguarded', async () => {
    const runtime = await connectedRuntime({ clockTriggerLacks: ['documentLock'] });
    await runtime.call('setSchedule', [{ kind: 'hourly' }], { as: ALICE });
    const before = await requestCount();

    await runtime.fireTimeTriggers({ all: true });

    expect(await requestCount()).toBe(before);
    const { lastRun } = await schedule(runtime, ALICE);
    expect(lastRun?.outcome).toBe('failed');
    expect(lastRun?.message).toContain("without this spreadsheet's lock");
  });

  it("without document properties, records the failure in the owner's own store for their sidebar", async () => {
    const runtime = await connectedRuntime({ clockTriggerLacks: ['documentProperties'] });
    await runtime.call('setSchedule', [{ kind: 'hourly' }], { as: ALICE });

    const [run] = await runtime.fireTimeTriggers({ all: true });

    expect(run?.error).toBeUndefined();
    const mine = await schedule(runtime, ALICE);
    expect(mine.lastRun).toMatchObject({ by: ALICE, outcome: 'failed' });
    expect(mine.lastRun?.message).toContain("without this spreadsheet's settings");
    // Another editor cannot read Alice's user properties; her own sidebar shows it.
    expect((await schedule(runtime, BOB)).lastRun).toBeNull();
    // Setting the schedule again drops the record of the trigger it replaces.
    await runtime.call('setSchedule', [{ kind: 'every6h' }], { as: ALICE });
    expect((await schedule(runtime, ALICE)).lastRun).toBeNull();
  });
});
