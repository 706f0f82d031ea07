// The runtime end to end against the in-memory test API server (src/testing): real semantics
// (resourceVersions, conflicts, subresources, patches, selectors), faults with Retry-After.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../src/testing/index.js';
import { isAlreadyExists, isConflict, isNotFound, type ApiError } from '../../src/runtime/index.js';
import { gadgetCrd, RUNTIME_NAMESPACES, widgetCrd } from './support/crds.js';
import { GadgetApi, WidgetApi, type Widget } from './support/kinds.js';

const TOKEN = 'runtime-test-token';
let server: TestApiServer;
let widgets: WidgetApi;
let gadgets: GadgetApi;

beforeAll(async () => {
  server = await startTestApiServer({ crds: [widgetCrd, gadgetCrd], token: TOKEN, namespaces: RUNTIME_NAMESPACES });
  widgets = new WidgetApi({ kubeConfig: server.kubeConfig, namespace: 'ns1', fieldManager: 'runtime-test', retry: { baseDelayMs: 20 } });
  gadgets = new GadgetApi({ kubeConfig: server.kubeConfig, fieldManager: 'runtime-test' });
});
afterAll(() => server.close());
beforeEach(async () => {
  server.faults.clear();
  await widgets.deleteCollection();
  await gadgets.deleteCollection();
  server.requests.length = 0;
});

const caught = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as ApiError);

