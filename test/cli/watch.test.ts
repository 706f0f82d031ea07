// crdgen generate --watch: regenerates when an input changes (debounced), survives a bad edit (the
// error is printed, the watch goes on) and stops when told. The test edits files and waits for the
// output or the messages to change: conditions, never sleeps.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/cli/context.js';
import { main } from '../../src/cli/main.js';
import { runCli, spawnCli } from '../support/cli.js';
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
    expect(w.out.join('')).toMatch(/^crdgen: 1 kind, 1 version, 5 files; 5 written, 0 unchanged in /);
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

  it('a config file created after the start is read (and watched), and its removal too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crdgen-watch-new-config-'));
    mkdirSync(join(dir, 'crds'));
    cpSync(join(VALID, 'lab/exporters.yaml'), join(dir, 'crds/exporters.yaml'));
    cpSync(join(VALID, 'lab/leases.yaml'), join(dir, 'crds/leases.yaml'));
    const w = start(['generate', 'crds', '-o', 'out', '--runtime', 'crdgen/runtime', '--no-cache', '--watch'], dir);
    await until('the first run', () => w.err.includes('crdgen: watching crds for changes (Ctrl-C stops)\n'));
    expect(w.out).toEqual([expect.stringMatching(/^crdgen: 2 kinds, 2 versions, /)]);

    // The config's filter applies to the flags' inputs: one kind from now on.
    writeFileSync(join(dir, 'crdgen.config.json'), '{ "include": ["Lease"] }\n');
    await until('the run of the new config', () => w.out.some((l) => l.startsWith('crdgen: 1 kind, 1 version, ')));
    await until('the new watch line', () => w.err.includes('crdgen: watching crds, crdgen.config.json for changes (Ctrl-C stops)\n'));
    // Watched from now on: an edit of it is read.
    writeFileSync(join(dir, 'crdgen.config.json'), '{ "include": ["Lease"], "clean": true }\n');
    await until('the run that removes the exporter', () => !existsSync(join(dir, 'out/lab.example.com/v1alpha1/exporter.ts')));

    rmSync(join(dir, 'crdgen.config.json'));
    await until('both kinds again', () => existsSync(join(dir, 'out/lab.example.com/v1alpha1/exporter.ts')) && w.out.at(-1)?.startsWith('crdgen: 2 kinds, ') === true);
    expect(w.err.filter((l) => l.startsWith('crdgen: watching crds for changes'))).toHaveLength(2);
    expect(await w.stop()).toBe(0);
    expect(w.err.filter((l) => !l.startsWith('crdgen: watching'))).toEqual([]);
  });

  it.each([
    [['--check'], 'crdgen: --watch does not go with --check\n'],
    [['--from-cluster'], 'crdgen: --watch does not go with --from-cluster\n'],
  ])('--watch %j is a usage error', async (extra, stderr) => {
    const dir = mkdtempSync(join(tmpdir(), 'crdgen-watch-'));
    expect(await runCli(['generate', 'crds', '-o', 'out', '--watch', ...extra], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr });
  });

  it('the real CLI: a change of the config reads it again (new inputs and output), an invalid one is one error line and the watch goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crdgen-watch-config-'));
    mkdirSync(join(dir, 'crds'));
    mkdirSync(join(dir, 'more'));
    cpSync(join(VALID, 'lab/exporters.yaml'), join(dir, 'crds/exporters.yaml'));
    const leases = readFileSync(join(VALID, 'lab/leases.yaml'), 'utf8');
    writeFileSync(join(dir, 'more/leases.yaml'), leases);
    const config = (value: object) => writeFileSync(join(dir, 'crdgen.config.json'), `${JSON.stringify({ runtime: 'crdgen/runtime', ...value })}\n`);
    config({ inputs: ['crds'], out: 'out' });
    const cli = spawnCli(['generate', '--watch', '--no-cache'], { cwd: dir });
    await cli.until('the first run', (_out, err) => err.includes('crdgen: watching crds, crdgen.config.json for changes (Ctrl-C stops)\n'));
    expect(existsSync(join(dir, 'out/lab.example.com/v1alpha1/exporter.ts'))).toBe(true);

    config({ inputs: ['more'], out: 'out2' });
    await cli.until('the run of the new config', () => existsSync(join(dir, 'out2/lab.example.com/v1alpha1/lease.ts')));
    await cli.until('the new watch line', (_out, err) => err.includes('crdgen: watching more, crdgen.config.json for changes'));
    const summaries = (out: string) => out.split('\n').filter((l) => l.startsWith('crdgen: ')).length;
    await cli.until('the summary of the second run', (out) => summaries(out) === 2);

    config({ inptus: ['more'], out: 'out3' });
    const bad = /^crdgen: crdgen\.config\.json: "inptus" is not a config key \(did you mean "inputs"\? known keys: [^\n]*\)$/m;
    await cli.until('the error line of the invalid config', (_out, err) => bad.test(err));
    config({ inputs: ['more'], out: 'out3' });
    await cli.until('the run of the fixed config', (out) => existsSync(join(dir, 'out3/lab.example.com/v1alpha1/lease.ts')) && summaries(out) === 3);
    expect(cli.stderr().split('\n').filter((l) => bad.test(l))).toHaveLength(1);

    // The inputs of the new config are watched: an edit there regenerates out3.
    writeFileSync(join(dir, 'more/leases.yaml'), leases.replace(/description: /, 'description: Changed by the watch test. '));
    await cli.until('the regenerated lease', () => read(join(dir, 'out3/lab.example.com/v1alpha1/lease.ts')).includes('Changed by the watch test'));
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    expect(cli.stderr()).not.toMatch(/internal error|\n\s+at /);
  }, 300_000);

  it('the real CLI: a URL input gets one line at the start saying it is not watched', async () => {
    const text = readFileSync(join(VALID, 'lab/clients.yaml'), 'utf8');
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.end(text);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/clients.yaml`;
      const dir = mkdtempSync(join(tmpdir(), 'crdgen-watch-url-'));
      mkdirSync(join(dir, 'crds'));
      const crd = readFileSync(join(VALID, 'lab/exporters.yaml'), 'utf8');
      writeFileSync(join(dir, 'crds/exporters.yaml'), crd);
      const cli = spawnCli(['generate', url, 'crds', '-o', 'out', '--runtime', 'crdgen/runtime', '--watch', '--no-cache'], { cwd: dir });
      await cli.until('the first run', (_out, err) => err.includes('crdgen: watching crds for changes'));
      const note = `crdgen: not watching ${url}: a URL is read again only by a run that a change of a watched file starts`;
      expect(cli.stderr().split('\n').filter((l) => l.includes(url))).toEqual([note]);
      expect(requests).toBe(1);
      expect(existsSync(join(dir, 'out/lab.example.com/v1alpha1/client.ts'))).toBe(true);

      writeFileSync(join(dir, 'crds/exporters.yaml'), crd.replace(/description: /, 'description: Changed by the watch test. '));
      await cli.until('the regenerated exporter', () => read(join(dir, 'out/lab.example.com/v1alpha1/exporter.ts')).includes('Changed by the watch test'));
      expect(requests).toBe(2);
      expect(cli.stderr().split('\n').filter((l) => l.includes(url))).toEqual([note]);
      cli.child.kill('SIGINT');
      expect(await cli.exited).toBe(0);
    } finally {
      server.close();
    }
  }, 300_000);
});
