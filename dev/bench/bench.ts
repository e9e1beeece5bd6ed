/**
 * `npm run bench [-- --quick]`: runs the built bundle (dist/Code.js) and the naive baseline
 * (naive-baseline/Code.js) in the local runtime against an in-process Brex sandbox, scenario by
 * scenario, and prints a table per scenario, then one line of JSON with every figure. Time is
 * modelled (BENCH_COST_MODEL, with the runtime's modelled clock, so a sync's own deadline sees
 * modelled time); Node wall time and the process's peak memory are reported beside it.
 * `-- --dashboard-only N` measures the dashboard's update alone at N transactions; `-- --size N`
 * runs every scenario at N transactions only; `-- --only a,b` runs those scenario families only
 * (SCENARIO_FAMILIES), after an unmeasured first sync of the add-on when it is not among them.
 */
import type { SpendLimitReview } from '../../src/contract/writeback';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../sandbox';
import { control, CONTROL_PREFIX } from '../sandbox/control';
import { createRuntime, fakeClock, type ExecutionResult, type Runtime } from '../runtime';
import { BENCH_COST_MODEL } from './cost-model';
import { figuresOf, ratios, table, type Figures } from './figures';
import { DATA_SET_IDS } from '../../src/data-sets';
import { columnLetter } from '../../src/cells/header';
import { mixedEdits, reviewAndPush, typeEdits } from './mixed-push';
import { APPROVER, naivePayments, payee, reviewAndApprove, stagePayments } from './approval';
import { selectedFamilies, type ScenarioFamily } from './scenario-families';

const TODAY = '2026-03-15';
const OWNER = 'owner@example.com';
const EXECUTION_LIMIT_MS = 360_000;
const CUSTOM_FUNCTION_LIMIT_MS = 30_000;
/** Lets the baseline finish, however long it would take: the figures show what it would cost. */
const UNBOUNDED = { executionMs: 7 * 24 * 3_600_000, customFunctionMs: 7 * 24 * 3_600_000 };
const BASELINE_DIR = join(__dirname, 'naive-baseline');

/** Every data set: the bench syncs them all. */
const DATA_SETS = DATA_SET_IDS;

const MONTH = { start: '2026-03-01', end: '2026-03-15' };
const SINCE = `?posted_at_start=${MONTH.start}T00:00:00`;
const PURCHASED = `?purchased_at_start=${MONTH.start}T00:00:00`;

/** Each custom function, with the naive program's equivalent call. */
const FUNCTIONS: { name: string; args: unknown[]; naive: [string, unknown[]] }[] = [
  {
    name: 'BREX_TRANSACTIONS',
    args: [MONTH.start, MONTH.end],
    naive: ['naiveList', [`/v2/transactions/card/primary${SINCE}`]],
  },
  { name: 'BREX_BALANCES', args: [], naive: ['naiveList', ['/v2/accounts/cash']] },
  { name: 'BREX_BALANCE', args: [], naive: ['naiveList', ['/v2/accounts/cash']] },
  {
    name: 'BREX_EXPENSES',
    args: [MONTH.start, MONTH.end],
    naive: ['naiveList', [`/v1/expenses${PURCHASED}`]],
  },
  {
    name: 'BREX_EXPENSE_CATEGORIES',
    args: [MONTH.start, MONTH.end],
    naive: ['naiveCategoryTotals', [`/v1/expenses${PURCHASED}`]],
  },
  {
    name: 'BREX_SPEND',
    args: ['category', MONTH.start, MONTH.end],
    naive: ['naiveCategoryTotals', [`/v1/expenses${PURCHASED}`]],
  },
  { name: 'BREX_SPEND_LIMITS', args: [], naive: ['naiveList', ['/v2/spend_limits']] },
  { name: 'BREX_CARDS', args: [], naive: ['naiveList', ['/v2/cards']] },
  { name: 'BREX_USERS', args: [], naive: ['naiveList', ['/v2/users']] },
];

/** A scenario the naive baseline has no counterpart of: the add-on's figures alone. */
export interface SoloResult {
  readonly scenario: string;
  readonly transactions: number;
  readonly ours: Figures;
  readonly oursRequests: Record<string, number>;
  /** How many changes ended in each outcome, by action. */
  readonly outcomes: Record<string, number>;
}

