// The generated namespaced clients (ExporterApi, LeaseApi from generated/lab.example.com) against
// the test API server over HTTP: every verb, the status subresource, selectors and paging.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isAlreadyExists, isInvalid, isNotFound } from '../../generated/index.js';
import type { Exporter, ExporterApi, LeaseApi } from '../../generated/lab.example.com/v1alpha1/index.js';
import type { TestApiServer } from '../../src/testing/index.js';
import { MANAGER, NAMESPACE, rejection, sent, startClients } from './support.js';

let server: TestApiServer;
let exporters: ExporterApi;
let leases: LeaseApi;

beforeAll(async () => {
  ({ server, exporters, leases } = await startClients());
});
afterAll(() => server.close());
beforeEach(async () => {
  await exporters.deleteCollection();
  await exporters.deleteCollection({ namespace: 'other' });
  await leases.deleteCollection();
  server.requests.length = 0;
});

const names = (list: { items: { metadata?: { name?: string } }[] }) => list.items.map((o) => o.metadata?.name);

describe('ExporterApi: create, get, replace, patch, apply, delete', () => {
  it('create fills apiVersion, kind and the namespace; the server adds defaults and identity', async () => {
    const e = await exporters.create({ metadata: { name: 'e1', labels: { site: 'a' } }, spec: { username: 'alice' } });
    expect(e).toMatchObject({
      apiVersion: 'lab.example.com/v1alpha1',
      kind: 'Exporter',
      metadata: { name: 'e1', namespace: NAMESPACE, generation: 1, labels: { site: 'a' } },
      spec: { username: 'alice', enabled: true }, // enabled: the CRD's default
    });
    expect(e.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(e.metadata?.creationTimestamp).toBeInstanceOf(Date);
    expect(sent(server, 'POST')[0]).toMatchObject({ path: `/apis/lab.example.com/v1alpha1/namespaces/${NAMESPACE}/exporters`, query: { fieldManager: MANAGER } });
    expect(await exporters.get('e1')).toEqual(e);
    expect(isAlreadyExists(await rejection(exporters.create({ metadata: { name: 'e1' } })))).toBe(true);
  });

  it('the namespace comes from the call, then the body, then the constructor', async () => {
    await exporters.create({ metadata: { name: 'x' } }, { namespace: 'other' });
    await exporters.create({ metadata: { name: 'y', namespace: 'other' } });
    expect(names(await exporters.list({ namespace: 'other' }))).toEqual(['x', 'y']);
    expect((await exporters.list()).items).toEqual([]);
    expect((await exporters.get('x', { namespace: 'other' })).metadata?.namespace).toBe('other');
    const missing = await rejection(exporters.get('x'));
    expect(isNotFound(missing)).toBe(true);
    expect(missing.message).toBe('exporters.lab.example.com "x" not found');
  });

  it('unknown fields are pruned, or refused with fieldValidation Strict', async () => {
    const body = { metadata: { name: 'e1' }, spec: { username: 'u', colour: 'red' } } as unknown as Exporter;
    expect((await exporters.create(body)).spec).toEqual({ username: 'u', enabled: true });
    const strict = await rejection(exporters.create({ ...body, metadata: { name: 'e2' } }, { fieldValidation: 'Strict' }));
    expect([strict.code, strict.message]).toEqual([400, 'Exporter in version "v1alpha1" cannot be handled as a Exporter: strict decoding error: unknown field "spec.colour"']);
  });

  it('replace changes the spec, bumps generation and resourceVersion, and leaves status alone', async () => {
    const e = await exporters.create({ metadata: { name: 'e1' }, spec: { username: 'a' } });
    await exporters.patchStatus('e1', { type: 'merge', body: { status: { endpoint: 'grpc://a' } } });
    const current = await exporters.get('e1');
    const replaced = await exporters.replace({ ...current, spec: { username: 'b' }, status: { endpoint: 'ignored' } });
    expect(replaced.spec).toEqual({ username: 'b', enabled: true });
    expect(replaced.status).toEqual({ endpoint: 'grpc://a' }); // the status subresource owns it
    expect(replaced.metadata?.generation).toBe(2);
    expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(Number(e.metadata?.resourceVersion));
    // A change of metadata only is not a new generation.
    const labelled = await exporters.replace({ ...replaced, metadata: { ...replaced.metadata, labels: { a: 'b' } } });
    expect(labelled.metadata?.generation).toBe(2);
  });

  it('merge patch: sets, and deletes with null', async () => {
    await exporters.create({ metadata: { name: 'e1', labels: { a: '1', b: '2' } }, spec: { username: 'a' } });
    const patched = await exporters.patch('e1', { type: 'merge', body: { metadata: { labels: { a: null, c: '3' } }, spec: { username: null, enabled: false } } });
    expect(patched.metadata?.labels).toEqual({ b: '2', c: '3' });
    expect(patched.spec).toEqual({ enabled: false });
    expect(sent(server, 'PATCH')[0]?.headers['content-type']).toBe('application/merge-patch+json');
  });

  it('json patch: add, replace, remove, test; a failed test is 422 and changes nothing', async () => {
    await exporters.create({ metadata: { name: 'e1' }, spec: { username: 'a' } });
    const patched = await exporters.patch('e1', { type: 'json', body: [
      { op: 'test', path: '/spec/username', value: 'a' },
      { op: 'replace', path: '/spec/username', value: 'b' },
      { op: 'add', path: '/metadata/labels', value: {} },
      { op: 'add', path: '/metadata/labels/app.kubernetes.io~1name', value: 'x' }, // ~1 is a / in a JSON pointer
      { op: 'remove', path: '/spec/enabled' },
    ] });
    expect(patched.spec).toEqual({ username: 'b', enabled: true }); // removed, then defaulted again
    expect(patched.metadata?.labels).toEqual({ 'app.kubernetes.io/name': 'x' });
    const failed = await rejection(exporters.patch('e1', { type: 'json', body: [
      { op: 'replace', path: '/spec/username', value: 'c' },
      { op: 'test', path: '/spec/username', value: 'a' },
    ] }));
    expect([failed.code, failed.details?.causes?.[0]?.message]).toEqual([422, 'testing value /spec/username failed: test failed']);
    expect((await exporters.get('e1')).spec?.username).toBe('b');
  });

  it('server-side apply creates, updates, and drops the fields its manager stops applying', async () => {
    const created = await exporters.apply({ metadata: { name: 'e1', labels: { a: '1' } }, spec: { username: 'a' } });
    expect(created.spec).toEqual({ username: 'a', enabled: true });
    expect(sent(server, 'PATCH')[0]).toMatchObject({ query: { fieldManager: MANAGER }, headers: { 'content-type': 'application/apply-patch+yaml' } });
    const updated = await exporters.apply({ metadata: { name: 'e1' }, spec: { username: 'b' } });
    expect(updated.metadata?.labels).toBeUndefined();
    expect(updated.spec?.username).toBe('b');
    // Another manager's fields stay when this one applies again.
    await exporters.apply({ metadata: { name: 'e1', annotations: { owner: 'ops' } } }, { fieldManager: 'ops' });
    const again = await exporters.apply({ metadata: { name: 'e1' }, spec: { username: 'c' } }, { force: true });
    expect([again.metadata?.annotations, again.spec?.username]).toEqual([{ owner: 'ops' }, 'c']);
    // The same through patch with an explicit type.
    const viaPatch = await exporters.patch('e1', { type: 'apply', body: { metadata: { name: 'e1' }, spec: { username: 'd' } } });
    expect(viaPatch.spec?.username).toBe('d');
  });

  it('delete answers with a Status once the object is gone; deleteCollection with a selector', async () => {
    for (const [name, site] of [['e1', 'a'], ['e2', 'a'], ['e3', 'b']] as const) {
      await exporters.create({ metadata: { name, labels: { site } } });
    }
    const status = await exporters.delete('e1');
    expect(status).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'e1', group: 'lab.example.com', kind: 'exporters' } });
    expect(isNotFound(await rejection(exporters.delete('e1')))).toBe(true);
    const removed = await exporters.deleteCollection({ labelSelector: 'site=a' });
    expect('items' in removed && names(removed)).toEqual(['e2']);
    expect(names(await exporters.list())).toEqual(['e3']);
  });
});

