// The generated cluster-scoped client (PoolApi from generated/infra.example.com: status and scale
// subresources) against the test API server over HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isConflict, isInvalid, isNotFound } from '../../generated/index.js';
import type { Pool, PoolApi } from '../../generated/infra.example.com/v1/index.js';
import type { TestApiServer } from '../../src/testing/index.js';
import { fixtureCrds, isTemplated, rejection, sent, startClients } from './support.js';

let server: TestApiServer;
let pools: PoolApi;

beforeAll(async () => {
  ({ server, pools } = await startClients());
});
afterAll(() => server.close());
beforeEach(async () => {
  await pools.deleteCollection();
  server.requests.length = 0;
});

const POOLS = '/apis/infra.example.com/v1/pools';
const names = (list: { items: Pool[] }) => list.items.map((p) => p.metadata?.name);

describe('the fixture CRDs', () => {
  it('are all served except the Helm template, which the server refuses as a real one would', async () => {
    const crds = fixtureCrds();
    expect(crds.filter(isTemplated).map((c) => (c as { metadata: { name: string } }).metadata.name)).toEqual(['baskets.shop.example.com']);
    const response = await fetch(`${server.url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`, { headers: { authorization: 'Bearer e2e-token' } });
    const served = ((await response.json()) as { items: { metadata: { name: string } }[] }).items.map((c) => c.metadata.name);
    expect(served).toHaveLength(crds.length - 1);
    expect(served).toEqual(expect.arrayContaining(['exporters.lab.example.com', 'leases.lab.example.com', 'pools.infra.example.com', 'gizmos.shop.example.com']));
  });
});

describe('PoolApi: every verb on a cluster-scoped kind', () => {
  it('create, get, list, replace, patch (merge, json, apply), apply, delete: no namespace anywhere', async () => {
    const created = await pools.create({ metadata: { name: 'p1', labels: { zone: 'a' } }, spec: { replicas: 1, machineType: 'small' } });
    expect(created.metadata).not.toHaveProperty('namespace');
    expect(created).toMatchObject({ apiVersion: 'infra.example.com/v1', kind: 'Pool', spec: { replicas: 1, machineType: 'small' } });
    expect(sent(server, 'POST')[0]?.path).toBe(POOLS);
    expect(await pools.get('p1')).toEqual(created);
    expect(sent(server, 'GET')[0]?.path).toBe(`${POOLS}/p1`);

    const replaced = await pools.replace({ ...created, spec: { replicas: 2, machineType: 'large' } });
    expect([replaced.spec, replaced.metadata?.generation]).toEqual([{ replicas: 2, machineType: 'large' }, 2]);
    expect(isConflict(await rejection(pools.replace(created)))).toBe(true); // created's resourceVersion is stale

    expect((await pools.patch('p1', { type: 'merge', body: { spec: { machineType: null } } })).spec).toEqual({ replicas: 2 });
    expect((await pools.patch('p1', { type: 'json', body: [{ op: 'replace', path: '/spec/replicas', value: 3 }] })).spec?.replicas).toBe(3);
    expect((await pools.patch('p1', { type: 'apply', body: { metadata: { name: 'p1' }, spec: { machineType: 'xl' } } })).spec)
      .toEqual({ replicas: 3, machineType: 'xl' });
    const applied = await pools.apply({ metadata: { name: 'p2' }, spec: { replicas: 0 } });
    expect(applied.metadata?.name).toBe('p2');
    expect(sent(server, 'PATCH').at(-1)).toMatchObject({ path: `${POOLS}/p2`, query: { fieldManager: 'e2e' } });

    expect(names(await pools.list())).toEqual(['p1', 'p2']);
    expect(names(await pools.list({ labelSelector: 'zone=a' }))).toEqual(['p1']);
    expect(names(await pools.list({ fieldSelector: 'metadata.name=p2' }))).toEqual(['p2']);

    expect(await pools.delete('p2')).toMatchObject({ kind: 'Status', status: 'Success' });
    expect(isNotFound(await rejection(pools.get('p2')))).toBe(true);
    expect(sent(server, 'DELETE').at(-1)?.path).toBe(`${POOLS}/p2`);
  });

  it('listAll pages over more objects than the limit; deleteCollection takes label and field selectors', async () => {
    for (let i = 0; i < 11; i++) await pools.create({ metadata: { name: `p${String(i).padStart(2, '0')}`, labels: { even: String(i % 2 === 0) } } });
    server.requests.length = 0;
    const seen: string[] = [];
    for await (const p of pools.listAll({ limit: 3 })) seen.push(p.metadata?.name ?? '');
    expect(seen).toEqual(Array.from({ length: 11 }, (_, i) => `p${String(i).padStart(2, '0')}`));
    expect(sent(server, 'GET').map((r) => r.query.limit)).toEqual(['3', '3', '3', '3']);

    await pools.deleteCollection({ labelSelector: 'even=true', fieldSelector: 'metadata.name!=p00' });
    expect(names(await pools.list())).toEqual(['p00', 'p01', 'p03', 'p05', 'p07', 'p09']);
    expect(sent(server, 'DELETE')[0]).toMatchObject({ path: POOLS, query: { labelSelector: 'even=true', fieldSelector: 'metadata.name!=p00' } });
  });

  it('422 when the schema says no: minimum, type', async () => {
    const negative = await rejection(pools.create({ metadata: { name: 'p1' }, spec: { replicas: -1 } }));
    expect(isInvalid(negative)).toBe(true);
    expect(negative.message).toBe('Pool.infra.example.com "p1" is invalid: spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0');
    const text = await rejection(pools.create({ metadata: { name: 'p1' }, spec: { replicas: 'two' as unknown as number } }));
    expect(text.details?.causes).toEqual([{ reason: 'FieldValueTypeInvalid', field: 'spec.replicas', message: 'Invalid value: "string": spec.replicas in body must be of type integer: "string"' }]);
    expect(isNotFound(await rejection(pools.get('p1')))).toBe(true);
  });
});

