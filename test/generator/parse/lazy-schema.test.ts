// Schemas the YAML cache keeps in an entry of their own and loads only for the units to make: a
// stored file reads back with its schemas lazy, loading them gives what parsing the text gives (from
// their entry, or from the text when that entry is missing, damaged or of another schema), a run
// whose units are all served never reads them, and every output equals the run without a cache.
import { describe, expect, it } from 'vitest';
import { generate, loadAssets } from '../../../src/index.js';
import { isLazySchema, loadSchemas } from '../../../src/generator/parse/lazy-schema.js';
import { parse } from '../../../src/generator/parse/parse.js';
import { readAllYaml } from '../../../src/generator/parse/yaml-cache.js';
import { readYaml } from '../../../src/generator/parse/yaml-docs.js';
import { normalize } from '../../../src/generator/normalize/normalize.js';
import { crdYaml, validInputs } from '../../support/fixtures.js';
import { memoryCache } from '../../support/memory-cache.js';

const schema = (description: string) => ({ type: 'object', properties: { spec: { type: 'object', description, properties: { n: { type: 'integer', minimum: 1 } } } } });
const v1beta1 = JSON.stringify({
  apiVersion: 'apiextensions.k8s.io/v1beta1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'olds.old.example.com' },
  spec: { group: 'old.example.com', names: { kind: 'Old', plural: 'olds' }, version: 'v1', validation: { openAPIV3Schema: schema('old') } },
});
/** Two versions with schemas, a v1beta1 CRD, and a List whose items keep theirs in the document's entry. */
const text = [
  JSON.stringify({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'twos.two.example.com' },
    spec: {
      group: 'two.example.com',
      scope: 'Namespaced',
      names: { kind: 'Two', plural: 'twos' },
      versions: [
        { name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema('one') } },
        { name: 'v2', served: true, storage: false, schema: { openAPIV3Schema: schema('two') } },
      ],
    },
  }),
  v1beta1,
  JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [JSON.parse(crdYaml(schema('item'), { kind: 'Item', group: 'list.example.com' }))] }),
].join('\n---\n');
const file = { path: 'crds.yaml', text };

/** The CRDs of `files` read through `cache`. */
async function crdsOf(files: ReadonlyArray<{ path: string; text: string }>, store: Map<string, unknown>) {
  const read = await readAllYaml(files, memoryCache('g', store));
  await read.store();
  return normalize(parse(files, read.reads).documents).crds;
}
const schemas = (crds: Awaited<ReturnType<typeof crdsOf>>) => crds.flatMap((crd) => crd.versions.map((v) => v.schema));

