/**
 * Namespaces over real HTTP. Sources: the Kubernetes docs "Namespaces" and "Namespace Lifecycle"
 * (admission plugin NamespaceLifecycle: no writes into a missing namespace, no new content in a
 * terminating one, default/kube-system/kube-public cannot be deleted), pkg/registry/core/namespace
 * (phase Active, the `kubernetes` finalizer, the `kubernetes.io/metadata.name` label, /finalize)
 * and the namespace controller (pkg/controller/namespace/deletion: content deleted, the status
 * conditions, the finalizer removed last).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApiServer } from '../../src/testing/index.js';
import { call, MERGE, startWithFixtures, widget } from './helpers.js';

let server: TestApiServer;
beforeEach(async () => {
  server = await startWithFixtures({ namespaces: [] });
});
afterEach(() => server.close());

const NS = '/api/v1/namespaces';
const namespace = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const widgetsIn = (ns: string) => `/apis/example.com/v1/namespaces/${ns}/widgets`;

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('namespaces', () => {
  it('has default, kube-node-lease, kube-public and kube-system at start', async () => {
    const list = await call(server, 'GET', NS);
    expect(list.body.kind).toBe('NamespaceList');
    expect(list.body.items.map((n: { metadata: { name: string } }) => n.metadata.name)).toEqual([
      'default',
      'kube-node-lease',
      'kube-public',
      'kube-system',
    ]);
    const def = await call(server, 'GET', `${NS}/default`);
    expect(def.body).toMatchObject({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
    expect(def.body.metadata.generation).toBeUndefined();
  });

  it('answers a write into a missing namespace with 404 namespaces "x" not found', async () => {
    const r = await call(server, 'POST', widgetsIn('x'), widget('w1'));
    expect(r.status).toBe(404);
    expect(r.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'namespaces "x" not found',
      reason: 'NotFound',
      details: { name: 'x', kind: 'namespaces' },
      code: 404,
    });
    const cm = await call(server, 'POST', '/api/v1/namespaces/x/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
    expect(cm.body.message).toBe('namespaces "x" not found');
    expect((await call(server, 'GET', widgetsIn('x'))).body.items).toEqual([]);
  });

  it('creates a namespace with its finalizer, label and phase; spec.finalizers changes only via /finalize', async () => {
    const created = await call(server, 'POST', NS, { ...namespace('team'), spec: { finalizers: ['example.com/hold'] } });
    expect(created.status).toBe(201);
    expect(created.body.spec.finalizers).toEqual(['example.com/hold', 'kubernetes']);
    expect(created.body.status).toEqual({ phase: 'Active' });
    expect(created.body.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team' });
    const patched = await call(server, 'PATCH', `${NS}/team`, { spec: { finalizers: [] }, status: { phase: 'Terminating' } }, MERGE);
    expect(patched.body.spec.finalizers).toEqual(['example.com/hold', 'kubernetes']);
    expect(patched.body.status.phase).toBe('Active');
    const finalized = await call(server, 'PUT', `${NS}/team/finalize`, { ...namespace('team'), spec: { finalizers: ['kubernetes'] } });
    expect(finalized.status).toBe(200);
    expect(finalized.body.spec.finalizers).toEqual(['kubernetes']);
    expect((await call(server, 'POST', widgetsIn('team'), widget('w1'))).status).toBe(201);
  });

  it('refuses names that are not DNS labels and deleting the immortal namespaces', async () => {
    const dotted = await call(server, 'POST', NS, namespace('a.b'));
    expect(dotted.status).toBe(422);
    expect(dotted.body.details.causes[0]).toMatchObject({ field: 'metadata.name', reason: 'FieldValueInvalid' });
    // IsDNS1123Label: a valid subdomain that is not a label has dots, and says so.
    expect(dotted.body.details.causes).toEqual([{ field: 'metadata.name', reason: 'FieldValueInvalid', message: 'Invalid value: "a.b": must not contain dots' }]);
    const long = await call(server, 'POST', NS, namespace('n'.repeat(64)));
    expect(long.status).toBe(422);
    expect(long.body.details.causes).toContainEqual({ field: 'metadata.name', reason: 'FieldValueInvalid', message: `Invalid value: "${'n'.repeat(64)}": must be no more than 63 characters` });
    for (const name of ['default', 'kube-system', 'kube-public']) {
      const r = await call(server, 'DELETE', `${NS}/${name}`);
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ reason: 'Forbidden', message: `namespaces "${name}" is forbidden: this namespace may not be deleted` });
    }
  });

  it('deleting a namespace: Terminating, new content refused, content deleted, then the namespace', async () => {
    await call(server, 'POST', NS, namespace('team'));
    await call(server, 'POST', widgetsIn('team'), widget('w1'));
    await call(server, 'POST', widgetsIn('team'), widget('held', { color: 'red' }, { finalizers: ['example.com/hold'] }));
    await call(server, 'POST', '/api/v1/namespaces/team/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });

    const deleted = await call(server, 'DELETE', `${NS}/team`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.status.phase).toBe('Terminating');
    expect(deleted.body.metadata.deletionTimestamp).toBeDefined();
    expect(deleted.body.spec.finalizers).toEqual(['kubernetes']);

    const refused = await call(server, 'POST', widgetsIn('team'), widget('late'));
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('widgets.example.com "late" is forbidden: unable to create new content in namespace team because it is being terminated');
    expect(refused.body.details.causes).toEqual([
      { reason: 'NamespaceTerminating', message: 'namespace team is being terminated', field: 'metadata.namespace' },
    ]);

    const waiting = await until(
      () => call(server, 'GET', `${NS}/team`),
      (r) => (r.body.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'NamespaceFinalizersRemaining' && c.status === 'True'),
    );
    const byType = Object.fromEntries(waiting.body.status.conditions.map((c: { type: string }) => [c.type, c]));
    expect(byType.NamespaceContentRemaining).toMatchObject({ status: 'True', reason: 'SomeResourcesRemain', message: 'Some resources are remaining: widgets.example.com has 1 resource instances' });
    expect(byType.NamespaceFinalizersRemaining.message).toBe('Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances');
    expect((await call(server, 'GET', `${widgetsIn('team')}/w1`)).status).toBe(404);
    expect((await call(server, 'GET', '/api/v1/namespaces/team/configmaps/c')).status).toBe(404);

    await call(server, 'PATCH', `${widgetsIn('team')}/held`, { metadata: { finalizers: null } }, MERGE);
    await until(() => call(server, 'GET', `${NS}/team`), (r) => r.status === 404);
  });

  it('a namespace with another spec finalizer stays Terminating until /finalize removes it', async () => {
    await call(server, 'POST', NS, { ...namespace('hold'), spec: { finalizers: ['example.com/x'] } });
    await call(server, 'DELETE', `${NS}/hold`);
    const drained = await until(() => call(server, 'GET', `${NS}/hold`), (r) => r.body.spec?.finalizers?.length === 1);
    expect(drained.body.spec.finalizers).toEqual(['example.com/x']);
    expect(drained.body.status.phase).toBe('Terminating');
    const again = await call(server, 'DELETE', `${NS}/hold`);
    expect(again.status).toBe(200);
    await call(server, 'PUT', `${NS}/hold/finalize`, { ...namespace('hold'), spec: { finalizers: [] } });
    await until(() => call(server, 'GET', `${NS}/hold`), (r) => r.status === 404);
  });
});
