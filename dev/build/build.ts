/**
 * `npm run build`: dist/Code.js (one IIFE plus the generated entry-point wrappers),
 * dist/sidebar.html (CSS and JS inlined) and dist/appsscript.json.
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readEntryPoints, renderWrapper } from './entry-points';

export const BUNDLE_NAMESPACE = 'BrexAddon_';
const root = resolve(__dirname, '../..');
const dist = join(root, 'dist');

async function buildServer(): Promise<void> {
  const entrySource = readFileSync(join(root, 'src/server/index.ts'), 'utf8');
  const wrappers = readEntryPoints(entrySource).map((e) => renderWrapper(e, BUNDLE_NAMESPACE));
  await build({
    entryPoints: [join(root, 'src/server/index.ts')],
    bundle: true,
    format: 'iife',
    globalName: BUNDLE_NAMESPACE,
    target: 'es2020',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    charset: 'utf8',
    legalComments: 'none',
    outfile: join(dist, 'Code.js'),
    banner: { js: '// Brex for Google Sheets. Built file: edit src/, then run `npm run build`.' },
    footer: {
      js: `\n// Entry points, generated from src/server/index.ts.\n${wrappers.join('\n')}`,
    },
  });
}

async function buildSidebar(): Promise<void> {
  const result = await build({
    entryPoints: [join(root, 'src/sidebar/main.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2019',
    platform: 'browser',
    write: false,
    legalComments: 'none',
  });
  const script = result.outputFiles[0]?.text ?? '';
  const css = readFileSync(join(root, 'src/sidebar/styles.css'), 'utf8');
  const template = readFileSync(join(root, 'src/sidebar/index.html'), 'utf8');
  // A function replacer: `$` sequences in the bundle must not be read as replacement patterns.
  const html = template
    .replace('/* @inline styles.css */', () => css)
    .replace('/* @inline main.ts */', () => script.replace(/<\/script/gi, '<\\/script'));
  writeFileSync(join(dist, 'sidebar.html'), html);
}

async function main(): Promise<void> {
  mkdirSync(dist, { recursive: true });
  await buildServer();
  await buildSidebar();
  copyFileSync(join(root, 'appsscript.json'), join(dist, 'appsscript.json'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
