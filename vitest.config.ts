import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Sized for a loaded 2-core machine (load 7-10), about 10x what the slowest test takes idle; a
    // test that passes never waits for these, it only fails later when something hangs.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
