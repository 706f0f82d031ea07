// The package as users get it: `npm pack`, installed into an empty project outside the repository
// with only @kubernetes/client-node beside it, then both workflows through the installed bin:
// init, generate, --check in CI, scaffold once, tsc, and the ., ./runtime and ./testing exports.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../support/fixtures.js';
import { distIsFresh } from './dist.js';
import { NPM, ok, run, TSC } from './run.js';

const work = mkdtempSync(join(tmpdir(), 'crdgen-pack-'));
const app = join(work, 'app');
const timings: Record<string, number> = {};
let tarball = '';

/** The bin npm linked into the project (what `npx crdgen` runs, without npx's own start-up). */
const crdgen = async (...args: string[]) => {
  const ran = await run(join(app, 'node_modules', '.bin', process.platform === 'win32' ? 'crdgen.cmd' : 'crdgen'), args, app);
  timings[`crdgen ${args[0]}`] = ran.ms;
  return ran;
};

beforeAll(async () => {
  // The tarball `npm publish` would upload: prepack and prepare build dist/ from a clean folder,
  // unless dist/ already is that build of the sources as they are (after `npm ci`, whose prepare
  // built it): then it is packed as it is, without building it a second time.
  const fresh = distIsFresh(ROOT);
  const pack = ['pack', '--pack-destination', work, ...(fresh ? ['--ignore-scripts'] : [])];
  timings[fresh ? 'npm pack (dist/ as built)' : 'npm pack'] = ok(await run(NPM, pack, ROOT, { timeoutMs: 300_000 }), 'npm pack').ms;
  tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz')) ?? 'missing.tgz');
  mkdirSync(app);
  ok(await run(NPM, ['init', '-y'], app), 'npm init');
  const install = ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, '@kubernetes/client-node@1.4.0'];
  timings['npm install'] = ok(await run(NPM, install, app, { timeoutMs: 600_000 }), 'npm install').ms;
}, 900_000);

