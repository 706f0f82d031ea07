// Hostile files and folders on the command line: each gives correct output or one clear error line
// (exit 1, no stack trace, nothing written), never a hang or a write outside -o.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkInsideOutput } from '../../src/cli/output-guard.js';
import { runCli } from '../support/cli.js';

const CRD = [
  'apiVersion: apiextensions.k8s.io/v1',
  'kind: CustomResourceDefinition',
  'metadata: { name: widgets.example.com }',
  'spec:',
  '  group: example.com',
  '  scope: Namespaced',
  '  names: { kind: Widget, plural: widgets }',
  '  versions:',
  '    - name: v1',
  '      served: true',
  '      storage: true',
  '      schema:',
  '        openAPIV3Schema:',
  '          type: object',
  '          properties:',
  '            spec: { type: object, properties: { size: { type: integer, description: "Größe" } } }',
  '',
].join('\n');

function workspace(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'crdgen-hostile-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Runs generate in `dir`; asserts the one-error-line contract when `error` is given. */
async function refused(dir: string, args: string[], error: RegExp): Promise<void> {
  const run = await runCli(['generate', ...args, '-o', 'out'], { cwd: dir });
  expect(run.code).toBe(1);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(error);
  expect(run.stderr).not.toMatch(/\n\s+at |internal error/);
  expect(existsSync(join(dir, 'out'))).toBe(false);
}

const laughs = (levels: number) => {
  const lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
  return `${CRD}---\n${lines.join('\n')}\n`;
};

describe('hostile input files', () => {
  it('a YAML alias bomb is refused in one line', async () => {
    await refused(workspace({ 'bomb.yaml': laughs(9) }), ['bomb.yaml'], /^bomb\.yaml:18: error: invalid YAML: aliases expand to more than 1,000,000 values \(a YAML alias bomb\?\)/);
  }, 60_000);

  it('a self-referencing alias (a cycle) is refused in one line', async () => {
    await refused(workspace({ 'cycle.yaml': `${CRD}---\nkind: ConfigMap\ndata: &a\n  self: *a\n` }), ['cycle.yaml'], /^cycle\.yaml:18: error: invalid YAML: an alias refers to a node that contains it \(a cycle\)/);
  });

  it('with a YAML directive (the positions-keeping reader) an alias bomb and a cycle are refused too', async () => {
    await refused(workspace({ 'bomb.yaml': `%YAML 1.2\n---\n${laughs(9)}` }), ['bomb.yaml'], /^bomb\.yaml:\d+: error: invalid YAML: Excessive alias count/);
    await refused(workspace({ 'cycle.yaml': `%YAML 1.2\n---\n${CRD}---\nkind: ConfigMap\ndata: &a\n  self: *a\n` }), ['cycle.yaml'], /^cycle\.yaml:\d+: error: invalid YAML: /);
  }, 60_000);

  it('a byte order mark and CRLF line ends give the same output as plain LF', async () => {
    const dir = workspace({ 'plain/crd.yaml': CRD, 'bom/crd.yaml': `\ufeff${CRD.replace(/\n/g, '\r\n')}` });
    const outputs = [];
    for (const name of ['plain', 'bom']) {
      const run = await runCli(['generate', name, '-o', `out-${name}`], { cwd: dir });
      expect(run.stderr).toBe('');
      outputs.push(readFileSync(join(dir, `out-${name}`, 'example.com/v1/widget.ts'), 'utf8'));
    }
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[0]).toContain('Größe');
  });

  it('invalid UTF-8 is an error with its line, not U+FFFD in the output', async () => {
    const bytes = Buffer.concat([Buffer.from(CRD.slice(0, CRD.indexOf('Größe'))), Buffer.from([0xc3, 0x28]), Buffer.from('"} } }\n')]);
    await refused(workspace({ 'bad.yaml': bytes }), ['bad.yaml'], /^crdgen: bad\.yaml:16: not valid UTF-8 \(byte \d+\); save the file as UTF-8\n$/);
  });

  it('a FIFO on the command line or in a folder is refused, never read (no hang)', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'crds'));
    execFileSync('mkfifo', [join(dir, 'pipe.yaml'), join(dir, 'crds', 'pipe.yaml')]);
    await refused(dir, ['pipe.yaml'], /^crdgen: pipe\.yaml: not a regular file \(a FIFO, socket or device\)/);
    await refused(dir, ['crds'], /pipe\.yaml: not a regular file/);
  });

  it('a symbolic link loop in a folder is one error line; a folder linked back into itself is read once', async () => {
    const looping = workspace({ 'crds/crd.yaml': CRD });
    symlinkSync('loop.yaml', join(looping, 'crds', 'loop.yaml'));
    await refused(looping, ['crds'], /loop\.yaml: cannot read it: a symbolic link loop\n$/);
    const cyclic = workspace({ 'crds/crd.yaml': CRD });
    symlinkSync('..', join(cyclic, 'crds', 'up'));
    const run = await runCli(['generate', 'crds', '-o', 'out'], { cwd: cyclic });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^crdgen: 1 kind, 1 version,/);
  });

  it('a 50 MB file (one CRD in a rendered chart of 50 one-MB ConfigMaps) generates', async () => {
    const blob = `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\ndata:\n  blob: "${'x'.repeat(1_000_000)}"\n`;
    const dir = workspace({ 'chart.yaml': `${CRD}${Array.from({ length: 50 }, () => `---\n${blob}`).join('')}` });
    const run = await runCli(['generate', 'chart.yaml', '-o', 'out', '--quiet'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'out', 'example.com/v1/widget.ts'), 'utf8')).toContain('Größe');
  }, 300_000);
});

