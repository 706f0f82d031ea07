// The informer over real HTTP against the test API server: the store, its indexes and handlers,
// and the store equal to a fresh list after every kind of trouble the fault injection offers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../src/testing/index.js';
import { isApiFrozen, until } from './support/wait.js';
import { RUNTIME_NAMESPACES, widgetCrd } from './support/crds.js';
import { WidgetApi, type Widget } from './support/kinds.js';
import { startFreezingProxy } from './support/proxy.js';
import type { Frozen, Informer } from '../../src/runtime/index.js';

let server: TestApiServer;
beforeAll(async () => {
  server = await startTestApiServer({ crds: [widgetCrd], eventHistorySize: 5, namespaces: RUNTIME_NAMESPACES });
});
afterAll(() => server.close());

const api = (namespace: string) => new WidgetApi({ kubeConfig: server.kubeConfig, namespace, retry: { baseDelayMs: 20, maxDelayMs: 200 } });
const id = (w: Frozen<Widget> | Widget) => `${w.metadata?.name}@${w.metadata?.resourceVersion}`;
const cached = (informer: Informer<Widget>) => informer.store.list().map(id).sort();
const fresh = async (widgets: WidgetApi) => (await widgets.list()).items.map(id).sort();

/** Waits until the store equals a fresh list (a list can race a write: compare until both agree). */
async function converges(informer: Informer<Widget>, widgets: WidgetApi): Promise<void> {
  let last = '';
  await until(() => `store equal to a fresh list (${last})`, async () => {
    const [a, b] = [cached(informer), await fresh(widgets)];
    last = `store ${a.length}, list ${b.length}`;
    return JSON.stringify(a) === JSON.stringify(b);
  });
}

