import { defineConfig } from 'vitest/config';

/**
 * Files that run in a process of their own: each builds one TypeScript program of a whole corpus
 * or of hundreds of fuzzed CRDs (gigabytes, given back to the system when the process ends).
 */
const OWN_PROCESS = ['test/corpus/corpus.test.ts', 'test/generator/fuzz.test.ts'];

export default defineConfig({
  test: {
    // Sized for a loaded 2-core machine (load 7-10), about 10x what the slowest test takes idle; a
    // test that passes never waits for these, it only fails later when something hangs.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Two workers on two cores (vitest's default is cores - 1): the files that wait on npm, tsc
    // or child processes overlap with the ones that compute.
    maxWorkers: 2,
    // The projects split test/**/*.test.ts (the root sets no include: a project's include would add to it).
    projects: [
      // Every other file shares its worker's modules: a fresh process per file loaded
      // @kubernetes/client-node, ts-morph and TypeScript again each time, more than most files'
      // tests take. Files restore what they change (env, timers, spies) in after-hooks.
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: OWN_PROCESS, isolate: false } },
      { extends: true, test: { name: 'own-process', include: OWN_PROCESS, isolate: true } },
    ],
  },
});
