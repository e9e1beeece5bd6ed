/**
 * `npm run push`: pushes dist/ to the development Apps Script project (.clasp.json), once
 * `npm run check` passes. Production gets only releases (`npm run release`).
 */
import { checkBuildAndPush } from './clasp-project';

checkBuildAndPush('dev');
