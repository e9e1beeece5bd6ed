/**
 * The menu and the sidebar's opening through the built bundle in the local runtime: the menu is
 * built in AuthMode.NONE (before authorization), and every item and sidebar call names a global.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRuntime } from '../../dev/runtime/runtime';
import { SIDEBAR_FUNCTION_NAMES } from '../../src/contract/server-functions';

const bundle = readFileSync(join(__dirname, '../../dist/Code.js'), 'utf8');
const isGlobalFunction = (name: string) => new RegExp(`^function ${name}\\(`, 'm').test(bundle);

describe('the add-on menu', () => {
  it('has all six items when onOpen runs in AuthMode.NONE', async () => {
    const runtime = createRuntime({ onOpenAuthMode: 'NONE' });

    const result = await runtime.run('onOpen', [{ authMode: 'NONE' }], { authMode: 'NONE' });

    expect(result.error).toBeUndefined();
    expect(runtime.ui.menus).toHaveLength(1);
    expect(runtime.ui.menus[0]?.items.map((i) => ('label' in i ? i.label : '—'))).toEqual([
      'Open sidebar',
      'Refresh now',
      'Refresh formulas',
      'Review changes',
      'Create dashboard',
      'Help',
    ]);
    expect(result.stats).toMatchObject({ propertyReads: 0 });
  });

  it('runs a global function of the bundle from every item', async () => {
    const runtime = createRuntime();
    await runtime.call('onOpen', [{ authMode: 'LIMITED' }], { authMode: 'LIMITED' });

    const names = runtime.ui.menus[0]?.items.map((i) =>
      'functionName' in i ? i.functionName : '',
    );

    expect(names?.filter((n) => !isGlobalFunction(n))).toEqual([]);
  });
});

describe('opening the sidebar', () => {
  it.each([
    ['showSidebar', ''],
    ['showRefreshSidebar', 'refresh'],
    ['showReviewSidebar', 'review'],
  ])('%s opens the built page with data-start="%s"', async (menuFunction, start) => {
    const runtime = createRuntime();

    await runtime.call(menuFunction);

    expect(runtime.ui.sidebar?.title).toBe('Brex');
    expect(runtime.ui.sidebar?.html).toContain(`<body data-start="${start}">`);
    expect(runtime.ui.sidebar?.html).toContain('<main id="app"');
  });

  it('can call every server function the sidebar uses', () => {
    expect(SIDEBAR_FUNCTION_NAMES.filter((n) => !isGlobalFunction(n))).toEqual([]);
  });
});
