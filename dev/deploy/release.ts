/**
 * `npm run release [-- "description"]`: pushes dist/ to the production Apps Script project
 * (.clasp-prod.json) once `npm run check` passes, then creates a numbered version of it.
 *
 * It never creates a deployment: a new deployment id disables every user's installed triggers.
 * Point the Marketplace SDK's App Configuration at the printed version number instead.
 */
import { checkBuildAndPush, clasp } from './clasp-project';

const description = process.argv[2] ?? `Release ${new Date().toISOString().slice(0, 10)}`;

checkBuildAndPush('prod');
const output = String(
  clasp('prod', ['create-version', description], { stdio: ['inherit', 'pipe', 'inherit'] }),
);
process.stdout.write(output);
const version = /version (\d+)/i.exec(output)?.[1];
console.log(
  version
    ? `Version ${version} created. Set it in the Marketplace SDK ▸ App Configuration to publish it.`
    : 'Version created. Set its number in the Marketplace SDK ▸ App Configuration to publish it.',
);
