// The runtime section of the README, one example per verb, run as written (only the clients come
// from the test API server instead of ~/.kube/config). If one of these fails, fix the README too.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { isConflict, isInvalid, isNotFound, isStatus, WaitForError } from '../../generated/index.js';
import type { Exporter, ExporterApi } from '../../generated/lab.example.com/v1alpha1/index.js';
import type { PoolApi } from '../../generated/infra.example.com/v1/index.js';
import type { TestApiServer } from '../../src/testing/index.js';
import { startClients } from './support.js';

let server: TestApiServer;
let exporters: ExporterApi;
let pools: PoolApi;

// What the examples print, for the assertions (and to keep the test output quiet).
const printed = vi.spyOn(console, 'log').mockImplementation(() => {});

beforeAll(async () => {
  ({ server, exporters, pools } = await startClients());
});
afterAll(async () => {
  printed.mockRestore();
  await server.close();
});
beforeEach(() => {
  printed.mockClear();
});

describe('README: the runtime, verb by verb', () => {
  it('create', async () => {
    const created = await exporters.create({ metadata: { name: 'bench-1', labels: { site: 'a' } }, spec: { username: 'bench' } });
    created.kind; // 'Exporter': apiVersion and kind were filled in
    created.spec?.enabled; // true: the CRD's default, applied by the server
    await exporters.create({ metadata: { name: 'bench-2' } }, { dryRun: true }); // validated, not stored
    expect([created.kind, created.spec?.enabled]).toEqual(['Exporter', true]);
  });

  it('get', async () => {
    const e: Exporter = await exporters.get('bench-1'); // in the constructor's namespace
    e.metadata?.creationTimestamp?.toISOString(); // a Date, as V1ObjectMeta says
    const missing = await exporters.get('bench-1', { namespace: 'elsewhere' }).catch((err: unknown) => err);
    expect(isNotFound(missing)).toBe(true);
    expect(e.metadata?.creationTimestamp).toBeInstanceOf(Date);
  });

  it('list, listPages, listAll', async () => {
    const page = await exporters.list({ labelSelector: 'site in (a,b)', fieldSelector: 'metadata.name!=old', limit: 100 });
    for (const e of page.items) console.log(e.metadata?.name, e.spec?.username);
    const next = page.metadata?._continue; // set while there is more: pass it as `continue`
    const everywhere = await exporters.list({ allNamespaces: true });

    for await (const e of exporters.listAll({ labelSelector: 'site=a' })) console.log(e.metadata?.name); // follows continue
    for await (const p of exporters.listPages({ limit: 50 })) console.log(p.items.length);
    expect([page.items.length, next, everywhere.items.length]).toEqual([1, undefined, 1]);
    expect(printed.mock.calls).toEqual([['bench-1', 'bench'], ['bench-1'], [1]]);
  });

  it('replace and update', async () => {
    const current = await exporters.get('bench-1');
    if (current.spec) current.spec.username = 'other';
    await exporters.replace(current); // 409 if it changed since `current` was read
    const stale = await exporters.replace(current).catch((err: unknown) => err);
    if (isConflict(stale)) console.log('someone else wrote first');

    // read, change, replace; on 409 it starts over from a fresh read (up to `retries`, default 5)
    const updated = await exporters.update('bench-1', (e) => {
      if (e.spec) e.spec.enabled = false;
    });
    expect([isConflict(stale), updated.spec]).toEqual([true, { username: 'other', enabled: false }]);
  });

  it('patch: merge, json, apply', async () => {
    await exporters.patch('bench-1', { type: 'merge', body: { metadata: { labels: { site: null } }, spec: { enabled: true } } });
    await exporters.patch('bench-1', { type: 'json', body: [{ op: 'replace', path: '/spec/username', value: 'bench' }] });
    const e = await exporters.patch('bench-1', { type: 'apply', body: { metadata: { name: 'bench-1' }, spec: { username: 'bench' } } }, { force: true });
    expect([e.metadata?.labels, e.spec]).toEqual([undefined, { username: 'bench', enabled: true }]);
  });

  it('apply (server-side apply)', async () => {
    // Creates or updates; fieldManager comes from the constructor or the call.
    const e = await exporters.apply({ metadata: { name: 'bench-1', labels: { site: 'b' } }, spec: { username: 'bench' } }, { fieldManager: 'my-tool' });
    expect(e.metadata?.labels).toEqual({ site: 'b' });
  });

  it('status verbs', async () => {
    await exporters.patchStatus('bench-1', { type: 'merge', body: { status: { endpoint: 'grpc://10.0.0.7:8082' } } });
    const s = await exporters.getStatus('bench-1');
    await exporters.replaceStatus({ ...s, status: { ...s.status, credential: { name: 'bench-1-token' } } });
    expect((await exporters.get('bench-1')).status).toEqual({ endpoint: 'grpc://10.0.0.7:8082', credential: { name: 'bench-1-token' } });
  });

  it('scale verbs (a cluster-scoped kind: no namespace option)', async () => {
    await pools.create({ metadata: { name: 'gpu' }, spec: { replicas: 2 } });
    const scale = await pools.getScale('gpu'); // autoscaling/v1 Scale
    await pools.patchScale('gpu', { type: 'merge', body: { spec: { replicas: 5 } } });
    await pools.replaceScale({ ...scale, spec: { replicas: 3 } }).catch(() => {}); // 409: scale is stale now
    const p = await pools.get('gpu');
    expect([scale.spec?.replicas, p.spec?.replicas]).toEqual([2, 5]);
  });

  it('watch', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 300);
    for await (const event of exporters.watch({ labelSelector: 'site=b', signal: stop.signal })) {
      if (event.type === 'BOOKMARK') continue; // only a resourceVersion
      console.log(event.type, event.object.metadata?.name, event.object.status?.endpoint);
    }
    // It resumes after dropped connections, relists after 410 Gone, and ends when the signal aborts.
    expect(printed.mock.calls).toEqual([['ADDED', 'bench-1', 'grpc://10.0.0.7:8082']]);
  });

  it('waitFor', async () => {
    setTimeout(() => void exporters.patch('bench-1', { type: 'merge', body: { spec: { enabled: false } } }), 100);
    const ready = await exporters.waitFor('bench-1', (e) => e.spec?.enabled === false, { timeoutMs: 60_000 });
    const late = await exporters.waitFor('bench-1', () => false, { timeoutMs: 100 }).catch((err: unknown) => err);
    if (late instanceof WaitForError) console.log(late.reason); // 'Timeout' (or 'Deleted')
    expect([ready.spec?.enabled, (late as WaitForError).reason]).toEqual([false, 'Timeout']);
  });

  it('delete and deleteCollection', async () => {
    await exporters.patch('bench-1', { type: 'merge', body: { metadata: { finalizers: ['example.com/cleanup'] } } });
    const deleting = await exporters.delete('bench-1'); // the Exporter, with deletionTimestamp, while finalizers remain
    if (!isStatus(deleting)) console.log(deleting.metadata?.deletionTimestamp); // a Date
    await exporters.patch('bench-1', { type: 'merge', body: { metadata: { finalizers: null } } }); // now it is gone

    await pools.deleteCollection({ labelSelector: 'env=test', fieldSelector: 'metadata.name!=gpu' });
    const status = await pools.delete('gpu', { propagationPolicy: 'Background' }); // a V1Status (Foreground answers the object, as on a real server)
    expect([deleting.kind, status.kind]).toEqual(['Exporter', 'Status']);
  });

  it('errors', async () => {
    expect.assertions(1);
    try {
      await pools.create({ metadata: { name: 'p1' }, spec: { replicas: -1 } });
    } catch (e) {
      if (isInvalid(e)) {
        console.log(e.code, e.reason); // 422 Invalid
        for (const c of e.details?.causes ?? []) console.log(c.field, c.message);
        // spec.replicas Invalid value: -1: spec.replicas in body should be greater than or equal to 0
      }
      expect(printed.mock.calls).toEqual([
        [422, 'Invalid'],
        ['spec.replicas', 'Invalid value: -1: spec.replicas in body should be greater than or equal to 0'],
      ]);
    }
  });
});
