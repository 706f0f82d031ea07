// crdgen init: asks nothing without a terminal, writes the config and an npm script once, and
// never overwrites what the user wrote.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { freeScriptName } from '../../src/cli/commands/init.js';
import { runCli } from '../support/cli.js';
import { crdYaml } from '../support/fixtures.js';

const temp = () => mkdtempSync(join(tmpdir(), 'crdgen-init-'));
const NPM_INIT = `{
  "name": "app",
  "version": "1.0.0",
  "scripts": {
    "test": "echo \\"Error: no test specified\\" && exit 1"
  }
}
`;

function withPackage(text = NPM_INIT): string {
  const dir = temp();
  writeFileSync(join(dir, 'package.json'), text);
  return dir;
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

describe('crdgen init', () => {
  it('writes the config, the inputs folder and the generate script, asking nothing off a terminal', async () => {
    const dir = withPackage();
    const run = await runCli(['init'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        'crdgen.config.json: written (inputs crds, out src/generated, validators off)',
        'crds/: created; put your CRD YAML files there',
        'package.json: added script "generate": "crdgen generate"',
        'next: put CRDs in the inputs, run npm run generate; in CI, npx crdgen generate --check',
        '',
      ].join('\n'),
    );
    expect(JSON.parse(read(dir, 'crdgen.config.json'))).toEqual({
      $schema: './node_modules/crdgen/schema/crdgen.config.schema.json',
      inputs: ['crds'],
      out: 'src/generated',
      validators: false,
    });
    expect(existsSync(join(dir, 'crds'))).toBe(true);
    // One line added, the rest of package.json as it was.
    expect(read(dir, 'package.json')).toBe(NPM_INIT.replace('exit 1"\n', 'exit 1",\n    "generate": "crdgen generate"\n'));
  });

  it('is idempotent: a second run changes nothing and says so', async () => {
    const dir = withPackage();
    await runCli(['init'], { cwd: dir });
    const before = [read(dir, 'package.json'), read(dir, 'crdgen.config.json')];
    const again = await runCli(['init', '--out', 'elsewhere'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(
      [
        'crdgen.config.json: exists, kept as it is',
        'package.json: script "generate" already runs crdgen generate',
        'next: put CRDs in the inputs, run npm run generate; in CI, npx crdgen generate --check',
        '',
      ].join('\n'),
    );
    expect([read(dir, 'package.json'), read(dir, 'crdgen.config.json')]).toEqual(before);
  });

  it('never replaces a script the user wrote: takes the first free name', async () => {
    const pkg = '{\n\t"name": "app",\n\t"scripts": {\n\t\t"generate": "node gen.js"\n\t}\n}';
    const dir = withPackage(pkg);
    const run = await runCli(['init', '--inputs', 'charts/crds', '-o', 'src/k8s'], { cwd: dir });
    expect(run.stdout).toContain('package.json: added script "generate:crds": "crdgen generate" ("generate" is taken by: node gen.js)\n');
    // The next step names the script it added, not the user's "generate".
    expect(run.stdout).toContain('next: put CRDs in the inputs, run npm run generate:crds; in CI, npx crdgen generate --check\n');
    // Tabs and the missing final newline are kept.
    expect(read(dir, 'package.json')).toBe('{\n\t"name": "app",\n\t"scripts": {\n\t\t"generate": "node gen.js",\n\t\t"generate:crds": "crdgen generate"\n\t}\n}');
    expect(JSON.parse(read(dir, 'crdgen.config.json'))).toMatchObject({ inputs: ['charts/crds'], out: 'src/k8s' });
    expect(existsSync(join(dir, 'charts/crds'))).toBe(true);
  });

  it('a script of another name that already runs crdgen generate is the one named', async () => {
    const dir = withPackage('{ "name": "app", "scripts": { "generate": "node gen.js", "k8s:types": "crdgen generate" } }\n');
    const run = await runCli(['init'], { cwd: dir });
    expect(run.stdout).toContain('package.json: script "k8s:types" already runs crdgen generate\nnext: put CRDs in the inputs, run npm run k8s:types;');
  });

  it.each([
    [{}, 'generate'],
    [{ generate: 'x' }, 'generate:crds'],
    [{ generate: 'x', 'generate:crds': 'y', crdgen: 'z', 'crdgen:generate': 'w' }, 'generate:crds:2'],
  ])('free script name for %j is %s', (scripts, want) => {
    expect(freeScriptName(scripts)).toBe(want);
  });

  it('keeps a crdgen key of package.json as the config', async () => {
    const dir = withPackage('{ "name": "app", "crdgen": { "out": "gen" } }\n');
    const run = await runCli(['init'], { cwd: dir });
    expect(run.stdout).toContain('package.json: has a "crdgen" config, kept as it is\n');
    expect(existsSync(join(dir, 'crdgen.config.json'))).toBe(false);
  });

  it('without package.json writes the config and says what to do about the script', async () => {
    const dir = temp();
    const run = await runCli(['init', '--inputs', 'crd.yaml'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('package.json: none here; add a script that runs "crdgen generate" (or run npm init -y, then crdgen init again)\n');
    expect(run.stdout).toContain('next: put CRDs in the inputs, run npx crdgen generate; in CI, npx crdgen generate --check\n');
    expect(existsSync(join(dir, 'crd.yaml'))).toBe(false);
    expect(existsSync(join(dir, 'package.json'))).toBe(false);
  });

  it('refuses a broken package.json in one line and writes nothing to it', async () => {
    const dir = withPackage('{ "name": ');
    const run = await runCli(['init'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^crdgen: package\.json: not valid JSON \(.+\); fix it, then run crdgen init again\n$/);
    expect(read(dir, 'package.json')).toBe('{ "name": ');
    expect(existsSync(join(dir, 'crdgen.config.json'))).toBe(false);
  });

  it('on a terminal asks for the folders, an empty answer taking the default', async () => {
    const dir = withPackage();
    const questions: string[] = [];
    const answers = ['deploy/crds', '', 'yes'];
    let stdout = '';
    const code = await main(['init'], {
      cwd: dir,
      env: {},
      stdout: (t) => (stdout += t),
      stderr: () => undefined,
      readStdin: async () => '',
      isTTY: true,
      prompt: async (q) => {
        questions.push(q);
        return answers.shift() ?? '';
      },
    });
    expect(code).toBe(0);
    expect(questions).toEqual([
      'CRD files or folder [crds]: ',
      'Output folder for the generated code [src/generated]: ',
      'Generate validators (isKind, validateKind, validate: true on writes)? yes/no [no]: ',
    ]);
    expect(JSON.parse(read(dir, 'crdgen.config.json'))).toMatchObject({ inputs: ['deploy/crds'], out: 'src/generated', validators: true });
    expect(stdout).toContain('crdgen.config.json: written (inputs deploy/crds, out src/generated, validators on)');
  });

  it('--validators turns them on in the written config and says what the project must install', async () => {
    const dir = withPackage();
    const run = await runCli(['init', '--validators'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'crdgen.config.json: written (inputs crds, out src/generated, validators on)\n' +
        'validators: the generated code imports @marcbachmann/cel-js; npm install @marcbachmann/cel-js@8.0.0\n',
    );
    expect(JSON.parse(read(dir, 'crdgen.config.json'))).toMatchObject({ validators: true });
    // A project that already depends on it is told nothing; --no-validators writes false.
    const has = withPackage('{ "name": "app", "dependencies": { "@marcbachmann/cel-js": "8.0.0" } }\n');
    expect((await runCli(['init', '--validators'], { cwd: has })).stdout).not.toContain('validators: the generated code');
    const off = withPackage();
    await runCli(['init', '--no-validators'], { cwd: off });
    expect(JSON.parse(read(off, 'crdgen.config.json'))).toMatchObject({ validators: false });
  });

  it('the written config is one crdgen generate reads: validators on gives validators', async () => {
    const dir = withPackage();
    await runCli(['init', '--validators', '--inputs', 'crd.json', '-o', 'gen'], { cwd: dir });
    writeFileSync(join(dir, 'crd.json'), crdYaml({ type: 'object', properties: { spec: { type: 'object' } } }));
    const run = await runCli(['generate'], { cwd: dir, env: {} });
    expect(run.stderr).toContain('[validators-dependency]');
    expect(read(dir, 'gen/example.com/v1/widget.ts')).toContain('export function validateWidget(');
  });
});
