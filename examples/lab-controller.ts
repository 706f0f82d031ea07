// Two controllers on the lab kinds, built on the runtime's Controller (what the Python original
// wanted: watch Leases and Exporters, reconcile, set status, no polling):
//   - Exporters: a finalizer, a credential in status and a Registered condition;
//   - Leases: each one gets a free registered Exporter matching its selector, ends when released
//     or when its duration is over (requeueAfter), and waits while none is free (Exporter events
//     map to the Leases that wait).
//
//   npx tsx examples/lab-controller.ts                        (its own in-memory API server)
//   npx tsx examples/lab-controller.ts --kubeconfig <file>    (a cluster with the lab CRDs, e.g.
//     crdgen test-server fixtures/valid/lab --kubeconfig-out <file>)
//
// It creates three Exporters and three Leases in namespace `lab` and runs both controllers until
// every Lease has ended.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { load } from 'js-yaml';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { ExporterApi, LeaseApi, type Exporter, type Lease } from '../generated/lab.example.com/v1alpha1/index.js';
import {
  addFinalizer, Controller, getCondition, isConflict, removeFinalizer, setCondition, type Frozen, type ObjectKey,
} from '../generated/index.js';
import { startTestApiServer } from '../src/testing/index.js';

export type Log = (line: string) => void;
const FINALIZER = 'lab.example.com/credential';

export interface LabOptions {
  readonly kubeConfig: KubeConfig;
  readonly namespace: string;
  readonly signal: AbortSignal;
  readonly log?: Log;
}

/** `90s`, `5m`, `1h` -> milliseconds; undefined for no duration. */
export function durationMs(text: string | undefined): number | undefined {
  const m = text === undefined ? null : /^(\d+)(ms|s|m|h)$/.exec(text);
  if (m === null) return undefined;
  return Number(m[1]) * { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
}

/** The Lease's selector as a label selector string, for the Exporter cache. */
export function selectorString(lease: Frozen<Lease>): string {
  const s = lease.spec?.selector;
  const terms = Object.entries(s?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of s?.matchExpressions ?? []) {
    const values = (e.values ?? []).join(',');
    terms.push({ In: `${e.key} in (${values})`, NotIn: `${e.key} notin (${values})`, Exists: e.key, DoesNotExist: `!${e.key}` }[e.operator]);
  }
  return terms.join(',');
}

const active = (l: Frozen<Lease>) => l.status?.exporterRef?.name !== undefined && l.status.ended !== true;
const keyOf = (o: { readonly metadata?: { readonly name?: string; readonly namespace?: string } }): ObjectKey =>
  ({ name: o.metadata?.name ?? '', namespace: o.metadata?.namespace });

type ExporterCondition = NonNullable<NonNullable<Exporter['status']>['conditions']>[number];

/** Sets one condition on an Exporter's status from a fresh read; a 409 starts over, so no other condition is lost. */
async function setExporterCondition(exporters: ExporterApi, name: string, condition: Omit<ExporterCondition, 'lastTransitionTime'>,
  extra: Partial<NonNullable<Exporter['status']>> = {}, signal?: AbortSignal): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const current = await exporters.getStatus(name, signal === undefined ? {} : { signal });
    const conditions = setCondition(current.status?.conditions, condition);
    try {
      await exporters.replaceStatus({ ...current, status: { ...current.status, ...extra, conditions } }, signal === undefined ? {} : { signal });
      return;
    } catch (error) {
      if (!isConflict(error) || attempt >= 5) throw error;
    }
  }
}

function exporterController(exporters: ExporterApi, signal: AbortSignal, log: Log): Controller<Exporter> {
  return new Controller({
    for: exporters, signal, generationChanged: true,
    reconcile: async ({ name }, { object, signal }) => {
      if (object === undefined) return;
      if (object.metadata?.deletionTimestamp !== undefined) {
        log(`exporter ${name}: revoking ${object.status?.credential?.name ?? 'no credential'}`);
        await removeFinalizer(exporters, object, FINALIZER, { signal });
        return;
      }
      await addFinalizer(exporters, object, FINALIZER, { signal });
      if (getCondition(object, 'Registered')?.status === 'True') return;
      const registered = { type: 'Registered', status: 'True', reason: 'CredentialIssued' } as const;
      await setExporterCondition(exporters, name, registered, { credential: { name: `${name}-token` } }, signal);
      log(`exporter ${name}: registered`);
    },
  });
}

interface LeaseWorld {
  readonly leases: LeaseApi;
  readonly exporterApi: ExporterApi;
  readonly exporters: { list(o: { labelSelector: string }): readonly Frozen<Exporter>[] };
  /** Exporter -> Lease, as this controller assigned them: the Lease cache may not show its own writes yet. */
  readonly assigned: Map<string, string>;
  readonly log: Log;
}

