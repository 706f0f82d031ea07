/**
 * Built-in kinds over real HTTP. Sources: the Kubernetes API reference for Lease
 * (coordination.k8s.io/v1), ConfigMap, Secret and Event (core/v1, events.k8s.io/v1);
 * pkg/apis/core/v1 conversion (Secret stringData merged into data) and pkg/apis/core/validation
 * (config keys, immutable); pkg/registry strategies (unconditional update for ConfigMap, not for
 * Lease); the output of `kubectl get --raw /api` and `/api/v1` on a real cluster.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApiServer } from '../../src/testing/index.js';
import { call, MERGE, startWithFixtures } from './helpers.js';

let server: TestApiServer;
beforeAll(async () => {
  server = await startWithFixtures();
});
afterAll(() => server.close());

const LEASES = '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases';
const CONFIGMAPS = '/api/v1/namespaces/default/configmaps';
const SECRETS = '/api/v1/namespaces/default/secrets';
const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';

describe('discovery of the core group', () => {
  it('/api lists v1 and /api/v1 the core resources (no apiVersion, as the real list)', async () => {
    const api = await call(server, 'GET', '/api');
    expect(api.body.versions).toEqual(['v1']);
    const v1 = await call(server, 'GET', '/api/v1');
    expect(v1.body.kind).toBe('APIResourceList');
    expect(v1.body.apiVersion).toBeUndefined();
    expect(v1.body.groupVersion).toBe('v1');
    const names = v1.body.resources.map((r: { name: string }) => r.name);
    expect(names).toEqual(['configmaps', 'events', 'namespaces', 'namespaces/finalize', 'namespaces/status', 'secrets']);
    const ns = v1.body.resources.find((r: { name: string }) => r.name === 'namespaces');
    expect(ns).toEqual({
      name: 'namespaces',
      singularName: 'namespace',
      namespaced: false,
      kind: 'Namespace',
      verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['ns'],
    });
  });

  it('serves the aggregated form kubectl asks for, the core item without a name', async () => {
    const api = await call(server, 'GET', '/api', undefined, { accept: AGGREGATED });
    expect(api.headers.get('content-type')).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    expect(api.body.items).toHaveLength(1);
    expect(api.body.items[0].metadata).toEqual({ creationTimestamp: null });
    const resources = api.body.items[0].versions[0].resources.map((r: { resource: string }) => r.resource);
    expect(resources).toEqual(['configmaps', 'events', 'namespaces', 'secrets']);
    const apis = await call(server, 'GET', '/apis', undefined, { accept: AGGREGATED });
    const groups = apis.body.items.map((i: { metadata: { name: string } }) => i.metadata.name);
    expect(groups).toContain('coordination.k8s.io');
    expect(groups).not.toContain('');
  });
});

describe('Lease (leader election)', () => {
  it('creates, updates with the resourceVersion, conflicts on a stale one, and needs one on PUT', async () => {
    const body = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'my-controller' },
      spec: { holderIdentity: 'a', leaseDurationSeconds: 15, acquireTime: '2026-01-01T00:00:00.000000Z', renewTime: '2026-01-01T00:00:00.000000Z', leaseTransitions: 0 },
    };
    const created = await call(server, 'POST', LEASES, body);
    expect(created.status).toBe(201);
    expect(created.body.metadata.generation).toBeUndefined();
    const renewed = await call(server, 'PUT', `${LEASES}/my-controller`, { ...created.body, spec: { ...body.spec, renewTime: '2026-01-01T00:00:05.000000Z' } });
    expect(renewed.status).toBe(200);
    const stale = await call(server, 'PUT', `${LEASES}/my-controller`, { ...created.body, spec: { ...body.spec, holderIdentity: 'b' } });
    expect(stale.status).toBe(409);
    const unconditional = await call(server, 'PUT', `${LEASES}/my-controller`, { ...body, spec: { ...body.spec, holderIdentity: 'b' } });
    expect(unconditional.status).toBe(422);
    expect(unconditional.body.details.causes[0].field).toBe('metadata.resourceVersion');
    const bad = await call(server, 'POST', LEASES, { ...body, metadata: { name: 'bad' }, spec: { leaseDurationSeconds: 0 } });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toBe('Lease.coordination.k8s.io "bad" is invalid: spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0');
    const table = await call(server, 'GET', LEASES, undefined, { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' });
    expect(table.body.columnDefinitions.map((c: { name: string }) => c.name)).toEqual(['Name', 'Holder', 'Age']);
    expect(table.body.rows[0].cells.slice(0, 2)).toEqual(['my-controller', 'a']);
  });
});

describe('ConfigMap and Secret', () => {
  it('ConfigMap: unconditional PUT, config keys, immutable', async () => {
    const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { 'a.b': '1' } };
    expect((await call(server, 'POST', CONFIGMAPS, body)).status).toBe(201);
    const put = await call(server, 'PUT', `${CONFIGMAPS}/settings`, { ...body, data: { 'a.b': '2' }, immutable: true });
    expect(put.status).toBe(200);
    const frozen = await call(server, 'PATCH', `${CONFIGMAPS}/settings`, { data: { 'a.b': '3' } }, MERGE);
    expect(frozen.status).toBe(422);
    expect(frozen.body.message).toBe('ConfigMap "settings" is invalid: data: Forbidden: field is immutable when `immutable` is set');
    const badKey = await call(server, 'POST', CONFIGMAPS, { ...body, metadata: { name: 'k' }, data: { 'a b': 'x' } });
    expect(badKey.status).toBe(422);
    expect(badKey.body.details.causes[0].field).toBe('data[a b]');
  });

  it('Secret: stringData merged into base64 data and never stored, type Opaque by default, bad base64 is 400', async () => {
    const created = await call(server, 'POST', SECRETS, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'creds' },
      data: { user: Buffer.from('old').toString('base64'), keep: 'a2VlcA==' },
      stringData: { user: 'admin' },
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toEqual({ user: Buffer.from('admin').toString('base64'), keep: 'a2VlcA==' });
    expect(created.body.stringData).toBeUndefined();
    expect(created.body.type).toBe('Opaque');
    const bad = await call(server, 'POST', SECRETS, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' }, data: { k: 'not*base64' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3');
    const retype = await call(server, 'PATCH', `${SECRETS}/creds`, { type: 'kubernetes.io/tls' }, MERGE);
    expect(retype.status).toBe(422);
    expect(retype.body.details.causes[0]).toMatchObject({ field: 'type', message: 'Invalid value: "kubernetes.io/tls": field is immutable' });
  });

  it('strategic merge patch: finalizers merge as a set, ownerReferences by uid, other fields as merge patch', async () => {
    // Kubernetes docs "Update API Objects in Place Using kubectl patch" (strategic merge patch,
    // patchStrategy/patchMergeKey from ObjectMeta's Go type). Custom resources get 415 instead.
    const SMP = { 'content-type': 'application/strategic-merge-patch+json' };
    const owner = (uid: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', name: `o-${uid}`, uid });
    await call(server, 'POST', CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'smp', finalizers: ['a/x'] }, data: { a: '1', b: '2' } });
    await call(server, 'POST', CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'o-u1' } });
    const u1 = (await call(server, 'GET', `${CONFIGMAPS}/o-u1`)).body.metadata.uid;
    const patched = await call(server, 'PATCH', `${CONFIGMAPS}/smp`, { metadata: { finalizers: ['b/y'], ownerReferences: [{ ...owner(u1), name: 'o-u1' }] }, data: { b: null, c: '3' } }, SMP);
    expect(patched.status).toBe(200);
    expect(patched.body.metadata.finalizers).toEqual(['a/x', 'b/y']);
    expect(patched.body.data).toEqual({ a: '1', c: '3' });
    const removed = await call(server, 'PATCH', `${CONFIGMAPS}/smp`, { metadata: { '$deleteFromPrimitiveList/finalizers': ['a/x'] } }, SMP);
    expect(removed.body.metadata.finalizers).toEqual(['b/y']);
    const crd = await call(server, 'PATCH', '/apis/example.com/v1/namespaces/default/widgets/none', { spec: {} }, SMP);
    expect(crd.status).toBe(415);
  });

  it('events in core/v1 and events.k8s.io/v1', async () => {
    const core = await call(server, 'POST', '/api/v1/namespaces/default/events', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'e1' },
      involvedObject: { kind: 'Widget', name: 'w1', namespace: 'default' },
      reason: 'Synced',
      message: 'done',
      type: 'Normal',
    });
    expect(core.status).toBe(201);
    const v1 = await call(server, 'POST', '/apis/events.k8s.io/v1/namespaces/default/events', {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'e2' },
      eventTime: '2026-01-01T00:00:00.000000Z',
      reportingController: 'example.com/ctl',
      reportingInstance: 'ctl-1',
      action: 'Sync',
      reason: 'Synced',
      regarding: { kind: 'Widget', name: 'w1', namespace: 'default' },
      type: 'Normal',
    });
    expect(v1.status).toBe(201);
    const table = await call(server, 'GET', '/api/v1/namespaces/default/events', undefined, { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' });
    expect(table.body.rows[0].cells.slice(0, 5)).toEqual(['e1', 'Normal', 'Synced', 'widget/w1', 'done']);
  });
});
