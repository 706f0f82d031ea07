// What a user gets for a slip: --version, a did-you-mean for a mistyped command or flag, and a
// Helm chart folder whose templates/ are Go templates (skipped with a warning, not "fix the syntax").
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isGoTemplate } from '../../src/generator/parse/parse.js';
import { runCli } from '../support/cli.js';
import { crdYaml, ROOT, VALID } from '../support/fixtures.js';

describe('crdgen --version', () => {
  it('prints the version of package.json and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('did you mean', () => {
  it.each([
    [['generte', 'crds'], 'crdgen: unknown command generte (did you mean generate?)\n'],
    [['lst'], 'crdgen: unknown command lst (did you mean list?)\n'],
    [['frobnicate'], 'crdgen: unknown command frobnicate (commands: generate, list, init, scaffold, test-server)\n'],
    [['generate', 'crds', '-o', 'out', '--chek'], 'crdgen: unknown option --chek (did you mean --check?)\n'],
    [['generate', 'crds', '-o', 'out', '--inclde', 'X', '--keepgoing'], 'crdgen: unknown option --inclde (did you mean --include?); unknown option --keepgoing (did you mean --keep-going?)\n'],
    [['generate', 'crds', '-o', 'out', '--zzzzzz'], 'crdgen: unknown option --zzzzzz\n'],
    [['list', '--jsn'], 'crdgen: unknown option --jsn (did you mean --json?)\n'],
    [['init', '--yess'], 'crdgen: unknown option --yess (did you mean --yes?)\n'],
    [['test-server', '--prot', '0'], 'crdgen: unknown option --prot (did you mean --port?)\n'],
  ])('%j', async (argv, stderr) => {
    const dir = mkdtempSync(join(tmpdir(), 'crdgen-usage-'));
    expect(await runCli(argv, { cwd: dir })).toEqual({ code: 2, stdout: '', stderr });
  });
});

describe('a Helm chart folder', () => {
  function chart(): string {
    const dir = mkdtempSync(join(tmpdir(), 'crdgen-chart-'));
    mkdirSync(join(dir, 'chart/crds'), { recursive: true });
    mkdirSync(join(dir, 'chart/templates'));
    cpSync(join(VALID, 'lab/exporters.yaml'), join(dir, 'chart/crds/exporters.yaml'));
    writeFileSync(join(dir, 'chart/Chart.yaml'), 'apiVersion: v2\nname: lab\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'chart/templates/deployment.yaml'), '{{- if .Values.enabled }}\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "lab.fullname" . }}\n  labels:\n    {{- include "lab.labels" . | nindent 4 }}\n{{- end }}\n');
    writeFileSync(join(dir, 'chart/templates/crd.yaml'), '# CRDs, when asked for\n{{- if .Values.installCRDs }}\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n{{- end }}\n');
    return dir;
  }

  it('skips the Go templates with a warning each and generates the CRDs of crds/', async () => {
    const dir = chart();
    const run = await runCli(['generate', 'chart', '-o', 'out', '--runtime', 'crdgen/runtime'], { cwd: dir });
    expect(run.code).toBe(0);
    const lines = run.stderr.split('\n').filter((l) => l.includes('[go-template]'));
    expect(lines).toEqual([
      'chart/templates/crd.yaml:2: warning: a Go template (Helm), not YAML: skipped (crdgen reads rendered YAML: helm template ... > crds.yaml; or list templates/ in .crdgenignore) [go-template]',
      'chart/templates/deployment.yaml:1: warning: a Go template (Helm), not YAML: skipped (crdgen reads rendered YAML: helm template ... > crds.yaml; or list templates/ in .crdgenignore) [go-template]',
    ]);
    expect(run.stderr).not.toContain('fix the syntax');
    expect(run.stdout).toMatch(/^crdgen: 1 kind, 1 version, /);
  });

  it('.crdgenignore still leaves templates/ out without a word', async () => {
    const dir = chart();
    writeFileSync(join(dir, 'chart/.crdgenignore'), 'templates/\n');
    const run = await runCli(['generate', 'chart', '-o', 'out', '--runtime', 'crdgen/runtime'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('go-template');
  });

  it('YAML that is broken and not a template still gets the syntax error; template text inside valid YAML is YAML', async () => {
    const dir = chart();
    writeFileSync(join(dir, 'broken.yaml'), 'apiVersion: [\n');
    const run = await runCli(['generate', 'broken.yaml', '-o', 'out'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[yaml-syntax]');
    expect(isGoTemplate('description: "falls back to `{{ .cluster.name }}-{{ .random }}`"')).toBe(true);
    // cluster-api's CRDs quote such templates in descriptions: valid YAML is never taken for a template.
    writeFileSync(join(dir, 'quoted.yaml'), crdYaml({ type: 'object', description: 'Name falls back to `{{ .cluster.name }}-{{ .random }}`.' }));
    const quoted = await runCli(['generate', 'quoted.yaml', '-o', 'out', '--runtime', 'crdgen/runtime'], { cwd: dir });
    expect(quoted.code).toBe(0);
    expect(quoted.stderr).toBe('');
  });
});
