/**
 * Two tiers, chosen by where a test lives (README, "Tests"):
 * - unit (`npm run test:fast`): test/<layer>/ for the add-on's layers in src/. The add-on's own
 *   code on Node alone: no built bundle, no Brex sandbox (test/support/unit-tier-guard.ts refuses
 *   both, naming where the test belongs).
 * - integration: every other folder. The built bundle (dist/, built first when missing or older
 *   than its sources) in the local runtime, the sandbox over HTTP, the browser, the dev tools.
 * `npm test` runs both.
 */
const UNIT_FOLDERS = [
  'apps-script',
  'brex',
  'cells',
  'data-sets',
  'functions',
  'reports',
  'schedule',
  'sidebar',
  'sync',
  'writeback',
];
const unitFolder = `<rootDir>/test/(${UNIT_FOLDERS.join('|')})/`;

const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.tsx?$': ['@swc/jest'] },
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: [`${unitFolder}**/*.test.ts`],
      setupFilesAfterEnv: ['<rootDir>/test/support/unit-tier-guard.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', unitFolder],
      globalSetup: '<rootDir>/test/support/build-bundle.ts',
    },
  ],
};
