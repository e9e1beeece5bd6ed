import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Apps Script services: allowed only in the adapters (src/apps-script) and the entry file. */
const appsScriptGlobals = [
  'SpreadsheetApp',
  'PropertiesService',
  'CacheService',
  'LockService',
  'UrlFetchApp',
  'ScriptApp',
  'HtmlService',
  'Utilities',
  'Session',
  'Logger',
  'Charts',
].map((name) => ({
  name,
  message: 'Apps Script services belong in src/apps-script (ports and adapters).',
}));

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'test-artifacts/', 'src/brex/generated/', 'specs/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/apps-script/**', 'src/server/**', 'src/sidebar/**'],
    rules: { 'no-restricted-globals': ['error', ...appsScriptGlobals] },
  },
  {
    // The sidebar type-checks against the server's types (src/contract), so Apps Script's
    // declarations are in scope there; at run time it is a web page and has none of them.
    files: ['src/sidebar/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...appsScriptGlobals.map(({ name }) => ({
          name,
          message: 'The sidebar runs in the browser: call the server through src/contract.',
        })),
      ],
    },
  },
  {
    files: ['*.js', '*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly' },
    },
  },
);
