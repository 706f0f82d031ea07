// The flow the original Python library could not do: create an Exporter, let a controller give it
// a credential, and wait until it has one. `waitFor` resolves with the typed Exporter the moment
// the controller's status write arrives on its watch: there is no polling loop anywhere, neither
// here nor in the runtime.
//
//   npx tsx examples/exporter-controller.ts
//
// It starts its own in-memory API server (crdgen/testing; in this repository src/testing), loads
// the Exporter CRD from fixtures/valid/lab/exporters.yaml, and uses the generated ExporterApi.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { load } from 'js-yaml';
import { ExporterApi, type Exporter } from '../generated/lab.example.com/v1alpha1/index.js';
import { startTestApiServer, type TestApiServer } from '../src/testing/index.js';

export type Log = (line: string) => void;

const CRD = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'valid', 'lab', 'exporters.yaml');

/** The API server with the Exporter CRD, and a generated client for namespace `lab`. */
export async function startLab(): Promise<{ server: TestApiServer; exporters: ExporterApi }> {
  const server = await startTestApiServer({ crds: [load(readFileSync(CRD, 'utf8')) as object], namespaces: ['lab'] });
  const exporters = new ExporterApi({ kubeConfig: server.kubeConfig, namespace: 'lab', fieldManager: 'exporter-controller' });
  return { server, exporters };
}

export interface ControllerOptions {
  readonly signal: AbortSignal;
  /** How long issuing a credential takes (a stand-in for real work, e.g. creating a Secret). */
  readonly delayMs: number;
  readonly log?: Log;
}

/**
 * A small controller: it watches Exporters and gives each one without a credential a
 * `status.credential`, written with patchStatus after `delayMs`. It runs until `signal` aborts.
 */
export async function runController(exporters: ExporterApi, options: ControllerOptions): Promise<void> {
  const { signal, delayMs, log = () => {} } = options;
  const issuing = new Set<string>();
  const pending: Promise<void>[] = [];
  const issue = async (name: string): Promise<void> => {
    await new Promise((r) => setTimeout(r, delayMs));
    if (signal.aborted) return;
    const credential = { name: `${name}-token` };
    await exporters.patchStatus(name, { type: 'merge', body: { status: { credential } } }, { signal });
    log(`controller: ${name} has credential ${credential.name}`);
  };
  for await (const event of exporters.watch({ signal })) {
    if (event.type === 'BOOKMARK' || event.type === 'DELETED') continue;
    const e: Exporter = event.object;
    const name = e.metadata?.name ?? '';
    log(`controller: ${event.type} ${name} (credential: ${e.status?.credential?.name ?? 'none'})`);
    if (e.status?.credential !== undefined || e.metadata?.deletionTimestamp !== undefined || issuing.has(name)) continue;
    issuing.add(name);
    pending.push(issue(name).catch((error: unknown) => {
      if (!signal.aborted) log(`controller: could not issue a credential for ${name}: ${String(error)}`);
    }).finally(() => issuing.delete(name)));
  }
  await Promise.all(pending);
}

/** Creates the Exporter and waits, on a watch, until the controller has given it a credential. */
export async function createAndWaitForCredential(exporters: ExporterApi, name: string, log: Log = () => {}): Promise<Exporter> {
  const created = await exporters.create({ metadata: { name }, spec: { username: name } });
  log(`main: created Exporter ${name} at resourceVersion ${created.metadata?.resourceVersion}`);
  const ready = await exporters.waitFor(name, (e) => e.status?.credential !== undefined, { timeoutMs: 10_000 });
  log(`main: ${name} is ready with credential ${ready.status?.credential?.name}`);
  return ready;
}

export async function main(log: Log = console.log): Promise<Exporter> {
  const { server, exporters } = await startLab();
  log(`API server at ${server.url}`);
  const stop = new AbortController();
  const controller = runController(exporters, { signal: stop.signal, delayMs: 500, log });
  try {
    const started = Date.now();
    const exporter = await createAndWaitForCredential(exporters, 'bench-1', log);
    const gets = server.requests.filter((r) => r.method === 'GET');
    const watches = gets.filter((r) => r.query.watch === 'true').length;
    log(`main: waited ${Date.now() - started} ms; GET requests in all: ${gets.length - watches} reads, ${watches} watches`);
    log(JSON.stringify({ kind: exporter.kind, name: exporter.metadata?.name, spec: exporter.spec, status: exporter.status }));
    return exporter;
  } finally {
    stop.abort();
    await controller;
    await server.close();
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
