import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'examples/*/src/**/*.test.ts', 'tests/*/src/**/*.test.ts'],
    // nock patches the global fetch per worker; forks keep each file's interceptors apart.
    pool: 'forks',
    testTimeout: 20_000,
    // A run prints the report only: what a passing test logs (the fault matrix's table, say) is
    // shown when it fails, or always with PARLEY_TEST_VERBOSE=1.
    silent: process.env.PARLEY_TEST_VERBOSE ? false : 'passed-only',
  },
});