describe('ExporterApi: the status subresource', () => {
  it('getStatus, replaceStatus, patchStatus (merge, json, apply) change status only', async () => {
    await exporters.create({ metadata: { name: 'e1' }, spec: { username: 'a' } });
    const merged = await exporters.patchStatus('e1', { type: 'merge', body: { spec: { username: 'ignored' }, status: { endpoint: 'grpc://1' } } });
    expect([merged.spec?.username, merged.status?.endpoint, merged.metadata?.generation]).toEqual(['a', 'grpc://1', 1]);
    const read = await exporters.getStatus('e1');
    expect(read.status).toEqual({ endpoint: 'grpc://1' });
    expect(sent(server, 'GET').at(-1)?.path).toBe(`/apis/lab.example.com/v1alpha1/namespaces/${NAMESPACE}/exporters/e1/status`);

    const replaced = await exporters.replaceStatus({ ...read, spec: { username: 'ignored' }, status: { credential: { name: 's1' } } });
    expect([replaced.spec?.username, replaced.status]).toEqual(['a', { credential: { name: 's1' } }]);

    const json = await exporters.patchStatus('e1', { type: 'json', body: [{ op: 'add', path: '/status/devices', value: [{ uuid: 'd1' }] }] });
    expect(json.status?.devices).toEqual([{ uuid: 'd1' }]);
    const applied = await exporters.patchStatus('e1', {
      type: 'apply', body: { metadata: { name: 'e1' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } },
    });
    expect(applied.status?.conditions).toEqual([{ type: 'Ready', status: 'True' }]);
    const bad = await rejection(exporters.patchStatus('e1', { type: 'merge', body: { status: { conditions: [{ type: 'Ready', status: 'Maybe' as 'True' }] } } }));
    expect(isInvalid(bad)).toBe(true);
    expect(bad.details?.causes).toEqual([{ reason: 'FieldValueNotSupported', field: 'status.conditions[0].status', message: 'Unsupported value: "Maybe": supported values: "True", "False", "Unknown"' }]);
  });
});

