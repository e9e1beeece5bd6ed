/**
 * dependency-cruiser, run by `npm run lint`: the layer order of src/ (docs/architecture.md, "The
 * layer rule") and no import cycle in src/, dev/ or test/. Type-only imports count too.
 *
 * Chosen over eslint-plugin-boundaries because it resolves imports with TypeScript's own settings
 * (no extra ESLint resolver), finds import cycles as well, and states an exception as an exact
 * importer → imported pair, so a temporary exception cannot let a new import through.
 */

/** Each layer of src/, and the layers it may import besides itself. */
const LAYERS = {
  brex: [],
  sync: ['brex'],
  functions: ['brex'],
  writeback: ['brex', 'contract'],
  schedule: ['brex', 'sync'],
  reports: ['brex', 'sync'],
  'apps-script': ['brex', 'sync', 'functions', 'writeback', 'schedule', 'reports', 'contract'],
  server: [
    'brex',
    'sync',
    'functions',
    'writeback',
    'schedule',
    'reports',
    'contract',
    'apps-script',
  ],
  // The sidebar's facade takes its types from the entry points' exports (type-only, below).
  contract: ['server'],
  sidebar: ['contract'],
};

/**
 * TEMPORARY: the imports against the order that exist today, each allowed exactly (importer →
 * imported), so that any new one fails. They go when src/ is restructured around one shared base
 * (ports, currency, columns and data-set definitions that sync, functions and writeback share);
 * delete each line as its import goes.
 */
const KNOWN_VIOLATIONS = [
  // functions → sync
  'src/functions/arguments.ts → src/sync/columns.ts',
  'src/functions/arguments.ts → src/sync/time-zone.ts',
  'src/functions/brex-balances.ts → src/sync/columns.ts',
  'src/functions/brex-balances.ts → src/sync/data-set.ts',
  'src/functions/brex-balances.ts → src/sync/data-sets/accounts.ts',
  'src/functions/brex-expenses.ts → src/sync/data-sets/expenses.ts',
  'src/functions/brex-lists.ts → src/sync/data-set.ts',
  'src/functions/brex-lists.ts → src/sync/data-sets/budgets.ts',
  'src/functions/brex-lists.ts → src/sync/data-sets/team.ts',
  'src/functions/brex-lists.ts → src/sync/table-port.ts',
  'src/functions/brex-spend.ts → src/sync/data-sets/columns.ts',
  'src/functions/brex-spend.ts → src/sync/data-sets/expenses.ts',
  'src/functions/brex-transactions.ts → src/sync/columns.ts',
  'src/functions/brex-transactions.ts → src/sync/data-set.ts',
  'src/functions/brex-transactions.ts → src/sync/data-sets/transactions.ts',
  'src/functions/cache-settings.ts → src/sync/key-value-port.ts',
  'src/functions/columns-argument.ts → src/sync/columns.ts',
  'src/functions/custom-function.ts → src/sync/brex-reader.ts',
  'src/functions/custom-function.ts → src/sync/lookups.ts',
  'src/functions/custom-function.ts → src/sync/table-port.ts',
  'src/functions/expense-period.ts → src/sync/data-set.ts',
  'src/functions/expense-period.ts → src/sync/time-zone.ts',
  'src/functions/read-pages.ts → src/sync/data-set.ts',
  'src/functions/result.ts → src/sync/columns.ts',
  'src/functions/result.ts → src/sync/table-port.ts',
  'src/functions/run-custom-function.ts → src/sync/brex-reader.ts',
  'src/functions/run-custom-function.ts → src/sync/lookups.ts',
  // writeback → sync
  'src/writeback/action.ts → src/sync/table-port.ts',
  'src/writeback/actions/spend-limit-identity.ts → src/sync/columns.ts',
  'src/writeback/actions/spend-limit-identity.ts → src/sync/data-sets/budgets.ts',
  'src/writeback/actions/spend-limit-identity.ts → src/sync/lookups.ts',
  'src/writeback/amount-text.ts → src/sync/currency.ts',
  'src/writeback/check-change.ts → src/sync/table-port.ts',
  'src/writeback/edit-marks.ts → src/sync/table-port.ts',
  'src/writeback/edited-cells.ts → src/sync/currency.ts',
  'src/writeback/edited-cells.ts → src/sync/data-set.ts',
  'src/writeback/edited-cells.ts → src/sync/header.ts',
  'src/writeback/edited-cells.ts → src/sync/table-port.ts',
  'src/writeback/in-flight.ts → src/sync/key-value-port.ts',
  'src/writeback/parse-amount.ts → src/sync/currency.ts',
  'src/writeback/parse-amount.ts → src/sync/table-port.ts',
  'src/writeback/pending-changes.ts → src/sync/table-port.ts',
  'src/writeback/refresh-hooks.ts → src/sync/data-set.ts',
  'src/writeback/review.ts → src/sync/table-port.ts',
  'src/writeback/row-identity.ts → src/sync/header.ts',
  'src/writeback/row-identity.ts → src/sync/table-port.ts',
  'src/writeback/settings.ts → src/sync/currency.ts',
  'src/writeback/settings.ts → src/sync/key-value-port.ts',
  'src/writeback/spend-limit-cells.ts → src/sync/columns.ts',
  'src/writeback/spend-limit-cells.ts → src/sync/table-port.ts',
  'src/writeback/spend-limit-rows.ts → src/sync/columns.ts',
  'src/writeback/spend-limit-rows.ts → src/sync/data-sets/budgets.ts',
  'src/writeback/spend-limit-rows.ts → src/sync/header.ts',
  'src/writeback/spend-limit-rows.ts → src/sync/lookups.ts',
  'src/writeback/spend-limit-rows.ts → src/sync/upsert-plan.ts',
  'src/writeback/synced-values.ts → src/sync/currency.ts',
  'src/writeback/synced-values.ts → src/sync/key-value-port.ts',
  'src/writeback/typed-by.ts → src/sync/key-value-port.ts',
  'src/writeback/write-back-deps.ts → src/sync/key-value-port.ts',
  'src/writeback/write-back-deps.ts → src/sync/table-port.ts',
];

