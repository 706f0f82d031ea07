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
    // A unit names its nested types itself: what naming reports is served with the unit.
    expect(clean.diagnostics.some((d) => d.code === 'type-renamed' && d.schemaPath !== undefined)).toBe(true);
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

  it('keeps k8s.ts as a unit of its own, served like the others', async () => {
    const assets = await loadAssets();
    const store = new Map<string, unknown>();
    const clean = await generate(validInputs(), {}, assets, { cache: memoryCache('g', store) });
    expect(clean.files.some((f) => f.path === 'k8s.ts')).toBe(true);
    const entries = [...store].filter(([, v]) => (v as { files: Array<{ path: string }> }).files.some((f) => f.path === 'k8s.ts'));
    expect(entries).toHaveLength(1);
    const [key, value] = entries[0] as [string, { files: Array<{ path: string; contents: string }> }];
    store.set(key, { ...value, files: value.files.map((f) => ({ ...f, contents: `${f.contents}// from the cache\n` })) });
    const served = await generate(validInputs(), {}, assets, { cache: memoryCache('g', store) });
    expect(served.files.find((f) => f.path === 'k8s.ts')?.contents).toMatch(/\/\/ from the cache\n$/);
    expect(served.files.filter((f) => f.path !== 'k8s.ts')).toEqual(clean.files.filter((f) => f.path !== 'k8s.ts'));
    // Another generator or other options never read it.
    const other = memoryCache('h', store);
    expect(await generate(validInputs(), {}, assets, { cache: other })).toEqual(clean);
    expect(other.hits).toBe(0);
    const runtime = await generate(validInputs(), { runtime: 'crdgen/runtime' }, assets, { cache: memoryCache('g', store) });
    expect(runtime.files.find((f) => f.path === 'k8s.ts')?.contents).toBe(clean.files.find((f) => f.path === 'k8s.ts')?.contents);
    // A stored value of another file is not taken for it.
    store.set(key, { ...value, files: [{ path: 'other.ts', contents: 'x' }] });
    expect(await generate(validInputs(), {}, assets, { cache: memoryCache('g', store) })).toEqual(clean);
  }, 240_000);
});
