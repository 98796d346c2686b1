// One jest run for everything; ts-jest only transpiles (type checking is `npm run typecheck`).
// The gateway runs as its own process in integration tests (built by `npm test`), so jest
// never loads Mercurius and its ES-module-only dependencies.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/workflows', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  // Generous: the integration suites start servers and a gateway, on machines shared by many runs.
  testTimeout: 300000,
  maxWorkers: 2,
};