afterAll(() => {
  // The durations, for the README and for anyone wondering why this test is slow.
  console.info(`package test timings (ms): ${JSON.stringify(timings)}`);
  rmSync(work, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('ships dist with types, the bin, the runtime sources and template it copies, the schema and the README; nothing else', async () => {
    const listed = ok(await run('tar', ['-tzf', tarball], work), 'tar').stdout.trim().split('\n').map((p) => p.replace(/^package\//, ''));
    const allowed = /^(package\.json|README\.md|LICENSE|bin\/crdgen\.js|dist\/.+\.(js|d\.ts)|src\/runtime\/[^/]+\.ts|src\/validation\/(cel\/)?[^/]+\.ts|templates\/kind-api\.ts|schema\/crdgen\.config\.schema\.json)$/;
    expect(listed.filter((p) => !allowed.test(p))).toEqual([]);
    expect(listed).toEqual(expect.arrayContaining([
      'package.json', 'README.md', 'bin/crdgen.js', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/bin.js', 'dist/runtime/index.d.ts',
      'dist/testing/index.d.ts', 'templates/kind-api.ts', 'schema/crdgen.config.schema.json',
    ]));
    const runtime = readdirSync(join(ROOT, 'src/runtime')).filter((f) => f.endsWith('.ts')).map((f) => `src/runtime/${f}`);
    expect(listed.filter((p) => p.startsWith('src/runtime/')).sort()).toEqual(runtime.sort());
    const validation = (readdirSync(join(ROOT, 'src/validation'), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => `src/validation/${f}`);
    expect(listed.filter((p) => p.startsWith('src/validation/')).sort()).toEqual(validation.sort());
    const pkg = JSON.parse(readFileSync(join(app, 'node_modules/crdgen/package.json'), 'utf8')) as { peerDependencies: Record<string, string> };
    expect(pkg.peerDependencies).toEqual({ '@kubernetes/client-node': '^1.4.0 || ^2.0.0' });
  });
});

describe('the installed package', () => {
  it('build-time workflow: init, generate, --check passes, an edited CRD makes --check fail naming the file', async () => {
    const init = ok(await crdgen('init'), 'crdgen init');
    expect(init.stdout).toContain('package.json: added script "generate": "crdgen generate"');
    expect(JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')).scripts.generate).toBe('crdgen generate');
    // The $schema the config points at is in the installed package.
    const config = JSON.parse(readFileSync(join(app, 'crdgen.config.json'), 'utf8')) as { $schema: string };
    expect(JSON.parse(readFileSync(join(app, config.$schema), 'utf8')).title).toBe('crdgen configuration');

    writeFileSync(join(app, 'crds/pool.yaml'), readFileSync(join(ROOT, 'fixtures/valid/cluster-scale.yaml'), 'utf8'));
    writeFileSync(join(app, 'crds/exporter.yaml'), readFileSync(join(ROOT, 'fixtures/valid/lab/exporters.yaml'), 'utf8'));
    const generate = ok(await run(NPM, ['run', 'generate'], app), 'npm run generate');
    timings['npm run generate'] = generate.ms;
    expect(generate.stdout).toMatch(/crdgen: 2 kinds, 2 versions, \d+ files; \d+ written, 0 unchanged in/);
    expect((await crdgen('generate', '--check')).code).toBe(0);

    const pool = join(app, 'crds/pool.yaml');
    writeFileSync(pool, readFileSync(pool, 'utf8').replace('machineType', 'machineClass'));
    const stale = await crdgen('generate', '--check');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('src/generated/infra.example.com/v1/pool.ts: stale\n');
    expect(stale.stdout).toContain('1 file out of date (run crdgen generate to update)');
    ok(await run(NPM, ['run', 'generate'], app), 'npm run generate');
    expect((await crdgen('generate', '--check')).code).toBe(0);
  }, 300_000);

  it('scaffolding workflow: scaffold writes editable classes once; they, the programs below and the validators (copied and from the package) compile with tsc', async () => {
    const first = ok(await crdgen('scaffold'), 'crdgen scaffold');
    expect(first.stdout).toContain('src/clients/exporter.ts: written\n');
    expect(first.stdout).toContain('src/clients/pool.ts: written\n');
    const edited = readFileSync(join(app, 'src/clients/pool.ts'), 'utf8').replace('// Add the methods', '// My methods');
    writeFileSync(join(app, 'src/clients/pool.ts'), edited);
    const second = ok(await crdgen('scaffold', '--force'), 'crdgen scaffold --force');
    expect(second.stdout).toContain('src/clients/pool.ts: skipped: edited since it was scaffolded');
    expect(readFileSync(join(app, 'src/clients/pool.ts'), 'utf8')).toBe(edited);

    // Validators, copied (src/validated) and from the package (src/checked).
    ok(await crdgen('generate', 'crds', '-o', 'src/validated', '--validators'), 'crdgen generate --validators');
    ok(await crdgen('generate', 'crds', '-o', 'src/checked', '--validators', '--runtime', 'crdgen/runtime'), 'crdgen generate --validators --runtime');
    writeFileSync(join(app, 'crds.json'), JSON.stringify([parse(readFileSync(join(app, 'crds/pool.yaml'), 'utf8'))]));
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, skipLibCheck: true, types: ['node'], outDir: 'build' },
      include: ['src'],
    }));
    for (const [name, text] of Object.entries(PROGRAMS)) writeFileSync(join(app, 'src', name), text);
    // One program of everything the user wrote or generated (what tsc reports does not depend on
    // how the files are split into runs); the next test runs what it emitted.
    const tsc = await run(process.execPath, [TSC, '-p', '.'], app);
    timings.tsc = tsc.ms;
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
  }, 300_000);

  it('a scaffolded client and the validators run against crdgen/testing from the install; ESM imports the entry points', async () => {
    const smoke = ok(await run(process.execPath, ['build/smoke.js'], app), 'node build/smoke.js');
    expect(JSON.parse(smoke.stdout)).toEqual({ scaled: 3, names: ['p1'] });
    // The generated validator refuses locally what the server refuses, with the same causes.
    const validated = ok(await run(process.execPath, ['build/validate.js'], app), 'node build/validate.js');
    expect(JSON.parse(validated.stdout)).toEqual({ same: true, causes: 1, is: false, fn: 'function' });
    const esm = 'const m = await Promise.all([import("crdgen"), import("crdgen/runtime"), import("crdgen/testing")]); console.log([m[0].generate, m[1].AbstractAsyncCustomObjectApi, m[2].startTestApiServer].map((f) => typeof f).join());';
    expect(ok(await run(process.execPath, ['--input-type=module', '-e', esm], app), 'node -e').stdout.trim()).toBe('function,function,function');
  }, 600_000);
});

/** The user's programs, in src/ of the project: the entry points' exports, a scaffolded client, the validators. */
const PROGRAMS: Record<string, string> = {
  'exports.ts': [
    "import { DEFAULT_OPTIONS, generate, type GenerateOptions } from 'crdgen';",
    "import { AbstractAsyncCustomObjectApi, ApiError, isNotFound } from 'crdgen/runtime';",
    "import { startTestApiServer, type TestApiServer } from 'crdgen/testing';",
    'export const options: GenerateOptions = DEFAULT_OPTIONS;',
    'export const used = [generate, AbstractAsyncCustomObjectApi, ApiError, isNotFound, startTestApiServer];',
    'export type Server = TestApiServer;',
    '',
  ].join('\n'),
  'smoke.ts': [
    "import { readFileSync } from 'node:fs';",
    "import { startTestApiServer } from 'crdgen/testing';",
    "import { PoolClient } from './clients/index.js';",
    '',
    'async function main(): Promise<void> {',
    "  const server = await startTestApiServer({ crds: JSON.parse(readFileSync('crds.json', 'utf8')) as object[] });",
    '  try {',
    '    const pools = new PoolClient({ kubeConfig: server.kubeConfig });',
    "    await pools.create({ metadata: { name: 'p1' }, spec: { replicas: 2 } });",
    "    const scaled = await pools.patchScale('p1', { type: 'merge', body: { spec: { replicas: 3 } } });",
    '    const list = await pools.list();',
    '    console.log(JSON.stringify({ scaled: scaled.spec?.replicas, names: list.items.map((p) => p.metadata?.name) }));',
    '  } finally {',
    '    await server.close();',
    '  }',
    '}',
    'void main();',
    '',
  ].join('\n'),
  'validate.ts': [
    "import { readFileSync } from 'node:fs';",
    "import { startTestApiServer } from 'crdgen/testing';",
    "import { kindValidator } from 'crdgen/runtime/validation';",
    "import { PoolApi, validatePool } from './validated/infra.example.com/v1/pool.js';",
    "import { isPool } from './checked/infra.example.com/v1/pool.js';",
    '',
    'async function main(): Promise<void> {',
    "  const server = await startTestApiServer({ crds: JSON.parse(readFileSync('crds.json', 'utf8')) as object[] });",
    '  try {',
    '    const pools = new PoolApi({ kubeConfig: server.kubeConfig });',
    "    const bad = { apiVersion: 'infra.example.com/v1' as const, kind: 'Pool' as const, metadata: { name: 'p2' }, spec: { replicas: -1 } };",
    '    const local = await pools.create(bad, { validate: true }).catch((e: { details?: unknown }) => e.details);',
    '    const remote = await pools.create(bad).catch((e: { details?: unknown }) => e.details);',
    '    console.log(JSON.stringify({ same: JSON.stringify(local) === JSON.stringify(remote), causes: validatePool(bad).length, is: isPool(bad), fn: typeof kindValidator }));',
    '  } finally {',
    '    await server.close();',
    '  }',
    '}',
    'void main();',
    '',
  ].join('\n'),
};
