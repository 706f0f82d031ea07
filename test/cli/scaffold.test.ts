// crdgen scaffold: editable subclasses of the generated API classes, written once, compiled
// (with and without their commented examples), and never confused with generated files.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isUntouchedScaffold, withBanner } from '../../src/cli/scaffold-text.js';
import { runCli } from '../support/cli.js';
import { crdYaml, GENERATED, ROOT } from '../support/fixtures.js';
import { startTestApiServer } from '../../src/testing/index.js';
import { STRICTEST_BUNDLER, STRICT_NODENEXT, typecheck } from '../support/typecheck.js';

// Inside the repository (tmp/ is ignored by git) so that @kubernetes/client-node resolves.
const temp = () => {
  mkdirSync(join(ROOT, 'tmp'), { recursive: true });
  return mkdtempSync(join(ROOT, 'tmp', 'scaffold-'));
};
const generated = relative(ROOT, GENERATED);
/** Every generated group but beta.example.com, whose Widget has the same file name as alpha's. */
const GROUPS = ['alpha.example.com', 'desk.example.com', 'infra.example.com', 'lab.example.com', 'legacy.example.com', 'mapping.example.com', 'shop.example.com'];

/**
 * Type errors in the scaffolded files, the files of `paths` below `dirs`, in one program: the
 * generated code they import is checked by test/generator (and test/generator/emit for validators).
 */
const errorsIn = (dirs: string[], paths: string[], options: Parameters<typeof typecheck>[1]) => typecheck(paths, options, (path) => dirs.some((dir) => path.startsWith(`${dir}/`)));

/** The examples in a scaffolded file, uncommented, as a user would. */
const uncomment = (text: string) => text.replace(/^(\s*)\/\/ (?=import |async |\/\*\*|\}|  )/gm, '$1');

