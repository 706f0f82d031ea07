// Worker threads are an implementation detail: the result of generate() is the same, byte for
// byte, with 1 thread (everything in this one) and with several, on the fixtures and a slice of
// the real corpus in one run (each worker started from the sources loads tsx and the generator
// again, seconds of CPU: one threaded run starts them once for both).
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate, loadAssets } from '../../../src/index.js';
import { CORPUS, HAS_CORPUS, explainMissingCorpus } from '../../support/corpus.js';
import { listFiles, validInputs } from '../../support/fixtures.js';

explainMissingCorpus();

const corpusSlice = () =>
  ['cert-manager', 'jumpstarter', 'metallb', 'gateway-api-standard'].flatMap((dir) => listFiles(join(CORPUS, dir)).map((path) => ({ path: relative(CORPUS, path), text: readFileSync(path, 'utf8') })));

describe('generate on worker threads', () => {
  it('gives the fixtures and a slice of the corpus the same files, diagnostics and kinds with 1 and with 3 workers', async () => {
    const assets = await loadAssets();
    const fixtures = validInputs();
    const slice = HAS_CORPUS ? corpusSlice() : [];
    const single = await generate([...fixtures, ...slice], {}, assets, { workers: 1 });
    const progress: number[] = [];
    const threaded = await generate([...fixtures, ...slice], {}, assets, { workers: 3, onProgress: (done) => progress.push(done) });
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