async function reconcileLease(world: LeaseWorld, lease: Frozen<Lease>, all: readonly Frozen<Lease>[], signal: AbortSignal): Promise<{ requeueAfter?: number } | void> {
  const { leases, assigned, log } = world;
  const name = lease.metadata?.name ?? '';
  const now = Date.now();
  const end = lease.status?.endTime === undefined ? undefined : Date.parse(lease.status.endTime);
  if (lease.status?.ended) return;
  if (lease.spec?.release === true || (end !== undefined && now >= end)) {
    await leases.patchStatus(name, { type: 'merge', body: { status: { ended: true, endTime: new Date(now).toISOString() } } }, { signal });
    const exporter = lease.status?.exporterRef?.name;
    // The Exporter's own condition says it is free: its update brings the waiting Leases back.
    if (exporter !== undefined) await setExporterCondition(world.exporterApi, exporter, { type: 'Leased', status: 'False', reason: 'LeaseEnded' }, {}, signal);
    for (const [e, holder] of assigned) if (holder === name) assigned.delete(e);
    log(`lease ${name}: ended, ${lease.status?.exporterRef?.name ?? 'no exporter'} is free again`);
    return;
  }
  if (lease.status?.exporterRef?.name !== undefined) return end === undefined ? undefined : { requeueAfter: end - now };
  const taken = new Set([...all.filter(active).map((l) => l.status!.exporterRef!.name), ...assigned.keys()]);
  const free = world.exporters.list({ labelSelector: selectorString(lease) })
    .filter((e) => getCondition(e, 'Registered')?.status === 'True' && getCondition(e, 'Leased')?.status !== 'True')
    .filter((e) => !taken.has(e.metadata?.name ?? ''))
    .sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  const exporter = free[0]?.metadata?.name;
  if (exporter === undefined) return; // an Exporter event brings this Lease back (see `watches`)
  const duration = durationMs(lease.spec?.duration);
  const status = { exporterRef: { name: exporter }, beginTime: new Date(now).toISOString(),
    ...(duration === undefined ? {} : { endTime: new Date(now + duration).toISOString() }) };
  await leases.patchStatus(name, { type: 'merge', body: { status } }, { signal });
  assigned.set(exporter, name);
  await setExporterCondition(world.exporterApi, exporter, { type: 'Leased', status: 'True', reason: 'Leased', message: `lease ${name}` }, {}, signal);
  log(`lease ${name}: got exporter ${exporter}`);
}

/** Runs both controllers until `signal` aborts. */
export async function runLab(options: LabOptions): Promise<void> {
  const { kubeConfig, namespace, signal, log = () => {} } = options;
  const exporters = new ExporterApi({ kubeConfig, namespace });
  const leases = new LeaseApi({ kubeConfig, namespace });
  await using exporterCache = exporters.informer({ signal });
  const world: LeaseWorld = { leases, exporterApi: exporters, exporters: exporterCache.store, assigned: new Map(), log };
  const leaseController = new Controller({
    for: leases, signal,
    // One worker: two Leases must not pick the same free Exporter at once.
    workers: 1,
    // A changed Exporter may be the one a waiting Lease needs.
    watches: [{ informer: exporterCache, map: (_e, cached) => cached.list().filter((l) => !active(l) && !l.status?.ended).map(keyOf) }],
    reconcile: (_key, { object, informer, signal }) =>
      object === undefined ? undefined : reconcileLease(world, object, informer.store.list(), signal),
  });
  await Promise.all([exporterController(exporters, signal, log).run(), leaseController.run()]);
}

const CRDS = ['exporters', 'leases'].map((f) => resolve(import.meta.dirname, '..', 'fixtures', 'valid', 'lab', `${f}.yaml`));

/** Creates three Exporters and three Leases in namespace `lab` and runs the controllers until every Lease has ended. */
export async function demo(kubeConfig: KubeConfig, log: Log): Promise<void> {
  // A real cluster may not have the namespace yet (409: it has).
  await kubeConfig.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: 'lab' } } }).catch((error: unknown) => {
    if ((error as { code?: number }).code !== 409) throw error;
  });
  const stop = new AbortController();
  const running = runLab({ kubeConfig, namespace: 'lab', signal: stop.signal, log });
  const exporters = new ExporterApi({ kubeConfig, namespace: 'lab' });
  const leases = new LeaseApi({ kubeConfig, namespace: 'lab' });
  try {
    for (const [name, board] of [['e1', 'rpi4'], ['e2', 'rpi4'], ['e3', 'imx8']] as const) {
      await exporters.create({ metadata: { name, labels: { board } }, spec: { username: name } });
    }
    const selector = { matchLabels: { board: 'rpi4' } };
    for (const name of ['l1', 'l2', 'l3']) await leases.create({ metadata: { name }, spec: { clientRef: { name: 'ci' }, selector, duration: '1s' } });
    // Two rpi4 boards, three Leases: l3 waits until one of the others ends.
    for (const name of ['l1', 'l2', 'l3']) await leases.waitFor(name, (l) => l.status?.ended === true, { timeoutMs: 60_000 });
    log('every lease has ended');
  } finally {
    stop.abort();
    await running;
  }
}

/** Against `--kubeconfig <file>` (e.g. what `crdgen test-server fixtures/valid/lab --kubeconfig-out` writes), else its own server. */
export async function main(argv: readonly string[] = process.argv.slice(2), log: Log = console.log): Promise<void> {
  const at = argv.indexOf('--kubeconfig');
  if (at >= 0) {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(argv[at + 1] ?? '');
    return demo(kubeConfig, log);
  }
  await using server = await startTestApiServer({ crds: CRDS.map((f) => load(readFileSync(f, 'utf8')) as object), namespaces: ['lab'] });
  await demo(server.kubeConfig, log);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
