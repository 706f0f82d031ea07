// Controller benchmarks (printed, never asserted): informer initial sync time and memory per
// object at 10,000 objects, and events per second through informer -> queue -> no-op reconcile,
// against the in-process test API server.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { load } from 'js-yaml';
import { ExporterApi, exporterResource, type Exporter } from '../generated/lab.example.com/v1alpha1/index.js';
import { Controller, Informer, type InformerOptions, type Scope, type WatchEvent } from '../src/runtime/index.js';
import { startTestApiServer } from '../src/testing/index.js';

const OBJECTS = Number(process.env.BENCH_OBJECTS ?? 10_000);
const LIVE = Number(process.env.BENCH_LIVE_EVENTS ?? 2_000);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

async function inParallel(n: number, width: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < n) await task(next++);
  }));
}

async function waitUntil(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 1));
}

/** The pipeline alone: synthetic events (no HTTP) -> informer -> queue -> no-op reconcile. */
async function pipeline(events: number): Promise<void> {
  const stop = new AbortController();
  const source = {
    resource: exporterResource,
    informer: (options?: InformerOptions<Exporter, Scope>) => new Informer<Exporter>(async function* (signal, _known, onListed): AsyncGenerator<WatchEvent<Exporter>> {
      onListed();
      for (let i = 0; i < events; i++) {
        const metadata = { name: `p${i}`, namespace: 'lab', resourceVersion: String(i + 1), generation: 1 };
        yield { type: 'ADDED', object: { apiVersion: 'lab.example.com/v1alpha1', kind: 'Exporter', metadata, spec: { username: 'u' } } };
      }
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    }, options),
  };
  let reconciles = 0;
  const controller = new Controller({ for: source, workers: 4, signal: stop.signal, reconcile: () => void reconciles++ });
  const started = performance.now();
  const running = controller.run();
  await waitUntil(() => reconciles >= events);
  const ms = performance.now() - started;
  console.log(`  pipeline alone: ${events} events -> informer -> queue -> no-op reconcile in ${Math.round(ms)} ms (${Math.round(events / (ms / 1000))} events/s, no HTTP)`);
  stop.abort();
  await running;
}

export async function benchControllers(root: string): Promise<void> {
  const crd = load(readFileSync(join(root, 'fixtures', 'valid', 'lab', 'exporters.yaml'), 'utf8')) as object;
  await using server = await startTestApiServer({ crds: [crd], namespaces: ['lab'], eventHistorySize: 100_000 });
  const exporters = new ExporterApi({ kubeConfig: server.kubeConfig, namespace: 'lab' });
  let started = performance.now();
  await inParallel(OBJECTS, 32, (i) => exporters.create({ metadata: { name: `e${i}`, labels: { board: i % 2 ? 'rpi4' : 'imx8' } }, spec: { username: `u${i}` } }));
  console.log(`\ncontrollers: ${OBJECTS} Exporters created in ${Math.round(performance.now() - started)} ms (32 at a time)`);

  const before = heap();
  started = performance.now();
  const informer = exporters.informer();
  await informer.synced;
  const syncMs = performance.now() - started;
  const perObject = (heap() - before) / informer.store.size;
  console.log(`  informer initial sync: ${informer.store.size} objects in ${Math.round(syncMs)} ms, ${(perObject / 1024).toFixed(1)} KiB heap per object (store, indexes, watch state)`);
  await informer.stop();

  const stop = new AbortController();
  let reconciles = 0;
  const controller = new Controller({ for: exporters, workers: 4, signal: stop.signal, reconcile: () => void reconciles++ });
  started = performance.now();
  const running = controller.run();
  await waitUntil(() => reconciles >= OBJECTS);
  const initialMs = performance.now() - started;
  console.log(`  controller, first pass: ${OBJECTS} keys list -> informer -> queue -> no-op reconcile in ${Math.round(initialMs)} ms (${Math.round(OBJECTS / (initialMs / 1000))} keys/s, sync included)`);

  started = performance.now();
  await inParallel(LIVE, 32, (i) => exporters.patch(`e${i % OBJECTS}`, { type: 'merge', body: { spec: { username: `v${i}` } } }));
  await waitUntil(() => reconciles >= OBJECTS + LIVE);
  const liveMs = performance.now() - started;
  console.log(`  controller, live: ${LIVE} watch events -> queue -> no-op reconcile in ${Math.round(liveMs)} ms (${Math.round(LIVE / (liveMs / 1000))} events/s end to end, bound by the server's writes)`);
  stop.abort();
  await running;
  await pipeline(100_000);
}
