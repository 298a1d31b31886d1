/** Unit tests of every package; e2e has its own config (e2e/jest.config.js). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleNameMapper: { '^@docker-ms/core$': '<rootDir>/packages/core/src/index.ts', '^@docker-ms/core/build$': '<rootDir>/packages/core/src/build.ts' },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
