// The YAML cache hook: stored YAML reads back as the same documents (values, lines, line lookups),
// only what JSON carries exactly is stored, anything malformed is read again, and generate()
// gives the same result with and without it, served or not.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate, loadAssets } from '../../../src/index.js';
import { readAllYaml } from '../../../src/generator/parse/yaml-cache.js';
import { readYaml } from '../../../src/generator/parse/yaml-docs.js';
import { ROOT, validInputs } from '../../support/fixtures.js';
import { memoryCache } from '../../support/memory-cache.js';


const plain = (read: { documents: ReadonlyArray<{ index: number; line: number; value: unknown }> }) => read.documents.map(({ index, line, value }) => ({ index, line, value }));

describe('readAllYaml with a cache', () => {
  it('reads stored files back as the same documents, line lookups included', async () => {
    const text = '# lead\n---\napiVersion: v1\nkind: A\nspec:\n  names:\n    kind: W\n---\n\n---\nb: [1, 2.5, "x", true, null]\n';
    const file = { path: 'a.yaml', text };
    const store = new Map<string, unknown>();
    const first = await readAllYaml([file], memoryCache('g', store));
    await first.store();
    expect(store.size).toBe(1);
    const cache = memoryCache('g', store);
    const again = await readAllYaml([file], cache);
    expect(cache.hits).toBe(1);
    const fresh = readYaml(text);
    expect(plain(again.reads[0]!)).toEqual(plain(fresh));
    expect(again.reads[0]!.documents[0]!.lineOf(['spec', 'names', 'kind'])).toBe(7);
    expect(again.reads[0]!.documents[1]!.lineOf(['b', 1])).toBe(11);
    // Another generator's entries are not read.
    const other = memoryCache('h', store);
    await readAllYaml([file], other);
    expect(other.hits).toBe(0);
  });

  it('stores neither files with errors nor values JSON would change, and reads malformed entries again', async () => {
    const files = [
      { path: 'inf.yaml', text: 'a: .inf\n' },
      { path: 'minus-zero.yaml', text: 'a: -0.0\n' },
      { path: 'broken.yaml', text: 'a: [\n' },
      { path: 'ok.yaml', text: 'a: 1\n' },
    ];
    const store = new Map<string, unknown>();
    const read = await readAllYaml(files, memoryCache('g', store));
    await read.store();
    expect(store.size).toBe(1);
    expect(read.reads.map((r) => r.errors.length)).toEqual([0, 0, 1, 0]);
    for (const key of store.keys()) store.set(key, { documents: [{ index: 'x' }] });
    const again = await readAllYaml(files, memoryCache('g', store));
    expect(plain(again.reads[3]!)).toEqual(plain(readYaml('a: 1\n')));
    expect(Object.is((again.reads[1]!.documents[0]!.value as { a: number }).a, -0)).toBe(true);
  });
});

describe('generate() with a YAML cache', () => {
  it('gives the same result without it, when it fills and when it serves', async () => {
    const assets = await loadAssets();
    const invalid = readdirSync(join(ROOT, 'fixtures', 'invalid')).map((name) => ({ path: `invalid/${name}`, text: readFileSync(join(ROOT, 'fixtures', 'invalid', name), 'utf8') }));
    for (const inputs of [validInputs(), invalid]) {
      const clean = await generate(inputs, { keepGoing: true }, assets);
      const store = new Map<string, unknown>();
      const filling = await generate(inputs, { keepGoing: true }, assets, { yaml: memoryCache('g', store) });
      expect(store.size).toBeGreaterThan(0);
      const cache = memoryCache('g', store);
      const served = await generate(inputs, { keepGoing: true }, assets, { yaml: cache });
      expect(cache.hits).toBe(store.size);
      expect(filling).toEqual(clean);
      expect(served).toEqual(clean);
    }
  }, 240_000);
});