describe('the output folder', () => {
  it('a symbolic link inside -o pointing outside it is never written through', async () => {
    const dir = workspace({ 'crd.yaml': CRD });
    const outside = join(dir, 'elsewhere');
    mkdirSync(outside);
    mkdirSync(join(dir, 'out'));
    symlinkSync(outside, join(dir, 'out', 'example.com'));
    const run = await runCli(['generate', 'crd.yaml', '-o', 'out'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^crdgen: out\/example\.com: .*nothing written\n$/);
    expect(readdirSync(outside)).toEqual([]);
    expect(readdirSync(join(dir, 'out'))).toEqual(['example.com']);
  });

  it('a symbolic link of the user in -o is kept, and the folder it points at is never emptied with the old output', async () => {
    const dir = workspace({ 'crd.yaml': CRD, 'elsewhere/keep.txt': 'kept\n', 'elsewhere/deep/keep.txt': 'kept\n' });
    expect((await runCli(['generate', 'crd.yaml', '-o', 'out', '--no-cache'], { cwd: dir })).code).toBe(0);
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'out', 'notes'));
    mkdirSync(join(dir, 'out', 'mine', 'deeper'), { recursive: true });
    writeFileSync(join(dir, 'out', 'mine', 'deeper', 'file.txt'), 'mine\n');
    writeFileSync(join(dir, 'crd.yaml'), CRD.replace('Größe', 'Größe, changed'));
    const run = await runCli(['generate', 'crd.yaml', '-o', 'out', '--no-cache'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readlinkSync(join(dir, 'out', 'notes'))).toBe(join(dir, 'elsewhere'));
    expect(readFileSync(join(dir, 'elsewhere', 'deep', 'keep.txt'), 'utf8')).toBe('kept\n');
    expect(readFileSync(join(dir, 'out', 'mine', 'deeper', 'file.txt'), 'utf8')).toBe('mine\n');
    expect(readFileSync(join(dir, 'out', 'example.com', 'v1', 'widget.ts'), 'utf8')).toContain('Größe, changed');
    expect(readdirSync(dir).filter((name) => name.includes('crdgen'))).toEqual([]);
  });
});

describe('the writer refuses any path that leaves -o', () => {
  const dir = workspace();
  mkdirSync(join(dir, 'out', 'a'), { recursive: true });
  symlinkSync(tmpdir(), join(dir, 'out', 'a', 'link'));
  const cases: Array<[string, string]> = [
    ['../x.ts', '"../x.ts": would be written outside out; nothing written (report this to crdgen)'],
    ['a/../../x.ts', '"a/../../x.ts": would be written outside out; nothing written (report this to crdgen)'],
    ['/etc/x.ts', '"/etc/x.ts": would be written outside out; nothing written (report this to crdgen)'],
    ['a\\..\\..\\x.ts', '"a\\\\..\\\\..\\\\x.ts": would be written outside out; nothing written (report this to crdgen)'],
    ['a/link/x.ts', 'out/a/link: is a symbolic link; crdgen writes only inside out, never through a link (remove it); nothing written'],
  ];
  for (const [path, message] of cases) {
    it(path, async () => {
      await expect(checkInsideOutput(join(dir, 'out'), 'out', ['a/ok.ts', path])).rejects.toThrow(message);
    });
  }
  it('paths inside pass', async () => {
    await expect(checkInsideOutput(join(dir, 'out'), 'out', ['a/ok.ts', 'b/c/d.ts', 'index.ts'])).resolves.toBeUndefined();
  });
});
