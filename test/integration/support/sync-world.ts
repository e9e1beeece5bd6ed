/**
 * A Brex sandbox and the local Apps Script runtime running the built bundle (dist/Code.js)
 * against it over loopback HTTP, plus helpers to drive refreshes and read the sheets back.
 */
import { startSandbox, type Sandbox } from '../../../dev/sandbox';
import { createRuntime, type ExecutionResult, type Runtime } from '../../../dev/runtime/runtime';
import { findSheet, type Sheet } from '../../../dev/runtime/workbook';
import { control as sandboxControl, CONTROL_PREFIX } from '../../../dev/sandbox/control';
import { DATA_SET_IDS } from '../../../src/data-sets';

export const ALL_DATA_SETS = DATA_SET_IDS;

export const SANDBOX_OPTIONS = { seed: 'sync-tests', today: '2026-03-15' } as const;

export interface RefreshSummary {
  done: boolean;
  busy: boolean;
  message: string;
  dataSets: {
    id: string;
    state: string;
    added: number;
    updated: number;
    removed: number;
    message: string | null;
  }[];
}

export async function startWorld(
  sandbox?: Sandbox,
): Promise<{ sandbox: Sandbox; runtime: Runtime }> {
  const box = sandbox ?? (await startSandbox(SANDBOX_OPTIONS));
  const runtime = createRuntime({ brexUrl: box.url });
  await runtime.call('connect', [{ token: box.token, environment: 'production' }]);
  await runtime.call('saveSyncSettings', [{ dataSets: ALL_DATA_SETS, historyStart: '2000-01-01' }]);
  return { sandbox: box, runtime };
}

/** Calls refreshNow until it reports done; every call must succeed. */
export async function refreshUntilDone(runtime: Runtime, maxCalls = 20): Promise<RefreshSummary> {
  for (let call = 1; call <= maxCalls; call += 1) {
    const result: ExecutionResult = await runtime.run('refreshNow', []);
    if (!result.ok) throw new Error(`refreshNow failed: ${result.error?.message}`);
    const summary = result.value as RefreshSummary;
    if (summary.done) return summary;
  }
  throw new Error(`The refresh was not done after ${maxCalls} calls.`);
}

export function sheetOf(runtime: Runtime, name: string): Sheet {
  const sheet = findSheet(runtime.workbook, name);
  if (!sheet) throw new Error(`No sheet ${name}.`);
  return sheet;
}

/** A data sheet as objects keyed by header, one per row that has a Brex ID. */
export function rowsOf(runtime: Runtime, name: string): Map<string, Record<string, unknown>> {
  const [header = [], ...rows] = runtime.values(name);
  const rowsById = new Map<string, Record<string, unknown>>();
  for (const row of rows) {
    const record = Object.fromEntries(header.map((h, i) => [String(h), row[i]]));
    const id = String(record['Brex ID'] ?? '');
    if (id) rowsById.set(id, record);
  }
  return rowsById;
}

// "Brex Settings" holds the formulas' refresh cell, stamped with the time of connecting.
const BOOKKEEPING_SHEETS = ['Brex Sync Log', 'Brex Sync State', 'Brex Settings'];

/** Every data sheet's values (the add-on's hidden state and log sheets aside). */
export function dataSheets(runtime: Runtime): Record<string, unknown[][]> {
  return Object.fromEntries(
    runtime.workbook.sheets
      .filter((s) => s.name.startsWith('Brex ') && !BOOKKEEPING_SHEETS.includes(s.name))
      .map((s) => [s.name, runtime.values(s.name)]),
  );
}

/** A change made as if in Brex's dashboard, through the sandbox's control API (in process). */
export function control(sandbox: Sandbox, method: string, path: string, body?: unknown): unknown {
  const result = sandboxControl(sandbox, method, `${CONTROL_PREFIX}${path}`, body);
  if (result.status !== 200) {
    throw new Error(`${method} ${path}: ${result.status} ${JSON.stringify(result.body)}`);
  }
  return result.body;
}
