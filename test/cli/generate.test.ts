// The CLI run in-process: exit codes, --check, --clean, --help, stdin, usage errors.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BANNER } from '../../src/generator/emit/banner.js';
import { runCli } from '../support/cli.js';
import { GOLDEN_RUNTIME, ROOT } from '../support/fixtures.js';

const POOL = 'fixtures/valid/cluster-scale.yaml';
const temp = () => mkdtempSync(join(tmpdir(), 'crdgen-cli-'));

describe('crdgen generate', () => {
  it('writes the files and prints one summary line', async () => {
    const out = join(temp(), 'gen');
    const run = await runCli(['generate', POOL, '-o', out], { cwd: ROOT });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^crdgen: 1 kind, 1 version, \d+ files; \d+ written, 0 unchanged in \d+(ms|\.\ds)\n$/);
    const pool = readFileSync(join(out, 'infra.example.com/v1/pool.ts'), 'utf8');
    expect(pool.startsWith(`${BANNER}\n`)).toBe(true);
    expect(pool).toContain("export class PoolApi extends AbstractAsyncCustomObjectApi<Pool, PoolList, 'Cluster', PoolInput>");
    expect(readdirSync(join(out, 'runtime'))).toContain('index.ts');
  });

  it('--check passes on fresh output, then lists stale, missing and extra files and exits 1', async () => {
    const out = join(temp(), 'gen');
    expect((await runCli(['generate', POOL, '-o', out], { cwd: ROOT })).code).toBe(0);
    const fresh = await runCli(['generate', POOL, '-o', out, '--check'], { cwd: ROOT });
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toContain('up to date');

    writeFileSync(join(out, 'infra.example.com/v1/pool.ts'), `${BANNER}\n// edited by hand\n`);
    writeFileSync(join(out, 'infra.example.com/v1/index.ts'), 'gone', { flag: 'w' });
    const extra = join(out, 'old.example.com/v1/thing.ts');
    mkdirSync(join(out, 'old.example.com/v1'), { recursive: true });
    writeFileSync(extra, `${BANNER}\nexport {};\n`);
    writeFileSync(join(out, 'mine.ts'), 'export const mine = 1;\n');
    const before = readFileSync(join(out, 'infra.example.com/v1/pool.ts'), 'utf8');
    const stale = await runCli(['generate', POOL, '-o', out, '--check'], { cwd: ROOT });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain(`${out}/infra.example.com/v1/pool.ts: stale`);
    // Without the banner it is no longer crdgen's: --check says so, and generate would refuse it.
    expect(stale.stderr).toContain(`${out}/infra.example.com/v1/index.ts: not written by crdgen (no banner), in the way of a generated file`);
    expect(stale.stderr).toContain(`${out}/old.example.com/v1/thing.ts: extra`);
    expect(stale.stderr).not.toContain('mine.ts');
    expect(stale.stdout).toContain('3 files out of date');
    expect(readFileSync(join(out, 'infra.example.com/v1/pool.ts'), 'utf8')).toBe(before);
  });

  it('--check names a missing file', async () => {
    const out = join(temp(), 'never-written');
    const run = await runCli(['generate', POOL, '-o', out, '--check'], { cwd: ROOT });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${out}/infra.example.com/v1/pool.ts: missing`);
    expect(existsSync(out)).toBe(false);
  });

  it('--clean removes stale files carrying the banner and never touches others', async () => {
    const out = join(temp(), 'gen');
    mkdirSync(join(out, 'old.example.com/v1'), { recursive: true });
    writeFileSync(join(out, 'old.example.com/v1/thing.ts'), `${BANNER}\nexport {};\n`);
    writeFileSync(join(out, 'old.example.com/v1/notes.ts'), '// mine\n');
    writeFileSync(join(out, 'handwritten.ts'), 'export const mine = 1;\n');
    const kept = await runCli(['generate', POOL, '-o', out], { cwd: ROOT });
    expect(kept.stdout).toContain('1 no longer generated (--clean removes them)');
    expect(existsSync(join(out, 'old.example.com/v1/thing.ts'))).toBe(true);
    const run = await runCli(['generate', POOL, '-o', out, '--clean'], { cwd: ROOT });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 removed');
    expect(existsSync(join(out, 'old.example.com/v1/thing.ts'))).toBe(false);
    expect(readFileSync(join(out, 'old.example.com/v1/notes.ts'), 'utf8')).toBe('// mine\n');
    expect(readFileSync(join(out, 'handwritten.ts'), 'utf8')).toBe('export const mine = 1;\n');
  });

  it('reads - from stdin, and a second run writes nothing', async () => {
    const out = join(temp(), 'gen');
    const stdin = readFileSync(join(ROOT, POOL), 'utf8');
    const first = await runCli(['generate', '-', '-o', out], { cwd: ROOT, stdin });
    expect(first.code).toBe(0);
    const second = await runCli(['generate', '-', '-o', out], { cwd: ROOT, stdin });
    expect(second.stdout).toMatch(/; 0 written, \d+ unchanged in/);
  });

  it('--runtime <module> imports the runtime instead of copying it', async () => {
    const out = join(temp(), 'gen');
    expect((await runCli(['generate', POOL, '-o', out, '--runtime', 'crdgen/runtime'], { cwd: ROOT })).code).toBe(0);
    expect(existsSync(join(out, 'runtime'))).toBe(false);
    expect(readFileSync(join(out, 'infra.example.com/v1/pool.ts'), 'utf8')).toContain("} from 'crdgen/runtime';");
  });

  it('--versions chooses which versions are generated', async () => {
    const files = async (versions: string) => {
      const out = join(temp(), 'gen');
      await runCli(['generate', 'fixtures/valid/multi-version.yaml', '-o', out, '--versions', versions, '--runtime', 'crdgen/runtime'], { cwd: ROOT });
      return readdirSync(join(out, 'shop.example.com')).sort();
    };
    expect(await files('served')).toEqual(['index.ts', 'v1', 'v1beta1']);
    expect(await files('storage')).toEqual(['index.ts', 'v1']);
    expect(await files('all')).toEqual(['index.ts', 'v1', 'v1alpha1', 'v1beta1']);
  });

  it('--json prints the result for tools', async () => {
    const run = await runCli(['generate', 'fixtures/valid/no-schema.yaml', '-o', join(temp(), 'gen'), '--json'], { cwd: ROOT });
    const parsed = JSON.parse(run.stdout) as { ok: boolean; diagnostics: Array<{ code: string }> };
    expect(parsed.ok).toBe(true);
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(['no-schema']);
  });

  it.each([
    [['generate', POOL], 2, 'crdgen: missing --out: name the output folder, e.g. -o src/generated\n'],
    [['generate', POOL, '-o', ''], 2, 'crdgen: missing --out: name the output folder, e.g. -o src/generated\n'],
    [['generate', '-o', 'x'], 2, 'crdgen: no inputs: name CRD files or folders, or - for stdin (see crdgen generate --help)\n'],
    [['generate', POOL, '-o', 'x', '--bogus'], 2, 'crdgen: unknown option --bogus\n'],
    [['generate', POOL, '-o', 'x', '--versions', 'some'], 2, 'crdgen: --versions some: choose one of served, storage, all\n'],
    [['bogus-command'], 2, 'crdgen: unknown command bogus-command (commands: generate, list, init, scaffold, test-server)\n'],
    [[], 2, 'crdgen: Specify a command (see crdgen --help)\n'],
    [['generate', 'no/such/file.yaml', '-o', 'x'], 1, 'crdgen: no/such/file.yaml: no such file or folder (check the path)\n'],
  ])('%j exits %i', async (argv, code, stderr) => {
    const run = await runCli(argv, { cwd: ROOT });
    expect(run.code).toBe(code);
    expect(run.stderr).toBe(stderr);
  });

  it('--help prints the usage on stdout and exits 0', async () => {
    const run = await runCli(['generate', '--help'], { cwd: ROOT });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('crdgen generate [inputs..]');
    expect(run.stdout).toContain('--check');
    expect(run.stderr).toBe('');
  });
});

describe('reading folders', () => {
  it('.crdgenignore leaves out the folders and files it names', async () => {
    const dir = temp();
    const crd = readFileSync(join(ROOT, POOL), 'utf8');
    mkdirSync(join(dir, 'crds', 'templates'), { recursive: true });
    mkdirSync(join(dir, 'crds', 'broken'), { recursive: true });
    writeFileSync(join(dir, 'crds', 'pool.yaml'), crd);
    writeFileSync(join(dir, 'crds', 'templates', 'deployment.yaml'), 'kind: {{ .Values.kind }\n');
    writeFileSync(join(dir, 'crds', 'broken', 'x.yaml'), 'a: [\n');
    writeFileSync(join(dir, 'crds', 'scratch-notes.yaml'), 'a: [\n');
    writeFileSync(join(dir, 'crds', '.crdgenignore'), '# Helm templates are not YAML\ntemplates/\nbroken/\nscratch-*.yaml\n');
    const run = await runCli(['generate', 'crds', '-o', 'out', '--quiet'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(existsSync(join(dir, 'out', 'infra.example.com/v1/pool.ts'))).toBe(true);
    // Without the ignore file the broken inputs are read and reported.
    writeFileSync(join(dir, 'crds', '.crdgenignore'), 'templates\n');
    const failing = await runCli(['generate', 'crds', '-o', 'out2'], { cwd: dir });
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain('crds/broken/x.yaml:');
    expect(failing.stderr).toContain('crds/scratch-notes.yaml:');
    expect(failing.stderr).not.toContain('templates');
  });

  it('npm run generate reads fixtures/ without the invalid fixtures', async () => {
    const run = await runCli(['generate', 'fixtures', '-o', 'generated', '--runtime', GOLDEN_RUNTIME, '--check'], { cwd: ROOT });
    expect(run.stderr).not.toContain('fixtures/invalid');
    expect(run.code).toBe(0);
  });
});