describe('verbs against the test API server', () => {
  it('create, get, list, replace, patch (merge, json, apply), status, scale, delete', async () => {
    const created = await widgets.create({ metadata: { name: 'w1', labels: { app: 'x' } }, spec: { size: 1, color: 'red' } });
    expect(created).toMatchObject({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1', namespace: 'ns1' } });
    expect((await widgets.get('w1')).spec).toEqual({ size: 1, color: 'red' });
    expect((await widgets.list({ labelSelector: 'app=x' })).items.map((w) => w.metadata?.name)).toEqual(['w1']);
    expect((await widgets.list({ labelSelector: 'app=y' })).items).toEqual([]);

    const replaced = await widgets.replace({ ...created, spec: { size: 2, color: 'blue' } });
    expect(replaced.spec).toEqual({ size: 2, color: 'blue' });
    expect(replaced.metadata?.resourceVersion).not.toBe(created.metadata?.resourceVersion);

    expect((await widgets.patch('w1', { type: 'merge', body: { spec: { color: null, tags: ['a'] } } })).spec).toEqual({ size: 2, tags: ['a'] });
    expect((await widgets.patch('w1', { type: 'json', body: [{ op: 'add', path: '/spec/tags/-', value: 'b' }] })).spec?.tags).toEqual(['a', 'b']);
    expect((await widgets.apply({ metadata: { name: 'w1' }, spec: { size: 5 } }, { force: true })).spec?.size).toBe(5);

    const withStatus = await widgets.patchStatus('w1', { type: 'merge', body: { status: { ready: true } } });
    expect(withStatus.status).toEqual({ ready: true });
    expect((await widgets.getStatus('w1')).status).toEqual({ ready: true });

    await widgets.patch('w1', { type: 'merge', body: { spec: { replicas: 2 } } });
    const scale = await widgets.getScale('w1');
    expect(scale).toMatchObject({ kind: 'Scale', spec: { replicas: 2 } });
    await widgets.replaceScale({ ...scale, spec: { replicas: 4 } });
    expect((await widgets.get('w1')).spec?.replicas).toBe(4);

    await widgets.delete('w1');
    expect(isNotFound(await caught(widgets.get('w1')))).toBe(true);
  });

  it('the error checks hold for the real status bodies', async () => {
    const w = await widgets.create({ metadata: { name: 'w1' } });
    expect(isAlreadyExists(await caught(widgets.create({ metadata: { name: 'w1' } })))).toBe(true);
    await widgets.patch('w1', { type: 'merge', body: { spec: { size: 1 } } });
    const stale = await caught(widgets.replace(w));
    expect(isConflict(stale)).toBe(true);
    expect(isConflict(await caught(widgets.delete('w1', { preconditions: { resourceVersion: '1' } })))).toBe(true);
  });

  it('dryRun writes nothing', async () => {
    await widgets.create({ metadata: { name: 'dry' } }, { dryRun: true });
    expect(isNotFound(await caught(widgets.get('dry')))).toBe(true);
  });

  it('listAll pages through everything; allNamespaces sees every namespace', async () => {
    for (const name of ['a', 'b', 'c', 'd', 'e']) await widgets.create({ metadata: { name } });
    await widgets.create({ metadata: { name: 'z', namespace: 'ns2' } });
    const names: string[] = [];
    for await (const w of widgets.listAll({ limit: 2 })) names.push(w.metadata?.name ?? '');
    expect(names).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(server.requests.filter((r) => r.method === 'GET' && r.query.limit === '2')).toHaveLength(3);
    expect((await widgets.list({ allNamespaces: true })).items.map((w) => `${w.metadata?.namespace}/${w.metadata?.name}`))
      .toEqual(['ns1/a', 'ns1/b', 'ns1/c', 'ns1/d', 'ns1/e', 'ns2/z']);
    await widgets.deleteCollection({ namespace: 'ns2' });
  });

  it('cluster-scoped: deleteCollection with a field selector deletes only what it selects', async () => {
    await gadgets.create({ metadata: { name: 'g1' } });
    await gadgets.create({ metadata: { name: 'g2' } });
    await gadgets.deleteCollection({ fieldSelector: 'metadata.name=g1' });
    expect((await gadgets.list()).items.map((g) => g.metadata?.name)).toEqual(['g2']);
    await gadgets.patchStatus('g2', { type: 'merge', body: { status: { replicas: 3 } } });
    expect((await gadgets.getScale('g2')).status?.replicas).toBe(3);
  });
});

describe('retries against injected faults', () => {
  // How long it waits is checked on a fake clock in retry.test.ts; here, that it retries and succeeds.
  it('429 with Retry-After: retries what the server asks, then succeeds', async () => {
    await widgets.create({ metadata: { name: 'w1' } });
    server.requests.length = 0;
    server.faults.failNext({ status: 429, retryAfterSeconds: 1, count: 2, method: 'GET' });
    await widgets.get('w1');
    expect(server.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'GET']);
  });

  it('503 on POST is not retried; on DELETE it is', async () => {
    server.faults.failNext({ status: 503, count: 1, method: 'POST' });
    expect((await caught(widgets.create({ metadata: { name: 'w1' } })))?.code).toBe(503);
    expect(server.requests).toHaveLength(1);
    await widgets.create({ metadata: { name: 'w1' } });
    server.requests.length = 0;
    server.faults.failNext({ status: 503, count: 2, method: 'DELETE' });
    await widgets.delete('w1');
    expect(server.requests.map((r) => r.method)).toEqual(['DELETE', 'DELETE', 'DELETE']);
  });

  it('update resolves a real conflict between two writers', async () => {
    await widgets.create({ metadata: { name: 'counter' }, spec: { size: 0 } });
    server.requests.length = 0;
    let reads = 0;
    // Both read before either writes, the first time round: a barrier, not a sleep.
    let bothRead!: () => void;
    const barrier = new Promise<void>((r) => (bothRead = r));
    const both = await Promise.all([1, 2].map(() => widgets.update('counter', async (w: Widget) => {
      reads++;
      if (reads === 2) bothRead();
      if (reads <= 2) await barrier;
      w.spec = { size: (w.spec?.size ?? 0) + 1 };
    })));
    expect(both.map((w) => w.spec?.size).sort()).toEqual([1, 2]);
    expect((await widgets.get('counter')).spec?.size).toBe(2);
    expect(server.requests.filter((r) => r.method === 'PUT')).toHaveLength(3);
  });

  it('waitFor sees a status change made after it started', async () => {
    await widgets.create({ metadata: { name: 'w1' } });
    const waiting = widgets.waitFor('w1', (w) => w.status?.ready === true, { timeoutMs: 120_000 });
    await new Promise((r) => setTimeout(r, 100));
    await widgets.patchStatus('w1', { type: 'merge', body: { status: { ready: true } } });
    expect((await waiting).status).toEqual({ ready: true });
  });
});
