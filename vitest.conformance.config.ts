import { defineConfig } from 'vitest/config';

/** Conformance: the real exports and grid data in ../shared/data (present in CI, absent in a user's clone). */
export default defineConfig({
  test: {
    include: ['test/conformance/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
