/**
 * The unit tier's promise, kept (jest.config.js): a test there runs the add-on's code on Node
 * alone. Starting the Brex sandbox, or the local runtime on the built bundle, fails with where
 * the test belongs instead of passing on a machine that happens to have dist/ built.
 */
function mockRefusal(what: string): () => never {
  return () => {
    throw new Error(
      `A unit-tier test (test/<layer>/) ${what}. Such a test belongs in the integration tier: ` +
        'put it in test/integration/ (README, "Tests").',
    );
  };
}

jest.mock('../../dev/sandbox/server', () => ({
  ...jest.requireActual('../../dev/sandbox/server'),
  startSandbox: mockRefusal('starts the Brex sandbox'),
}));
jest.mock('../../dev/sandbox/spawn', () => ({
  ...jest.requireActual('../../dev/sandbox/spawn'),
  spawnSandbox: mockRefusal('starts the Brex sandbox'),
}));
jest.mock('../../dev/runtime/runtime', () => {
  const actual = jest.requireActual('../../dev/runtime/runtime');
  const refuse = mockRefusal('runs the built bundle (dist/) in the local runtime');
  return {
    ...actual,
    createRuntime: (options: { bundleDir?: string } = {}) =>
      options.bundleDir ? actual.createRuntime(options) : refuse(),
  };
});
