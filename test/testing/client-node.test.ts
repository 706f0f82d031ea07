import { ApiException, CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions, Watch } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kubeConfigYaml, type TestApiServer } from '../../src/testing/index.js';
import { startWithFixtures, widget } from './helpers.js';

const W = { group: 'example.com', version: 'v1', plural: 'widgets' };
const G = { group: 'example.com', version: 'v1', plural: 'gadgets' };

let server: TestApiServer;
let api: CustomObjectsApi;
beforeEach(async () => {
  server = await startWithFixtures({ token: 'tok', eventHistorySize: 3 });
  api = server.kubeConfig.makeApiClient(CustomObjectsApi);
});
afterEach(() => server.close());

async function apiError(promise: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiException) return { code: error.code, body: JSON.parse(String(error.body)) as Record<string, unknown> };
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('client-node CustomObjectsApi against the test server (token auth)', () => {
  it('creates, reads, lists, replaces and deletes namespaced objects', async () => {
    const created = await api.createNamespacedCustomObject({ ...W, namespace: 'ns1', body: widget('w1', { color: 'red' }, { labels: { app: 'x' } }) });
    expect(created.metadata.uid).toBeDefined();
    const read = await api.getNamespacedCustomObject({ ...W, namespace: 'ns1', name: 'w1' });
    expect(read.spec.color).toBe('red');
    const listed = await api.listNamespacedCustomObject({ ...W, namespace: 'ns1', labelSelector: 'app=x,tier notin (a,b)', limit: 10 });
    expect(listed.items).toHaveLength(1);
    const all = await api.listClusterCustomObject(W);
    expect(all.items[0].metadata.namespace).toBe('ns1');
    const replaced = await api.replaceNamespacedCustomObject({ ...W, namespace: 'ns1', name: 'w1', body: { ...read, spec: { color: 'blue' } } });
    expect(replaced.spec.color).toBe('blue');
    expect(replaced.metadata.generation).toBe(2);
    await api.deleteNamespacedCustomObject({ ...W, namespace: 'ns1', name: 'w1', propagationPolicy: 'Foreground', body: { preconditions: { resourceVersion: replaced.metadata.resourceVersion } } });
    const gone = await apiError(api.getNamespacedCustomObject({ ...W, namespace: 'ns1', name: 'w1' }));
    expect(gone.code).toBe(404);
    expect(gone.body).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'widgets.example.com "w1" not found' });
  });

  it('patches with json-patch (the default), merge patch and server-side apply', async () => {
    await api.createNamespacedCustomObject({ ...W, namespace: 'ns1', body: widget('w1', { color: 'red', size: 1 }) });
    const json = await api.patchNamespacedCustomObject({ ...W, namespace: 'ns1', name: 'w1', body: [{ op: 'replace', path: '/spec/size', value: 3 }] });
    expect(json.spec.size).toBe(3);
    const merge = await api.patchNamespacedCustomObject(
      { ...W, namespace: 'ns1', name: 'w1', body: { spec: { size: 4 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(merge.spec.size).toBe(4);
    const applied = await api.patchNamespacedCustomObject(
      { ...W, namespace: 'ns1', name: 'w2', body: widget('w2', { color: 'green' }), fieldManager: 'my-gen', force: true },
      setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
    );
    expect(applied.spec.color).toBe('green');
    const smp = await apiError(
      api.patchNamespacedCustomObject({ ...W, namespace: 'ns1', name: 'w1', body: { spec: {} } }, setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch)),
    );
    expect(smp.code).toBe(415);
  });

  it('uses the status and scale subresources', async () => {
    await api.createNamespacedCustomObject({ ...W, namespace: 'ns1', body: widget('w1', { color: 'red', replicas: 1 }) });
    const status = await api.patchNamespacedCustomObjectStatus(
      { ...W, namespace: 'ns1', name: 'w1', body: { status: { replicas: 1 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(status.status.replicas).toBe(1);
    const got = await api.getNamespacedCustomObjectStatus({ ...W, namespace: 'ns1', name: 'w1' });
    const replaced = await api.replaceNamespacedCustomObjectStatus({ ...W, namespace: 'ns1', name: 'w1', body: { ...got, status: { replicas: 2 } } });
    expect(replaced.status.replicas).toBe(2);
    const scale = await api.getNamespacedCustomObjectScale({ ...W, namespace: 'ns1', name: 'w1' });
    expect(scale.spec.replicas).toBe(1);
    const patched = await api.patchNamespacedCustomObjectScale(
      { ...W, namespace: 'ns1', name: 'w1', body: { spec: { replicas: 3 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(patched.spec.replicas).toBe(3);
    const put = await api.replaceNamespacedCustomObjectScale({ ...W, namespace: 'ns1', name: 'w1', body: { ...patched, spec: { replicas: 4 } } });
    expect(put.status.replicas).toBe(2);
    expect((await api.getNamespacedCustomObject({ ...W, namespace: 'ns1', name: 'w1' })).spec.replicas).toBe(4);
  });

  it('handles cluster-scoped objects, dryRun and delete collections', async () => {
    const body = { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g1', labels: { app: 'x' } } };
    await api.createClusterCustomObject({ ...G, body, dryRun: 'All' });
    expect((await apiError(api.getClusterCustomObject({ ...G, name: 'g1' }))).code).toBe(404);
    await api.createClusterCustomObject({ ...G, body });
    expect((await api.getClusterCustomObject({ ...G, name: 'g1' })).metadata.name).toBe('g1');
    await api.deleteCollectionClusterCustomObject({ ...G, labelSelector: 'app=x' });
    expect((await api.listClusterCustomObject(G)).items).toEqual([]);
  });

  it('reports conflicts and validation errors as ApiException with the Status body', async () => {
    const created = await api.createNamespacedCustomObject({ ...W, namespace: 'ns1', body: widget('w1') });
    await api.patchNamespacedCustomObject({ ...W, namespace: 'ns1', name: 'w1', body: [{ op: 'add', path: '/spec/size', value: 2 }] });
    const stale = await apiError(api.replaceNamespacedCustomObject({ ...W, namespace: 'ns1', name: 'w1', body: created }));
    expect(stale.code).toBe(409);
    expect(stale.body.reason).toBe('Conflict');
    const exists = await apiError(api.createNamespacedCustomObject({ ...W, namespace: 'ns1', body: widget('w1') }));
    expect(exists.body.reason).toBe('AlreadyExists');
  });

  it('rejects a client with a wrong token (401)', async () => {
    const wrong = new KubeConfig();
    wrong.loadFromString(kubeConfigYaml(server.url, 'nope'));
    await expect(wrong.makeApiClient(CustomObjectsApi).listClusterCustomObject(W)).rejects.toMatchObject({ code: 401 });
  });
});

describe('client-node Watch against the test server', () => {
  it('receives events, then an ERROR phase for an expired resourceVersion', async () => {
    const watch = new Watch(server.kubeConfig);
    const seen: string[] = [];
    let done: (error: unknown) => void = () => {};
    const finished = new Promise((resolve) => (done = resolve));
    const controller = await watch.watch(
      '/apis/example.com/v1/namespaces/ns1/widgets',
      { allowWatchBookmarks: true },
      (phase, object: { metadata: { name: string } }) => seen.push(`${phase} ${object.metadata.name}`),
      (error) => done(error),
    );
    await api.createNamespacedCustomObject({ ...W, namespace: 'ns1', body: widget('w1') });
    await api.deleteNamespacedCustomObject({ ...W, namespace: 'ns1', name: 'w1' });
    // Until both events came (the test timeout bounds it), not for a fixed time.
    while (seen.length < 2) await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual(['ADDED w1', 'DELETED w1']);
    controller.abort();
    await finished;

    for (let i = 0; i < 4; i++) await api.createNamespacedCustomObject({ ...W, namespace: 'ns1', body: widget(`x${i}`) });
    const errors: unknown[] = [];
    let ended: (error: unknown) => void = () => {};
    const closed = new Promise((resolve) => (ended = resolve));
    await watch.watch(
      '/apis/example.com/v1/namespaces/ns1/widgets',
      { resourceVersion: '101' },
      (phase, object) => {
        if (phase === 'ERROR') errors.push(object);
      },
      (error) => ended(error),
    );
    expect(await closed).toBeNull();
    expect(errors).toEqual([expect.objectContaining({ kind: 'Status', code: 410, reason: 'Expired' })]);
  });
});
