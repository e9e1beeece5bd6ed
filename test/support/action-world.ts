/**
 * The world of the action bundle tests: the built bundle in the local runtime, connected by the
 * OWNER (whose token is also their write credential), with the data sets the actions write from
 * synced once, and the sandbox's request log emptied so that a test counts only its own requests.
 * `reviewAndPush` is the sidebar's review, then a push of the changes it shows.
 */
import type { Sandbox } from '../../dev/sandbox';
import type { Runtime } from '../../dev/runtime';
import type { ChangeResult, ChangeView, ChangesReview } from '../../src/contract/writeback';
import { newRuntime, OWNER, refreshUntilDone } from './world';

/** Every sheet an action writes from. */
export const ACTION_DATA_SETS: readonly string[] = [
  'users',
  'departments',
  'locations',
  'cards',
  'spend_limits',
  'vendors',
  'expenses',
];

export interface ActionWorldOptions {
  /** The data sets synced (a person may sync "Brex Users" alone); every action's by default. */
  readonly dataSets?: readonly string[];
  /** Brex before the sync, as if set so in its dashboard; the seeded company (a reset) if not given. */
  readonly company?: (sandbox: Sandbox) => void;
  /** The spreadsheet (a clock, a cost model of its own); `newRuntime(sandbox)` if not given. */
  readonly runtime?: () => Runtime;
}

/** A fresh spreadsheet against `sandbox`, connected and synced by the owner. */
export async function actionWorld(
  sandbox: Sandbox,
  options: ActionWorldOptions = {},
): Promise<Runtime> {
  if (options.company) options.company(sandbox);
  else sandbox.reset();
  const runtime = options.runtime?.() ?? newRuntime(sandbox);
  await connectAndSync(runtime, sandbox, options.dataSets ?? ACTION_DATA_SETS);
  sandbox.log.length = 0;
  return runtime;
}

/** The owner connects, takes the connection's token as their write credential, and syncs. */
export async function connectAndSync(
  runtime: Runtime,
  sandbox: Sandbox,
  dataSets: readonly string[],
): Promise<void> {
  const as = { as: OWNER };
  await runtime.call('connect', [{ token: sandbox.token, environment: 'production' }], as);
  await runtime.call('saveWriteCredential', [{ sameAsConnection: true }], as);
  await runtime.call('saveSyncSettings', [{ dataSets, historyStart: '2026-01-01' }], as);
  await refreshUntilDone(runtime, as);
}

/**
 * Reviews as `as` (the owner by default), then pushes every change shown, confirmed ones and
 * refused ones included, as a person ticking them all would; the review and the push's results.
 */
export async function reviewAndPush(
  runtime: Runtime,
  as = OWNER,
): Promise<{ changes: ChangeView[]; results: ChangeResult[] }> {
  const review = (await runtime.call('reviewChanges', [], { as })) as ChangesReview;
  const changes = [...review.changes];
  const keys = changes.map((c) => c.key);
  const results = (await runtime.call('pushChanges', [keys], { as })) as ChangeResult[];
  return { changes, results };
}
