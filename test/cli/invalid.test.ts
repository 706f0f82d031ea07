// Every invalid fixture: exit 1, one clear line (file:line, what is wrong, what to do), no stack
// trace, nothing written.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles, INVALID, ROOT } from '../support/fixtures.js';
import { runCli } from '../support/cli.js';

const cases: Record<string, string> = {
  'bad-kind.yaml':
    `fixtures/invalid/bad-kind.yaml:8 widgets.example.com: error: spec.names.kind "my_widget" is invalid: may have mixed case, but should otherwise match: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?') (the API server refuses it too) [crd-invalid-kind]`,
  'bad-scope.yaml': 'fixtures/invalid/bad-scope.yaml:7 widgets.example.com: error: spec.scope "Global" is invalid (use Namespaced or Cluster) [crd-invalid-scope]',
  'duplicate-key.yaml': 'fixtures/invalid/duplicate-key.yaml:7: error: invalid YAML: Map keys must be unique (column 3) (fix the syntax; the file is not read) [yaml-syntax]',
  'duplicate-kind.yaml':
    'fixtures/invalid/duplicate-kind.yaml:13 gadgets.example.com: error: kind Widget of group example.com is already claimed by widgets.example.com at fixtures/invalid/duplicate-kind.yaml:2 (rename one, or remove one of the two CRDs) [crd-duplicate-kind]',
  'duplicate-version.yaml': 'fixtures/invalid/duplicate-version.yaml:11 widgets.example.com: error: version v1 is declared twice (remove one) [crd-duplicate-version]',
  'malformed-yaml.yaml':
    'fixtures/invalid/malformed-yaml.yaml:8: error: invalid YAML: Flow map in block collection must be sufficiently indented and end with a } (column 3) (fix the syntax; the file is not read) [yaml-syntax]',
  'missing-group.yaml': 'fixtures/invalid/missing-group.yaml:6 widgets.example.com: error: spec.group is missing (set it to the API group, e.g. example.com) [crd-missing-group]',
  'missing-kind.yaml': 'fixtures/invalid/missing-kind.yaml:8 widgets.example.com: error: spec.names.kind is missing (set it to the kind, e.g. Widget) [crd-missing-kind]',
  'missing-plural.yaml':
    'fixtures/invalid/missing-plural.yaml:8 widgets.example.com: error: spec.names.plural is missing (set it to the lowercase plural, e.g. widgets) [crd-missing-plural]',
  'no-served-version.yaml':
    'fixtures/invalid/no-served-version.yaml:10 widgets.example.com: error: no version is served (set served: true on at least one version) [crd-no-served-version]',
  'no-versions.yaml': 'fixtures/invalid/no-versions.yaml:9 widgets.example.com: error: spec.versions is empty (declare at least one version) [crd-no-versions]',
  'schema-not-object.yaml':
    'fixtures/invalid/schema-not-object.yaml:14 widgets.example.com/v1: error: openAPIV3Schema is not an object (give a structural schema, or remove it) [schema-invalid]',
  'unsupported-api-version.yaml':
    'fixtures/invalid/unsupported-api-version.yaml:1: error: unsupported apiVersion "apiextensions.k8s.io/v2" (use apiextensions.k8s.io/v1 or v1beta1) [crd-api-version]',
};

describe('invalid fixtures', () => {
  it('every invalid fixture has a case', () => {
    expect(listFiles(INVALID).map((p) => p.slice(INVALID.length + 1))).toEqual(Object.keys(cases).sort());
  });

  for (const [name, line] of Object.entries(cases)) {
    it(name, async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'crdgen-invalid-')), 'out');
      const run = await runCli(['generate', `fixtures/invalid/${name}`, '-o', out], { cwd: ROOT });
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(`${line}\n`);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stdout).toMatch(/^crdgen: 0 kinds, 0 versions, 0 files, 1 error; nothing written in [\d.]+m?s\n$/);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('--keep-going generates the valid CRDs, reports the invalid ones and exits 1', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'crdgen-keep-')), 'out');
    const run = await runCli(['generate', 'fixtures/invalid/missing-group.yaml', 'fixtures/valid/cluster-scale.yaml', '-o', out, '--keep-going'], { cwd: ROOT });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[crd-missing-group]');
    expect(existsSync(join(out, 'infra.example.com/v1/pool.ts'))).toBe(true);
  });
});
