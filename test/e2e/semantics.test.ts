// API semantics through the generated clients: 409 conflicts, finalizers, dryRun, 422 validation
// errors as ApiError, 401 without the token.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, isAlreadyExists, isConflict, isInvalid, isNotFound, isUnauthorized } from '../../generated/index.js';
import type { Exporter, ExporterApi } from '../../generated/lab.example.com/v1alpha1/index.js';
import type { PoolApi } from '../../generated/infra.example.com/v1/index.js';
import { GizmoApi, type Gizmo } from '../../generated/shop.example.com/v1/index.js';
import { kubeConfigFor } from '../runtime/support/recorder.js';
import type { TestApiServer } from '../../src/testing/index.js';
import { NAMESPACE, rejection, sent, startClients } from './support.js';

let server: TestApiServer;
let exporters: ExporterApi;
let pools: PoolApi;
let gizmos: GizmoApi;

beforeAll(async () => {
  ({ server, exporters, pools, gizmos } = await startClients());
});
afterAll(() => server.close());
beforeEach(async () => {
  for (const e of (await exporters.list()).items) {
    if (e.metadata?.finalizers) await exporters.patch(e.metadata.name!, { type: 'merge', body: { metadata: { finalizers: null } } });
  }
  await exporters.deleteCollection();
  await pools.deleteCollection();
  await gizmos.deleteCollection();
  server.requests.length = 0;
});

describe('409 Conflict', () => {
  it('a replace with a stale resourceVersion, a failed delete precondition, a name taken', async () => {
    const first = await exporters.create({ metadata: { name: 'e1' }, spec: { username: 'a' } });
    await exporters.patch('e1', { type: 'merge', body: { spec: { username: 'b' } } });
    const stale = await rejection(exporters.replace({ ...first, spec: { username: 'c' } }));
    expect(stale).toBeInstanceOf(ApiError);
    expect([stale.code, stale.reason, isConflict(stale)]).toEqual([409, 'Conflict', true]);
    expect(stale.message).toBe('Operation cannot be fulfilled on exporters.lab.example.com "e1": the object has been modified; please apply your changes to the latest version and try again');
    expect(stale.details).toMatchObject({ name: 'e1', group: 'lab.example.com', kind: 'exporters' });
    expect(sent(server, 'PUT')).toHaveLength(1); // a conflict is never retried as is

    const rv = await rejection(exporters.delete('e1', { preconditions: { resourceVersion: first.metadata?.resourceVersion ?? '' } }));
    expect(isConflict(rv)).toBe(true);
    expect(rv.message).toMatch(/^Operation cannot be fulfilled on exporters.lab.example.com "e1": Precondition failed: ResourceVersion in precondition: \d+, ResourceVersion in object meta: \d+$/);
    const uid = await rejection(exporters.delete('e1', { preconditions: { uid: 'not-the-uid' } }));
    expect(isConflict(uid)).toBe(true);

    const taken = await rejection(exporters.create({ metadata: { name: 'e1' } }));
    expect([taken.code, isAlreadyExists(taken), isConflict(taken)]).toEqual([409, true, false]);
    expect(taken.message).toBe('exporters.lab.example.com "e1" already exists');
  });

  it('update re-reads and retries when another writer got there first', async () => {
    await pools.create({ metadata: { name: 'p1' }, spec: { replicas: 0 } });
    server.requests.length = 0;
    let calls = 0;
    const updated = await pools.update('p1', async (p) => {
      calls++;
      // The first time round, someone else writes between our read and our replace.
      if (calls === 1) await pools.patch('p1', { type: 'merge', body: { spec: { machineType: 'other' } } });
      p.spec = { ...p.spec, replicas: (p.spec?.replicas ?? 0) + 1 };
    });
    expect(calls).toBe(2);
    expect(updated.spec).toEqual({ replicas: 1, machineType: 'other' });
    expect(sent(server, 'PUT').length).toBe(2);
    // A writer that always wins: update gives up after `retries` more attempts.
    let rivals = 0;
    const exhausted = await rejection(pools.update('p1', async (p) => {
      await pools.patch('p1', { type: 'merge', body: { spec: { replicas: 10 + ++rivals } } });
      p.spec = { replicas: 0 };
    }, { retries: 1 }));
    expect([isConflict(exhausted), rivals]).toEqual([true, 2]);
  });
});

