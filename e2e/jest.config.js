/** End-to-end suites: real Docker engine, local registries, a fresh Nx workspace. See e2e/README.md. */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.e2e.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  globalSetup: '<rootDir>/global-setup.ts',
  globalTeardown: '<rootDir>/global-teardown.ts',
  testPathIgnorePatterns: ['/node_modules/', '/.results/'],
  // Image builds are slow on a 2-core machine; each test bounds its own waits.
  testTimeout: 20 * 60_000,
  maxWorkers: 1,
  verbose: true,
};
