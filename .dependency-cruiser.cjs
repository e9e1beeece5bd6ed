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
  // What every layer above shares: the ports to the outside, the vocabulary of cells, and the
  // definitions of the data sets, which sync, functions and writeback all read.
  ports: ['brex'],
  cells: ['brex', 'ports'],
  'data-sets': ['brex', 'ports', 'cells'],
  sync: ['brex', 'ports', 'cells', 'data-sets'],
  functions: ['brex', 'ports', 'cells', 'data-sets'],
  writeback: ['brex', 'ports', 'cells', 'data-sets', 'contract'],
  schedule: ['brex', 'ports', 'cells', 'data-sets', 'sync'],
  reports: ['brex', 'ports', 'cells', 'data-sets', 'sync'],
  'apps-script': [
    'brex',
    'ports',
    'cells',
    'data-sets',
    'sync',
    'functions',
    'writeback',
    'schedule',
    'reports',
    'contract',
  ],
  server: [
    'brex',
    'ports',
    'cells',
    'data-sets',
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
 * imported), so that any new one fails. They go when the write-back hooks of a refresh (cells to
 * keep, what follows a write) are handed to it by the composition root in src/apps-script/;
 * delete each line as its import goes.
 */
const KNOWN_VIOLATIONS = [
  // data-sets → writeback
  'src/data-sets/budgets.ts → src/writeback/edited-cells.ts',
  'src/data-sets/budgets.ts → src/writeback/synced-values.ts',
  'src/data-sets/budgets.ts → src/writeback/row-identity.ts',
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
