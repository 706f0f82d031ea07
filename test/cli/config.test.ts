// The config file: strict validation with one line naming key and file, the JSON Schema shipped
// beside it, where it is found, and how `crdgen generate` merges it under the flags.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, ConfigError, findConfig, validateConfig } from '../../src/cli/config.js';
import { DEFAULT_OPTIONS, VERSION_CHOICES } from '../../src/generator/options.js';
import { normalize, parse, plan } from '../../src/index.js';
import { runCli } from '../support/cli.js';
import { crdYaml, ROOT } from '../support/fixtures.js';

const POOL = join(ROOT, 'fixtures/valid/cluster-scale.yaml');
const temp = () => mkdtempSync(join(tmpdir(), 'crdgen-config-'));
const schema = JSON.parse(readFileSync(join(ROOT, 'schema/crdgen.config.schema.json'), 'utf8')) as {
  additionalProperties: boolean;
  properties: Record<string, { enum?: string[]; propertyNames?: { pattern: string }; additionalProperties?: { pattern: string } }>;
};

/** A project folder with a package.json, a CRD folder and the given files. */
function project(files: Record<string, string>): string {
  const dir = temp();
  writeFileSync(join(dir, 'package.json'), '{ "name": "app", "private": true }\n');
  mkdirSync(join(dir, 'crds'));
  writeFileSync(join(dir, 'crds/pool.yaml'), readFileSync(POOL, 'utf8'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('validateConfig', () => {
  it.each([
    [{ inputs: ['crds'], out: 'gen', versions: 'all', include: ['Pool'], exclude: ['x.io'], runtime: 'crdgen/runtime', renames: { Pool: 'Reservoir' }, keepGoing: true, clean: false, $schema: './s.json' }, undefined],
    [{ inptus: ['crds'] }, 'c.json: "inptus" is not a config key (did you mean "inputs"? known keys: inputs, out, clean, versions, runtime, keepGoing, include, exclude, renames, validators)'],
    [{ output: 'x' }, 'c.json: "output" is not a config key (known keys: inputs, out, clean, versions, runtime, keepGoing, include, exclude, renames, validators)'],
    [{ versions: 'some' }, 'c.json: "versions" must be one of served, storage, all, got "some"'],
    [{ inputs: 'crds' }, 'c.json: "inputs" must be an array of strings, got "crds"'],
    [{ inputs: ['crds', 3] }, 'c.json: "inputs[1]" must be a non-empty string, got number 3'],
    [{ out: '' }, 'c.json: "out" must be a non-empty string, got ""'],
    [{ keepGoing: 'yes' }, 'c.json: "keepGoing" must be true or false, got "yes"'],
    [{ renames: ['Pool'] }, 'c.json: "renames" must be an object of Kind (or Kind.group) -> type name, got an array'],
    [{ renames: { Pool: 'pool' } }, 'c.json: "renames.Pool" must be a PascalCase type name (letters and digits), got "pool"'],
    [{ renames: { Pool: 'Promise' } }, 'c.json: "renames.Pool" must not be Promise: it would shadow a global or imported name'],
    [{ renames: { 'no such': 'X' } }, 'c.json: "renames.no such" must name a kind: Kind or Kind.group'],
    [{ renames: { 'my-widget': 'Gizmo', 'my-widget.example.com': 'Gadget' } }, undefined],
    [{ renames: { 'widget-': 'X' } }, 'c.json: "renames.widget-" must name a kind: Kind or Kind.group'],
    [{ keep_going: true }, 'c.json: "keep_going" is not a config key (did you mean "keepGoing"? known keys: inputs, out, clean, versions, runtime, keepGoing, include, exclude, renames, validators)'],
    [{ rename: { Pool: 'Reservoir' } }, 'c.json: "rename" is not a config key (did you mean "renames"? known keys: inputs, out, clean, versions, runtime, keepGoing, include, exclude, renames, validators)'],
    [{ watch: true }, 'c.json: "watch" is a flag of crdgen generate, not a config key (give --watch on the command line)'],
    [{ fromCluster: true }, 'c.json: "fromCluster" is a flag of crdgen generate, not a config key (give --from-cluster on the command line)'],
    [{ 'from-cluster': true }, 'c.json: "from-cluster" is a flag of crdgen generate, not a config key (give --from-cluster on the command line)'],
    [{ include: [''] }, 'c.json: "include[0]" must be a non-empty string, got ""'],
    [{ clean: 1 }, 'c.json: "clean" must be true or false, got number 1'],
    [{ $schema: 3 }, 'c.json: "$schema" must be a non-empty string, got number 3'],
    [[], 'c.json: the config must be an object, got an array'],
  ])('%j', (given, want) => {
    if (want === undefined) expect(() => validateConfig(given, 'c.json')).not.toThrow();
    else expect(() => validateConfig(given, 'c.json')).toThrow(new ConfigError(want));
  });

  it('names the key under "crdgen." in package.json', () => {
    expect(() => validateConfig({ versions: 1 }, 'package.json', 'crdgen.')).toThrow('package.json: "crdgen.versions" must be one of served, storage, all, got number 1');
  });
});

describe('the JSON Schema', () => {
  it('lists exactly the keys the reader accepts, and the same choices and patterns', () => {
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual([...CONFIG_KEYS]);
    expect(schema.properties.versions?.enum).toEqual([...VERSION_CHOICES]);
    const renames = schema.properties.renames;
    expect(new RegExp(renames?.additionalProperties?.pattern ?? '').test('Reservoir')).toBe(true);
    expect(new RegExp(renames?.additionalProperties?.pattern ?? '').test('reservoir')).toBe(false);
    expect(new RegExp(renames?.propertyNames?.pattern ?? '').test('Pool.infra.example.com')).toBe(true);
    expect(() => validateConfig({ renames: { 'Pool.infra.example.com': 'Reservoir' } }, 'c.json')).not.toThrow();
  });
});

describe('findConfig', () => {
  it('finds crdgen.config.json from a subfolder, with paths relative to it', async () => {
    const dir = project({ 'crdgen.config.json': '{ "inputs": ["crds"], "out": "gen" }' });
    mkdirSync(join(dir, 'src/deep'), { recursive: true });
    const found = await findConfig(join(dir, 'src/deep'));
    expect(found).toEqual({ file: '../../crdgen.config.json', dir, config: { inputs: ['crds'], out: 'gen' } });
  });

  it('reads the crdgen key of package.json, and stops at the package root', async () => {
    const dir = project({ 'package.json': '{ "name": "app", "crdgen": { "out": "gen" } }' });
    expect((await findConfig(dir))?.config).toEqual({ out: 'gen' });
    mkdirSync(join(dir, 'packages/inner'), { recursive: true });
    writeFileSync(join(dir, 'packages/inner/package.json'), '{ "name": "inner" }');
    expect(await findConfig(join(dir, 'packages/inner'))).toBeUndefined();
  });

  it('reports invalid JSON with the file name', async () => {
    const dir = project({ 'crdgen.config.json': '{ "out": "gen", }' });
    await expect(findConfig(dir)).rejects.toThrow(/^crdgen\.config\.json: not valid JSON: /);
  });
});

describe('crdgen generate with a config', () => {
  it('with no arguments generates what the config says; flags override it', async () => {
    const dir = project({ 'crdgen.config.json': '{ "inputs": ["crds"], "out": "src/generated", "runtime": "crdgen/runtime" }' });
    mkdirSync(join(dir, 'src/app'), { recursive: true });
    const run = await runCli(['generate'], { cwd: join(dir, 'src/app') });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'src/generated/infra.example.com/v1/pool.ts'), 'utf8')).toContain("from 'crdgen/runtime'");
    expect((await runCli(['generate', '--check'], { cwd: dir })).code).toBe(0);
    const copied = await runCli(['generate', '--runtime', 'copy', '-o', 'other'], { cwd: dir });
    expect(copied.code).toBe(0);
    expect(existsSync(join(dir, 'other/runtime/index.ts'))).toBe(true);
  });

  it('renames from the config and from --rename name the types, never the wire kind', async () => {
    const dir = project({ 'package.json': '{ "name": "app", "crdgen": { "inputs": ["crds"], "out": "gen", "renames": { "Pool": "Reservoir" } } }' });
    expect((await runCli(['generate'], { cwd: dir })).code).toBe(0);
    const pool = readFileSync(join(dir, 'gen/infra.example.com/v1/pool.ts'), 'utf8');
    expect(pool).toContain('export interface Reservoir {');
    expect(pool).toContain("kind: 'Pool';");
    expect(pool).toContain('export interface ReservoirSpec');
    expect(pool).toContain("export class ReservoirApi extends AbstractAsyncCustomObjectApi<Reservoir, ReservoirList, 'Cluster', ReservoirInput>");
    expect(pool).toContain('export const reservoirResource = {');
    expect((await runCli(['generate', '--rename', 'Pool.infra.example.com=Basin'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'gen/infra.example.com/v1/pool.ts'), 'utf8')).toContain('export interface Basin {');
  });

  it('fails when the inputs hold no CRD files, and writes nothing', async () => {
    const dir = project({ 'crdgen.config.json': '{ "inputs": ["empty"], "out": "gen" }' });
    mkdirSync(join(dir, 'empty'));
    const run = await runCli(['generate'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('crdgen: empty: no CRD files (*.yaml, *.yml, *.json); nothing written\n');
    expect(existsSync(join(dir, 'gen'))).toBe(false);
  });

  it('warns about a rename that matches no kind', async () => {
    const dir = project({ 'crdgen.config.json': '{ "inputs": ["crds"], "out": "gen", "renames": { "Pond": "Lake" } }' });
    const run = await runCli(['generate'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('warning: renames: Pond matches no kind of the inputs (use Kind or Kind.group, or remove it) [rename-unused]\n');
  });

  it.each([
    ['{ "inputs": ["crds"], "out": "gen", "verions": "all" }', [], 'crdgen: crdgen.config.json: "verions" is not a config key (did you mean "versions"? known keys: inputs, out, clean, versions, runtime, keepGoing, include, exclude, renames, validators)\n'],
    ['{ "inputs": ["crds"], "out": 42 }', [], 'crdgen: crdgen.config.json: "out" must be a non-empty string, got number 42\n'],
    ['{ "inputs": ["crds"], "out": "gen" }', ['--config', 'nope.json'], 'crdgen: nope.json: no such config file (check --config)\n'],
    ['{ "inputs": ["crds"], "out": "gen" }', ['--rename', 'Pool'], 'crdgen: --rename Pool: use Kind=NewName or Kind.group=NewName\n'],
    ['{ "inputs": ["crds"], "out": "gen" }', ['--rename', 'Pool=Map'], 'crdgen: --rename Pool: must not be Map: it would shadow a global or imported name\n'],
  ])('%s %j exits 2 with one line', async (config, flags, stderr) => {
    const dir = project({ 'crdgen.config.json': config });
    const run = await runCli(['generate', ...flags], { cwd: dir });
    expect(run).toEqual({ code: 2, stdout: '', stderr });
    expect(existsSync(join(dir, 'gen'))).toBe(false);
  });

  it('--config names another file, a package.json included', async () => {
    const dir = project({ 'configs/ci.json': '{ "inputs": ["../crds"], "out": "../ci-out" }', 'configs/package.json': '{ "crdgen": { "inputs": ["../crds"], "out": "../pkg-out" } }' });
    expect((await runCli(['generate', '--config', 'configs/ci.json'], { cwd: dir })).code).toBe(0);
    expect(existsSync(join(dir, 'ci-out/infra.example.com/v1/pool.ts'))).toBe(true);
    expect((await runCli(['generate', '--config', 'configs/package.json'], { cwd: dir })).code).toBe(0);
    expect(existsSync(join(dir, 'pkg-out/index.ts'))).toBe(true);
    const none = await runCli(['generate', '--config', 'package.json'], { cwd: dir });
    expect(none).toEqual({ code: 2, stdout: '', stderr: 'crdgen: package.json: has no "crdgen" key (add one, or run crdgen init)\n' });
  });
});

describe('renames in the planner', () => {
  const planned = (renames: Record<string, string>) => {
    const inputs = ['Widget', 'Gadget'].map((kind) => ({ path: `${kind}.yaml`, text: crdYaml({ type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } }, { kind }) }));
    return plan(normalize(parse(inputs).documents).crds, { ...DEFAULT_OPTIONS, renames });
  };

  it('Kind.group wins over Kind, and nested types follow the new name', () => {
    const result = planned({ Widget: 'Thing', 'Widget.example.com': 'Gizmo' });
    const widget = result.groupVersions[0]?.kinds.find((k) => k.crd.names.kind === 'Widget');
    expect(widget).toMatchObject({ typeName: 'Gizmo', listName: 'GizmoList', apiName: 'GizmoApi', resourceName: 'gizmoResource', file: 'example.com/v1/widget.ts' });
    expect(widget?.typeNames.get('#/properties/spec')).toBe('GizmoSpec');
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('a rename onto another kind\'s names is an error, and the kind keeps its own', () => {
    const result = planned({ Widget: 'Gadget' });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([
      'rename-clash: renames: Widget -> Gadget clashes with Gadget in example.com/v1 (choose another name)',
    ]);
    expect(result.groupVersions[0]?.kinds.map((k) => k.typeName)).toEqual(['Gadget', 'Widget']);
  });
});
