/**
 * `npm run setup [-- dev|prod] [title]`: creates the environment's Apps Script project with clasp
 * (development when none is named) and records its scriptId in .clasp.json or
 * .clasp-prod.json. Needs `npx clasp login` first (docs/deploy.md).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { type Environment, projectFile, recordScriptId, ROOT, scriptIdOf } from './clasp-project';

const [envArg = 'dev', titleArg] = process.argv.slice(2);
if (envArg !== 'dev' && envArg !== 'prod') {
  console.error(`Unknown environment "${envArg}": use \`npm run setup -- dev\` or \`-- prod\`.`);
  process.exit(1);
}
const env: Environment = envArg;
const file = relative(ROOT, projectFile(env));
interface Project {
  scriptId: string;
}

const existing = scriptIdOf(env);
if (existing) {
  console.log(`Already set up: ${file} names script ${existing}.`);
  process.exit(0);
}

const title =
  titleArg ?? (env === 'dev' ? 'Brex for Google Sheets (dev)' : 'Brex for Google Sheets');
// clasp writes a .clasp.json (and the new project's files) where it runs: let it do so in a
// scratch folder, and keep only the scriptId.
const scratch = mkdtempSync(join(tmpdir(), 'brex-clasp-'));
let scriptId = '';
try {
  execFileSync(
    join(ROOT, 'node_modules/.bin/clasp'),
    ['create-script', '--type', 'standalone', '--title', title],
    { cwd: scratch, stdio: 'inherit' },
  );
  scriptId = (JSON.parse(readFileSync(join(scratch, '.clasp.json'), 'utf8')) as Project).scriptId;
} catch {
  // clasp said why above.
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
if (!scriptId) {
  console.error('No project created: clasp create-script failed. Logged in? `npx clasp login`.');
  process.exit(1);
}
recordScriptId(env, scriptId);
console.log(
  `Created "${title}" (script ${scriptId}); recorded in ${file}. Next: ` +
    (env === 'dev' ? 'npm run push.' : 'npm run release.'),
);
