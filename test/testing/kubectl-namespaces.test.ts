/**
 * kubectl's typed commands for built-in kinds against the test server. They send protobuf bodies
 * and read the core group's discovery, so they exercise both. Expected output is what kubectl
 * prints against a real cluster (kubectl reference: `kubectl create namespace`, `create configmap`,
 * `create secret generic`, `delete namespace`; NamespaceLifecycle admission for the 404).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../src/testing/index.js';
import { call } from './helpers.js';
import { Kubectl, requireKubectl } from './kubectl.js';

const STEP = 60_000;

describe('kubectl: namespaces, configmaps and secrets', () => {
  let server: TestApiServer;
  let kubectl: Kubectl;

  beforeAll(async () => {
    requireKubectl();
    server = await startTestApiServer();
    kubectl = new Kubectl(server.kubeConfigYaml);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('create namespace x, then get namespaces lists it Active', async () => {
    const created = await kubectl.run('create', 'namespace', 'x');
    expect(created.stderr).toBe('');
    expect(created.stdout.trim()).toBe('namespace/x created');
    const got = await kubectl.run('get', 'namespaces', '--no-headers', '-o', 'custom-columns=NAME:.metadata.name,PHASE:.status.phase');
    expect(got.stdout.trim().split('\n').map((l) => l.split(/\s+/).join(' '))).toEqual([
      'default Active',
      'kube-node-lease Active',
      'kube-public Active',
      'kube-system Active',
      'x Active',
    ]);
  }, STEP);

  it('create configmap and secret generic in it; the secret value is base64 in data', async () => {
    expect((await kubectl.run('create', 'configmap', 'settings', '-n', 'x', '--from-literal=mode=fast')).stdout.trim()).toBe('configmap/settings created');
    expect((await kubectl.run('create', 'secret', 'generic', 'creds', '-n', 'x', '--from-literal=password=s3cret')).stdout.trim()).toBe('secret/creds created');
    const data = await kubectl.run('get', 'secret', 'creds', '-n', 'x', '-o', 'jsonpath={.data.password}');
    expect(Buffer.from(data.stdout, 'base64').toString('utf8')).toBe('s3cret');
    const table = await kubectl.run('get', 'configmaps', '-n', 'x');
    expect(table.stdout.split('\n')[0]?.split(/\s+/)).toEqual(['NAME', 'DATA', 'AGE']);
    expect(table.stdout.split('\n')[1]?.split(/\s+/).slice(0, 2)).toEqual(['settings', '1']);
  }, STEP);

  it('apply -f of a ConfigMap, then a changed apply (a strategic merge patch) drops the removed key', async () => {
    const file = kubectl.file('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\n  namespace: x\ndata:\n  a: "1"\n  b: "2"\n');
    expect((await kubectl.run('apply', '-f', file)).stdout.trim()).toBe('configmap/applied created');
    kubectl.file('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\n  namespace: x\ndata:\n  a: "3"\n');
    const again = await kubectl.run('apply', '-f', file);
    expect(again.stderr).toBe('');
    expect(again.stdout.trim()).toBe('configmap/applied configured');
    const patch = server.requests.filter((r) => r.method === 'PATCH').at(-1);
    expect(patch?.headers['content-type']).toBe('application/strategic-merge-patch+json');
    expect((await call(server, 'GET', '/api/v1/namespaces/x/configmaps/applied')).body.data).toEqual({ a: '3' });
  }, STEP);

  it('a create into a missing namespace fails with the real message', async () => {
    const r = await kubectl.run('create', 'configmap', 'c', '-n', 'nope', '--from-literal=a=b');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('error: failed to create configmap: namespaces "nope" not found');
  }, STEP);

  it('delete namespace x removes it and what it holds', async () => {
    const deleted = await kubectl.run('delete', 'namespace', 'x');
    expect(deleted.stdout.trim()).toBe('namespace "x" deleted');
    expect(deleted.code).toBe(0);
    // kubectl delete waits until the namespace is gone, so it is gone now.
    expect((await call(server, 'GET', '/api/v1/namespaces/x')).status).toBe(404);
    expect((await call(server, 'GET', '/api/v1/namespaces/x/configmaps/settings')).status).toBe(404);
  }, STEP);
});
