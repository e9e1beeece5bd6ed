/**
 * 500 card locks, pasted into "Status" at once, reviewed and pushed through the built bundle on
 * the benchmark's cost model with Brex taking 25 s a round trip, a Brex in trouble (so an
 * execution's modelled time runs out as Apps Script's would: the push sends 50 locks a round
 * trip, and at the bench's 0.3 s, or at 1 s, 500 locks fit one execution). They do not fit one
 * execution: the rest is "deferred" and the next push sends it. Then the same
 * push killed at service calls spread over all of it (HOSTILE_KILL_POINTS), and resumed by
 * pushing again: every card locked, each by exactly one applied request, replays with the same
 * Idempotency-Key, none lost, none twice, one "pushed" audit row per card. `npm test` kills at 6
 * points, which fall in each of the push's executions (the first, a deferred one, the last);
 * `npm run test:long` kills at 40. At small size, payment-kill.test.ts kills an approval at each
 * call around Brex's answer, and kill-resume.test.ts a spend-limit push at ever later calls.
 */
import { startSandbox, type Sandbox } from '../../dev/sandbox';
import { createRuntime, fakeClock, type Runtime, type RuntimeClock } from '../../dev/runtime';
import { BENCH_COST_MODEL } from '../../dev/bench/cost-model';
import type { ChangeResult, ChangesReview } from '../../src/contract/writeback';
import { columnLetter } from '../../src/cells/header';
import type { WorkbookFile } from '../../dev/runtime/workbook-file';
import { auditRows, CARDS } from '../support/team-world';
import { connectAndSync } from '../support/action-world';
import { control, OWNER, TODAY } from '../support/world';

const LOCKS = 500;
const POINTS = Number(process.env.HOSTILE_KILL_POINTS ?? 6);
const START = Date.parse(`${TODAY}T12:00:00Z`);
const SLOW_BREX = { ...BENCH_COST_MODEL, fetches: 25_000 };

/** One clock for both sides, so that Brex's rate window and the add-on's pacing agree. */
let clock: RuntimeClock;

const runtimeOn = (sandbox: Sandbox, workbook?: WorkbookFile): Runtime =>
  createRuntime({
    brexUrl: sandbox.url,
    clock,
    modelTime: true,
    costModel: SLOW_BREX,
    ...(workbook ? { workbook } : {}),
  });

/** The seeded company with its shipped and locked cards made active, as if in Brex's dashboard. */
function companyWithActiveCards(sandbox: Sandbox): void {
  sandbox.reset();
  let active = sandbox.snapshot().cards.filter((c) => c.status === 'ACTIVE').length;
  for (const card of sandbox.snapshot().cards) {
    if (active >= LOCKS + 20) break;
    if (card.status !== 'SHIPPED' && card.status !== 'LOCKED') continue;
    control(sandbox, 'PUT', `/records/cards/${card.id}`, { status: 'ACTIVE' });
    active += 1;
  }
  if (active < LOCKS) throw new Error(`Only ${active} active cards to lock.`);
}

/**
 * The spreadsheet synced once, with a person's paste of "Locked" over the first 500 active cards'
 * Status cells: saved as a workbook file (sheets and properties), so each run starts from it.
 */
async function syncedWithPaste(sandbox: Sandbox): Promise<{ file: WorkbookFile; ids: string[] }> {
  companyWithActiveCards(sandbox);
  const runtime = runtimeOn(sandbox);
  await connectAndSync(runtime, sandbox, ['cards']);
  const grid = runtime.values(CARDS);
  const header = grid[0] as unknown[];
  const status = header.indexOf('Status');
  const key = header.indexOf('Brex ID');
  const ids: string[] = [];
  const column = grid.slice(1).map((cells) => {
    if (cells[status] !== 'Active' || ids.length === LOCKS) return [cells[status]];
    ids.push(String(cells[key]));
    return ['Locked'];
  });
  await runtime.paste(`${CARDS}!${columnLetter(status)}2`, column, { as: OWNER });
  return { file: runtime.toFile(), ids };
}

/** Brex as it was synced, and the spreadsheet as the person left it after the paste. */
function restored(sandbox: Sandbox, file: WorkbookFile): Runtime {
  companyWithActiveCards(sandbox);
  sandbox.log.length = 0;
  return runtimeOn(sandbox, file);
}

/**
 * Pushes the reviewed keys again and again, as a person would after "deferred", until nothing is
 * pending; the execution that reaches global service call `killAt` is killed there.
 */
