import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { readEntryPoints } from '../../dev/build/entry-points';
import {
  APPS_SCRIPT_SERVICES,
  createBareContext,
  DIST,
  loadBundle,
} from '../support/bare-apps-script-context';

const entrySource = readFileSync(join(__dirname, '../../src/server/index.ts'), 'utf8');
const entryPoints = readEntryPoints(entrySource);
const code = readFileSync(join(DIST, 'Code.js'), 'utf8');

describe('dist/Code.js in a bare Apps Script context', () => {
  it('loads without calling any service or throwing', () => {
    const bare = createBareContext();

    loadBundle(bare);

    expect(bare.calls).toEqual([]);
  });

  it('has no Node API the Apps Script runtime lacks', () => {
    const bare = createBareContext();
    loadBundle(bare);

    for (const name of ['require', 'process', 'fetch', 'setTimeout', 'Buffer', 'module']) {
      expect(vm.runInContext(`typeof ${name}`, bare.context)).toBe('undefined');
    }
  });

  it('exposes every entry point as a global function, and nothing else', () => {
    const bare = createBareContext();
    loadBundle(bare);

    const globals = vm.runInContext(
      'Object.keys(globalThis).filter((k) => typeof globalThis[k] === "function")',
      bare.context,
    ) as string[];
    const ours = globals.filter(
      (name) => !(APPS_SCRIPT_SERVICES as readonly string[]).includes(name),
    );
    expect(ours.sort()).toEqual(entryPoints.map((e) => e.name).sort());
  });

  it('keeps helpers inside one private namespace', () => {
    const bare = createBareContext();
    loadBundle(bare);

    const names = vm.runInContext('Object.keys(globalThis)', bare.context) as string[];
    const nonFunctions = names.filter(
      (k) =>
        vm.runInContext(`typeof globalThis[${JSON.stringify(k)}]`, bare.context) !== 'function',
    );
    expect(nonFunctions).toEqual(['BrexAddon_']);
  });

  it('puts each custom function’s @customfunction JSDoc directly above its declaration', () => {
    const customFunctions = entryPoints.filter((e) => e.isCustomFunction);

    for (const fn of customFunctions) {
      const pattern = new RegExp(
        `/\\*\\*((?!\\*/)[\\s\\S])*@customfunction[\\s\\S]*?\\*/\\nfunction ${fn.name}\\(`,
      );
      expect(code).toMatch(pattern);
    }
  });

  it('builds the menu when onOpen runs', () => {
    const bare = createBareContext();
    loadBundle(bare);

    vm.runInContext('onOpen({ authMode: "NONE" })', bare.context);

    expect(bare.calls).toContain('SpreadsheetApp.getUi().createAddonMenu().addToUi()');
  });
});
