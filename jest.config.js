// Backend tests. The admin UI has its own config (admin-ui/, vitest).
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];
// jose 6 ships ESM only: jest (unlike Node 20.19+) cannot require it, so swc compiles it to CommonJS.
const base = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc, '/node_modules/jose/.+\\.js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  // Real servers and workflows on a loaded 2-core machine: a generous per-test limit; tests assert behaviour, never time.
  testTimeout: 60_000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    { ...base, displayName: 'workflows', testMatch: ['<rootDir>/tests/workflows/**/*.test.ts'], setupFiles: ['<rootDir>/tests/support/testEnv.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      setupFiles: ['<rootDir>/tests/support/testEnv.ts'],
      globalSetup: '<rootDir>/tests/support/integrationSetup.ts',
    },
    {
      ...base,
      displayName: 'authz',
      testMatch: ['<rootDir>/tests/authz/**/*.test.ts'],
      setupFiles: ['<rootDir>/tests/support/testEnv.ts'],
      globalSetup: '<rootDir>/tests/support/integrationSetup.ts',
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      setupFiles: ['<rootDir>/tests/support/testEnv.ts'],
      // its own API + worker on the test database and namespace (port 5173): the demo on :3000 is never written to
      globalSetup: '<rootDir>/tests/support/e2eSetup.ts',
      globalTeardown: '<rootDir>/tests/support/e2eTeardown.ts',
    },
  ],
};
