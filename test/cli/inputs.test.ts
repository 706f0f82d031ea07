// Inputs people expect: globs (a small matcher, Node 20 has no fs.glob) and https URLs, tested
// against a loopback https server with a certificate made by openssl for the test.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globToRegExp, splitGlob } from '../../src/cli/glob.js';
import { runCli } from '../support/cli.js';
import { VALID } from '../support/fixtures.js';

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crdgen-inputs-'));
  mkdirSync(join(dir, 'crds/lab'), { recursive: true });
  mkdirSync(join(dir, 'crds/infra'));
  mkdirSync(join(dir, 'crds/.hidden'));
  for (const name of ['exporters.yaml', 'leases.yaml']) cpSync(join(VALID, 'lab', name), join(dir, 'crds/lab', name));
  cpSync(join(VALID, 'cluster-scale.yaml'), join(dir, 'crds/infra/pool.yml'));
  cpSync(join(VALID, 'lab/clients.yaml'), join(dir, 'crds/.hidden/clients.yaml'));
  return dir;
}

const kinds = (stdout: string) => stdout.split('\n').slice(1).filter((l) => /^\S+\s+\S+/.test(l) && !l.includes('marks')).map((l) => l.split(/\s+/)[1]);

describe('glob inputs', () => {
  it.each([
    ['crds/**/*.yaml', ['Exporter', 'Lease']],
    ['crds/**/*.{yaml,yml}', ['Pool', 'Exporter', 'Lease']],
    ['crds/*/e*.yaml', ['Exporter']],
    ['crds/**/pool.y?l', ['Pool']],
    ['crds/.hidden/*.yaml', ['Client']],
  ])('%s', async (glob, want) => {
    const run = await runCli(['list', glob], { cwd: project() });
    expect(run.stderr).toBe('');
    expect(kinds(run.stdout)).toEqual(want);
  });

  it('generate reads them (and the config may name them); one that matches nothing fails in one line', async () => {
    const dir = project();
    writeFileSync(join(dir, 'crdgen.config.json'), JSON.stringify({ inputs: ['crds/**/*.yaml'], out: 'out', runtime: 'crdgen/runtime' }));
    const run = await runCli(['generate'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^crdgen: 2 kinds, 2 versions, /);
    expect(await runCli(['generate', 'crds/**/*.json', '-o', 'out2'], { cwd: dir })).toEqual({ code: 1, stdout: '', stderr: 'crdgen: crds/**/*.json: matches no *.yaml, *.yml or *.json file (check the pattern)\n' });
    expect(await runCli(['list', 'crdz/**/*.yaml'], { cwd: dir })).toEqual({ code: 1, stdout: '', stderr: 'crdgen: crdz/**/*.yaml: no such folder crdz (check the path)\n' });
  });

  it('the matcher', () => {
    expect(splitGlob('crds/**/*.yaml')).toEqual({ base: 'crds', pattern: '**/*.yaml' });
    expect(splitGlob('*.yaml')).toEqual({ base: '.', pattern: '*.yaml' });
    const cases: Array<[string, string, boolean]> = [
      ['**/*.yaml', 'a.yaml', true], ['**/*.yaml', 'x/y/a.yaml', true], ['**/*.yaml', 'x/a.yml', false], ['**/*.yaml', '.hidden/a.yaml', false],
      ['*.yaml', 'x/a.yaml', false], ['*.yaml', '.a.yaml', false], ['*.{yaml,yml}', 'a.yml', true], ['v[12]/*.json', 'v1/a.json', true],
      ['v[!12]/*.json', 'v1/a.json', false], ['a?.yaml', 'ab.yaml', true], ['a.yaml', 'aXyaml', false], ['**', 'x/y', true],
    ];
    for (const [glob, path, want] of cases) expect([glob, path, globToRegExp(glob).test(path)]).toEqual([glob, path, want]);
  });
});

describe('https URL inputs (loopback server, certificate made for the test)', () => {
  let server: Server;
  let base: string;
  let caFile: string;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crdgen-tls-'));
    const key = join(dir, 'key.pem');
    caFile = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', caFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const crd = readFileSync(join(VALID, 'lab/exporters.yaml'), 'utf8');
    server = createServer({ key: readFileSync(key), cert: readFileSync(caFile) }, (req, res) => {
      if (req.url === '/exporters.yaml') res.writeHead(200, { 'content-type': 'application/yaml' }).end(crd);
      else if (req.url === '/latest') res.writeHead(302, { location: '/exporters.yaml' }).end();
      else res.writeHead(404).end('not found');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('reads a CRD from a URL (following a redirect) with CRDGEN_CA_FILE trusting the certificate', async () => {
    const dir = project();
    for (const path of ['/exporters.yaml', '/latest']) {
      const run = await runCli(['generate', `${base}${path}`, '-o', 'out', '--runtime', 'crdgen/runtime'], { cwd: dir, env: { CRDGEN_CA_FILE: caFile } });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    }
    expect(readFileSync(join(dir, 'out/lab.example.com/v1alpha1/exporter.ts'), 'utf8')).toContain('export class ExporterApi');
  });

  it('one line each for an untrusted certificate, a 404 and an unreachable server', async () => {
    const dir = project();
    const untrusted = await runCli(['list', `${base}/exporters.yaml`], { cwd: dir });
    expect(untrusted).toEqual({ code: 1, stdout: '', stderr: `crdgen: ${base}/exporters.yaml: the server's certificate is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT); set CRDGEN_CA_FILE to the PEM file of its CA\n` });
    const missing = await runCli(['list', `${base}/nope.yaml`], { cwd: dir, env: { CRDGEN_CA_FILE: caFile } });
    expect(missing).toEqual({ code: 1, stdout: '', stderr: `crdgen: ${base}/nope.yaml: 404 Not Found (check the URL)\n` });
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));
    const unreachable = await runCli(['list', `https://127.0.0.1:${port}/x.yaml`], { cwd: dir });
    expect(unreachable).toEqual({ code: 1, stdout: '', stderr: `crdgen: https://127.0.0.1:${port}/x.yaml: cannot reach it: ECONNREFUSED\n` });
    const badCa = await runCli(['list', `${base}/exporters.yaml`], { cwd: dir, env: { CRDGEN_CA_FILE: join(dir, 'nope.pem') } });
    expect(badCa.stderr).toBe(`crdgen: CRDGEN_CA_FILE ${join(dir, 'nope.pem')}: cannot read it (ENOENT)\n`);
  });
});
