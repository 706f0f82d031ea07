// crdgen list from files, and list/generate --from-cluster against the test API server over HTTP.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readClusterCrds } from '../../src/cli/cluster.js';
import { parse } from '../../src/generator/parse/parse.js';
import { startTestApiServer, type TestApiServer } from '../../src/testing/index.js';
import { cliStartArgs, runCli } from '../support/cli.js';
import { listFiles, ROOT } from '../support/fixtures.js';

const temp = () => mkdtempSync(join(tmpdir(), 'crdgen-list-'));
const FILES = ['fixtures/valid/multi-version.yaml', 'fixtures/valid/cluster-scale.yaml', 'fixtures/valid/lab'];

describe('crdgen list', () => {
  it('prints a table: storage version marked *, deprecated and unserved versions said', async () => {
    const run = await runCli(['list', ...FILES], { cwd: ROOT });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        'GROUP              KIND      VERSIONS                                          SCOPE       SUBRESOURCES   SHORT NAMES',
        'infra.example.com  Pool      v1*                                               Cluster     status, scale  pl',
        'lab.example.com    Client    v1alpha1*                                         Namespaced  status         -',
        'lab.example.com    Exporter  v1alpha1*                                         Namespaced  status         exp',
        'lab.example.com    Lease     v1alpha1*                                         Namespaced  status         -',
        'shop.example.com   Gizmo     v1*, v1beta1 (deprecated), v1alpha1 (not served)  Namespaced  -              -',
        '',
        '5 kinds; * marks the storage version',
        '',
      ].join('\n'),
    );
  });

  it('--json for scripts; --include and --exclude filter by group or kind', async () => {
    const run = await runCli(['list', ...FILES, '--json', '--include', 'lab.example.com', 'Gizmo', '--exclude', 'Lease'], { cwd: ROOT });
    const parsed = JSON.parse(run.stdout) as { crds: Array<{ kind: string; versions: unknown[]; source: string }>; diagnostics: unknown[] };
    expect(parsed.crds.map((c) => c.kind)).toEqual(['Client', 'Exporter', 'Gizmo']);
    expect(parsed.crds[2]).toMatchObject({
      name: 'gizmos.shop.example.com',
      scope: 'Namespaced',
      versions: [
        { name: 'v1', served: true, storage: true, deprecated: false },
        { name: 'v1beta1', served: true, storage: false, deprecated: true },
        { name: 'v1alpha1', served: false, storage: false, deprecated: false },
      ],
      source: 'fixtures/valid/multi-version.yaml',
    });
    expect(parsed.diagnostics).toEqual([]);
  });

  it('says when there is nothing, and exits 1 on a broken CRD', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\n');
    const none = await runCli(['list', 'cm.yaml'], { cwd: dir });
    expect(none.stdout).toBe('no CustomResourceDefinitions found\n');
    const broken = await runCli(['list', 'fixtures/invalid'], { cwd: ROOT });
    expect(broken.code).toBe(1);
  });
});

