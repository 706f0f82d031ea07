// The content-hash cache of `crdgen generate` (--cache <dir>, on by default under the project's
// node_modules/.cache/crdgen): a re-run after one CRD changed makes only that group-version again
// and writes the bytes of a clean run; other options never read its entries; corrupt entries are
// ignored and replaced.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheDir, fileCache, generatorIdentity, pruneCache } from '../../src/cli/cache.js';
import { crdgenVersion } from '../../src/cli/usage.js';
import { runCli } from '../support/cli.js';
import { VALID } from '../support/fixtures.js';

const work = mkdtempSync(join(tmpdir(), 'crdgen-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every file below `dir` with its bytes, by relative path. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const path of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (statSync(join(dir, path)).isFile()) out[path] = readFileSync(join(dir, path), 'utf8');
  }
  return out;
}

const entries = (cache: string) => Object.keys(tree(cache)).filter((p) => p.endsWith('.json'));
/** Entries of unit results (the others hold the YAML of an input file: `"value":{"documents":`). */
const unitEntries = (cache: string) => Object.entries(tree(cache)).filter(([p, text]) => p.endsWith('.json') && text.includes('"value":{"files":') && !text.includes(TEMPLATE)).map(([p]) => p);
/** The entry of the kind template's declarations, read by a run that makes a unit. */
const TEMPLATE = '"path":"<kind template declarations>.json"';
const templateEntries = (cache: string) => Object.entries(tree(cache)).filter(([p, text]) => p.endsWith('.json') && text.includes(TEMPLATE)).map(([p]) => p);
/** Entries of the schemas of an input file's CRDs (read when a unit needs them). */
const schemaEntries = (cache: string) => Object.entries(tree(cache)).filter(([p, text]) => p.endsWith('.json') && text.includes('"value":{"schemas":')).map(([p]) => p);
const yamlEntries = (cache: string) => Object.entries(tree(cache)).filter(([p, text]) => p.endsWith('.json') && text.includes('"value":{"documents":')).map(([p]) => p);

async function generate(name: string, inputs: string, ...flags: string[]): Promise<Record<string, string>> {
  const out = join(work, name);
  const run = await runCli(['generate', inputs, '-o', out, '--quiet', ...flags], { cwd: work });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return tree(out);
}

