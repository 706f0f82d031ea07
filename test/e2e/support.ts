// Shared by the end-to-end tests: the fixture CRDs read from fixtures/valid, a test API server
// loaded with them, and the generated clients (from generated/, not hand-written kinds) bound to it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { ApiError } from '../../generated/index.js';
import { ExporterApi, LeaseApi } from '../../generated/lab.example.com/v1alpha1/index.js';
import { PoolApi } from '../../generated/infra.example.com/v1/index.js';
import { GizmoApi } from '../../generated/shop.example.com/v1/index.js';
import { startTestApiServer, type RecordedRequest, type TestApiServer } from '../../src/testing/index.js';

const VALID = join(import.meta.dirname, '..', '..', 'fixtures', 'valid');

function files(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ya?ml|json)$/.test(name) ? [path] : [];
  });
}

type Doc = { kind?: unknown; items?: unknown };

/** Every CustomResourceDefinition in fixtures/valid, including those inside a `kind: List`. */
export function fixtureCrds(): object[] {
  const docs = files(VALID).flatMap((path) => loadAll(readFileSync(path, 'utf8')) as (Doc | null)[]);
  const flat = docs.flatMap((d) => (d?.kind === 'List' && Array.isArray(d.items) ? (d.items as Doc[]) : [d]));
  return flat.filter((d): d is Doc & object => d?.kind === 'CustomResourceDefinition');
}

/**
 * Helm templates (`{{ .Chart.Version }}` in a label) are valid generator input but no API server
 * takes them; the server tests check that it refuses them.
 */
export const isTemplated = (crd: object): boolean => JSON.stringify(crd).includes('{{');

export const TOKEN = 'e2e-token';
export const NAMESPACE = 'lab';
export const MANAGER = 'e2e';

export interface Clients {
  readonly server: TestApiServer;
  readonly exporters: ExporterApi;
  readonly leases: LeaseApi;
  readonly pools: PoolApi;
  readonly gizmos: GizmoApi;
}

/** A server with every fixture CRD (bearer token on) and a generated client per kind under test. */
export async function startClients(): Promise<Clients> {
  const server = await startTestApiServer({ crds: fixtureCrds().filter((c) => !isTemplated(c)), token: TOKEN, namespaces: [NAMESPACE, 'other'] });
  const options = { kubeConfig: server.kubeConfig, namespace: NAMESPACE, fieldManager: MANAGER, retry: { baseDelayMs: 10 } };
  return {
    server,
    exporters: new ExporterApi(options),
    leases: new LeaseApi(options),
    pools: new PoolApi(options),
    gizmos: new GizmoApi(options),
  };
}

/** The error a call rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

/** Requests of one method, optionally only watches or only non-watches. */
export function sent(server: TestApiServer, method: string, watch?: boolean): RecordedRequest[] {
  return server.requests.filter((r) => r.method === method && (watch === undefined || (r.query.watch === 'true') === watch));
}
