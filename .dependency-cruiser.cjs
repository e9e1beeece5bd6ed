/**
 * dependency-cruiser, run by `npm run lint`: the layer order of src/ (docs/architecture.md, "The
 * layer rule") and no import cycle in src/, dev/ or test/. Type-only imports count too.
 *
 * Chosen over eslint-plugin-boundaries because it resolves imports with TypeScript's own settings
 * (no extra ESLint resolver), and finds import cycles as well.
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

function layerRules(layer, allowed) {
  return [
    {
      name: `layer-${layer}`,
      severity: 'error',
      comment: `src/${layer}/ may import ${allowed.length ? allowed.join(', ') : 'no other layer'}.`,
      from: { path: `^src/${layer}/` },
      to: { path: '^src/', pathNot: `^src/(${[layer, ...allowed].join('|')})/` },
    },
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
