// Worker threads are an implementation detail: the result of generate() is the same, byte for
// byte, with 1 thread (everything in this one) and with several, on the fixtures and on a slice of
// the real corpus.
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
  it('gives the fixtures the same files, diagnostics and kinds with 1 and with 3 workers', async () => {
    const assets = await loadAssets();
    const inputs = validInputs();
    const single = await generate(inputs, {}, assets, { workers: 1 });
    const progress: number[] = [];
    const threaded = await generate(inputs, {}, assets, { workers: 3, onProgress: (done) => progress.push(done) });
    expect(single.files.length).toBeGreaterThan(20);
    expect(threaded.files).toEqual(single.files);
    expect(threaded.diagnostics).toEqual(single.diagnostics);
    expect(threaded.kinds).toEqual(single.kinds);
    // Progress reaches every kind, whatever order the workers finished in.
    expect(Math.max(...progress)).toBe(single.kinds.length);
  }, 240_000);

  it.runIf(HAS_CORPUS)('gives a slice of the corpus the same bytes with 1 and with 2 workers', async () => {
    const assets = await loadAssets();
    const inputs = corpusSlice();
    const single = await generate(inputs, {}, assets, { workers: 1 });
    const threaded = await generate(inputs, {}, assets, { workers: 2 });
    expect(single.kinds.length).toBeGreaterThan(15);
    expect(threaded.files.map((f) => f.path)).toEqual(single.files.map((f) => f.path));
    expect(threaded.files).toEqual(single.files);
    expect(threaded.diagnostics).toEqual(single.diagnostics);
  }, 480_000);
});