describe('finalizers', () => {
  it('delete marks the object; it stays, typed, until a patch removes the last finalizer', async () => {
    await exporters.create({ metadata: { name: 'e1', finalizers: ['lab.example.com/credential'] } });
    const marked = (await exporters.delete('e1')) as Exporter;
    expect(marked.kind).toBe('Exporter'); // the object, not a Status
    expect(marked.metadata?.deletionTimestamp).toBeInstanceOf(Date);
    const still = await exporters.get('e1');
    expect(still.metadata?.deletionTimestamp).toEqual(marked.metadata?.deletionTimestamp);
    expect((await exporters.list()).items).toHaveLength(1);
    // Deleting again changes nothing; no finalizer can be added now.
    expect(((await exporters.delete('e1')) as Exporter).metadata?.resourceVersion).toBe(marked.metadata?.resourceVersion);
    const added = await rejection(exporters.patch('e1', { type: 'json', body: [{ op: 'add', path: '/metadata/finalizers/-', value: 'x/y' }] }));
    expect(isInvalid(added)).toBe(true);
    expect(added.details?.causes?.[0]?.field).toBe('metadata.finalizers');
    // Other changes are still allowed while the object waits.
    expect((await exporters.patchStatus('e1', { type: 'merge', body: { status: { endpoint: 'bye' } } })).status?.endpoint).toBe('bye');

    const gone = await exporters.patch('e1', { type: 'merge', body: { metadata: { finalizers: null } } });
    expect(gone.metadata?.deletionTimestamp).toBeInstanceOf(Date);
    expect(isNotFound(await rejection(exporters.get('e1')))).toBe(true);
  });

  it('a watch sees MODIFIED (deletionTimestamp set) and then DELETED', async () => {
    await exporters.create({ metadata: { name: 'e1', finalizers: ['x/y'] } });
    const events: string[] = [];
    const watching = (async () => {
      for await (const e of exporters.watch({ fieldSelector: 'metadata.name=e1' })) {
        if (e.type === 'BOOKMARK') continue;
        events.push(`${e.type} ${e.object.metadata?.deletionTimestamp instanceof Date ? 'deleting' : 'live'}`);
        if (e.type === 'ADDED') await exporters.delete('e1');
        if (e.type === 'MODIFIED') await exporters.update('e1', (x) => { x.metadata = { ...x.metadata, finalizers: [] }; });
        if (e.type === 'DELETED') break;
      }
    })();
    await watching;
    expect(events).toEqual(['ADDED live', 'MODIFIED deleting', 'DELETED deleting']);
  });
});

describe('dryRun', () => {
  it('create, replace, patch, apply, status, scale, delete and deleteCollection answer but store nothing', async () => {
    const dry = await exporters.create({ metadata: { name: 'e1' }, spec: { username: 'a' } }, { dryRun: true });
    expect(dry.spec).toEqual({ username: 'a', enabled: true }); // defaulted as a real create would be
    expect(isNotFound(await rejection(exporters.get('e1')))).toBe(true);
    expect(await exporters.apply({ metadata: { name: 'e1' } }, { dryRun: true })).toMatchObject({ metadata: { name: 'e1' } });
    expect((await exporters.list()).items).toEqual([]);

    const real = await exporters.create({ metadata: { name: 'e1' }, spec: { username: 'a' } });
    const rv = real.metadata?.resourceVersion;
    expect((await exporters.replace({ ...real, spec: { username: 'b' } }, { dryRun: true })).spec?.username).toBe('b');
    expect((await exporters.patch('e1', { type: 'merge', body: { spec: { username: 'c' } } }, { dryRun: true })).spec?.username).toBe('c');
    expect((await exporters.patch('e1', { type: 'json', body: [{ op: 'remove', path: '/spec/username' }] }, { dryRun: true })).spec?.username).toBeUndefined();
    expect((await exporters.patchStatus('e1', { type: 'merge', body: { status: { endpoint: 'x' } } }, { dryRun: true })).status?.endpoint).toBe('x');
    expect(await exporters.delete('e1', { dryRun: true })).toMatchObject({ kind: 'Status', status: 'Success' });
    expect(await exporters.deleteCollection({ dryRun: true })).toMatchObject({ items: [{ metadata: { name: 'e1' } }] });
    const after = await exporters.get('e1');
    expect([after.metadata?.resourceVersion, after.spec, after.status]).toEqual([rv, { username: 'a', enabled: true }, undefined]);

    await pools.create({ metadata: { name: 'p1' }, spec: { replicas: 1 } });
    expect((await pools.patchScale('p1', { type: 'merge', body: { spec: { replicas: 5 } } }, { dryRun: true })).spec?.replicas).toBe(5);
    expect((await pools.get('p1')).spec?.replicas).toBe(1);
    expect(sent(server, 'PATCH').every((r) => r.query.dryRun === 'All')).toBe(true);
  });

  it('a dry run is validated like a real write', async () => {
    const e = await rejection(gizmos.create({ metadata: { name: 'g1' }, spec: { color: 'purple' as 'red' } }, { dryRun: true }));
    expect(isInvalid(e)).toBe(true);
  });
});

