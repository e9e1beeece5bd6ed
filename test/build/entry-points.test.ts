import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEntryPoints, renderWrapper } from '../../dev/build/entry-points';
import { DIST } from '../support/bare-apps-script-context';

const source = readFileSync(join(__dirname, '../../src/server/index.ts'), 'utf8');

describe('entry points', () => {
  describe('readEntryPoints', () => {
    it('reads exported functions with their parameters and JSDoc', () => {
      const text = [
        '/** Sums.\n * @customfunction\n */',
        'export function BREX_SUM(a: number, b?: number): number { return a + (b ?? 0); }',
        'function helper() {}',
        'export const notAFunction = 1;',
      ].join('\n');

      const entries = readEntryPoints(text);

      expect(entries).toEqual([
        {
          name: 'BREX_SUM',
          params: ['a', 'b'],
          jsdoc: '/** Sums.\n * @customfunction\n */',
          isCustomFunction: true,
        },
      ]);
    });
  });

  describe('dist/Code.js', () => {
    it('carries exactly the wrappers generated from src/server/index.ts', () => {
      const code = readFileSync(join(DIST, 'Code.js'), 'utf8');
      const footer = code.slice(code.indexOf('// Entry points, generated'));

      const expected = readEntryPoints(source).map((e) => renderWrapper(e, 'BrexAddon_'));

      expect(expected.length).toBeGreaterThan(0);
      for (const wrapper of expected) expect(footer).toContain(wrapper);
      const declared = [...footer.matchAll(/^function (\w+)\(/gm)].map((m) => m[1]);
      expect(declared).toEqual(readEntryPoints(source).map((e) => e.name));
    });

    it('exports from the namespace every function a wrapper delegates to', () => {
      const code = readFileSync(join(DIST, 'Code.js'), 'utf8');
      const exportsBlock = /__export\(index_exports, \{([\s\S]*?)\}\);/.exec(code)?.[1] ?? '';
      const exported = [...exportsBlock.matchAll(/(\w+): \(\) =>/g)].map((m) => m[1]).sort();

      expect(exported).toEqual(
        readEntryPoints(source)
          .map((e) => e.name)
          .sort(),
      );
    });
  });
});
