// Controller over real HTTP against the test API server: convergence of 200 objects with 4 workers
// under injected faults, one key never on two workers, a slow key not blocking others, backoff on
// errors, requeueAfter, owned objects mapped to their owner, the generationChanged filter, and run()
// ending only after the reconciles in flight.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../src/testing/index.js';
import { Controller, ownerReference, type Informer, type ObjectKey } from '../../src/runtime/index.js';
import { partCrd, RUNTIME_NAMESPACES, widgetCrd } from './support/crds.js';
import { PartApi, WidgetApi, type Widget } from './support/kinds.js';
import { until } from './support/wait.js';

let server: TestApiServer;
beforeAll(async () => {
  server = await startTestApiServer({ crds: [widgetCrd, partCrd], namespaces: RUNTIME_NAMESPACES });
});
afterAll(() => server.close());

const widgetsIn = (namespace: string) => new WidgetApi({ kubeConfig: server.kubeConfig, namespace, retry: { baseDelayMs: 20, maxDelayMs: 200 } });
const fast = { baseDelayMs: 5, maxDelayMs: 200 };

describe('Controller', () => {
  it('4 workers reconcile 200 objects under faults and converge, never two workers on one key', async () => {
    const widgets = widgetsIn('bulk');
    for (let i = 0; i < 200; i++) await widgets.create({ metadata: { name: `w${i}` }, spec: { size: i } });
    const stop = new AbortController();
    const holding = new Set<string>();
    const overlaps: string[] = [];
    const errors: unknown[] = [];
    let calls = 0;
    const controller = new Controller({
      for: widgets, workers: 4, signal: stop.signal, generationChanged: true, backoff: fast,
      informer: { silenceMs: 2_000 },
      onError: (e) => errors.push(e),
      reconcile: async ({ name }, ctx) => {
        if (holding.has(name)) overlaps.push(name);
        holding.add(name);
        try {
          calls++;
          const w = ctx.object;
          if (w === undefined) return;
          const want = `size-${w.spec?.size}`;
          if (w.status?.phase !== want) await widgets.patchStatus(name, { type: 'merge', body: { status: { phase: want } } }, { signal: ctx.signal });
        } finally {
          holding.delete(name);
        }
      },
    });
    const running = controller.run();
    // Faults while it works: failed status writes, dropped watches, a failing relist.
    server.faults.failNext({ status: 503, method: 'PATCH', path: '/apis/example.com/v1/namespaces/bulk', count: 30 });
    server.faults.failNext({ status: 500, method: 'PATCH', path: '/apis/example.com/v1/namespaces/bulk', count: 10 });
    await until('some reconciles', () => calls >= 50);
    server.faults.resetWatches();
    for (let i = 0; i < 200; i += 20) await widgets.patch(`w${i}`, { type: 'merge', body: { spec: { size: 1000 + i } } });
    server.faults.resetWatches();
    const done = async () => (await widgets.list()).items.every((w) => w.status?.phase === `size-${w.spec?.size}`);
    await until('every object reconciled to its spec', done, 60_000);
    stop.abort();
    await running;
    expect(overlaps).toEqual([]);
    expect(errors.length).toBeGreaterThan(0); // the injected 5xx failed reconciles, which were retried
    expect(controller.stats.failures).toBe(errors.length);
  }, 120_000);

  it('does not let one slow key block the others', async () => {
    const widgets = widgetsIn('slow');
    for (const name of ['slow', 'a', 'b', 'c', 'd']) await widgets.create({ metadata: { name } });
    const stop = new AbortController();
    let release: () => void = () => {};
    const released = new Promise<void>((r) => (release = r));
    const finished: string[] = [];
    const controller = new Controller({
      for: widgets, workers: 2, signal: stop.signal,
      reconcile: async ({ name }) => {
        if (name === 'slow') await released;
        finished.push(name);
      },
    });
    const running = controller.run();
    await until('every fast key', () => ['a', 'b', 'c', 'd'].every((n) => finished.includes(n)));
    expect(finished).not.toContain('slow');
    release();
    await until('the slow key', () => finished.includes('slow'));
    stop.abort();
    await running;
  });

  it('requeues a failing key with backoff until it succeeds, counting retries', async () => {
    const widgets = widgetsIn('flaky');
    await widgets.create({ metadata: { name: 'x' } });
    const stop = new AbortController();
    const retries: number[] = [];
    const errors: string[] = [];
    const controller = new Controller({
      for: widgets, signal: stop.signal, backoff: fast,
      onError: (e, key) => errors.push(`${key.namespace}/${key.name}: ${(e as Error).message}`),
      reconcile: (_key, ctx) => {
        retries.push(ctx.retries);
        if (ctx.retries < 3) throw new Error(`attempt ${ctx.retries + 1}`);
      },
    });
    const running = controller.run();
    await until('the success', () => retries.length === 4);
    stop.abort();
    await running;
    expect(retries).toEqual([0, 1, 2, 3]);
    expect(errors).toEqual(['flaky/x: attempt 1', 'flaky/x: attempt 2', 'flaky/x: attempt 3']);
  });

  it('reconciles again after requeueAfter without any change', async () => {
    const widgets = widgetsIn('requeue');
    await widgets.create({ metadata: { name: 'x' } });
    const stop = new AbortController();
    let calls = 0;
    const controller = new Controller({
      for: widgets, signal: stop.signal,
      reconcile: () => (++calls < 3 ? { requeueAfter: 10 } : undefined),
    });
    const running = controller.run();
    await until('three reconciles', () => calls === 3);
    stop.abort();
    await running;
  });

  it('maps events of owned objects to the owner through the controller ownerReference', async () => {
    const widgets = widgetsIn('owned');
    const parts = new PartApi({ kubeConfig: server.kubeConfig, namespace: 'owned' });
    const owner = await widgets.create({ metadata: { name: 'owner' } });
    const other = await widgets.create({ metadata: { name: 'other' } });
    const stop = new AbortController();
    const keys: string[] = [];
    const controller = new Controller({
      for: widgets, owns: [parts], signal: stop.signal,
      reconcile: ({ name, namespace }: ObjectKey) => void keys.push(`${namespace}/${name}`),
    });
    const running = controller.run();
    await until('the initial reconciles', () => keys.length === 2);
    keys.length = 0;
    await parts.create({ metadata: { name: 'p1', ownerReferences: [ownerReference(owner, { controller: true })] } });
    await until('the owner reconciled for its part', () => keys.includes('owned/owner'));
    // Not a controller reference: no reconcile of "other". Then a part moves owners: both reconcile.
    await parts.create({ metadata: { name: 'p2', ownerReferences: [ownerReference(other)] } });
    keys.length = 0;
    await parts.patch('p1', { type: 'merge', body: { metadata: { ownerReferences: [ownerReference(other, { controller: true })] } } });
    await until('both owners reconciled', () => keys.includes('owned/owner') && keys.includes('owned/other'));
    stop.abort();
    await running;
    expect(() => ownerReference({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'x' } })).toThrow(
      'ownerReference: the owner has no metadata.uid (use the object as the server returned it)',
    );
  });

  it('maps events of watched informers to primary keys with the map function', async () => {
    const widgets = widgetsIn('mapped');
    const parts = new PartApi({ kubeConfig: server.kubeConfig, namespace: 'mapped' });
    await widgets.create({ metadata: { name: 'red-1' }, spec: { color: 'red' } });
    await widgets.create({ metadata: { name: 'red-2' }, spec: { color: 'red' } });
    await widgets.create({ metadata: { name: 'blue-1' }, spec: { color: 'blue' } });
    const stop = new AbortController();
    await using partCache = parts.informer({ signal: stop.signal });
    const keys: string[] = [];
    const controller = new Controller({
      for: widgets, signal: stop.signal,
      // A Part with a color concerns every Widget of that color.
      watches: [{
        informer: partCache,
        map: (part, primary) => primary.list()
          .filter((w) => w.spec?.color === (part as { spec?: { color?: string } }).spec?.color)
          .map((w) => ({ name: w.metadata!.name!, namespace: w.metadata?.namespace })),
      }],
      reconcile: ({ name }) => void keys.push(name),
    });
    const running = controller.run();
    await until('the initial reconciles', () => keys.length === 3);
    keys.length = 0;
    await parts.create({ metadata: { name: 'p' }, spec: { color: 'red' } });
    await until('both red widgets', () => keys.includes('red-1') && keys.includes('red-2'));
    stop.abort();
    await running;
    expect(keys).not.toContain('blue-1');
  });

  it('with generationChanged, skips status-only updates but not spec changes', async () => {
    const widgets = widgetsIn('generation');
    await widgets.create({ metadata: { name: 'g' } });
    const stop = new AbortController();
    const seen: string[] = [];
    let informer: Informer<Widget> | undefined;
    const controller = new Controller({
      for: widgets, signal: stop.signal, generationChanged: true,
      reconcile: (_key, ctx) => {
        informer = ctx.informer;
        seen.push(`gen ${ctx.object?.metadata?.generation} phase ${ctx.object?.status?.phase ?? '-'}`);
      },
    });
    const running = controller.run();
    await until('the first reconcile', () => seen.length === 1);
    await widgets.patchStatus('g', { type: 'merge', body: { status: { phase: 'external' } } });
    // Its informer has handled the status update once its store holds it.
    await until('the controller cache has the status', () => informer?.store.get('g')?.status?.phase === 'external');
    await widgets.patch('g', { type: 'merge', body: { spec: { size: 5 } } });
    await until('the spec change reconciled', () => seen.length === 2);
    stop.abort();
    await running;
    expect(seen).toEqual(['gen 1 phase -', 'gen 2 phase external']);
  });

  it('run() resolves after the signal aborts and the reconciles in flight have finished', async () => {
    const widgets = widgetsIn('shutdown');
    await widgets.create({ metadata: { name: 'x' } });
    const stop = new AbortController();
    let started = false;
    let finished = false;
    let release: () => void = () => {};
    const controller = new Controller({
      for: widgets, signal: stop.signal,
      reconcile: async () => {
        started = true;
        await new Promise<void>((r) => (release = r));
        finished = true;
      },
    });
    let resolved = false;
    const running = controller.run().then(() => (resolved = true));
    await until('the reconcile started', () => started);
    stop.abort();
    await new Promise((r) => setImmediate(r));
    expect(resolved).toBe(false);
    release();
    await running;
    expect(finished).toBe(true);
    await expect(controller.run()).rejects.toThrow('Controller: run() was already called');
    expect(() => new Controller({ for: widgets, signal: stop.signal, workers: 0, reconcile: () => {} })).toThrow(
      'Controller: workers must be a whole number >= 1 (got 0)',
    );
  });
});