const exactly = (path) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exceptions = KNOWN_VIOLATIONS.map((line) => line.split(' → '));

function layerRules(layer, allowed) {
  const inLayer = `^src/${layer}/`;
  const permitted = `^src/(${[layer, ...allowed].join('|')})/`;
  const excepted = exceptions.filter(([from]) => from.startsWith(`src/${layer}/`));
  const importers = [...new Set(excepted.map(([from]) => from))];
  const rule = (name, fromPath, extra = []) => ({
    name,
    severity: 'error',
    comment: `src/${layer}/ may import ${allowed.length ? allowed.join(', ') : 'no other layer'}.`,
    from: { path: fromPath, pathNot: fromPath === inLayer ? importers.map(exactly) : [] },
    to: { path: '^src/', pathNot: [permitted, ...extra] },
  });
  return [
    rule(`layer-${layer}`, inLayer),
    ...importers.map((importer) =>
      rule(
        `layer-${layer}-known-violations`,
        `^${exactly(importer)}$`,
        excepted.filter(([from]) => from === importer).map(([, to]) => `^${exactly(to)}$`),
      ),
    ),
  ];
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...Object.entries(LAYERS).flatMap(([layer, allowed]) => layerRules(layer, allowed)),
    {
      name: 'contract-types-only',
      severity: 'error',
      comment:
        'src/contract/ takes only types from the entry points, so the sidebar bundles none of them.',
      from: { path: '^src/contract/' },
      to: { path: '^src/', pathNot: '^src/contract/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'src-no-dev-or-test',
      severity: 'error',
      comment: 'src/ is what ships: it imports nothing from dev/ or test/.',
      from: { path: '^src/' },
      to: { path: '^(dev|test)/' },
    },
    {
      name: 'src-no-node-builtins',
      severity: 'error',
      comment: 'src/ runs in Apps Script (or the sidebar), which has no Node APIs.',
      from: { path: '^src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: break it by moving what both sides need into a module of its own.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/brex/generated/' },
  },
};
