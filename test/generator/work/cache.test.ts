// generate()'s cache hook: a result is served only to the same generator with the same options
// and input, and a served result is really used (so equal outputs elsewhere mean something).
import { describe, expect, it } from 'vitest';
import { generate, loadAssets } from '../../../src/index.js';
import { parseStoredTemplate } from '../../../src/generator/emit/template.js';
import { parse } from '../../../src/generator/parse/parse.js';
import { sourceIdentities } from '../../../src/generator/work/units.js';
import { crdYaml, validInputs } from '../../support/fixtures.js';
import { memoryCache } from '../../support/memory-cache.js';


describe('generate() with a cache', () => {
  it('serves nothing made by another generator, and everything to the same one', async () => {
    const assets = await loadAssets();
    const store = new Map<string, unknown>();
    const clean = await generate(validInputs(), {}, assets, { cache: memoryCache('crdgen 1.0.0', store) });
    // A unit names its nested types itself: what naming reports is served with the unit.
    expect(clean.diagnostics.some((d) => d.code === 'type-renamed' && d.schemaPath !== undefined)).toBe(true);
    const entries = store.size;
    const other = memoryCache('crdgen 1.0.1', store);
    expect(await generate(validInputs(), {}, assets, { cache: other })).toEqual(clean);
    expect(other.hits).toBe(0);
    expect(store.size).toBe(2 * entries);
    const same = memoryCache('crdgen 1.0.0', store);
    expect(await generate(validInputs(), {}, assets, { cache: same })).toEqual(clean);
    // Every entry but the kind template's, which a run that makes no unit does not read.
    expect(same.hits).toBe(entries - 1);
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

describe('a CRD in a key', () => {
  const schema = (description: string) => ({ type: 'object', properties: { spec: { type: 'object', description } } });
  const crd = (kind: string, group: string, description = 'x') => JSON.parse(crdYaml(schema(description), { kind, group })) as unknown;
  /** Two CRDs of a List on one line: one source (file, document, line) for both. */
  const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [crd('Left', 'list.example.com'), crd('Right', 'list.example.com')] });

  it('is named by the bytes of its file where its source names one CRD document of one input', () => {
    const a = { path: 'a.yaml', text: crdYaml(schema('x'), { kind: 'A' }) };
    const inputs = [a, { path: 'list.yaml', text: list }, { path: 'twice.yaml', text: crdYaml(schema('x'), { kind: 'B' }) }, { path: 'twice.yaml', text: crdYaml(schema('y'), { kind: 'C' }) }];
    const ids = sourceIdentities(inputs, parse(inputs).documents);
    expect([...ids.keys()]).toEqual(['a.yaml\u00000\u00001']);
    const changed = { ...a, text: `${a.text}\n` };
    const again = sourceIdentities([changed], parse([changed]).documents);
    expect(again.get('a.yaml\u00000\u00001')).toMatch(/^[0-9a-f]{64}$/);
    expect(again.get('a.yaml\u00000\u00001')).not.toBe(ids.get('a.yaml\u00000\u00001'));
  });

  it('misses when any byte of its file changed, and is served for CRDs keyed by their models', async () => {
    const assets = await loadAssets();
    const inputs = [...validInputs(), { path: 'list.yaml', text: list }, { path: 'twice.yaml', text: JSON.stringify(crd('Twice', 'twice.example.com', 'first')) }, { path: 'twice.yaml', text: JSON.stringify(crd('Twice', 'twice.example.com', 'second')) }];
    const clean = await generate(inputs, {}, assets);
    expect(clean.kinds.filter((k) => /^(list|twice)\./.test(k.group)).map((k) => k.kind).sort()).toEqual(['Left', 'Right', 'Twice', 'Twice']);
    const store = new Map<string, unknown>();
    expect(await generate(inputs, {}, assets, { cache: memoryCache('g', store) })).toEqual(clean);
    const units = store.size - 1; // and the kind template
    const same = memoryCache('g', store);
    expect(await generate(inputs, {}, assets, { cache: same })).toEqual(clean);
    expect(same.hits).toBe(units);
    // A comment at the end changes no model, yet the bytes of its file: its unit is made again
    // (with the kind template read).
    const commented = inputs.map((f) => (f.path.endsWith('odd-version.yaml') ? { ...f, text: `${f.text}# a comment\n` } : f));
    const after = memoryCache('g', store);
    expect(await generate(commented, {}, assets, { cache: after })).toEqual(await generate(commented, {}, assets));
    expect(after.hits).toBe(units - 1 + 1);
  }, 240_000);
});

describe('the kind template in the cache', () => {
  const TEMPLATE = '<kind template declarations>.json';
  type Entry = { files: Array<{ path: string; contents: string }> };

  it('is an entry of its own, taken by a thread that makes units, and read again from the text when malformed', async () => {
    const assets = await loadAssets();
    // A few kinds in three group-versions, so that two threads make units (seven runs over the
    // whole fixtures took 16-32 s on a loaded machine for the same check).
    const inputs = validInputs().filter((f) => /(lab\/exporters|cluster-scale|two-groups)\.yaml$/.test(f.path));
    expect(inputs).toHaveLength(3);
    const store = new Map<string, unknown>();
    const clean = await generate(inputs, {}, assets, { cache: memoryCache('g', store) });
    const kindFiles = clean.files.filter((f) => f.contents.includes('Where the API server serves '));
    expect(kindFiles.length).toBeGreaterThanOrEqual(4);
    expect(new Set(kindFiles.map((f) => f.path.split('/').slice(0, 2).join('/'))).size).toBeGreaterThanOrEqual(3);
    const entries = [...store].filter(([, v]) => (v as Entry).files.some((f) => f.path === TEMPLATE));
    expect(entries).toHaveLength(1);
    const [key, value] = entries[0] as [string, Entry];
    expect(value.files).toHaveLength(1);
    const json = value.files[0]?.contents ?? '';
    const edited = json.replace('Where the API server serves Widget.', 'Where the API server serves Widget (from the stored template).');
    expect(edited).not.toBe(json);
    // Only the template stored: every unit is made, on this thread and a fresh worker, with the stored declarations.
    const only = (contents: string) => new Map<string, unknown>([[key, { ...value, files: [{ path: TEMPLATE, contents }] }]]);
    const served = await generate(inputs, {}, assets, { cache: memoryCache('g', only(edited)), workers: 2 });
    expect(served.files.filter((f) => f.contents.includes('(from the stored template)')).map((f) => f.path)).toEqual(kindFiles.map((f) => f.path));
    // The stored declarations as they are give the output of reading the template's text.
    expect(await generate(inputs, {}, assets, { cache: memoryCache('g', only(json)), workers: 2 })).toEqual(clean);
    // A malformed value is not taken: the thread reads the template's text, as with none stored
    // (a thread reads the template once, and each thread start costs seconds of CPU under vitest,
    // so the malformed values go through the parse that decides, the one the threads use).
    expect(parseStoredTemplate(json)).toEqual(JSON.parse(json));
    for (const malformed of ['not json', 'null', '{"list":{}}', JSON.stringify({ ...JSON.parse(json), api: { kind: -1 } })]) {
      expect(parseStoredTemplate(malformed)).toBeUndefined();
    }
    // Another generator does not read it.
    const other = memoryCache('h', only(edited));
    expect(await generate(inputs, {}, assets, { cache: other })).toEqual(clean);
    expect(other.hits).toBe(0);
  }, 600_000);
});
