import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Files that run in a process of their own: each builds one TypeScript program of a whole corpus
 * or of hundreds of fuzzed CRDs (gigabytes, given back to the system when the process ends).
 */
const OWN_PROCESS = ['test/corpus/corpus.test.ts', 'test/generator/fuzz.test.ts'];

/**
 * The slowest files of the shared project, slowest first (as measured on a loaded 2-core machine),
 * so that each starts early: a long file that starts last leaves the other worker idle at the end.
 * Only the order depends on this list (a stale entry costs time, never a result); the other files
 * follow in vitest's own order (by the durations it cached, else larger files first). The
 * OWN_PROCESS files start before all of them, one on each worker.
 */
const SLOW_FIRST = [
  'test/package/pack.test.ts',
  'test/compat/client-node.test.ts',
  'test/generator/emit/validators.test.ts',
  'test/generator/work/workers.test.ts',
  'test/e2e/validators-differential.test.ts',
  'test/cli/scaffold.test.ts',
  'test/testing/concurrent-writers.test.ts',
  'test/e2e/lab-controller.test.ts',
  'test/cli/atomic.test.ts',
  'test/generator/hostile-values.test.ts',
  'test/corpus/jumpstarter.test.ts',
  'test/compat/preflight.test.ts',
  'test/validation/schema.test.ts',
  'test/testing/slow-watchers.test.ts',
  'test/cli/unreadable.test.ts',
];

class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const at = SLOW_FIRST.indexOf(relative(spec.project.config.root, spec.moduleId));
      return spec.project.name === 'own-process' ? -1 : at < 0 ? SLOW_FIRST.length : at;
    };
    // Array.prototype.sort is stable: files of equal rank keep vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    // Sized for a loaded 2-core machine (load 7-10), about 10x what the slowest test takes idle; a
    // test that passes never waits for these, it only fails later when something hangs.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Two workers on two cores (vitest's default is cores - 1): the files that wait on npm, tsc
    // or child processes overlap with the ones that compute.
    maxWorkers: 2,
    // The V8 flag the crdgen process sets for itself (src/cli/heap.ts): without TurboFan inlining
    // the generator's many small functions over schemas of every shape cost less CPU, and so do the
    // tests that generate in-process (the corpus, fuzz and hostile inputs).
    execArgv: ['--no-turbo-inlining'],
    sequence: { sequencer: SlowFirst },
    // One temporary folder per run (TMPDIR), removed when the run ends: see test/support/run-temp.ts.
    globalSetup: ['test/support/run-temp.ts'],
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
