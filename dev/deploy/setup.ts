/**
 * `npm run setup`: creates the Apps Script project behind the add-on with clasp and records its
 * scriptId in .clasp.json. Needs `npx clasp login` first (see docs/deploy.md).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const claspFile = join(root, '.clasp.json');
const clasp = join(root, 'node_modules/.bin/clasp');

const config = JSON.parse(readFileSync(claspFile, 'utf8')) as { scriptId: string; rootDir: string };
if (config.scriptId) {
  console.log(`Already set up: .clasp.json names script ${config.scriptId}. Run npm run push.`);
  process.exit(0);
}

const title = process.argv[2] ?? 'Brex for Google Sheets';
// clasp writes a fresh .clasp.json for the project it creates; keep our rootDir.
execFileSync(
  clasp,
  ['create-script', '--type', 'standalone', '--title', title, '--rootDir', 'dist'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
const created = JSON.parse(readFileSync(claspFile, 'utf8')) as { scriptId: string };
writeFileSync(
  claspFile,
  `${JSON.stringify({ scriptId: created.scriptId, rootDir: 'dist' }, null, 2)}\n`,
);
console.log(`Created script ${created.scriptId}; recorded in .clasp.json. Next: npm run push.`);
