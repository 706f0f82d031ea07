// Inputs or filters that match nothing fail (exit 1, one line naming the cause, a did-you-mean for
// kinds and groups that exist) and write nothing; `--check` fails the same way.
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editDistance, nearest } from '../../src/generator/suggest.js';
import { runCli } from '../support/cli.js';
import { VALID } from '../support/fixtures.js';

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crdgen-nothing-'));
  mkdirSync(join(dir, 'crds'));
  cpSync(join(VALID, 'lab'), join(dir, 'crds'), { recursive: true });
  writeFileSync(join(dir, 'deployment.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\n');
  mkdirSync(join(dir, 'empty'));
  return dir;
}

const SUMMARY = /^crdgen: 0 kinds, 0 versions, 0 files, 1 error; nothing written in [\d.]+m?s\n$/;

describe('inputs and filters that match nothing', () => {
  it.each([
    [['--include', 'Exportr'], 'error: include: Exportr matches no kind or group of the inputs (did you mean Exporter?) [include-unmatched]'],
    [['--include', 'lab.exmple.com'], 'error: include: lab.exmple.com matches no kind or group of the inputs (did you mean lab.example.com?) [include-unmatched]'],
    [['--include', 'exporter'], 'error: include: exporter matches no kind or group of the inputs (did you mean Exporter?) [include-unmatched]'],
    [['--include', 'Exporter', '--include', 'Zebra'], 'error: include: Zebra matches no kind or group of the inputs (the inputs hold Client.lab.example.com, Exporter.lab.example.com, Lease.lab.example.com) [include-unmatched]'],
  ])('generate crds %j: exit 1, one error line, nothing written', async (flags, line) => {
    const dir = project();
    const run = await runCli(['generate', 'crds', '-o', 'out', ...flags], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`${line}\n`);
    expect(run.stdout).toMatch(SUMMARY);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    const check = await runCli(['generate', 'crds', '-o', 'out', '--check', ...flags], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stderr).toBe(`${line}\n`);
  });

  it.each([
    [['deployment.yaml'], 'deployment.yaml:1: warning: holds no CustomResourceDefinition (nothing generated from it) [no-crds]\ndeployment.yaml:1: warning: skipped Deployment web: not a CustomResourceDefinition [not-a-crd]\ncrdgen: deployment.yaml: holds no CustomResourceDefinition to generate; nothing written\n'],
    [['empty'], 'crdgen: empty: no CRD files (*.yaml, *.yml, *.json); nothing written\n'],
    [['crds', '--exclude', 'lab.example.com'], 'crdgen: crds: --exclude lab.example.com leaves no kind to generate; nothing written\n'],
  ])('generate %j: exit 1, the cause in one line, nothing written; --check too', async (args, stderr) => {
    const dir = project();
    for (const extra of [[], ['--check']]) {
      const run = await runCli(['generate', ...args, '-o', 'out', ...extra], { cwd: dir });
      expect(run).toEqual({ code: 1, stdout: '', stderr });
    }
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('an exclude that matches nothing is a warning with a did-you-mean; the rest is generated', async () => {
    const dir = project();
    const run = await runCli(['generate', 'crds', '-o', 'out', '--exclude', 'Leese', '--runtime', 'crdgen/runtime'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('warning: exclude: Leese matches no kind or group of the inputs (did you mean Lease?) [exclude-unmatched]\n');
    expect(existsSync(join(dir, 'out/lab.example.com/v1alpha1/lease.ts'))).toBe(true);
  });

  it('--check against a mistyped folder fails', async () => {
    const dir = project();
    expect((await runCli(['generate', 'crds', '-o', 'out'], { cwd: dir })).code).toBe(0);
    const run = await runCli(['generate', 'crd', '-o', 'out', '--check'], { cwd: dir });
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'crdgen: crd: no such file or folder (check the path)\n' });
    const empty = await runCli(['generate', 'empty', '-o', 'out', '--check'], { cwd: dir });
    expect(empty.code).toBe(1);
  });

  it('list says so too', async () => {
    const dir = project();
    const run = await runCli(['list', 'crds', '--include', 'Exportr'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: include: Exportr matches no kind or group of the inputs (did you mean Exporter?) [include-unmatched]\n');
  });

  it('the config file gets the same checks', async () => {
    const dir = project();
    writeFileSync(join(dir, 'crdgen.config.json'), JSON.stringify({ inputs: ['crds'], out: 'out', include: ['Cliennt'] }));
    const run = await runCli(['generate'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: include: Cliennt matches no kind or group of the inputs (did you mean Client?) [include-unmatched]\n');
  });

  it('nearest: case-insensitive, a few edits at most, the closest wins', () => {
    expect(nearest('Certficate', ['Certificate', 'CertificateRequest', 'Issuer'])).toBe('Certificate');
    expect(nearest('ISSUER', ['Certificate', 'Issuer'])).toBe('Issuer');
    expect(nearest('Zebra', ['Certificate', 'Issuer'])).toBeUndefined();
    expect(nearest('ab', ['cd'])).toBeUndefined();
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('prot', 'port')).toBe(1);
  });
});