export interface ScenarioResult {
  readonly scenario: string;
  readonly transactions: number;
  readonly ours: Figures;
  readonly baseline: Figures;
  readonly ratio: Record<keyof Figures, number | null>;
  /** The add-on's Brex requests per endpoint (ids replaced by {id}). */
  readonly oursRequests: Record<string, number>;
}

/** Brex requests per endpoint, so per data set targets can be read off. */
function requestsByEndpoint(sandbox: Sandbox): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of sandbox.log) {
    const path = entry.path.replace(/\/[a-z]+_(?=[A-Za-z]*[0-9])[A-Za-z0-9]+/g, '/{id}');
    counts[`${entry.method} ${path}`] = (counts[`${entry.method} ${path}`] ?? 0) + 1;
  }
  return counts;
}

const progress = (text: string) => process.stderr.write(`[bench] ${text}\n`);

function runtimeFor(sandbox: Sandbox, bundleDir?: string): Runtime {
  return createRuntime({
    bundleDir,
    brexUrl: sandbox.url,
    clock: fakeClock(Date.parse(`${TODAY}T12:00:00Z`)),
    modelTime: true,
    costModel: BENCH_COST_MODEL,
    limits: bundleDir ? UNBOUNDED : {},
  });
}

/** Runs `body`, which returns the executions it made, and measures them. */
async function measure(
  sandbox: Sandbox,
  limitMs: number,
  body: () => Promise<ExecutionResult[]>,
): Promise<Figures> {
  sandbox.log.length = 0;
  const started = performance.now();
  const results = await body();
  const wallMs = performance.now() - started;
  const failed = results.find((r) => !r.ok);
  if (failed) progress(`  ${failed.functionName} failed: ${failed.error?.message}`);
  return figuresOf({
    results,
    brexRequests: sandbox.log.length,
    wallMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    limitMs,
  });
}

interface Summary {
  readonly done: boolean;
  readonly dataSets: readonly { title: string; state: string; message: string | null }[];
}

/**
 * The add-on's refresh, one execution after another until it reports done. A data set that ended
 * in error (a full spreadsheet, say) would make the figures those of a partial sync: it stops
 * the benchmark instead.
 */
async function refreshUntilDone(runtime: Runtime): Promise<ExecutionResult[]> {
  const results: ExecutionResult[] = [];
  for (let call = 1; call <= 50; call += 1) {
    const result = await runtime.run('refreshNow', []);
    results.push(result);
    const summary = result.value as Summary | undefined;
    const failed = summary?.dataSets.filter((d) => d.state === 'error') ?? [];
    if (failed.length > 0) {
      const what = failed.map((d) => `${d.title}: ${d.message ?? 'error'}`).join('; ');
      throw new Error(`The refresh left data sets in error, so its figures would mislead: ${what}`);
    }
    if (!result.ok || summary?.done) return results;
    progress(`  refresh execution ${call} stopped at its time budget; continuing`);
  }
  throw new Error('The refresh was not done after 50 executions.');
}

function sandboxControl(sandbox: Sandbox, method: string, path: string, body?: unknown): unknown {
  const answer = control(sandbox, method, `${CONTROL_PREFIX}${path}`, body);
  if (answer.status !== 200) throw new Error(`${method} ${path}: ${answer.status}`);
  return answer.body;
}

/** `send`, tried again up to twice when the connection fails (not on an HTTP answer). */
async function retried(send: () => Promise<Response>): Promise<Response> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/** Spend limits to push changes to: the demo company's, plus new ones made through Brex's API. */
async function addSpendLimits(sandbox: Sandbox, count: number, first = 1): Promise<void> {
  for (let i = first; i < first + count; i += 1) {
    // The same key on a retry: a loopback connection reset must not make two limits.
    const response = await retried(() =>
      fetch(`${sandbox.url}/v2/spend_limits`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${sandbox.token}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': `bench-limit-${i}`,
        },
        // Every field Brex's create requires; the sandbox refuses a body without them.
        body: JSON.stringify({
          name: `Bench limit ${i}`,
          period_recurrence_type: 'PER_MONTH',
          authorization_settings: { base_limit: { amount: 100_000 * i, currency: 'USD' } },
          expense_visibility: 'SHARED',
          authorization_visibility: 'PUBLIC',
          limit_increase_setting: 'DISABLED',
          spend_type: 'NON_BUDGET_PROVISIONED_CARDS_ALLOWED',
          auto_transfer_cards_setting: 'DISABLED',
          auto_create_limit_cards_setting: 'ALL_MEMBERS',
          expense_policy_id: sandbox.snapshot().spend_limits[0]?.expense_policy_id,
        }),
      }),
    );
    if (!response.ok) throw new Error(`Creating a spend limit failed: ${response.status}`);
  }
}