describe('crdgen scaffold', () => {
  it('writes one editable class per kind and an index; all compile, examples included', async () => {
    const out = temp();
    const run = await runCli(['scaffold', ...GROUPS, '-o', out, '--generated', generated], { cwd: ROOT });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toEqual([
      'backup.ts', 'basket.ts', 'blob.ts', 'catalog.ts', 'client.ts', 'exporter.ts', 'gizmo.ts', 'index.ts', 'lamp.ts', 'lease.ts',
      'note.ts', 'notebook.ts', 'oddity.ts', 'optional.ts', 'pool.ts', 'port.ts', 'preset.ts', 'record.ts', 'route.ts', 'stamp.ts',
      'ticket.ts', 'widget.ts', 'wrapper.ts',
    ]);
    expect(run.stdout).toContain(`${relative(ROOT, join(out, 'exporter.ts'))}: written\n`);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('crdgen: scaffold 22 kinds: 23 written, 0 skipped (existing files are never overwritten)');
    const exporter = readFileSync(join(out, 'exporter.ts'), 'utf8');
    expect(exporter).toContain(`import { ExporterApi } from '../../generated/lab.example.com/v1alpha1/exporter.js';`);
    expect(exporter).toContain('export class ExporterClient extends ExporterApi {');
    expect(exporter).toContain('  // async getExporterConfig(name: string): Promise<Record<string, string>> {');
    expect(exporter).not.toMatch(/DO NOT EDIT/);
    expect(isUntouchedScaffold(exporter)).toBe(true);
    // The highest-priority version of a kind generated at several.
    expect(readFileSync(join(out, 'gizmo.ts'), 'utf8')).toContain("from '../../generated/shop.example.com/v1/gizmo.js'");
    expect(readFileSync(join(out, 'index.ts'), 'utf8').split('\n').slice(1, 3)).toEqual(["export * from './backup.js';", "export * from './basket.js';"]);

    // The files as scaffolded and, in a folder beside them (the same relative imports), with their
    // examples uncommented: both compile, checked in one program for each setting.
    const examples = temp();
    for (const f of files) writeFileSync(join(examples, f), uncomment(readFileSync(join(out, f), 'utf8')));
    expect(readFileSync(join(examples, 'exporter.ts'), 'utf8')).toContain("\nimport { CoreV1Api } from '@kubernetes/client-node';\n");
    expect(readFileSync(join(examples, 'exporter.ts'), 'utf8')).toContain('\n  async getExporterSpec(name: string) {\n    const exporter = await this.get(name);\n');
    const paths = files.flatMap((f) => [join(out, f), join(examples, f)]);
    expect(errorsIn([out, examples], paths, STRICT_NODENEXT)).toBe('');
    expect(errorsIn([out, examples], paths, STRICTEST_BUNDLER)).toBe('');
  });

  it('never overwrites: a second run skips every file and says which', async () => {
    const out = temp();
    await runCli(['scaffold', 'Exporter', 'Lease', '-o', out, '--generated', generated], { cwd: ROOT });
    writeFileSync(join(out, 'lease.ts'), '// mine now\n');
    const again = await runCli(['scaffold', 'Exporter', 'Lease', '-o', out, '--generated', generated], { cwd: ROOT });
    expect(again.code).toBe(0);
    const shown = relative(ROOT, out);
    expect(again.stdout).toBe(
      [
        `${shown}/exporter.ts: skipped: exists (yours to edit; crdgen never overwrites it)`,
        `${shown}/lease.ts: skipped: exists (yours to edit; crdgen never overwrites it)`,
        'crdgen: scaffold 2 kinds: 0 written, 2 skipped (existing files are never overwritten)',
        '',
      ].join('\n'),
    );
    expect(readFileSync(join(out, 'lease.ts'), 'utf8')).toBe('// mine now\n');
  });

  it('--force replaces only files still as scaffolded; an edited file or index is kept', async () => {
    const out = temp();
    await runCli(['scaffold', 'Exporter', 'Lease', '-o', out, '--generated', generated], { cwd: ROOT });
    const older = withBanner('export {};\n'); // as an older crdgen would have scaffolded it
    writeFileSync(join(out, 'exporter.ts'), older);
    const edited = readFileSync(join(out, 'lease.ts'), 'utf8').replace('Examples to start from', 'My notes');
    writeFileSync(join(out, 'lease.ts'), edited);
    const run = await runCli(['scaffold', 'Exporter', 'Lease', '-o', out, '--generated', generated, '--force'], { cwd: ROOT });
    expect(run.stdout).toContain('/exporter.ts: replaced\n');
    expect(run.stdout).toContain('/lease.ts: skipped: edited since it was scaffolded (never replaced; delete it to scaffold it again)\n');
    expect(readFileSync(join(out, 'exporter.ts'), 'utf8')).toContain('class ExporterClient');
    expect(readFileSync(join(out, 'lease.ts'), 'utf8')).toBe(edited);

    // A new kind: the untouched index gains it with --force; without, the user is told the line to add.
    const plain = await runCli(['scaffold', 'Client', '-o', out, '--generated', generated], { cwd: ROOT });
    expect(plain.stdout).toContain("/index.ts: skipped: exists (yours to edit; crdgen never overwrites it); add export * from './client.js';\n");
    const forced = await runCli(['scaffold', 'Client', '-o', out, '--generated', generated, '--force'], { cwd: ROOT });
    expect(forced.stdout).toContain('/index.ts: replaced\n');
    expect(readFileSync(join(out, 'index.ts'), 'utf8').split('\n').slice(1)).toEqual(["export * from './client.js';", "export * from './exporter.js';", "export * from './lease.js';", '']);
  });

  it('scaffold files inside the output folder are left alone by generate --clean and --check', async () => {
    const dir = temp();
    const pool = 'fixtures/valid/cluster-scale.yaml';
    const gen = join(dir, 'gen');
    expect((await runCli(['generate', pool, '-o', gen], { cwd: ROOT })).code).toBe(0);
    expect((await runCli(['scaffold', '-o', join(gen, 'clients'), '--generated', gen], { cwd: ROOT })).code).toBe(0);
    expect((await runCli(['generate', pool, '-o', gen, '--check'], { cwd: ROOT })).code).toBe(0);
    expect((await runCli(['generate', pool, '-o', gen, '--clean'], { cwd: ROOT })).stdout).not.toContain('removed');
    expect(existsSync(join(gen, 'clients/pool.ts'))).toBe(true);
  });

  it('takes the generated folder and -o default from the config', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', crdgen: { inputs: ['crds'], out: 'src/generated' } }));
    mkdirSync(join(dir, 'crds'));
    writeFileSync(join(dir, 'crds/pool.yaml'), readFileSync(join(ROOT, 'fixtures/valid/cluster-scale.yaml'), 'utf8'));
    expect((await runCli(['generate'], { cwd: dir })).code).toBe(0);
    const run = await runCli(['scaffold'], { cwd: dir });
    expect(run.stdout).toContain('src/clients/pool.ts: written\n');
    expect(readFileSync(join(dir, 'src/clients/pool.ts'), 'utf8')).toContain("import { PoolApi } from '../generated/infra.example.com/v1/pool.js';");
  });

  it.each([
    [['scaffold', '-o', 'x', '--generated', generated], 1, 'crdgen: Widget.beta.example.com and Widget.alpha.example.com would both be widget.ts: scaffold them one at a time into different folders (-o)\n'],
    [['scaffold', 'Doohickey', '-o', 'x', '--generated', generated], 1, /^crdgen: no generated kind matches Doohickey \(generated: Backup\.legacy\.example\.com, .*Wrapper\.mapping\.example\.com\)\n$/],
    [['scaffold', 'Gizmo', '-o', 'x', '--generated', generated, '--api-version', 'v2'], 1, 'crdgen: Gizmo.shop.example.com has no generated version v2 (generated: v1, v1beta1)\n'],
    [['scaffold', '-o', generated, '--generated', generated], 2, 'crdgen: -o generated is the generated folder: scaffold into a folder of your own\n'],
    [['scaffold', '-o', 'x', '--generated', 'fixtures'], 1, 'crdgen: fixtures: no generated kinds found (run crdgen generate first)\n'],
    [['scaffold', '-o', 'x'], 2, 'crdgen: where is the generated code? pass --generated <dir>, or set "out" in crdgen.config.json (crdgen init)\n'],
  ])('%j exits %i', async (argv, code, stderr) => {
    const run = await runCli(argv, { cwd: ROOT });
    expect(run.code).toBe(code);
    if (typeof stderr === 'string') expect(run.stderr).toBe(stderr);
    else expect(run.stderr).toMatch(stderr);
    expect(existsSync(join(ROOT, 'x'))).toBe(false);
  });

  it('--validators (or the config\'s validators) writes clients that validate every write before sending', async () => {
    const dir = temp();
    const schema = { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer', minimum: 1 } } } } };
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', crdgen: { inputs: ['crd.json'], out: 'gen', validators: true } }));
    writeFileSync(join(dir, 'crd.json'), crdYaml(schema));
    expect((await runCli(['generate', '--quiet'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['scaffold'], { cwd: dir })).code).toBe(0);
    const client = readFileSync(join(dir, 'clients/widget.ts'), 'utf8');
    expect(client).toContain('export class WidgetClient extends WidgetApi {\n  // Every create, replace, update and apply is checked here first');
    expect(client).toContain('  protected override readonly validateWrites = true;\n');
    expect(errorsIn([join(dir, 'clients')], [join(dir, 'clients/widget.ts')], STRICT_NODENEXT)).toBe('');
    expect(errorsIn([join(dir, 'clients')], [join(dir, 'clients/widget.ts')], STRICTEST_BUNDLER)).toBe('');

    // The client at work, against the test API server: a bad body is refused before it is sent.
    await using server = await startTestApiServer({ crds: [JSON.parse(crdYaml(schema))], namespaces: ['apps'] });
    const { WidgetClient } = (await import(pathToFileURL(join(dir, 'clients/widget.ts')).href)) as { WidgetClient: new (o: object) => Writer };
    const widgets = new WidgetClient({ kubeConfig: server.kubeConfig, namespace: 'apps' });
    const bad = { metadata: { name: 'w1' }, spec: { size: 0 } };
    await expect(widgets.create(bad)).rejects.toMatchObject({ code: 422, method: undefined });
    expect(server.requests).toEqual([]);
    await expect(widgets.create(bad, { validate: false })).rejects.toMatchObject({ code: 422, method: 'POST' });

    // Without --validators (and --no-validators over the config) the client is the plain one.
    expect((await runCli(['scaffold', '--no-validators', '-o', 'plain'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'plain/widget.ts'), 'utf8')).not.toContain('validateWrites');
  });

  it('--validators on code generated without them says how to turn them on', async () => {
    const run = await runCli(['scaffold', 'Pool', '-o', 'x', '--generated', generated, '--validators'], { cwd: ROOT });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'crdgen: --validators: generated was generated without validators (Pool.infra.example.com); set "validators": true in the config (or pass --validators) and run crdgen generate first\n',
    );
    expect(existsSync(join(ROOT, 'x'))).toBe(false);
  });
});

interface Writer {
  create(body: object, options?: { validate?: boolean }): Promise<unknown>;
}
