// generate()'s cache hook: a result is served only to the same generator with the same options
// and input, and a served result is really used (so equal outputs elsewhere mean something).
import { describe, expect, it } from 'vitest';
import { generate, loadAssets } from '../../../src/index.js';
import { validInputs } from '../../support/fixtures.js';
import { memoryCache } from '../../support/memory-cache.js';


describe('generate() with a cache', () => {
  it('serves nothing made by another generator, and everything to the same one', async () => {
    const assets = await loadAssets();
    const store = new Map<string, unknown>();
    const clean = await generate(validInputs(), {}, assets, { cache: memoryCache('crdgen 1.0.0', store) });
    const units = store.size;
    const other = memoryCache('crdgen 1.0.1', store);
    expect(await generate(validInputs(), {}, assets, { cache: other })).toEqual(clean);
    expect(other.hits).toBe(0);
    expect(store.size).toBe(2 * units);
    const same = memoryCache('crdgen 1.0.0', store);
    expect(await generate(validInputs(), {}, assets, { cache: same })).toEqual(clean);
    expect(same.hits).toBe(units);
  }, 240_000);

  it('uses what it serves, and ignores a value of the wrong shape', async () => {
    const assets = await loadAssets();
    const store = new Map<string, unknown>();
    const clean = await generate(validInputs(), {}, assets, { cache: memoryCache('g', store) });
    const [key, value] = [...store].find(([, v]) => JSON.stringify(v).includes('exporter.ts')) as [string, { files: Array<{ path: string; contents: string }> }];
    store.set(key, { ...value, files: value.files.map((f) => ({ ...f, contents: `${f.contents}// from the cache\n` })) });
    const served = await generate(validInputs(), {}, assets, { cache: memoryCache('g', store) });
    expect(served.files.find((f) => f.path === 'lab.example.com/v1alpha1/exporter.ts')?.contents).toMatch(/\/\/ from the cache\n$/);
    store.set(key, { files: 'not a list' });
    expect(await generate(validInputs(), {}, assets, { cache: memoryCache('g', store) })).toEqual(clean);
  }, 240_000);
});