interface Limit {
  id: string;
  status?: string;
  end_date?: string | null;
  authorization_settings?: { base_limit?: { amount: number; currency: string } };
}

function activeLimits(sandbox: Sandbox): Limit[] {
  return (sandbox.snapshot().spend_limits as Limit[]).filter(
    (l) => l.status === 'ACTIVE' && (!l.end_date || l.end_date >= TODAY),
  );
}

function pushableLimits(sandbox: Sandbox, count: number): Limit[] {
  const limits = activeLimits(sandbox);
  if (limits.length < count) throw new Error(`Only ${limits.length} pushable spend limits.`);
  return limits.slice(0, count);
}

/** A person edits each limit's "Base limit" cell to one unit more. */
async function editLimits(runtime: Runtime, limits: Limit[]): Promise<void> {
  const sheet = 'Brex Spend Limits';
  for (const limit of limits) {
    const grid = runtime.values(sheet);
    const column = (grid[0] as unknown[]).indexOf('Base limit');
    const row = grid.findIndex((cells) => cells.includes(limit.id));
    const current = Number(grid[row]?.[column]);
    await runtime.edit(`${sheet}!${columnLetter(column)}${row + 1}`, current + 1, { as: OWNER });
  }
}

async function scenariosAt(
  transactions: number,
  solo: SoloResult[],
  families: ReadonlySet<ScenarioFamily>,
): Promise<ScenarioResult[]> {
  progress(`sandbox with ${transactions.toLocaleString('en-US')} card transactions`);
  // Each runtime runs on its own modelled clock, which the sandbox's rate limit (on real time)
  // cannot follow; the limit itself is tested in test/integration/sync-user-limits.test.ts.
  const sandbox = await startSandbox({
    seed: 'bench',
    today: TODAY,
    transactions,
    rateLimit: Number.MAX_SAFE_INTEGER,
  });
  try {
    await addSpendLimits(sandbox, 10);
    const ours = runtimeFor(sandbox);
    const naive = runtimeFor(sandbox, BASELINE_DIR);
    await ours.call('connect', [{ token: sandbox.token, environment: 'production' }]);
    await ours.call('saveWriteCredential', [{ sameAsConnection: true }]);
    await ours.call('saveSyncSettings', [{ dataSets: DATA_SETS, historyStart: '2025-01-01' }]);
    await naive.call('naiveConnect', [sandbox.token]);
    const out: ScenarioResult[] = [];
    const scenario = async (
      name: string,
      limitMs: number,
      runOurs: () => Promise<ExecutionResult[]>,
      runNaive: () => Promise<ExecutionResult[]>,
    ) => {
      progress(`${name} at ${transactions}: ours`);
      const o = await measure(sandbox, limitMs, runOurs);
      const oursRequests = requestsByEndpoint(sandbox);
      progress(`${name} at ${transactions}: baseline`);
      const b = await measure(sandbox, limitMs, runNaive);
      out.push({
        scenario: name,
        transactions,
        ours: o,
        baseline: b,
        ratio: ratios(o, b),
        oursRequests,
      });
      const endpoints = Object.entries(oursRequests)
        .map(([endpoint, n]) => `  ${endpoint}: ${n}`)
        .join('\n');
      process.stdout.write(
        `\n${table(`${name} (${transactions} transactions)`, o, b)}\nours, Brex requests by endpoint:\n${endpoints}\n`,
      );
    };
    const naiveSync = async () => [await naive.run('naiveSync', [DATA_SETS])];
    /** `count` "Base limit" cells edited, reviewed and pushed; the naive push of the same changes. */
    const pushScenario = async (count: number) => {
      await editLimits(ours, pushableLimits(sandbox, count));
      const changes = pushableLimits(sandbox, count).map((l) => ({
        id: l.id,
        amount: (l.authorization_settings?.base_limit?.amount ?? 0) + 200,
        currency: l.authorization_settings?.base_limit?.currency ?? 'USD',
      }));
      await scenario(
        `push of ${count} spend-limit changes`,
        EXECUTION_LIMIT_MS,
        async () => {
          // A push always follows a review, which hands out what the push may send.
          const review = await ours.run('reviewSpendLimitChanges', []);
          const reviewed = (review.value as SpendLimitReview).changes.map((c) => ({
            id: c.id,
            fingerprint: c.fingerprint,
          }));
          return [review, await ours.run('pushSpendLimitChanges', [reviewed])];
        },
        async () => {
          await naive.call('naiveStageChanges', [changes]);
          return [await naive.run('naivePush', [])];
        },
      );
    };

    if (families.has('first-sync')) {
      await scenario('first sync', EXECUTION_LIMIT_MS, () => refreshUntilDone(ours), naiveSync);
    } else {
      progress(`first sync at ${transactions} (not measured)`);
      await refreshUntilDone(ours);
    }
    if (families.has('quiet-refresh')) {
      await scenario(
        'refresh, nothing new',
        EXECUTION_LIMIT_MS,
        () => refreshUntilDone(ours),
        naiveSync,
      );
    }
    if (families.has('new-transactions')) {
      sandboxControl(sandbox, 'POST', '/card-transactions', { count: 200, date: TODAY });
      // Both programs see the same 200 new transactions: the baseline runs right after ours.
      await scenario(
        'refresh, 200 new transactions',
        EXECUTION_LIMIT_MS,
        () => refreshUntilDone(ours),
        naiveSync,
      );
    }
    if (families.has('dashboard')) {
      // Made once (unmeasured); then what every finished refresh adds: the tables computed again
      // from the synced sheets. The naive script reads Brex again for the same tables.
      await ours.call('createDashboard');
      await scenario(
        'dashboard update',
        EXECUTION_LIMIT_MS,
        async () => [await ours.run('createDashboard', [])],
        async () => [await naive.run('naiveDashboard', [])],
      );
    }
    for (const fn of families.has('formulas') ? FUNCTIONS : []) {
      for (const temperature of ['cold', 'cached']) {
        await scenario(
          `${fn.name} ${temperature}`,
          CUSTOM_FUNCTION_LIMIT_MS,
          async () => [await ours.run(fn.name, fn.args)],
          async () => [await naive.run(fn.naive[0], fn.naive[1])],
        );
      }
    }
    if (families.has('push-20')) await pushScenario(20);
    if (families.has('push-500')) {
      try {
        // 500 changes need 500 limits in the sheet: made through Brex's API, then synced (unmeasured).
        await addSpendLimits(sandbox, 500 - activeLimits(sandbox).length, 11);
        await refreshUntilDone(ours);
        await pushScenario(500);
      } catch (error) {
        // The other scenarios' figures still stand; the line says why this one is missing.
        progress(`push of 500 not measured: ${error instanceof Error ? error.message : error}`);
      }
    }
    if (families.has('mixed-push')) {
      try {
        // Cards locked, users' limits and departments, expense memos, and base limits for the rest,
        // typed after a refresh: the naive push of 500 changed the limits in Brex since the last one.
        await refreshUntilDone(ours);
        const edits = mixedEdits(ours, 500);
        await typeEdits(ours, edits);
        const name = `push of ${edits.length} mixed actions`;
        progress(`${name} at ${transactions}: ours`);
        const outcomes: Record<string, number> = {};
        const figures = await measure(sandbox, EXECUTION_LIMIT_MS, () =>
          reviewAndPush(ours, outcomes),
        );
        const oursRequests = requestsByEndpoint(sandbox);
        solo.push({ scenario: name, transactions, ours: figures, oursRequests, outcomes });
        process.stdout.write(
          `\n${name} (${transactions} transactions), the add-on alone:\n` +
            (Object.keys(figures) as (keyof Figures)[])
              .map((key) => `  ${key.padEnd(20)} ${figures[key].toLocaleString('en-US')}`)
              .join('\n') +
            `\noutcomes:\n${Object.entries(outcomes)
              .map(([outcome, n]) => `  ${outcome}: ${n}`)
              .join('\n')}\nBrex requests by endpoint:\n${Object.entries(oursRequests)
              .map(([endpoint, n]) => `  ${endpoint}: ${n}`)
              .join('\n')}\n`,
        );
      } catch (error) {
        progress(`mixed push not measured: ${error instanceof Error ? error.message : error}`);
      }
    }
    if (families.has('approval')) {
      try {
        // Staged by one person (unmeasured), reviewed and approved by another with their own key.
        const account = payee(sandbox);
        await refreshUntilDone(ours);
        await stagePayments(ours, account, 200);
        await ours.call('saveWriteCredential', [{ token: sandbox.token }], { as: APPROVER });
        const outcomes: Record<string, number> = {};
        await scenario(
          'approval of 200 payments',
          EXECUTION_LIMIT_MS,
          () => reviewAndApprove(ours, outcomes),
          async () => {
            await naive.call('naiveStagePayments', [naivePayments(sandbox, 200)]);
            return [await naive.run('naiveApprovePayments', [])];
          },
        );
        process.stdout.write(
          `approval outcomes:\n${Object.entries(outcomes)
            .map(([outcome, n]) => `  ${outcome}: ${n}`)
            .join('\n')}\n`,
        );
      } catch (error) {
        progress(`approval not measured: ${error instanceof Error ? error.message : error}`);
      }
    }
    return out;
  } finally {
    await sandbox.close();
  }
}

