// A user's program: generated clients (the golden output in generated/) doing every kind of call
// against a cluster. test/compat runs it with other versions of Node and @kubernetes/client-node;
// it prints one JSON line of what it saw.
import { readFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { ExporterApi } from '../../generated/lab.example.com/v1alpha1/exporter.js';
import { PoolApi } from '../../generated/infra.example.com/v1/pool.js';
import { Controller, isNotFound, LeaderElector } from '../../generated/index.js';

const file = process.env.CRDGEN_KUBECONFIG;
if (!file) throw new Error('set CRDGEN_KUBECONFIG to a kubeconfig file');
const kubeConfig = new KubeConfig();
kubeConfig.loadFromFile(file);

const exporters = new ExporterApi({ kubeConfig, fieldManager: 'compat' });
const pools = new PoolApi({ kubeConfig });
const stop = new AbortController();
const timer = setTimeout(() => stop.abort(new Error('timed out')), 20_000);

/** Watch events for e1 until it is MODIFIED with the label the patch below sets. */
async function watchE1(): Promise<string[]> {
  const seen: string[] = [];
  for await (const event of exporters.watch({ signal: stop.signal })) {
    if (event.type === 'BOOKMARK' || event.object.metadata?.name !== 'e1') continue;
    seen.push(event.type);
    if (event.type === 'MODIFIED' && event.object.metadata?.labels?.team === 'a') break;
  }
  return seen;
}

const created = await exporters.create({ metadata: { name: 'e1' }, spec: { username: 'alice' } });
const watching = watchE1();
await exporters.patch('e1', { type: 'merge', body: { metadata: { labels: { team: 'a' } } } });
const watched = await watching;
await exporters.apply({ apiVersion: 'lab.example.com/v1alpha1', kind: 'Exporter', metadata: { name: 'e2' }, spec: { enabled: true } });
const listed = await exporters.list();
const ready = exporters.waitFor('e1', (e) => e.status?.credential?.name !== undefined, { timeoutMs: 10_000, signal: stop.signal });
await exporters.patchStatus('e1', { type: 'merge', body: { status: { credential: { name: 'token-e1' } } } });
const waited = await ready;
const updated = await exporters.update('e1', (e) => ({ ...e, spec: { ...e.spec, enabled: false } }));
await exporters.delete('e2');
const gone = await exporters.get('e2').then(() => false, (error: unknown) => isNotFound(error));
await pools.create({ metadata: { name: 'p1' }, spec: { replicas: 1 } });
await pools.patchScale('p1', { type: 'merge', body: { spec: { replicas: 3 } } });
const scale = await pools.getScale('p1');

// The controller layer: an informer, a leader-elected Controller writing status, on this client-node.
const controllerStop = new AbortController();
await using cache = exporters.informer({ signal: controllerStop.signal });
const leaderElection = new LeaderElector({ kubeConfig, namespace: 'default', name: 'compat', leaseDurationMs: 3_000, renewDeadlineMs: 2_000, retryPeriodMs: 200 });
const controller = new Controller({
  for: exporters, signal: controllerStop.signal, workers: 2, leaderElection,
  reconcile: async ({ name }, ctx) => {
    if (ctx.object !== undefined && ctx.object.status?.endpoint === undefined) {
      await exporters.patchStatus(name, { type: 'merge', body: { status: { endpoint: `ep-${name}` } } }, { signal: ctx.signal });
    }
  },
});
const running = controller.run();
await cache.synced;
const reconciled = await exporters.waitFor('e1', (e) => e.status?.endpoint !== undefined, { timeoutMs: 10_000, signal: stop.signal });
controllerStop.abort();
await running;
clearTimeout(timer);

const client = JSON.parse(readFileSync(new URL(import.meta.resolve('@kubernetes/client-node/package.json')), 'utf8')) as { version: string };
console.log(JSON.stringify({
  node: process.versions.node.split('.')[0],
  clientNode: client.version,
  created: created.spec?.username,
  watched,
  listed: listed.items.map((e) => e.metadata?.name),
  waited: waited.status?.credential?.name,
  updated: updated.spec?.enabled,
  gone,
  replicas: scale.spec?.replicas,
  reconciled: reconciled.status?.endpoint,
  cached: cache.store.list().map((e) => e.metadata?.name),
}));
