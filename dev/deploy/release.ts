/**
 * `npm run release [-- "description"]`: builds, pushes and creates a numbered version.
 *
 * It never creates a deployment: a new deployment id disables every user's installed triggers.
 * Point the Marketplace SDK's App Configuration at the printed version number instead.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const clasp = join(root, 'node_modules/.bin/clasp');
const description = process.argv[2] ?? `Release ${new Date().toISOString().slice(0, 10)}`;

execFileSync(npm, ['run', 'push'], { cwd: root, stdio: 'inherit' });
const output = execFileSync(clasp, ['create-version', description], {
  cwd: root,
  encoding: 'utf8',
});
process.stdout.write(output);
const version = /version (\d+)/i.exec(output)?.[1];
console.log(
  version
    ? `Version ${version} created. Set it in the Marketplace SDK ▸ App Configuration to publish it.`
    : 'Version created. Set its number in the Marketplace SDK ▸ App Configuration to publish it.',
);