/**
 * `--dashboard-only N`: the dashboard's update at N transactions, the add-on alone: a first sync
 * (not measured), the dashboard made, then its update measured as every finished refresh runs it.
 */
async function dashboardAt(transactions: number): Promise<Figures> {
  progress(`sandbox with ${transactions.toLocaleString('en-US')} card transactions`);
  const sandbox = await startSandbox({ seed: 'bench', today: TODAY, transactions });
  try {
    const ours = runtimeFor(sandbox);
    await ours.call('connect', [{ token: sandbox.token, environment: 'production' }]);
    await ours.call('saveSyncSettings', [{ dataSets: DATA_SETS, historyStart: '2025-01-01' }]);
    progress('first sync (not measured)');
    await refreshUntilDone(ours);
    await ours.call('createDashboard');
    progress('dashboard update');
    const figures = await measure(sandbox, EXECUTION_LIMIT_MS, async () => [
      await ours.run('createDashboard', []),
    ]);
    process.stdout.write(
      `\ndashboard update (${transactions} transactions), the add-on alone:\n` +
        (Object.keys(figures) as (keyof Figures)[])
          .map((key) => `  ${key.padEnd(20)} ${figures[key]}`)
          .join('\n') +
        '\n',
    );
    return figures;
  } finally {
    await sandbox.close();
  }
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--dashboard-only');
  if (at >= 0) {
    const transactions = Number(process.argv[at + 1] ?? 100_000);
    const dashboard = await dashboardAt(transactions);
    process.stdout.write(`\n${JSON.stringify({ dashboardOnly: { transactions, dashboard } })}\n`);
    return;
  }
  const quick = process.argv.includes('--quick');
  const onlyAt = process.argv.indexOf('--only');
  const families = selectedFamilies(onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined);
  // `--size N`: one transaction count alone (the full run's second half, say).
  const sizeAt = process.argv.indexOf('--size');
  const sizes =
    sizeAt >= 0 ? [Number(process.argv[sizeAt + 1])] : quick ? [10_000] : [10_000, 100_000];
  const machine = {
    date: new Date().toISOString().slice(0, 10),
    cpus: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    run: quick ? 'quick' : 'full',
    ...(onlyAt >= 0 ? { only: [...families] } : {}),
  };
  const results: ScenarioResult[] = [];
  const solo: SoloResult[] = [];
  for (const size of sizes) results.push(...(await scenariosAt(size, solo, families)));
  process.stdout.write(
    `\n${JSON.stringify({ machine, costModel: BENCH_COST_MODEL, results, solo })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exitCode = 1;
});