describe('422 Invalid, with the causes in details (Gizmo v1 from fixtures/valid/multi-version.yaml)', () => {
  const invalid = async (spec: object) => rejection(gizmos.create({ metadata: { name: 'g1' }, spec } as Gizmo));

  it('a value outside an enum', async () => {
    const e = await invalid({ color: 'purple' });
    expect(e).toBeInstanceOf(ApiError);
    expect([e.code, e.reason, isInvalid(e)]).toEqual([422, 'Invalid', true]);
    expect(e.message).toBe('Gizmo.shop.example.com "g1" is invalid: spec.color: Unsupported value: "purple": supported values: "red", "green", "blue"');
    expect(e.details).toEqual({
      name: 'g1', group: 'shop.example.com', kind: 'Gizmo',
      causes: [{ reason: 'FieldValueNotSupported', field: 'spec.color', message: 'Unsupported value: "purple": supported values: "red", "green", "blue"' }],
    });
    expect([e.method, e.url]).toEqual(['POST', `${server.url}/apis/shop.example.com/v1/namespaces/${NAMESPACE}/gizmos?fieldManager=e2e`]);
  });

  it('a type mismatch, and several at once', async () => {
    const e = await invalid({ size: 'big' });
    expect(e.details?.causes).toEqual([{ reason: 'FieldValueTypeInvalid', field: 'spec.size', message: 'Invalid value: "string": spec.size in body must be of type integer: "string"' }]);
    const both = await invalid({ size: 1.5, color: 'pink' });
    expect(both.details?.causes?.map((c) => c.field).sort()).toEqual(['spec.color', 'spec.size']);
    expect(both.message).toMatch(/^Gizmo.shop.example.com "g1" is invalid: \[/);
  });

  it('through replace, merge patch and apply too; nothing is stored', async () => {
    const g = await gizmos.create({ metadata: { name: 'g1' }, spec: { color: 'red', size: 1 } });
    expect(isInvalid(await rejection(gizmos.replace({ ...g, spec: { color: 'pink' as 'red' } })))).toBe(true);
    expect(isInvalid(await rejection(gizmos.patch('g1', { type: 'merge', body: { spec: { size: 'x' as unknown as number } } })))).toBe(true);
    // force: the creator owns spec.color, and a conflict (409) would come before validation.
    expect(isInvalid(await rejection(gizmos.apply({ metadata: { name: 'g1' }, spec: { color: 'teal' as 'red' } }, { force: true })))).toBe(true);
    expect((await gizmos.get('g1')).spec).toEqual({ color: 'red', size: 1 });
  });
});

describe('401 Unauthorized', () => {
  it('a client without the bearer token is refused, and the error carries no token', async () => {
    const anonymous = new GizmoApi({ kubeConfig: kubeConfigFor(server.url), namespace: NAMESPACE });
    const e = await rejection(anonymous.list());
    expect([e.code, isUnauthorized(e)]).toEqual([401, true]);
    expect(JSON.stringify({ ...e, message: e.message })).not.toContain('super-secret-token');
  });
});