describe('PoolApi: status and scale', () => {
  beforeEach(async () => {
    await pools.create({ metadata: { name: 'p1' }, spec: { replicas: 2 } });
    server.requests.length = 0;
  });

  it('status: the main endpoint ignores it, /status changes nothing else', async () => {
    const ignored = await pools.patch('p1', { type: 'merge', body: { status: { replicas: 9 } } });
    expect(ignored.status).toBeUndefined();
    const withStatus = await pools.patchStatus('p1', { type: 'merge', body: { spec: { replicas: 7 }, status: { replicas: 2, selector: 'pool=p1' } } });
    expect([withStatus.spec?.replicas, withStatus.status]).toEqual([2, { replicas: 2, selector: 'pool=p1' }]);
    expect(sent(server, 'PATCH').at(-1)?.path).toBe(`${POOLS}/p1/status`);
    const read = await pools.getStatus('p1');
    const replaced = await pools.replaceStatus({ ...read, status: { replicas: 1 } });
    expect(replaced.status).toEqual({ replicas: 1 });
    // status.replicas belongs to this manager's Update entry: the apply takes it with force (real SSA rules).
    const applied = await pools.patchStatus('p1', { type: 'apply', body: { metadata: { name: 'p1' }, status: { replicas: 2 } } }, { force: true });
    expect(applied.status?.replicas).toBe(2);
    expect(isConflict(await rejection(pools.replaceStatus(read)))).toBe(true);
  });

  it('scale reads spec.replicas, status.replicas and the selector through the CRD paths', async () => {
    await pools.patchStatus('p1', { type: 'merge', body: { status: { replicas: 1, selector: 'pool=p1' } } });
    const scale = await pools.getScale('p1');
    expect(scale).toMatchObject({ apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'p1' }, spec: { replicas: 2 }, status: { replicas: 1, selector: 'pool=p1' } });
    expect(scale.metadata?.creationTimestamp).toBeInstanceOf(Date);
    expect(sent(server, 'GET').at(-1)?.path).toBe(`${POOLS}/p1/scale`);

    const replaced = await pools.replaceScale({ ...scale, spec: { replicas: 4 } });
    expect(replaced.spec?.replicas).toBe(4);
    expect((await pools.get('p1')).spec?.replicas).toBe(4);
    expect((await pools.patchScale('p1', { type: 'merge', body: { spec: { replicas: 5 } } })).spec?.replicas).toBe(5);
    expect((await pools.patchScale('p1', { type: 'json', body: [{ op: 'replace', path: '/spec/replicas', value: 6 }] })).spec?.replicas).toBe(6);
    const viaApply = await pools.patchScale('p1', { type: 'apply', body: { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'p1' }, spec: { replicas: 0 } } }, { force: true });
    expect(viaApply.spec?.replicas).toBe(0);
    expect((await pools.get('p1')).spec?.replicas).toBe(0);

    const negative = await rejection(pools.patchScale('p1', { type: 'merge', body: { spec: { replicas: -3 } } }));
    expect([negative.code, negative.details?.kind, negative.details?.causes?.[0]?.field]).toEqual([422, 'Scale', 'spec.replicas']);
    expect(isConflict(await rejection(pools.replaceScale(scale)))).toBe(true);
  });
});
