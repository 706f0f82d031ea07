/**
 * Garbage collection by ownerReferences over real HTTP. Sources: the Kubernetes docs "Garbage
 * Collection" and "Use Cascading Deletion" (Background by default, Foreground with the
 * foregroundDeletion finalizer and blockOwnerDeletion, Orphan), pkg/controller/garbagecollector
 * (an owner that is gone is dangling; a dependent with another owner keeps living with the
 * reference removed), and apimachinery's ValidateDeleteOptions for the 422s.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApiServer } from '../../src/testing/index.js';
import { call, MERGE, startWithFixtures, widget, WIDGETS } from './helpers.js';
import { Kubectl, requireKubectl } from './kubectl.js';

let server: TestApiServer;
beforeEach(async () => {
  server = await startWithFixtures();
});
afterEach(() => server.close());

const CM = '/api/v1/namespaces/default/configmaps';
const configMap = (name: string, metadata: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...metadata } });

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A widget owner and `n` ConfigMaps it owns; returns the owner's reference. */
async function family(n: number, extra: Record<string, unknown> = {}) {
  const owner = await call(server, 'POST', WIDGETS, widget('owner'));
  const ref = { apiVersion: 'example.com/v1', kind: 'Widget', name: 'owner', uid: owner.body.metadata.uid, ...extra };
  for (let i = 0; i < n; i++) expect((await call(server, 'POST', CM, configMap(`dep${i}`, { ownerReferences: [ref] }))).status).toBe(201);
  return ref;
}

const gone = (path: string) => until(() => call(server, 'GET', path), (r) => r.status === 404);

describe('garbage collection', () => {
  it('Background (the default): the owner goes at once, then its dependents', async () => {
    await family(2);
    const deleted = await call(server, 'DELETE', `${WIDGETS}/owner`);
    expect(deleted.body).toMatchObject({ kind: 'Status', status: 'Success' });
    await gone(`${CM}/dep0`);
    await gone(`${CM}/dep1`);
  });

  it('a dependent with another owner stays, without the reference to the deleted one', async () => {
    const first = await family(1);
    const other = await call(server, 'POST', WIDGETS, widget('other'));
    const second = { apiVersion: 'example.com/v1', kind: 'Widget', name: 'other', uid: other.body.metadata.uid };
    await call(server, 'PATCH', `${CM}/dep0`, { metadata: { ownerReferences: [first, second] } }, MERGE);
    await call(server, 'DELETE', `${WIDGETS}/owner`);
    const left = await until(() => call(server, 'GET', `${CM}/dep0`), (r) => r.body.metadata.ownerReferences?.length === 1);
    expect(left.body.metadata.ownerReferences).toEqual([second]);
  });

  it('a reference to an owner that never existed is dangling: the dependent is collected', async () => {
    await call(server, 'POST', CM, configMap('stray', { ownerReferences: [{ apiVersion: 'example.com/v1', kind: 'Widget', name: 'ghost', uid: 'no-such-uid' }] }));
    await gone(`${CM}/stray`);
  });

  it('Foreground: the owner waits with foregroundDeletion until blocking dependents are gone', async () => {
    await family(1, { blockOwnerDeletion: true });
    await call(server, 'PATCH', `${CM}/dep0`, { metadata: { finalizers: ['example.com/hold'] } }, MERGE);
    const deleted = await call(server, 'DELETE', `${WIDGETS}/owner`, { propagationPolicy: 'Foreground' });
    expect(deleted.status).toBe(200);
    expect(deleted.body.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(deleted.body.metadata.deletionTimestamp).toBeDefined();
    const held = await until(() => call(server, 'GET', `${CM}/dep0`), (r) => Boolean(r.body.metadata.deletionTimestamp));
    expect(held.status).toBe(200);
    expect((await call(server, 'GET', `${WIDGETS}/owner`)).status).toBe(200);
    await call(server, 'PATCH', `${CM}/dep0`, { metadata: { finalizers: null } }, MERGE);
    await gone(`${WIDGETS}/owner`);
  });

  it('Foreground without blockOwnerDeletion: the owner does not wait for that dependent', async () => {
    await family(1);
    await call(server, 'PATCH', `${CM}/dep0`, { metadata: { finalizers: ['example.com/hold'] } }, MERGE);
    await call(server, 'DELETE', `${WIDGETS}/owner?propagationPolicy=Foreground`);
    await gone(`${WIDGETS}/owner`);
    const left = await call(server, 'GET', `${CM}/dep0`);
    expect(left.body.metadata.deletionTimestamp).toBeDefined();
  });

  it('Orphan (also orphanDependents: true): dependents stay and lose the owner reference', async () => {
    await family(1);
    const deleted = await call(server, 'DELETE', `${WIDGETS}/owner`, { propagationPolicy: 'Orphan' });
    expect(deleted.body.metadata.finalizers).toEqual(['orphan']);
    await gone(`${WIDGETS}/owner`);
    const orphan = await call(server, 'GET', `${CM}/dep0`);
    expect(orphan.status).toBe(200);
    expect(orphan.body.metadata.ownerReferences).toBeUndefined();

    await call(server, 'DELETE', `${CM}/dep0`);
    await family(1);
    await call(server, 'DELETE', `${WIDGETS}/owner`, { orphanDependents: true });
    await gone(`${WIDGETS}/owner`);
    expect((await call(server, 'GET', `${CM}/dep0`)).body.metadata.ownerReferences).toBeUndefined();
  });

  it('refuses an unknown policy and orphanDependents together with a policy (422)', async () => {
    await call(server, 'POST', WIDGETS, widget('w1'));
    const unknown = await call(server, 'DELETE', `${WIDGETS}/w1`, { propagationPolicy: 'Sideways' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.message).toBe(
      'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Sideways": supported values: "Foreground", "Background", "Orphan", "nil"',
    );
    const both = await call(server, 'DELETE', `${WIDGETS}/w1`, { propagationPolicy: 'Orphan', orphanDependents: true });
    expect(both.body.message).toBe('DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Invalid value: "Orphan": orphanDependents and deletionPropagation cannot be both set');
  });

  it('kubectl delete --cascade=orphan and --cascade=foreground', async () => {
    requireKubectl();
    const kubectl = new Kubectl(server.kubeConfigYaml);
    await family(1);
    const orphaned = await kubectl.run('delete', 'widget', 'owner', '--cascade=orphan');
    expect(orphaned.stdout.trim()).toBe('widget.example.com "owner" deleted');
    expect((await call(server, 'GET', `${CM}/dep0`)).status).toBe(200);
    await call(server, 'DELETE', `${CM}/dep0`);
    await family(1, { blockOwnerDeletion: true });
    const foreground = await kubectl.run('delete', 'widget', 'owner', '--cascade=foreground');
    expect(foreground.code).toBe(0);
    // kubectl waits for the owner, which goes only after its blocking dependent.
    expect((await call(server, 'GET', `${CM}/dep0`)).status).toBe(404);
  }, 120_000);
});
