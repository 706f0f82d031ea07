// Worker threads are an implementation detail: the result of generate() is the same, byte for
// byte, with 1 thread (everything in this one) and with several, on the fixtures and a slice of
// the real corpus in one run (each worker started from the sources loads tsx and the generator
// again, seconds of CPU: one threaded run starts them once for both, and shows which threads it
// started through the workerSetup hook).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generate, loadAssets } from '../../../src/index.js';
import { earlyWorkerCount } from '../../../src/generator/generate.js';
import { memoryCache } from '../../support/memory-cache.js';
import { CORPUS, HAS_CORPUS, explainMissingCorpus } from '../../support/corpus.js';
import { listFiles, ROOT, validInputs } from '../../support/fixtures.js';

explainMissingCorpus();

const corpusSlice = () =>
  ['cert-manager', 'jumpstarter', 'metallb', 'gateway-api-standard'].flatMap((dir) => listFiles(join(CORPUS, dir)).map((path) => ({ path: relative(CORPUS, path), text: readFileSync(path, 'utf8') })));

/** Text from which workers start before the inputs are parsed (twice WORKER_THRESHOLD). */
const EARLY_TEXT = 4_000_000;

/** A YAML file of `size` characters of comments (no document). */
const padding = (size: number) => ({ path: 'padding.yaml', text: '# padding\n'.repeat(Math.ceil(size / 10)) });

describe('workers started before the inputs are parsed', () => {
  const big = [padding(EARLY_TEXT)];
  const small = [padding(EARLY_TEXT - 10)];
  it('are those the run uses beside this thread, for inputs of 4 MB of text and more, with no cache', () => {
    expect(earlyWorkerCount(big, { workers: 3 })).toBe(2);
    expect(earlyWorkerCount([...small, { path: 'b.yaml', text: '#'.repeat(10) }], { workers: 2 })).toBe(1);
    expect(earlyWorkerCount(small, { workers: 3 })).toBe(0);
    expect(earlyWorkerCount(big, { workers: 1 })).toBe(0);
    // A cache may serve every unit; under vitest `auto` uses this thread only (see workerCount).
    expect(earlyWorkerCount(big, { workers: 3, cache: memoryCache('g', new Map()) })).toBe(0);
    expect(earlyWorkerCount(big, {})).toBe(0);
  });
});

describe('generate on worker threads', () => {
  it('gives the fixtures and a slice of the corpus the same files, diagnostics and kinds with 1 and with 3 threads', async () => {
    const assets = await loadAssets();
    // With a file of comments beside them, the inputs are text enough for the workers to start
    // before they are parsed (see earlyWorkerCount), the way the whole corpus runs.
    const fixtures = [...validInputs(), padding(EARLY_TEXT)];
    const slice = HAS_CORPUS ? corpusSlice() : [];
    expect(earlyWorkerCount([...fixtures, ...slice], { workers: 3 })).toBe(2);
    const single = await generate([...fixtures, ...slice], {}, assets, { workers: 1 });
    const progress: number[] = [];
    const probe = mkdtempSync(join(tmpdir(), 'crdgen-worker-probe-'));
    process.env.CRDGEN_TEST_WORKER_PROBE = probe;
    const workerSetup = pathToFileURL(join(ROOT, 'test/support/worker-probe.ts')).href;
    let threaded: Awaited<ReturnType<typeof generate>>;
    let started: Array<{ tsMorph: boolean }>;
    try {
      threaded = await generate([...fixtures, ...slice], {}, assets, { workers: 3, workerSetup, onProgress: (done) => progress.push(done) });
      started = readdirSync(probe).map((name) => JSON.parse(readFileSync(join(probe, name), 'utf8')) as { tsMorph: boolean });
    } finally {
      delete process.env.CRDGEN_TEST_WORKER_PROBE;
      rmSync(probe, { recursive: true, force: true });
    }
    // 3 threads: this one and two workers, each importing the setup module before the generator's.
    expect(started).toEqual([{ tsMorph: false }, { tsMorph: false }]);
    // The fixtures' groups are example.com and its subdomains; the slice's are real ones.
    expect(single.kinds.filter((k) => /(^|\.)example\.com$/.test(k.group)).length).toBeGreaterThan(20);
    if (HAS_CORPUS) expect(single.kinds.filter((k) => !/(^|\.)example\.com$/.test(k.group)).length).toBeGreaterThan(15);
    expect(threaded.files.map((f) => f.path)).toEqual(single.files.map((f) => f.path));
    expect(threaded.files).toEqual(single.files);
    expect(threaded.diagnostics).toEqual(single.diagnostics);
    expect(threaded.kinds).toEqual(single.kinds);
    // Progress reaches every kind, whatever order the workers finished in.
    expect(Math.max(...progress)).toBe(single.kinds.length);
  }, 480_000);
});

describe('a worker that cannot run units', () => {
  const setup = (code: string) => `data:text/javascript,${encodeURIComponent(code)}`;
  it('fails the run with its error, or its exit code when it stopped, whether it started before the parse or after', async () => {
    const assets = await loadAssets();
    const inputs = validInputs().filter((f) => /(lab\/exporters|cluster-scale|two-groups)\.yaml$/.test(f.path));
    expect(inputs).toHaveLength(3);
    const early = [...inputs, padding(EARLY_TEXT)];
    expect([earlyWorkerCount(inputs, { workers: 2 }), earlyWorkerCount(early, { workers: 2 })]).toEqual([0, 1]);
    for (const files of [inputs, early]) {
      await expect(generate(files, {}, assets, { workers: 2, workerSetup: setup('throw new Error("no setup here")') })).rejects.toThrow('a generator worker failed: no setup here');
      await expect(generate(files, {}, assets, { workers: 2, workerSetup: setup('process.exit(3)') })).rejects.toThrow('a generator worker stopped (exit code 3)');
    }
  }, 240_000);
});

