/**
 * A node:vm context holding only what Apps Script's V8 runtime offers: the ECMAScript built-ins
 * plus recording stand-ins for its services. No require, process, fetch, setTimeout or Buffer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';

export const APPS_SCRIPT_SERVICES = [
  'SpreadsheetApp',
  'PropertiesService',
  'CacheService',
  'LockService',
  'UrlFetchApp',
  'ScriptApp',
  'HtmlService',
  'Utilities',
  'Session',
  'Logger',
  'console',
] as const;

export interface BareContext {
  readonly context: vm.Context;
  /** Every service touched, as `Service.member` paths, in order. */
  readonly calls: string[];
}

/** A stand-in that records every property read or call made through it, however deep. */
function recorder(path: string, calls: string[]): unknown {
  const target = function () {
    /* callable stand-in */
  };
  return new Proxy(target, {
    get(_t, key) {
      if (typeof key === 'symbol') return undefined;
      calls.push(`${path}.${key}`);
      return recorder(`${path}.${key}`, calls);
    },
    apply() {
      calls.push(`${path}()`);
      return recorder(`${path}()`, calls);
    },
  });
}

export function createBareContext(): BareContext {
  const calls: string[] = [];
  const sandbox: Record<string, unknown> = {};
  for (const name of APPS_SCRIPT_SERVICES) sandbox[name] = recorder(name, calls);
  return { context: vm.createContext(sandbox), calls };
}

export const DIST = join(__dirname, '../../dist');

export function loadBundle(bare: BareContext): void {
  const code = readFileSync(join(DIST, 'Code.js'), 'utf8');
  vm.runInContext(code, bare.context, { filename: 'Code.js' });
}
