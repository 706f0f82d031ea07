// Generated validators in copy mode import @marcbachmann/cel-js from the user's project. In a
// project without it, importing a kind file fails with one line naming what to install (not a
// module-not-found trace), and `crdgen generate --validators` warns about it. The project is a temp
// directory outside this repository with only @kubernetes/client-node installed; the output is
// compiled to JavaScript and imported by a plain `node`, as a user's program would. The same
// project with the package installed imports and validates.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, loadAssets } from '../../src/index.js';
import { CEL_JS, CEL_JS_INSTALL } from '../../src/validation/cel/package.js';
import { runCli } from '../support/cli.js';
import { crdYaml, ROOT } from '../support/fixtures.js';

const INSTALL = CEL_JS_INSTALL;
const schema = { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer', minimum: 1 } }, 'x-kubernetes-validations': [{ rule: 'self.size < 10' }] } } };

let project: string;
beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'crdgen-no-cel-'));
  mkdirSync(join(project, 'node_modules', '@kubernetes'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules', '@kubernetes', 'client-node'), join(project, 'node_modules', '@kubernetes', 'client-node'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'no-cel', type: 'module', private: true }));
  const result = await generate([{ path: 'crd.json', text: crdYaml(schema) }], { validators: true, runtime: 'copy' }, await loadAssets());
  for (const file of result.files) {
    const path = join(project, 'out', file.path.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(path), { recursive: true });
    const js = ts.transpileModule(file.contents, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false } });
    writeFileSync(path, js.outputText);
  }
  writeFileSync(
    join(project, 'main.js'),
    "const m = await import('./out/example.com/v1/widget.js');\nconsole.log(JSON.stringify(m.validateWidget({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 12 } })));\n",
  );
}, 120_000);
afterAll(() => rmSync(project, { recursive: true, force: true }));

const runNode = () => spawnSync(process.execPath, ['main.js'], { cwd: project, encoding: 'utf8', timeout: 120_000 });

describe('generated validators in a project without @marcbachmann/cel-js', () => {
  it('fail to import with one line saying what to install', () => {
    const run = runNode();
    expect(run.status).toBe(1);
    const lines = run.stderr.split('\n').filter((l) => l.includes(CEL_JS.name));
    expect(lines).toEqual([`[Error: crdgen validators need ${CEL_JS.name}, which this project lacks: ${INSTALL}]`]);
    expect(run.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find package|\n\s+at /);
  });

  it('import and validate once the package is installed', () => {
    mkdirSync(join(project, 'node_modules', '@marcbachmann'), { recursive: true });
    const link = join(project, 'node_modules', '@marcbachmann', 'cel-js');
    symlinkSync(join(ROOT, 'node_modules', '@marcbachmann', 'cel-js'), link);
    try {
      const run = runNode();
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual([{ reason: 'FieldValueInvalid', message: 'Invalid value: "object": failed rule: self.size < 10', field: 'spec' }]);
    } finally {
      rmSync(link);
    }
  });

  it('crdgen generate --validators warns when the output cannot resolve it, and not when it can', async () => {
    writeFileSync(join(project, 'crd.json'), crdYaml(schema));
    const missing = await runCli(['generate', 'crd.json', '-o', 'gen', '--validators'], { cwd: project });
    expect(missing.code).toBe(0);
    expect(missing.stderr).toBe(`gen: warning: the validators import ${CEL_JS.name}, which gen cannot resolve: ${INSTALL} [validators-dependency]\n`);
    expect(missing.stdout).toMatch(/1 warning;/);
    const inRepo = mkdtempSync(join(ROOT, 'tmp', 'cel-resolves-'));
    try {
      const found = await runCli(['generate', join(project, 'crd.json'), '-o', join(inRepo, 'gen'), '--validators', '--quiet'], { cwd: ROOT });
      expect(found).toMatchObject({ code: 0, stderr: '' });
      expect(readdirSync(join(inRepo, 'gen', 'runtime', 'validation'))).toContain('index.ts');
    } finally {
      rmSync(inRepo, { recursive: true, force: true });
    }
    expect(readFileSync(join(project, 'gen', 'runtime', 'validation', 'cel', 'package.ts'), 'utf8')).toContain(`version: '${CEL_JS.version}'`);
  });

  it('names the version package.json depends on', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies[CEL_JS.name]).toBe(CEL_JS.version);
  });
});