describe('LeaseApi: selectors and paging', () => {
  const lease = (name: string, labels: Record<string, string>) =>
    leases.create({ metadata: { name, labels }, spec: { clientRef: { name: 'c' }, selector: { matchLabels: labels } } });

  beforeEach(async () => {
    await lease('l1', { tier: 'a', board: 'rpi' });
    await lease('l2', { tier: 'b', board: 'rpi' });
    await lease('l3', { tier: 'c' });
    await lease('l4', { tier: 'a', board: 'jetson' });
  });

  it.each([
    ['tier=a', ['l1', 'l4']],
    ['tier==a', ['l1', 'l4']],
    ['tier!=a', ['l2', 'l3']],
    ['tier in (a,b)', ['l1', 'l2', 'l4']],
    ['tier notin (a,b)', ['l3']],
    ['board', ['l1', 'l2', 'l4']],
    ['!board', ['l3']],
    ['tier=a,board=rpi', ['l1']],
  ])('labelSelector %s', async (labelSelector, want) => {
    expect(names(await leases.list({ labelSelector }))).toEqual(want);
  });

  it('fieldSelector on metadata.name and metadata.namespace; allNamespaces', async () => {
    expect(names(await leases.list({ fieldSelector: 'metadata.name=l2' }))).toEqual(['l2']);
    expect(names(await leases.list({ fieldSelector: 'metadata.name!=l2' }))).toEqual(['l1', 'l3', 'l4']);
    await leases.create({ metadata: { name: 'l9', namespace: 'other' }, spec: { clientRef: {}, selector: {} } });
    expect(names(await leases.list({ allNamespaces: true, fieldSelector: `metadata.namespace=other` }))).toEqual(['l9']);
    expect(names(await leases.list({ allNamespaces: true }))).toEqual(['l1', 'l2', 'l3', 'l4', 'l9']);
    expect(sent(server, 'GET').at(-1)?.path).toBe('/apis/lab.example.com/v1alpha1/leases');
    await leases.deleteCollection({ namespace: 'other' });
  });

  it('pages by limit and continue: list, listPages and listAll over more objects than the limit', async () => {
    for (let i = 5; i <= 9; i++) await lease(`l${i}`, { tier: 'z' });
    const first = await leases.list({ limit: 4 });
    expect(names(first)).toEqual(['l1', 'l2', 'l3', 'l4']);
    expect(first.metadata?.remainingItemCount).toBe(5);
    const second = await leases.list({ limit: 4, continue: first.metadata?._continue ?? '' });
    expect(names(second)).toEqual(['l5', 'l6', 'l7', 'l8']);

    server.requests.length = 0;
    const pages: (string | undefined)[][] = [];
    for await (const page of leases.listPages({ limit: 4 })) pages.push(names(page));
    expect(pages).toEqual([['l1', 'l2', 'l3', 'l4'], ['l5', 'l6', 'l7', 'l8'], ['l9']]);
    const all: string[] = [];
    for await (const l of leases.listAll({ limit: 2, labelSelector: 'tier in (a,z)' })) all.push(l.metadata?.name ?? '');
    expect(all).toEqual(['l1', 'l4', 'l5', 'l6', 'l7', 'l8', 'l9']);
    expect(sent(server, 'GET').map((r) => r.query.continue === undefined)).toEqual([true, false, false, true, false, false, false]);
  });

  it('422 for a missing required field and a value outside an enum, with every cause', async () => {
    const e = await rejection(leases.create({ metadata: { name: 'bad' }, spec: { selector: { matchExpressions: [{ key: 'a', operator: 'Near' as 'In' }] } } } as never));
    expect(isInvalid(e)).toBe(true);
    expect(e.code).toBe(422);
    expect(e.details).toMatchObject({ name: 'bad', group: 'lab.example.com', kind: 'Lease' });
    expect(e.details?.causes).toEqual(expect.arrayContaining([
      { reason: 'FieldValueRequired', field: 'spec.clientRef', message: 'Required value' },
      { reason: 'FieldValueNotSupported', field: 'spec.selector.matchExpressions[0].operator', message: 'Unsupported value: "Near": supported values: "In", "NotIn", "Exists", "DoesNotExist"' },
    ]));
    expect(e.details?.causes).toHaveLength(2);
  });
});