describe('generate --cache', () => {
  it('after one CRD changed makes one group-version again and writes what a clean run writes', async () => {
    const crds = join(work, 'crds');
    cpSync(VALID, crds, { recursive: true });
    const cache = join(work, 'cache-rerun');
    const first = await generate('rerun', crds, '--cache', cache);
    const made = entries(cache);
    expect(unitEntries(cache).length).toBeGreaterThan(5);
    // The YAML of every input file is kept too.
    expect(yamlEntries(cache)).toHaveLength(readdirSync(crds, { recursive: true, encoding: 'utf8' }).filter((p) => /\.(ya?ml|json)$/.test(p)).length);
    const ticket = join(crds, 'odd-version.yaml');
    writeFileSync(ticket, readFileSync(ticket, 'utf8').replace('title: { type: string }', 'title: { type: string, description: Changed by the test. }'));
    const again = await generate('rerun', crds, '--cache', cache);
    const clean = await generate('rerun-clean', crds, '--no-cache');
    expect(again).toEqual(clean);
    expect(again).not.toEqual(first);
    expect(again['desk.example.com/v1-1-0/ticket.ts']).toContain('Changed by the test.');
    // Only the changed group-version was made (and stored) again, and only the changed file read again.
    expect(unitEntries(cache).filter((e) => !made.includes(e))).toHaveLength(1);
    expect(yamlEntries(cache).filter((e) => !made.includes(e))).toHaveLength(1);
  }, 240_000);

  it('never serves an entry made with other options', async () => {
    const cache = join(work, 'cache-options');
    await generate('copy', VALID, '--cache', cache);
    const stored = unitEntries(cache).length;
    const yaml = yamlEntries(cache).length;
    const imported = await generate('imported', VALID, '--cache', cache, '--runtime', 'crdgen/runtime');
    expect(imported).toEqual(await generate('imported-clean', VALID, '--no-cache', '--runtime', 'crdgen/runtime'));
    expect(imported['lab.example.com/v1alpha1/exporter.ts']).toContain("from 'crdgen/runtime'");
    // Every unit was made again for the other options: none of the first run's entries served
    // (the YAML of the inputs does not depend on them).
    expect(unitEntries(cache).length).toBe(2 * stored);
    expect(yamlEntries(cache).length).toBe(yaml);
  }, 240_000);

  it('ignores corrupt entries and replaces them', async () => {
    const cache = join(work, 'cache-corrupt');
    const clean = await generate('corrupt-first', VALID, '--cache', cache);
    const files = entries(cache);
    // The schemas of a file's CRDs are read (and a damaged entry of them replaced) only when a unit
    // needs them (test/generator/parse/lazy-schema.test.ts): a CRD generated from no unit never does.
    const schemas = schemaEntries(cache);
    const garbage = [
      (text: string) => text.slice(0, text.length / 2), // truncated
      (text: string) => text.replace(/ticket|exporter|widget/i, 'tampered'), // checksum no longer matches
      () => 'null',
      () => JSON.stringify({ key: 'another', sha256: 'x', value: {} }),
    ];
    files.forEach((file, i) => writeFileSync(join(cache, file), (garbage[i % garbage.length] as (t: string) => string)(readFileSync(join(cache, file), 'utf8'))));
    expect(await generate('corrupt-again', VALID, '--cache', cache)).toEqual(clean);
    // Replaced with good entries: they parse and a third run reads them.
    for (const file of files.filter((f) => !schemas.includes(f))) expect(() => JSON.parse(readFileSync(join(cache, file), 'utf8'))).not.toThrow();
    expect(await generate('corrupt-third', VALID, '--cache', cache)).toEqual(clean);
  }, 240_000);

  it('reads an entry back byte for byte, and any changed, missing or added byte as absent', async () => {
    const dir = join(work, 'cache-bytes');
    const store = fileCache(dir, 'g');
    const key = 'ab'.repeat(32);
    const value = { files: [{ path: 'a.ts', contents: 'Größe ✓ 𝄞 "quoted" \\ \n' }], n: [1, 2.5, -3e-7] };
    await store.write(key, value as never);
    expect(await store.read(key)).toEqual(value);
    const path = join(dir, 'ab', `${key}.json`);
    const bytes = readFileSync(path);
    const at = bytes.indexOf(Buffer.from('Größe'));
    const variants = [
      Buffer.concat([bytes.subarray(0, at), Buffer.from('Grösse'), bytes.subarray(at + Buffer.byteLength('Größe'))]), // same length in characters, other bytes
      Buffer.concat([bytes.subarray(0, at + 2), Buffer.from([0xff]), bytes.subarray(at + 3)]), // not UTF-8
      bytes.subarray(0, bytes.length - 1),
      Buffer.concat([bytes, Buffer.from(' ')]),
      bytes.subarray(0, 100),
      Buffer.alloc(0),
    ];
    for (const changed of variants) {
      writeFileSync(path, changed);
      expect(await store.read(key)).toBeUndefined();
    }
    // A whole entry under another key's name is not that key's.
    const other = 'cd'.repeat(32);
    mkdirSync(join(dir, 'cd'), { recursive: true });
    writeFileSync(join(dir, 'cd', `${other}.json`), bytes);
    expect(await store.read(other)).toBeUndefined();
    writeFileSync(path, bytes);
    expect(await store.read(key)).toEqual(value);
  });

  it('lives in the project node_modules/.cache/crdgen by default, nowhere without node_modules, and names its generator', () => {
    const project = join(work, 'project');
    cpSync(join(VALID, 'lab'), join(project, 'node_modules', 'x'), { recursive: true });
    expect(cacheDir(undefined, join(project, 'node_modules', 'x'))).toBe(join(project, 'node_modules', '.cache', 'crdgen'));
    expect(cacheDir(false, project)).toBeUndefined();
    expect(cacheDir('elsewhere', project)).toBe(join(project, 'elsewhere'));
    expect(generatorIdentity()).toMatch(new RegExp(`^crdgen ${crdgenVersion().replace(/\./g, '\\.')} code [0-9a-f]{64} json-schema-to-typescript \\S+ ts-morph \\S+$`));
  });

  it('writes to the project node_modules/.cache/crdgen by default and nowhere with --no-cache', async () => {
    const project = join(work, 'default-project');
    mkdirSync(join(project, 'node_modules'), { recursive: true });
    cpSync(join(VALID, 'odd-version.yaml'), join(project, 'crds', 'odd-version.yaml'));
    const run = (...flags: string[]) => runCli(['generate', 'crds', '-o', 'out', '--quiet', ...flags], { cwd: project });
    expect((await run('--no-cache')).code).toBe(0);
    expect(existsSync(join(project, 'node_modules', '.cache'))).toBe(false);
    expect((await run()).code).toBe(0);
    expect(unitEntries(join(project, 'node_modules', '.cache', 'crdgen'))).toHaveLength(1);
    expect(yamlEntries(join(project, 'node_modules', '.cache', 'crdgen'))).toHaveLength(1);
    expect(templateEntries(join(project, 'node_modules', '.cache', 'crdgen'))).toHaveLength(1);
  }, 120_000);

  it('prunes the least recently used entries past its size limit, and only its own files', async () => {
    const dir = join(work, 'cache-prune');
    const cache = fileCache(dir, 'g');
    const keys = ['a', 'b', 'c', 'd', 'e'].map((c) => c.repeat(64));
    const value = { files: [{ path: 'x.ts', contents: 'x'.repeat(1000) }], diagnostics: [], typed: ['x.ts'], wellKnown: [], exports: [] };
    for (const key of keys) await cache.write(key, value);
    // Entry i was last used i hours ago...
    keys.forEach((key, i) => utimesSync(join(dir, key.slice(0, 2), `${key}.json`), new Date(Date.now() - i * 3_600_000), new Date(Date.now() - i * 3_600_000)));
    // ...but reading one marks it used now.
    expect(await cache.read(keys[4] as string)).toEqual(value);
    mkdirSync(join(dir, 'mine'), { recursive: true });
    writeFileSync(join(dir, 'mine', 'notes.txt'), 'not the cache\'s');
    const leftover = join(dir, 'aa', `${'a'.repeat(64)}.json.0123456789ab.tmp`);
    writeFileSync(leftover, '{');
    utimesSync(leftover, new Date(Date.now() - 7_200_000), new Date(Date.now() - 7_200_000));
    const size = statSync(join(dir, 'aa', `${keys[0]}.json`)).size;
    expect(await pruneCache(dir, 4 * size)).toBe(3); // the leftover and the two oldest, down to 80%
    const left = keys.filter((key) => existsSync(join(dir, key.slice(0, 2), `${key}.json`)));
    expect(left).toEqual([keys[0], keys[1], keys[4]]);
    expect(existsSync(leftover)).toBe(false);
    expect(readFileSync(join(dir, 'mine', 'notes.txt'), 'utf8')).toBe("not the cache's");
    expect(await pruneCache(dir, 4 * size)).toBe(0);
  });
});
