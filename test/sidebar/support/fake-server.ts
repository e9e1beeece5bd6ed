/** A sidebar wired to a table of fake server functions through the google.script.run shim. */
import { connectServer } from '../../../src/contract/server-facade';
import { createScriptRunShim } from '../../../src/contract/script-run-shim';
import type { ServerResult, SidebarFunctionName } from '../../../src/contract/server-functions';
import type { SidebarStart } from '../../../src/contract/sidebar-start';
import { Sidebar } from '../../../src/sidebar/app';

export type Handlers = {
  [K in SidebarFunctionName]?: (...args: never[]) => unknown;
};

export const connected: ServerResult<'getConnectionStatus'> = {
  connected: true,
  environment: 'production',
  user: 'Ada Lovelace',
  email: 'ada@example.com',
  company: 'Analytical Engines Inc',
  tokenLast4: 'WXYZ',
  canWrite: true,
  writeCredential: { user: 'Ada Lovelace', tokenLast4: 'WXYZ', sameAsConnection: true },
  connectedAt: '2026-03-28T09:00:00.000Z',
  dataSets: [],
};

export const disconnected: ServerResult<'getConnectionStatus'> = {
  connected: false,
  environment: null,
  user: null,
  email: null,
  company: null,
  tokenLast4: null,
  canWrite: false,
  writeCredential: null,
  connectedAt: null,
  dataSets: [],
};

type Health = ServerResult<'getSyncHealth'>['dataSets'][number];

export function health(overrides: Partial<Health> & Pick<Health, 'id' | 'title'>): Health {
  return {
    sheetName: `Brex ${overrides.title}`,
    selected: true,
    state: 'ok',
    lastSuccess: '2026-03-29T09:00:00.000Z',
    lastRun: '2026-03-29T09:00:00.000Z',
    pages: 1,
    rows: 10,
    added: 2,
    updated: 1,
    removed: 0,
    message: null,
    traceId: null,
    ...overrides,
  };
}

export const NOW = new Date('2026-03-30T12:00:00.000Z');

const defaults: Handlers = {
  getConnectionStatus: () => connected,
  getSyncSettings: () => ({ dataSets: ['users'], historyStart: '2026-01-01' }),
  saveSyncSettings: (settings: never) => settings,
  getSyncHealth: () => ({
    refreshInProgress: false,
    refreshStartedAt: null,
    retrying: null,
    lastBrexCallAt: null,
    dataSets: [
      health({ id: 'users', title: 'Users' }),
      health({ id: 'cards', title: 'Cards', selected: false, state: 'never', lastSuccess: null }),
    ],
  }),
  reviewChanges: () => ({ changes: [], canPush: true, credentialHelp: null }),
  pendingChangeCount: () => ({ pending: 0, refused: 0 }),
  getSchedule: () => ({
    kind: 'off',
    hour: null,
    timeZone: null,
    description: 'Off: data refreshes only when someone clicks Refresh now.',
    owner: null,
    ownedByMe: false,
    lastRun: null,
    runs: [],
  }),
};

export interface Mounted {
  readonly calls: Array<[string, unknown[]]>;
  readonly started: Promise<void>;
}

export function mountSidebar(
  handlers: Handlers,
  start: SidebarStart = 'overview',
  pollMs = 60_000,
): Mounted {
  document.body.innerHTML = '<main id="app"></main>';
  const root = document.getElementById('app') as HTMLElement;
  const calls: Array<[string, unknown[]]> = [];
  const table = { ...defaults, ...handlers } as Record<string, (...args: unknown[]) => unknown>;
  const run = createScriptRunShim((name, args) => {
    calls.push([name, args]);
    const fn = table[name];
    if (!fn) throw new Error(`No fake for ${name}.`);
    return fn(...args);
  });
  const sidebar = new Sidebar(root, {
    server: connectServer({ google: { script: { run } } }),
    start,
    now: () => NOW,
    pollMs,
  });
  return { calls, started: sidebar.start() };
}

/** Lets pending server calls and renders finish. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

export const callsTo = (mounted: Mounted, name: string) =>
  mounted.calls.filter(([n]) => n === name).map(([, args]) => args);

export function region(name: string): HTMLElement {
  const found = [...document.querySelectorAll('section')].find(
    (s) => s.querySelector('h2')?.textContent === name,
  );
  if (!found) throw new Error(`No region named ${name}.`);
  return found;
}

export function button(name: string, within: ParentNode = document): HTMLButtonElement {
  const found = [...within.querySelectorAll('button')].find(
    (b) => b.textContent === name && !b.hidden,
  );
  if (!found) throw new Error(`No button named ${name}.`);
  return found;
}

export function field<T extends HTMLElement>(label: string, within: ParentNode = document): T {
  const found = [...within.querySelectorAll('label')].find((l) => l.textContent === label);
  const control = found ? document.getElementById(found.htmlFor) : null;
  if (!control) throw new Error(`No field labelled ${label}.`);
  return control as T;
}
