import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'examples/*/src/**/*.test.ts', 'tests/*/src/**/*.test.ts'],
    // nock patches the global fetch per worker; forks keep each file's interceptors apart.
    pool: 'forks',
    testTimeout: 20_000,
  },
});
