// crdgen generate --watch: regenerates when an input changes (debounced), survives a bad edit (the
// error is printed, the watch goes on) and stops when told. The test edits files and waits for the
// output or the messages to change: conditions, never sleeps.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/cli/context.js';
import { main } from '../../src/cli/main.js';
import { runCli } from '../support/cli.js';
import { VALID } from '../support/fixtures.js';

interface Watching {
  readonly out: string[];
  readonly err: string[];
  readonly done: Promise<number>;
  stop(): Promise<number>;
}

function start(argv: readonly string[], cwd: string): Watching {
  const out: string[] = [];
  const err: string[] = [];
  const controller = new AbortController();
  const ctx: CliContext = { cwd, env: {}, stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => '', isTTY: false, signal: controller.signal };
  const done = main(argv, ctx);
  return { out, err, done, stop: () => (controller.abort(), done) };
}

async function until(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : '');

describe('crdgen generate --watch', () => {
  it('regenerates on a change, survives a bad edit, picks up a new file, stops on abort', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crdgen-watch-'));
    mkdirSync(join(dir, 'crds'));
    const crd = readFileSync(join(VALID, 'lab/exporters.yaml'), 'utf8');
    writeFileSync(join(dir, 'crds/exporters.yaml'), crd);
    const file = join(dir, 'out/lab.example.com/v1alpha1/exporter.ts');
    const w = start(['generate', 'crds', '-o', 'out', '--runtime', 'crdgen/runtime'].concat('--watch'), dir);
    await until('the first run', () => w.err.some((l) => l.startsWith('crdgen: watching crds for changes')));
    expect(w.out.join('')).toMatch(/^crdgen: 1 kind, 1 version, 4 files; 4 written, 0 unchanged in /);
    expect(read(file)).not.toContain('Changed by the watch test');

    writeFileSync(join(dir, 'crds/exporters.yaml'), crd.replace(/description: /, 'description: Changed by the watch test. '));
    await until('the regenerated file', () => read(file).includes('Changed by the watch test'));

    const runs = w.out.length;
    writeFileSync(join(dir, 'crds/exporters.yaml'), 'apiVersion: [\n');
    await until('the error of the bad edit', () => w.err.some((l) => l.includes('[yaml-syntax]')));
    await until('its summary line', () => w.out.length > runs);
    expect(w.out.at(-1)).toMatch(/nothing written/);
    expect(read(file)).toContain('Changed by the watch test');

    cpSync(join(VALID, 'lab/leases.yaml'), join(dir, 'crds/leases.yaml'));
    writeFileSync(join(dir, 'crds/exporters.yaml'), crd);
    await until('both kinds generated', () => existsSync(join(dir, 'out/lab.example.com/v1alpha1/lease.ts')) && !read(file).includes('Changed by the watch test'));
    expect(await w.stop()).toBe(0);
    expect(w.err.filter((l) => l.includes('internal error'))).toEqual([]);
  });

  it('an empty folder is an error of the first run, and the watch waits for files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crdgen-watch-'));
    mkdirSync(join(dir, 'crds'));
    const w = start(['generate', 'crds', '-o', 'out', '--runtime', 'crdgen/runtime', '--watch'], dir);
    await until('the first run', () => w.err.some((l) => l.startsWith('crdgen: watching')));
    expect(w.err[0]).toBe('crdgen: crds: no CRD files (*.yaml, *.yml, *.json); nothing written\n');
    cpSync(join(VALID, 'lab/leases.yaml'), join(dir, 'crds/leases.yaml'));
    await until('the generated lease', () => existsSync(join(dir, 'out/lab.example.com/v1alpha1/lease.ts')));
    expect(await w.stop()).toBe(0);
  });

  it.each([
    [['--check'], 'crdgen: --watch does not go with --check\n'],
    [['--from-cluster'], 'crdgen: --watch does not go with --from-cluster\n'],
  ])('--watch %j is a usage error', async (extra, stderr) => {
    const dir = mkdtempSync(join(tmpdir(), 'crdgen-watch-'));
    expect(await runCli(['generate', 'crds', '-o', 'out', '--watch', ...extra], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr });
  });
});
