// Jest runs the TypeScript sources directly (the "source" export condition of each workspace
// package), transformed by SWC; `tsc -b` type-checks before (npm test). Three projects: `unit`
// (pure, fast: `npm run test:unit`), `integration` (database, HTTP, browser, processes), and `load`
// (attack and fault tests in test/abuse and test/chaos, whose bounds are about time: `npm test`
// runs them after the others, one file at a time, so the rest of the suite does not skew them).
const INTEGRATION = '\\.(db|e2e|http|browser|process|chaos)\\.test\\.ts$';
const LOAD = '/test/(abuse|chaos)/';

/** @type {import('jest').Config['projects'][number]} */
const common = {
  rootDir: import.meta.dirname,
  testEnvironment: 'node',
  testEnvironmentOptions: { customExportConditions: ['source', 'node', 'node-addons'] },
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['@swc/jest', {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'es6' },
      sourceMaps: 'inline',
    }],
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  modulePathIgnorePatterns: ['<rootDir>/packages/[^/]+/dist/'],
};

/** @type {import('jest').Config} */
export default {
  testTimeout: 60_000,
  maxWorkers: process.env.JEST_MAX_WORKERS ?? 3,
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{packages,test}/**/*.test.ts'], testPathIgnorePatterns: [...common.testPathIgnorePatterns, INTEGRATION] },
    { ...common, displayName: 'integration', testRegex: INTEGRATION, testPathIgnorePatterns: [...common.testPathIgnorePatterns, LOAD] },
    { ...common, displayName: 'load', testRegex: `${LOAD}.*\\.test\\.ts$` },
  ],
};