async function pushUntilDone(
  runtime: Runtime,
  killAt: number | null = null,
): Promise<{ calls: number[]; outcomes: string[][]; killed: boolean }> {
  const calls: number[] = [];
  const outcomes: string[][] = [];
  let spent = 0;
  let killed = false;
  for (let run = 0; run < 12; run += 1) {
    const review = (await runtime.call('reviewChanges', [], { as: OWNER })) as ChangesReview;
    if (review.changes.length === 0) return { calls, outcomes, killed };
    const kill = killAt !== null && !killed && killAt > spent ? killAt - spent : undefined;
    const result = await runtime.run('pushChanges', [review.changes.map((c) => c.key)], {
      as: OWNER,
      limits: kill === undefined ? {} : { killAtCall: kill },
    });
    calls.push(result.stats.serviceCalls);
    spent += result.stats.serviceCalls;
    if (!result.ok) {
      killed = true;
      continue;
    }
    outcomes.push((result.value as ChangeResult[]).map((r) => r.outcome));
  }
  throw new Error('The push did not finish in 12 executions.');
}

/** What Brex and the audit log say of the push: per card, and overall. */
function account(sandbox: Sandbox, runtime: Runtime, ids: readonly string[]) {
  const cards = new Map(sandbox.snapshot().cards.map((c) => [c.id, c.status]));
  const wanted = new Set(ids);
  const locks = sandbox.log.filter((e) => e.method === 'POST' && e.path.endsWith('/lock'));
  const audit = auditRows(runtime).filter((row) => row.Action === 'card.status');
  const perCard = ids.map((id) => {
    const own = locks.filter((e) => e.path === `/v2/cards/${id}/lock`);
    const rows = audit.filter((row) => row['Brex ID'] === id);
    return {
      applied: own.filter((e) => !e.replayed && e.status === 200).length,
      keys: new Set([
        ...own.map((e) => e.headers['idempotency-key']),
        ...rows.map((r) => r['Idempotency key']),
      ]).size,
      audit: rows.map((row) => row.Result).join(','),
    };
  });
  const tally = (values: readonly unknown[]): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const value of values) out[String(value)] = (out[String(value)] ?? 0) + 1;
    return out;
  };
  return {
    locked: ids.filter((id) => cards.get(id) === 'LOCKED').length,
    otherCardsLocked: locks.filter((e) => !wanted.has(e.path.split('/')[3] ?? '')).length,
    perCard: tally(perCard.map((c) => `applied ${c.applied}, keys ${c.keys}, audit ${c.audit}`)),
    otherAuditRows: audit.length - ids.length,
  };
}

const DONE = {
  locked: LOCKS,
  otherCardsLocked: 0,
  perCard: { 'applied 1, keys 1, audit pushed': LOCKS },
  otherAuditRows: 0,
};

describe(`a push of ${LOCKS} card locks`, () => {
  let sandbox: Sandbox;
  let total: number;
  let synced: { file: WorkbookFile; ids: string[] };

  beforeAll(async () => {
    clock = fakeClock(START);
    sandbox = await startSandbox({
      seed: 'large-push',
      today: TODAY,
      transactions: 20,
      users: 640,
      clock: () => clock.now(),
    });
    synced = await syncedWithPaste(sandbox);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('does not fit one execution: the rest is deferred, and the next push sends it', async () => {
    const { ids } = synced;
    const runtime = restored(sandbox, synced.file);
    const review = (await runtime.call('reviewChanges', [], { as: OWNER })) as ChangesReview;
    expect(review.changes).toHaveLength(LOCKS);
    expect(new Set(review.changes.map((c) => c.action))).toEqual(new Set(['card.status']));

    const run = await pushUntilDone(runtime);
    total = run.calls.reduce((a, b) => a + b, 0);

    expect(run.outcomes.length).toBeGreaterThan(1);
    const first = run.outcomes[0] ?? [];
    expect(first.filter((o) => o === 'deferred').length).toBeGreaterThan(0);
    expect(first.filter((o) => o !== 'deferred').every((o) => o === 'pushed')).toBe(true);
    expect(run.outcomes.flat().filter((o) => o === 'pushed')).toHaveLength(LOCKS);
    expect(account(sandbox, runtime, ids)).toEqual(DONE);
  });

  it.each(Array.from({ length: POINTS }, (_, i) => i))(
    'killed at point %i of the sweep and pushed again: all locked, each once',
    async (point) => {
      const { ids } = synced;
      const runtime = restored(sandbox, synced.file);
      const killAt = 1 + Math.floor(((point + 0.5) * total) / POINTS);

      const run = await pushUntilDone(runtime, killAt);

      expect(run.killed).toBe(true);
      expect(account(sandbox, runtime, ids)).toEqual(DONE);
      const review = (await runtime.call('reviewChanges', [], { as: OWNER })) as ChangesReview;
      expect(review.changes).toEqual([]);
    },
  );
});
