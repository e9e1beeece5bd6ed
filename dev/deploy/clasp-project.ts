/**
 * The add-on's two Apps Script projects, kept apart in two clasp project files: development
 * (.clasp.json, clasp's default file, so a bare `npx clasp` can only reach development: `npm run push`,
 * test deployments) and production (.clasp-prod.json:
 * `npm run release`, the Marketplace listing). Nothing reaches either before the checks pass, and
 * production is reached only by a release. See docs/deploy.md.
 */
import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type Environment = 'dev' | 'prod';

export const ROOT = resolve(__dirname, '../..');
const CLASP = join(ROOT, 'node_modules/.bin/clasp');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export function projectFile(env: Environment): string {
  return join(ROOT, env === 'dev' ? '.clasp.json' : '.clasp-prod.json');
}

export function scriptIdOf(env: Environment): string {
  const project = JSON.parse(readFileSync(projectFile(env), 'utf8')) as { scriptId?: string };
  return project.scriptId ?? '';
}

export function recordScriptId(env: Environment, scriptId: string): void {
  writeFileSync(projectFile(env), `${JSON.stringify({ scriptId, rootDir: 'dist' }, null, 2)}\n`);
}

/** Runs clasp on one environment's project (`clasp --project <its file> ...`). */
export function clasp(env: Environment, args: string[], options: ExecFileSyncOptions = {}) {
  return run(CLASP, ['--project', projectFile(env), ...args], `clasp ${args[0]} failed`, options);
}

/**
 * Typecheck, lint (layer rule included) and the fast tests, then a fresh build, then the push.
 * Development is pushed with `--force` (the repository's manifest always wins there); production
 * is not, so a changed manifest (new scopes) asks for confirmation before it reaches users.
 */
export function checkBuildAndPush(env: Environment): void {
  if (!scriptIdOf(env)) {
    fail(
      `No ${env === 'dev' ? 'development' : 'production'} Apps Script project yet: ` +
        `run \`npm run setup -- ${env}\` first (docs/deploy.md).`,
    );
  }
  run(NPM, ['run', 'check'], 'Not pushed: `npm run check` failed (typecheck, lint or fast tests).');
  run(NPM, ['run', 'build'], 'Not pushed: `npm run build` failed.');
  clasp(env, env === 'dev' ? ['push', '--force'] : ['push']);
}

/** Runs a command in the repository; when it fails, says what failed (its output is above) and exits. */
function run(file: string, args: string[], failure: string, options: ExecFileSyncOptions = {}) {
  try {
    return execFileSync(file, args, { cwd: ROOT, stdio: 'inherit', ...options });
  } catch {
    return fail(failure);
  }
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
