// What a run prints: one summary line, warnings grouped by code with a count, --quiet, --verbose,
// --json for tools, and a progress line only on a terminal and only after a second.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CliContext } from '../../src/cli/context.js';
import { progress } from '../../src/cli/messages.js';
import { runCli } from '../support/cli.js';

const temp = () => mkdtempSync(join(tmpdir(), 'crdgen-output-'));

/** Eight CRDs without a schema in one file: eight `no-schema` warnings. */
function schemaless(): string {
  const dir = temp();
  const docs = Array.from({ length: 8 }, (_, i) => {
    const kind = `Thing${String.fromCharCode(65 + i)}`;
    return [
      'apiVersion: apiextensions.k8s.io/v1',
      'kind: CustomResourceDefinition',
      `metadata: { name: ${kind.toLowerCase()}s.example.com }`,
      'spec:',
      '  group: example.com',
      '  scope: Namespaced',
      `  names: { kind: ${kind}, plural: ${kind.toLowerCase()}s }`,
      '  versions: [{ name: v1, served: true, storage: true }]',
    ].join('\n');
  });
  writeFileSync(join(dir, 'crds.yaml'), docs.join('\n---\n'));
  return dir;
}

describe('generate output', () => {
  it('groups warnings by code: the first five, then a count', async () => {
    const dir = schemaless();
    const run = await runCli(['generate', 'crds.yaml', '-o', 'out', '--runtime', 'crdgen/runtime'], { cwd: dir });
    expect(run.code).toBe(0);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe('crds.yaml:1 ThingA.example.com/v1: warning: the CRD declares no openAPIV3Schema: spec and status are typed as open maps (add a schema for real types) [no-schema]');
    expect(lines[5]).toBe('... and 3 more warnings [no-schema] (--verbose shows all)');
    expect(run.stdout).toMatch(/^crdgen: 8 kinds, 8 versions, 11 files, 8 warnings; 11 written, 0 unchanged in \d+(ms|\.\ds)\n$/);
  });

  it('--verbose shows every warning; --quiet prints nothing but errors', async () => {
    const dir = schemaless();
    const verbose = await runCli(['generate', 'crds.yaml', '-o', 'out', '--verbose'], { cwd: dir });
    expect(verbose.stderr.trimEnd().split('\n').filter((l) => l.endsWith('[no-schema]'))).toHaveLength(8);
    const quiet = await runCli(['generate', 'crds.yaml', '-o', 'out', '--quiet'], { cwd: dir });
    expect(quiet).toEqual({ code: 0, stdout: '', stderr: '' });
    writeFileSync(join(dir, 'crds.yaml'), 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: { name: x }\n');
    const failed = await runCli(['generate', 'crds.yaml', '-o', 'out', '--quiet'], { cwd: dir });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toBe('crds.yaml:1 x: error: CustomResourceDefinition has no spec (add spec.group, spec.names, spec.scope and spec.versions) [crd-missing-spec]\n');
  });

  it('--json prints one JSON document on stdout and nothing on stderr', async () => {
    const dir = schemaless();
    const run = await runCli(['generate', 'crds.yaml', '-o', 'out', '--json', '--check'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const parsed = JSON.parse(run.stdout) as { ok: boolean; outcome: string; kinds: number; files: string[]; diagnostics: Array<{ code: string; severity: string }> };
    // Every file is missing: the eight kinds, their version index, their group index, the root index and the runtime (however many files it has).
    expect(parsed).toMatchObject({ ok: true, kinds: 8, outcome: `${parsed.files.length} files out of date (run crdgen generate to update)` });
    expect(parsed.files.filter((f) => !f.startsWith('runtime/'))).toHaveLength(11);
    expect(parsed.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(Array(8).fill('warning no-schema'));
  });
});

describe('progress line', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const terminal = (isTTY: boolean, printed: string[]): CliContext => ({
    cwd: '/', env: {}, stdout: () => undefined, stderr: (t) => printed.push(t), readStdin: async () => '', isTTY,
  });

  it('is drawn on a terminal once a run passes one second, and erased at the end', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const printed: string[] = [];
    const bar = progress(terminal(true, printed), true);
    bar.update(0, 3, 'Widget.example.com/v1');
    expect(printed).toEqual([]);
    vi.setSystemTime(Date.now() + 1500);
    bar.update(1, 3, 'Gadget.example.com/v1');
    bar.end();
    expect(printed).toEqual(['\r\x1b[2K1/3 Gadget.example.com/v1', '\r\x1b[2K']);
  });

  it('is never drawn off a terminal, nor when disabled (--quiet, --json)', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const printed: string[] = [];
    const off = progress(terminal(false, printed), true);
    const disabled = progress(terminal(true, printed), false);
    vi.setSystemTime(Date.now() + 5000);
    off.update(1, 2, 'x');
    disabled.update(1, 2, 'x');
    off.end();
    disabled.end();
    expect(printed).toEqual([]);
  });
});