describe('informer', () => {
  it('syncs into a frozen store with get, label-selector list, the namespace index and user indexes', async () => {
    const widgets = api('store');
    await widgets.create({ metadata: { name: 'a', labels: { app: 'web', tier: 'front' } }, spec: { color: 'red' } });
    await widgets.create({ metadata: { name: 'b', labels: { app: 'web' } }, spec: { color: 'blue' } });
    await widgets.create({ metadata: { name: 'c', labels: { app: 'db' } }, spec: { color: 'red' } });
    await using informer = widgets.informer({ indexes: { color: (w) => (w.spec?.color ? [w.spec.color] : []) } });
    await informer.synced;
    expect(informer.hasSynced).toBe(true);
    const a = informer.store.get('a')!;
    expect(a.spec?.color).toBe('red');
    expect(informer.store.get('a', 'store')).toBe(a);
    expect(informer.store.get('a', 'elsewhere')).toBeUndefined();
    expect(isApiFrozen(a)).toBe(true);
    expect(() => ((a as Widget).spec!.color = 'blue')).toThrow(TypeError);
    const names = (ws: readonly Frozen<Widget>[]) => ws.map((w) => w.metadata?.name).sort();
    expect(names(informer.store.list({ labelSelector: 'app=web' }))).toEqual(['a', 'b']);
    expect(names(informer.store.list({ labelSelector: 'app in (web,db),!tier' }))).toEqual(['b', 'c']);
    expect(names(informer.store.list({ labelSelector: 'app!=web' }))).toEqual(['c']);
    expect(names(informer.store.byIndex('color', 'red'))).toEqual(['a', 'c']);
    expect(names(informer.store.byIndex('namespace', 'store'))).toEqual(['a', 'b', 'c']);
    await widgets.patch('a', { type: 'merge', body: { spec: { color: 'blue' } } });
    await until('the index follows the update', () => informer.store.byIndex('color', 'blue').length === 2);
    expect(names(informer.store.byIndex('color', 'red'))).toEqual(['c']);
    expect(() => informer.store.list({ labelSelector: 'app in web' })).toThrow('invalid label selector "app in web"');
    expect(() => informer.store.byIndex('nope', 'x')).toThrow('no index named "nope" (have: namespace, color)');
  });

  it('hands every change to its handlers exactly once, in resourceVersion order, through drops, resets and 5xx bursts', async () => {
    const quiet = await startTestApiServer({ crds: [widgetCrd], namespaces: RUNTIME_NAMESPACES });
    try {
      const widgets = new WidgetApi({ kubeConfig: quiet.kubeConfig, namespace: 'order', retry: { baseDelayMs: 10, maxDelayMs: 100 } });
      await using informer = widgets.informer();
      const seen: { kind: string; name: string; rv: number; oldRv?: number }[] = [];
      const rvOf = (w: Frozen<Widget>) => Number(w.metadata?.resourceVersion);
      informer.on('add', (w) => seen.push({ kind: 'add', name: w.metadata!.name!, rv: rvOf(w) }));
      informer.on('update', (w, old) => seen.push({ kind: 'update', name: w.metadata!.name!, rv: rvOf(w), oldRv: rvOf(old) }));
      informer.on('delete', (w) => seen.push({ kind: 'delete', name: w.metadata!.name!, rv: rvOf(w) }));
      await informer.synced;
      const written: number[] = [];
      const deleted: string[] = [];
      for (let i = 0; i < 60; i++) {
        const name = `w${i % 7}`;
        if (i % 10 === 3) quiet.faults.resetWatches();
        if (i % 10 === 6) quiet.faults.failNext({ status: 503, watch: true, count: 3 });
        if (i % 10 === 8) quiet.faults.resetNext({ watch: true });
        const existing = await widgets.get(name).catch(() => undefined);
        if (existing === undefined) written.push(Number((await widgets.create({ metadata: { name } })).metadata?.resourceVersion));
        else if (i % 5 === 0) {
          await widgets.delete(name);
          deleted.push(name);
        } else written.push(Number((await widgets.patch(name, { type: 'merge', body: { spec: { size: i } } })).metadata?.resourceVersion));
      }
      await converges(informer, widgets);
      await until('every delete delivered', () => seen.filter((s) => s.kind === 'delete').length === deleted.length);
      const rvs = seen.map((s) => s.rv);
      expect([...rvs].sort((x, y) => x - y)).toEqual(rvs);
      expect(new Set(rvs).size).toBe(rvs.length);
      expect(seen.filter((s) => s.kind !== 'delete').map((s) => s.rv)).toEqual(written);
      expect(seen.filter((s) => s.kind === 'delete').map((s) => s.name)).toEqual(deleted);
      for (const s of seen) if (s.kind === 'update') expect(s.oldRv).toBeLessThan(s.rv);
    } finally {
      await quiet.close();
    }
  });

  it('equals a fresh list after a 410 Gone, reporting deletions found by the relist with the last known state', async () => {
    const widgets = api('gone');
    for (const name of ['a', 'b', 'c']) await widgets.create({ metadata: { name }, spec: { size: 1 } });
    await using informer = widgets.informer();
    const deletes: { name: string; size: number | undefined; relist: boolean }[] = [];
    informer.on('delete', (w, info) => deletes.push({ name: w.metadata!.name!, size: w.spec?.size, relist: info.relist }));
    await informer.synced;
    await widgets.patch('a', { type: 'merge', body: { spec: { size: 2 } } });
    await until('the update', () => informer.store.get('a')?.spec?.size === 2);
    await until('the watch connection', () => server.requests.some((r) => r.path.endsWith('/gone/widgets') && r.query.watch === 'true'));
    // Hold the reconnect while more writes happen than the server's history (5) keeps.
    server.faults.delay({ watch: true, path: '/apis/example.com/v1/namespaces/gone', ms: 500, count: 1 });
    server.faults.resetWatches();
    await widgets.delete('a');
    for (let i = 0; i < 6; i++) await widgets.patch('b', { type: 'merge', body: { spec: { size: 10 + i } } });
    await widgets.create({ metadata: { name: 'd' } });
    await converges(informer, widgets);
    expect(deletes).toEqual([{ name: 'a', size: 2, relist: true }]);
  });

  it('equals a fresh list after a connection frozen without FIN', async () => {
    await using proxy = await startFreezingProxy(server.port);
    const direct = api('frozen');
    const through = new WidgetApi({ kubeConfig: proxy.kubeConfig, namespace: 'frozen', retry: { baseDelayMs: 20 } });
    await direct.create({ metadata: { name: 'a' } });
    await using informer = through.informer({ silenceMs: 500 });
    await informer.synced;
    await until('the watch connection', () => server.requests.some((r) => r.path.endsWith('/frozen/widgets') && r.query.watch === 'true'));
    proxy.freeze();
    await direct.create({ metadata: { name: 'b' } });
    await direct.patch('a', { type: 'merge', body: { spec: { size: 3 } } });
    await converges(informer, direct);
  });

  it('keeps retrying through errors it cannot outlast (403 on every list) and reports them', async () => {
    const widgets = api('denied');
    await widgets.create({ metadata: { name: 'a' } });
    server.faults.failNext({ status: 403, method: 'GET', path: '/apis/example.com/v1/namespaces/denied', watch: false, count: 2 });
    await using informer = widgets.informer();
    const errors: string[] = [];
    informer.on('error', (e) => errors.push(String((e as { code?: number }).code)));
    await informer.synced;
    expect(errors).toEqual(['403', '403']);
    expect(cached(informer)).toEqual(await fresh(widgets));
  });

  it('re-delivers every object to update handlers on resync, marked as such', async () => {
    const widgets = api('resync');
    await widgets.create({ metadata: { name: 'a' } });
    await using informer = widgets.informer({ resyncMs: 20 });
    const resyncs: boolean[] = [];
    informer.on('update', (w, old, info) => {
      if (info.resync && w === old) resyncs.push(true);
    });
    await informer.synced;
    await until('two resyncs', () => resyncs.length >= 2);
  });

  it('stops on its signal and on dispose; synced rejects when it stops before the first list', async () => {
    const widgets = api('stop');
    const stop = new AbortController();
    server.faults.delay({ path: '/apis/example.com/v1/namespaces/stop', ms: 300, count: 1 });
    const early = widgets.informer({ signal: stop.signal });
    stop.abort();
    await expect(early.synced).rejects.toThrow();
    await early.stop();
    expect(early.stopped).toBe(true);

    const informer = widgets.informer();
    await informer.synced;
    await informer[Symbol.asyncDispose]();
    expect(informer.stopped).toBe(true);
    let added = 0;
    informer.on('add', () => added++);
    // A second informer seeing the new object proves its event went out; the stopped one got nothing.
    await using witness = widgets.informer();
    await widgets.create({ metadata: { name: 'late' } });
    await until('the witness sees it', () => witness.store.get('late') !== undefined);
    expect(added).toBe(0);
    expect(informer.store.get('late')).toBeUndefined();
  });
});