describe('--from-cluster against the test API server', () => {
  let server: TestApiServer;
  let kubeconfig: string;
  const dir = temp();

  beforeAll(async () => {
    const texts = [...listFiles(join(ROOT, 'fixtures/valid/lab')), join(ROOT, 'fixtures/valid/multi-version.yaml'), join(ROOT, 'fixtures/valid/cluster-scale.yaml')];
    const { documents } = parse(texts.map((path) => ({ path, text: readFileSync(path, 'utf8') })));
    server = await startTestApiServer({ crds: documents.map((d) => d.raw) });
    kubeconfig = join(dir, 'kubeconfig.yaml');
    writeFileSync(kubeconfig, server.kubeConfigYaml);
  });
  afterAll(async () => server.close());

  it('list shows what the cluster serves, as the files would', async () => {
    const fromCluster = await runCli(['list', '--from-cluster', '--kubeconfig', kubeconfig, '--json'], { cwd: dir });
    const fromFiles = await runCli(['list', ...FILES, '--json'], { cwd: ROOT });
    expect(fromCluster.code).toBe(0);
    const rows = (text: string) => (JSON.parse(text) as { crds: Array<{ source: string }> }).crds.map(({ source: _s, ...row }) => row);
    expect(rows(fromCluster.stdout)).toEqual(rows(fromFiles.stdout));
    const paths = server.requests.map((r) => `${r.method} ${r.path}?limit=${r.query.limit}`);
    expect(paths).toContain('GET /apis/apiextensions.k8s.io/v1/customresourcedefinitions?limit=500');
  });

  it('generate writes the same bytes as from the files, filtered by --include', async () => {
    const fromCluster = join(dir, 'from-cluster');
    const fromFiles = join(dir, 'from-files');
    const run = await runCli(['generate', '--from-cluster', '--kubeconfig', kubeconfig, '--include', 'lab.example.com', '-o', fromCluster], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    await runCli(['generate', 'fixtures/valid/lab', '-o', fromFiles], { cwd: ROOT });
    const all = (root: string) => listFiles(root, /\.ts$/).map((p) => [p.slice(root.length), readFileSync(p, 'utf8')]);
    expect(all(fromCluster)).toEqual(all(fromFiles));
    expect(readdirSync(fromCluster).sort()).toEqual(['index.ts', 'k8s.ts', 'lab.example.com', 'runtime']);
  });

  it('reads every page of a long CRD list (limit and continue)', async () => {
    server.requests.length = 0;
    const ctx = { cwd: dir, env: {}, stdout: () => undefined, stderr: () => undefined, readStdin: async () => '', isTTY: false };
    const { files, context, server: url } = await readClusterCrds({ kubeconfig, pageSize: 2 }, ctx);
    expect([context, url]).toEqual(['crdgen-test', server.url]);
    expect(files.map((f) => f.path)).toEqual([
      'crdgen-test/clients.lab.example.com', 'crdgen-test/exporters.lab.example.com', 'crdgen-test/gizmos.shop.example.com',
      'crdgen-test/leases.lab.example.com', 'crdgen-test/pools.infra.example.com',
    ]);
    expect(server.requests.map((r) => [r.query.limit, r.query.continue !== undefined])).toEqual([['2', false], ['2', true], ['2', true]]);
    expect(JSON.parse(files[0]?.text ?? '{}')).toMatchObject({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' });
  });

  it('follows $KUBECONFIG (the first file\'s current context, as kubectl) and --context', async () => {
    const other = join(dir, 'other.yaml');
    writeFileSync(other, server.kubeConfigYaml.replaceAll('crdgen-test', 'nowhere').replace(server.url, 'http://127.0.0.1:9'));
    const env = { KUBECONFIG: `${other}:${kubeconfig}` };
    const unreachable = await runCli(['list', '--from-cluster'], { cwd: dir, env });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toBe('crdgen: cannot reach the cluster at http://127.0.0.1:9 (context nowhere): ECONNREFUSED (is the cluster up? check --context and --kubeconfig)\n');
    const chosen = await runCli(['list', '--from-cluster', '--context', 'crdgen-test'], { cwd: dir, env });
    expect(chosen.stderr).toBe('');
    expect(chosen.stdout).toContain('lab.example.com    Exporter');
  });

  it.each([
    [['--context', 'prod'], 'crdgen: --context prod: no such context in the kubeconfig (contexts: crdgen-test)\n'],
    [['--kubeconfig', 'missing.yaml'], 'crdgen: missing.yaml: no such kubeconfig file\n'],
  ])('%j fails in one line', async (flags, stderr) => {
    const run = await runCli(['list', '--from-cluster', ...(flags.includes('--kubeconfig') ? [] : ['--kubeconfig', kubeconfig]), ...flags], { cwd: dir });
    expect(run).toEqual({ code: 1, stdout: '', stderr });
  });

  it('403 and 401 from the API server are one line with what to do', async () => {
    server.faults.failNext({ status: 403, path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', message: 'customresourcedefinitions.apiextensions.k8s.io is forbidden: User "dev" cannot list resource "customresourcedefinitions"' });
    const forbidden = await runCli(['generate', '--from-cluster', '--kubeconfig', kubeconfig, '-o', join(dir, 'never')], { cwd: dir });
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toBe(
      `crdgen: the cluster at ${server.url} (context crdgen-test) forbids listing CRDs: 403 Forbidden: customresourcedefinitions.apiextensions.k8s.io is forbidden: User "dev" cannot list resource "customresourcedefinitions" (the user needs list on customresourcedefinitions.apiextensions.k8s.io; or generate from CRD files)\n`,
    );
    const guarded = await startTestApiServer({ token: 'secret' });
    try {
      const config = join(dir, 'wrong-token.yaml');
      writeFileSync(config, guarded.kubeConfigYaml.replace('token: secret', 'token: wrong'));
      const unauthorized = await runCli(['list', '--from-cluster', '--kubeconfig', config], { cwd: dir });
      expect(unauthorized).toEqual({ code: 1, stdout: '', stderr: `crdgen: the cluster at ${guarded.url} (context crdgen-test) refused the credentials: 401 Unauthorized (log in again, or check the user of the context)\n` });
      expect(unauthorized.stderr).not.toContain('secret');
    } finally {
      await guarded.close();
    }
  });

  it('a closed cluster is one line, never a stack trace', async () => {
    const gone = await startTestApiServer();
    const config = join(dir, 'gone.yaml');
    writeFileSync(config, gone.kubeConfigYaml);
    await gone.close();
    const run = await runCli(['list', '--from-cluster', '--kubeconfig', config], { cwd: dir });
    expect(run).toEqual({ code: 1, stdout: '', stderr: `crdgen: cannot reach the cluster at ${gone.url} (context crdgen-test): ECONNREFUSED (is the cluster up? check --context and --kubeconfig)\n` });
  });

  it.each([
    [['list', 'crds', '--from-cluster'], 'crdgen: --from-cluster reads the CRDs from the cluster: leave out the input files\n'],
    [['list', 'fixtures/valid/lab', '--context', 'x'], 'crdgen: --context needs --from-cluster\n'],
  ])('%j is a usage error', async (argv, stderr) => {
    expect(await runCli(argv, { cwd: ROOT })).toEqual({ code: 2, stdout: '', stderr });
  });
});

describe('against `crdgen test-server` running as a process', () => {
  it('list and generate --from-cluster read what it serves', async () => {
    const dir = temp();
    const kubeconfig = join(dir, 'kubeconfig.yaml');
    const child = spawn(process.execPath, [...cliStartArgs(), 'test-server', 'fixtures/valid/lab', '--kubeconfig-out', kubeconfig], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const listening = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('\n')) resolve(out.trim());
        });
        child.once('exit', (code) => reject(new Error(`test-server exited ${code}`)));
      });
      expect(listening).toMatch(/^crdgen test-server listening on http:\/\/127\.0\.0\.1:\d+$/);
      const list = await runCli(['list', '--from-cluster', '--kubeconfig', kubeconfig], { cwd: dir });
      expect(list.stdout.split('\n').slice(1, 4).map((line) => line.split(/\s+/).slice(0, 2).join(' '))).toEqual(['lab.example.com Client', 'lab.example.com Exporter', 'lab.example.com Lease']);
      const generated = await runCli(['generate', '--from-cluster', '--kubeconfig', kubeconfig, '-o', join(dir, 'gen')], { cwd: dir });
      expect(generated.code).toBe(0);
      expect(readdirSync(join(dir, 'gen/lab.example.com/v1alpha1')).sort()).toEqual(['client.ts', 'exporter.ts', 'index.ts', 'lease.ts']);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