describe('schemas stored apart from their documents', () => {
  it('read back lazy and load as the text parses, from their entry or from the text', async () => {
    const fresh = normalize(parse([file]).documents).crds;
    const store = new Map<string, unknown>();
    expect(await crdsOf([file], store)).toEqual(fresh);
    expect(store.size).toBe(2);
    const schemasKey = [...store].find(([, v]) => (v as { schemas?: unknown }).schemas !== undefined)?.[0] as string;
    expect((store.get(schemasKey) as { schemas: unknown[] }).schemas).toHaveLength(3);
    const original = store.get(schemasKey);
    const variants: Array<[string, unknown]> = [
      ['its entry', original],
      ['no entry', undefined],
      ['another schema', { schemas: [schema('other'), schema('two'), schema('old')] }],
      ['one missing', { schemas: [schema('one'), schema('two')] }],
      ['not objects', { schemas: [1, 2, 3] }],
    ];
    for (const [what, value] of variants) {
      if (value === undefined) store.delete(schemasKey);
      else store.set(schemasKey, value);
      const crds = await crdsOf([file], store);
      const lazy = schemas(crds);
      // The List's item keeps its schema in the document's entry; the others wait.
      expect(lazy.map(isLazySchema), what).toEqual([false, true, true, true]);
      expect(crds, what).not.toEqual(fresh);
      await loadSchemas(crds);
      expect(schemas(crds).some(isLazySchema), what).toBe(false);
      expect(crds, what).toEqual(fresh);
      expect(JSON.stringify(crds), what).toBe(JSON.stringify(fresh));
      // An entry that did not serve is stored again.
      expect(store.get(schemasKey), what).toEqual(original);
    }
  });

  // A slot at a value that is not null, and slots at a null that is not a schema's place.
  it.each([
    [['spec', 'names'], false],
    [['spec', 'conversion'], true],
    [['spec', 'versions', 0, 'schema'], true],
    [['spec', 'versions', -1, 'schema', 'openAPIV3Schema'], true],
  ])('are refused as a damaged entry when a slot is not where a schema goes: %j', async (path, nullThere) => {
    const store = new Map<string, unknown>();
    await crdsOf([file], store);
    const [key, entry] = [...store].find(([, v]) => (v as { documents?: unknown }).documents !== undefined) as [string, { documents: Array<{ value: unknown; schemas?: Array<{ path: unknown[] }> }> }];
    const moved = structuredClone(entry);
    const document = moved.documents[0] as { value: unknown; schemas?: Array<{ path: unknown[] }> };
    (document.schemas?.[0] as { path: unknown[] }).path = path;
    if (nullThere) {
      // The place holds null, as a schema's slot does.
      const parent = path.slice(0, -1).reduce<unknown>((v, step) => (v as Record<string, unknown>)[step as string] ??= {}, document.value) as Record<string, unknown>;
      parent[path[path.length - 1] as string] = null;
    }
    store.set(key, moved);
    const read = await readAllYaml([file], memoryCache('g', store));
    expect(read.reads[0]?.documents.map((d) => d.value)).toEqual(readYaml(text).documents.map((d) => d.value));
  });

  it('are never read by a run whose units are all served, and a changed file makes the same output as no cache', async () => {
    const assets = await loadAssets();
    const other = { path: 'other.yaml', text: crdYaml(schema('other'), { kind: 'Other', group: 'other.example.com' }) };
    const inputs = [...validInputs(), file, other];
    const clean = await generate(inputs, {}, assets);
    const store = new Map<string, unknown>();
    const hooks = (reads: string[]) => {
      const cache = memoryCache('g', store);
      const read = cache.read;
      cache.read = async (key) => {
        reads.push(key);
        return read(key);
      };
      return { cache, yaml: cache };
    };
    expect(await generate(inputs, {}, assets, hooks([]))).toEqual(clean);
    const schemaKeys = [...store].filter(([, v]) => (v as { schemas?: unknown }).schemas !== undefined).map(([k]) => k);
    // One per file whose entry left a schema out (crds.yaml and other.yaml among them).
    const withSlots = [...store.values()].filter((v) => (v as { documents?: Array<{ schemas?: unknown }> }).documents?.some((d) => d.schemas !== undefined));
    expect(schemaKeys).toHaveLength(withSlots.length);
    expect(schemaKeys.length).toBeGreaterThan(2);
    const served: string[] = [];
    expect(await generate(inputs, {}, assets, hooks(served))).toEqual(clean);
    expect(served.filter((k) => schemaKeys.includes(k))).toEqual([]);
    // other.yaml changed: its group is made again from its text; crds.yaml stays lazy and unread.
    const changed = inputs.map((f) => (f === other ? { ...f, text: crdYaml(schema('changed'), { kind: 'Other', group: 'other.example.com' }) } : f));
    const again: string[] = [];
    expect(await generate(changed, {}, assets, hooks(again))).toEqual(await generate(changed, {}, assets));
    expect(again.filter((k) => schemaKeys.includes(k))).toEqual([]);
  }, 240_000);

  it('compare and key CRDs defined twice as their loaded schemas do', async () => {
    const assets = await loadAssets();
    const a = { path: 'a/old.yaml', text: v1beta1 };
    // The same definition in other bytes, and one with another schema.
    const same = { path: 'b/old.yaml', text: `${v1beta1}\n# the same\n` };
    const differs = { path: 'b/old.yaml', text: v1beta1.replace('"old"', '"newer"') };
    /** The same path given twice: CRDs keyed by their models. */
    const twice = [
      { path: 'twice.yaml', text: crdYaml(schema('first'), { kind: 'Twice', group: 'twice.example.com' }) },
      { path: 'twice.yaml', text: crdYaml(schema('second'), { kind: 'Twice', group: 'twice.example.com' }) },
    ];
    for (const second of [same, differs]) {
      const store = new Map<string, unknown>();
      const fill = memoryCache('g', store);
      await generate([a, ...twice], {}, assets, { cache: fill, yaml: fill });
      const units = [...store.values()].filter((v) => (v as { files?: unknown }).files !== undefined).length;
      const cache = memoryCache('g', store);
      const inputs = [a, second, ...twice];
      const result = await generate(inputs, {}, assets, { cache, yaml: cache });
      expect(result).toEqual(await generate(inputs, {}, assets));
      expect(result.diagnostics.some((d) => d.code === (second === same ? 'crd-duplicate-identical' : 'crd-redefined'))).toBe(true);
      // The CRDs keyed by their models (schemas lazy now, loaded when stored) are served.
      const served = memoryCache('g', store);
      await generate([a, ...twice], {}, assets, { cache: served, yaml: served });
      // Every unit but the kind template's entry (none is made), and the YAML of the three files.
      expect(served.hits).toBe(units - 1 + 3);
    }
  }, 240_000);
});
