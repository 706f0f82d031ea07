// A watch that never hangs: every connection asks for a bounded lifetime, a connection frozen
// without FIN is cut after the silence limit, relist events are marked, and many concurrent calls
// on one API object do not trip Node's listener-leak warning.
import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../src/testing/index.js';
import type { WatchEvent } from '../../src/runtime/index.js';
import { RUNTIME_NAMESPACES, widgetCrd } from './support/crds.js';
import { WidgetApi, type Widget } from './support/kinds.js';
import { startFreezingProxy } from './support/proxy.js';

let server: TestApiServer;
let widgets: WidgetApi;
beforeAll(async () => {
  server = await startTestApiServer({ crds: [widgetCrd], eventHistorySize: 3, namespaces: RUNTIME_NAMESPACES });
  widgets = new WidgetApi({ kubeConfig: server.kubeConfig, namespace: 'ns1', retry: { baseDelayMs: 50 } });
});
afterAll(() => server.close());

async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function consume(events: AsyncIterable<WatchEvent<Widget>>) {
  const seen: { type: string; name: string; relist: boolean }[] = [];
  const done = (async () => {
    for await (const e of events) {
      if (e.type !== 'BOOKMARK') seen.push({ type: e.type, name: e.object.metadata?.name ?? '', relist: e.relist === true });
    }
  })();
  return { seen, done };
}

describe('bounded watch', () => {
  it('asks every connection for a lifetime random in [300, 600] s', async () => {
    server.requests.length = 0;
    server.faults.failNext({ status: 500, watch: true, count: 4 });
    const stop = new AbortController();
    const watch = consume(widgets.watch({ signal: stop.signal }));
    await until('5 watch connections', () => server.requests.filter((r) => r.query.watch === 'true').length >= 5);
    stop.abort();
    await watch.done;
    const lifetimes = server.requests.filter((r) => r.query.watch === 'true').map((r) => Number(r.query.timeoutSeconds));
    for (const t of lifetimes) {
      expect(t).toBeGreaterThanOrEqual(300);
      expect(t).toBeLessThanOrEqual(600);
    }
    server.faults.clear();
  });

  it('cuts a connection frozen without FIN after the silence limit and misses nothing', async () => {
    await using proxy = await startFreezingProxy(server.port);
    const through = new WidgetApi({ kubeConfig: proxy.kubeConfig, namespace: 'frozen', retry: { baseDelayMs: 50 } });
    const direct = new WidgetApi({ kubeConfig: server.kubeConfig, namespace: 'frozen' });
    await direct.create({ metadata: { name: 'before' } });
    const stop = new AbortController();
    const watch = consume(through.watch({ signal: stop.signal, silenceMs: 500 }));
    await until('the initial event', () => watch.seen.length === 1);
    // Wait for the watch connection itself (the list used its own), then freeze everything open.
    await until('the watch connection', () => server.requests.some((r) => r.path.includes('/frozen/') && r.query.watch === 'true'));
    expect(proxy.freeze()).toBeGreaterThan(0);
    const connectionsAtFreeze = proxy.connections;
    await direct.create({ metadata: { name: 'during' } });
    await until('the event written while frozen', () => watch.seen.some((e) => e.name === 'during'));
    expect(proxy.connections).toBeGreaterThan(connectionsAtFreeze);
    stop.abort();
    await watch.done;
    expect(watch.seen.map((e) => `${e.type} ${e.name}`)).toEqual(['ADDED before', 'ADDED during']);
  });

  it('marks the events a relist synthesises, and only those', async () => {
    const ns = new WidgetApi({ kubeConfig: server.kubeConfig, namespace: 'relist', retry: { baseDelayMs: 50 } });
    await ns.create({ metadata: { name: 'a' } });
    const stop = new AbortController();
    const watch = consume(ns.watch({ signal: stop.signal }));
    await until('the initial list', () => watch.seen.length === 1);
    await ns.create({ metadata: { name: 'b' } });
    await until('the live add', () => watch.seen.length === 2);
    // Hold the reconnect while more changes happen than the server's history keeps: 410, relist.
    await until('the watch connection', () => server.requests.some((r) => r.path.endsWith('/relist/widgets') && r.query.watch === 'true'));
    server.faults.delay({ watch: true, path: '/apis/example.com/v1/namespaces/relist', ms: 500, count: 1 });
    expect(server.faults.resetWatches()).toBeGreaterThan(0);
    await ns.delete('a');
    for (let i = 0; i < 4; i++) await ns.patch('b', { type: 'merge', body: { spec: { size: i } } });
    await until('the relist events', () => watch.seen.length === 4);
    stop.abort();
    await watch.done;
    expect(watch.seen).toEqual([
      { type: 'ADDED', name: 'a', relist: true },
      { type: 'ADDED', name: 'b', relist: false },
      { type: 'MODIFIED', name: 'b', relist: true },
      { type: 'DELETED', name: 'a', relist: true },
    ]);
  });

  it('prints no MaxListenersExceededWarning for 100 concurrent calls on one API object', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      const api = new WidgetApi({ kubeConfig: server.kubeConfig, namespace: 'many' });
      await api.create({ metadata: { name: 'x' } });
      const shared = new AbortController();
      await Promise.all(Array.from({ length: 100 }, () => api.get('x')));
      await Promise.all(Array.from({ length: 100 }, () => api.get('x', { signal: shared.signal })));
      const watches = Array.from({ length: 100 }, () => api.watch({ signal: shared.signal })[Symbol.asyncIterator]());
      await Promise.all(watches.map((w) => w.next()));
      shared.abort();
      await Promise.all(watches.map((w) => w.return()));
      // Warnings are emitted on the next tick.
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });

  it('leaves one abort listener on a caller\'s signal however many calls follow it', async () => {
    const api = new WidgetApi({ kubeConfig: server.kubeConfig, namespace: 'many' });
    await api.create({ metadata: { name: 'y' } });
    const shared = new AbortController();
    for (let round = 0; round < 5; round++) await Promise.all(Array.from({ length: 40 }, () => api.get('y', { signal: shared.signal })));
    expect(getEventListeners(shared.signal, 'abort').length).toBe(1);
    // And it still aborts what follows it.
    const pending = api.waitFor('y', () => false, { signal: shared.signal });
    shared.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});
