import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApiServer } from '../../src/testing/index.js';
import { call, GADGETS, MERGE, startWithFixtures, widget, WIDGETS } from './helpers.js';

let server: TestApiServer;
beforeEach(async () => {
  server = await startWithFixtures();
});
afterEach(() => server.close());

describe('create and read', () => {
  it('creates with uid, creationTimestamp, generation 1 and a resourceVersion', async () => {
    const created = await call(server, 'POST', WIDGETS, widget('w1', { color: 'red', size: 2 }));
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toBe('application/json');
    const meta = created.body.metadata;
    expect(meta).toMatchObject({ name: 'w1', namespace: 'default', generation: 1 });
    expect(meta.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(meta.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(meta.resourceVersion).toMatch(/^\d+$/);
    const read = await call(server, 'GET', `${WIDGETS}/w1`);
    expect(read.body).toEqual(created.body);
  });

  it('answers AlreadyExists and NotFound with the real Status bodies', async () => {
    await call(server, 'POST', WIDGETS, widget('w1'));
    const again = await call(server, 'POST', WIDGETS, widget('w1'));
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'widgets.example.com "w1" already exists',
      reason: 'AlreadyExists',
      details: { name: 'w1', group: 'example.com', kind: 'widgets' },
      code: 409,
    });
    const missing = await call(server, 'GET', `${WIDGETS}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'widgets.example.com "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', group: 'example.com', kind: 'widgets' },
      code: 404,
    });
  });

  it('generates names from generateName', async () => {
    const created = await call(server, 'POST', WIDGETS, { ...widget(''), metadata: { generateName: 'w-' } });
    expect(created.status).toBe(201);
    expect(created.body.metadata.name).toMatch(/^w-[a-z0-9]{5}$/);
  });

  it('rejects a wrong kind, apiVersion or namespace with 400', async () => {
    const wrongKind = await call(server, 'POST', WIDGETS, { ...widget('w1'), kind: 'Gadget' });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.message).toBe('the kind in the data (Gadget) does not match the expected kind (Widget)');
    const wrongVersion = await call(server, 'POST', WIDGETS, { ...widget('w1'), apiVersion: 'example.com/v2' });
    expect(wrongVersion.body.message).toBe(
      'the API version in the data (example.com/v2) does not match the expected API version (example.com/v1)',
    );
    const wrongNs = await call(server, 'POST', WIDGETS, widget('w1', { color: 'red' }, { namespace: 'other' }));
    expect(wrongNs.status).toBe(400);
    expect(wrongNs.body.reason).toBe('BadRequest');
    expect(wrongNs.body.message).toBe('the namespace of the provided object does not match the namespace sent on the request');
  });

  it('rejects an invalid name with 422 Invalid and a cause', async () => {
    const r = await call(server, 'POST', WIDGETS, widget('Bad_Name'));
    expect(r.status).toBe(422);
    expect(r.body.reason).toBe('Invalid');
    expect(r.body.message).toMatch(/^Widget\.example\.com "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
    expect(r.body.details).toMatchObject({ name: 'Bad_Name', group: 'example.com', kind: 'Widget' });
    expect(r.body.details.causes[0]).toMatchObject({ reason: 'FieldValueInvalid', field: 'metadata.name' });
  });

  it('lists per namespace and across namespaces, with list metadata', async () => {
    await call(server, 'POST', WIDGETS, widget('a'));
    await call(server, 'POST', '/apis/example.com/v1/namespaces/team/widgets', widget('b'));
    const inDefault = await call(server, 'GET', WIDGETS);
    expect(inDefault.body).toMatchObject({ apiVersion: 'example.com/v1', kind: 'WidgetList' });
    expect(inDefault.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['a']);
    expect(inDefault.body.metadata.resourceVersion).toMatch(/^\d+$/);
    const all = await call(server, 'GET', '/apis/example.com/v1/widgets');
    expect(all.body.items.map((i: { metadata: { namespace: string } }) => i.metadata.namespace)).toEqual(['default', 'team']);
    expect((await call(server, 'POST', '/apis/example.com/v1/widgets', widget('c'))).status).toBe(405);
  });

  it('serves cluster-scoped resources and every served version (apiVersion follows the URL)', async () => {
    const gadget = { apiVersion: 'example.com/v1beta1', kind: 'Gadget', metadata: { name: 'g1' }, anything: { goes: true } };
    const created = await call(server, 'POST', '/apis/example.com/v1beta1/gadgets', gadget);
    expect(created.status).toBe(201);
    expect(created.body.metadata.namespace).toBeUndefined();
    const v1 = await call(server, 'GET', `${GADGETS}/g1`);
    expect(v1.body.apiVersion).toBe('example.com/v1');
    expect(v1.body.anything).toEqual({ goes: true });
    expect((await call(server, 'GET', '/apis/example.com/v1beta1/gadgets/g1')).body.apiVersion).toBe('example.com/v1beta1');
  });
});

describe('update', () => {
  it('bumps resourceVersion on every change and generation only on spec changes', async () => {
    const created = (await call(server, 'POST', WIDGETS, widget('w1'))).body;
    const labelled = await call(server, 'PATCH', `${WIDGETS}/w1`, { metadata: { labels: { a: 'b' } } }, MERGE);
    expect(labelled.body.metadata.generation).toBe(1);
    expect(Number(labelled.body.metadata.resourceVersion)).toBeGreaterThan(Number(created.metadata.resourceVersion));
    const spec = await call(server, 'PATCH', `${WIDGETS}/w1`, { spec: { size: 4 } }, MERGE);
    expect(spec.body.metadata.generation).toBe(2);
    const status = await call(server, 'PATCH', `${WIDGETS}/w1/status`, { status: { replicas: 1 } }, MERGE);
    expect(status.body.metadata.generation).toBe(2);
    expect(status.body.metadata.uid).toBe(created.metadata.uid);
    expect(status.body.metadata.creationTimestamp).toBe(created.metadata.creationTimestamp);
  });

  it('does not write when nothing changes (same resourceVersion)', async () => {
    const created = (await call(server, 'POST', WIDGETS, widget('w1'))).body;
    const same = await call(server, 'PUT', `${WIDGETS}/w1`, created);
    expect(same.status).toBe(200);
    expect(same.body.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
  });

  it('answers a stale resourceVersion with 409 Conflict and a missing one with 422', async () => {
    const created = (await call(server, 'POST', WIDGETS, widget('w1'))).body;
    await call(server, 'PATCH', `${WIDGETS}/w1`, { spec: { size: 9 } }, MERGE);
    const stale = await call(server, 'PUT', `${WIDGETS}/w1`, { ...created, spec: { color: 'blue' } });
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'Operation cannot be fulfilled on widgets.example.com "w1": the object has been modified; please apply your changes to the latest version and try again',
      reason: 'Conflict',
      details: { name: 'w1', group: 'example.com', kind: 'widgets' },
      code: 409,
    });
    const unconditional = await call(server, 'PUT', `${WIDGETS}/w1`, widget('w1', { color: 'blue' }));
    expect(unconditional.status).toBe(422);
    expect(unconditional.body.message).toBe(
      'Widget.example.com "w1" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update',
    );
    const merge = await call(server, 'PATCH', `${WIDGETS}/w1`, { metadata: { resourceVersion: '1' }, spec: { size: 1 } }, MERGE);
    expect(merge.status).toBe(409);
    const missing = await call(server, 'PUT', `${WIDGETS}/none`, { ...widget('none'), metadata: { name: 'none', resourceVersion: '5' } });
    expect(missing.status).toBe(404);
  });

  it('rejects a name that differs from the URL', async () => {
    const created = (await call(server, 'POST', WIDGETS, widget('w1'))).body;
    const r = await call(server, 'PUT', `${WIDGETS}/w1`, { ...created, metadata: { ...created.metadata, name: 'w2' } });
    expect(r.status).toBe(400);
    expect(r.body.message).toBe('the name of the object (w2) does not match the name on the URL (w1)');
  });
});

describe('status and scale subresources', () => {
  it('ignores status on the main endpoint and everything but status on /status', async () => {
    const created = await call(server, 'POST', WIDGETS, { ...widget('w1'), status: { replicas: 5 } });
    expect(created.body.status).toBeUndefined();
    const main = await call(server, 'PUT', `${WIDGETS}/w1`, { ...created.body, spec: { color: 'blue' }, status: { replicas: 7 } });
    expect(main.body.spec.color).toBe('blue');
    expect(main.body.status).toBeUndefined();
    const status = await call(server, 'PUT', `${WIDGETS}/w1/status`, {
      ...main.body,
      metadata: { ...main.body.metadata, labels: { ignored: 'yes' } },
      spec: { color: 'green' },
      status: { replicas: 7 },
    });
    expect(status.status).toBe(200);
    expect(status.body.status).toEqual({ replicas: 7 });
    expect(status.body.spec.color).toBe('blue');
    expect(status.body.metadata.labels).toBeUndefined();
    expect((await call(server, 'GET', `${WIDGETS}/w1/status`)).body.status).toEqual({ replicas: 7 });
  });

  it('keeps status on the main endpoint of a CRD without the status subresource', async () => {
    const gadget = { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g1' }, status: { ok: true } };
    expect((await call(server, 'POST', GADGETS, gadget)).body.status).toEqual({ ok: true });
    expect((await call(server, 'GET', `${GADGETS}/g1/status`)).status).toBe(404);
  });

  it('maps /scale to the replicas paths and the label selector', async () => {
    await call(server, 'POST', WIDGETS, widget('w1', { color: 'red', replicas: 2 }));
    await call(server, 'PATCH', `${WIDGETS}/w1/status`, { status: { replicas: 1, selector: 'app=w1' } }, MERGE);
    const scale = await call(server, 'GET', `${WIDGETS}/w1/scale`);
    expect(scale.body).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: { name: 'w1', namespace: 'default' },
      spec: { replicas: 2 },
      status: { replicas: 1, selector: 'app=w1' },
    });
    const patched = await call(server, 'PATCH', `${WIDGETS}/w1/scale`, { spec: { replicas: 5 } }, MERGE);
    expect(patched.body.spec.replicas).toBe(5);
    const put = await call(server, 'PUT', `${WIDGETS}/w1/scale`, { ...patched.body, spec: { replicas: 6 } });
    expect(put.body.spec.replicas).toBe(6);
    const object = await call(server, 'GET', `${WIDGETS}/w1`);
    expect(object.body.spec.replicas).toBe(6);
    expect(object.body.metadata.generation).toBe(3);
    const stale = await call(server, 'PUT', `${WIDGETS}/w1/scale`, { ...patched.body, spec: { replicas: 1 } });
    expect(stale.status).toBe(409);
    const negative = await call(server, 'PATCH', `${WIDGETS}/w1/scale`, { spec: { replicas: -1 } }, MERGE);
    expect(negative.status).toBe(422);
    expect(negative.body.message).toBe('Scale.autoscaling "w1" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  });
});

describe('delete', () => {
  it('deletes and answers with a Success Status', async () => {
    const created = (await call(server, 'POST', WIDGETS, widget('w1'))).body;
    const r = await call(server, 'DELETE', `${WIDGETS}/w1`, { propagationPolicy: 'Background' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name: 'w1', group: 'example.com', kind: 'widgets', uid: created.metadata.uid },
      code: 200,
    });
    expect((await call(server, 'GET', `${WIDGETS}/w1`)).status).toBe(404);
    expect((await call(server, 'DELETE', `${WIDGETS}/w1`)).status).toBe(404);
  });

  it('keeps an object with finalizers, sets deletionTimestamp, and removes it with the last finalizer', async () => {
    await call(server, 'POST', WIDGETS, widget('w1', { color: 'red' }, { finalizers: ['example.com/cleanup'] }));
    const marked = await call(server, 'DELETE', `${WIDGETS}/w1`);
    expect(marked.status).toBe(200);
    expect(marked.body.kind).toBe('Widget');
    expect(marked.body.metadata.deletionTimestamp).toMatch(/Z$/);
    expect(marked.body.metadata.generation).toBe(2);
    expect((await call(server, 'GET', `${WIDGETS}/w1`)).status).toBe(200);
    const again = await call(server, 'DELETE', `${WIDGETS}/w1`);
    expect(again.body.metadata.resourceVersion).toBe(marked.body.metadata.resourceVersion);
    const adding = await call(server, 'PATCH', `${WIDGETS}/w1`, { metadata: { finalizers: ['example.com/cleanup', 'x.io/new'] } }, MERGE);
    expect(adding.status).toBe(422);
    expect(adding.body.message).toContain('metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted');
    const released = await call(server, 'PATCH', `${WIDGETS}/w1`, { metadata: { finalizers: null } }, MERGE);
    expect(released.status).toBe(200);
    expect((await call(server, 'GET', `${WIDGETS}/w1`)).status).toBe(404);
  });

  it('checks preconditions', async () => {
    const created = (await call(server, 'POST', WIDGETS, widget('w1'))).body;
    const r = await call(server, 'DELETE', `${WIDGETS}/w1`, { preconditions: { resourceVersion: '1' } });
    expect(r.status).toBe(409);
    expect(r.body.message).toBe(
      `Operation cannot be fulfilled on widgets.example.com "w1": Precondition failed: ResourceVersion in precondition: 1, ResourceVersion in object meta: ${created.metadata.resourceVersion}`,
    );
    const uid = await call(server, 'DELETE', `${WIDGETS}/w1`, { preconditions: { uid: created.metadata.uid } });
    expect(uid.status).toBe(200);
  });

  it('deletes a collection by label selector', async () => {
    await call(server, 'POST', WIDGETS, widget('a', { color: 'red' }, { labels: { tier: 'gold' } }));
    await call(server, 'POST', WIDGETS, widget('b', { color: 'red' }, { labels: { tier: 'silver' } }));
    const r = await call(server, 'DELETE', `${WIDGETS}?labelSelector=tier%3Dgold`);
    expect(r.body.kind).toBe('WidgetList');
    expect(r.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['a']);
    const left = await call(server, 'GET', WIDGETS);
    expect(left.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['b']);
  });
});

describe('dryRun=All', () => {
  it('answers as if written and stores nothing', async () => {
    const created = await call(server, 'POST', `${WIDGETS}?dryRun=All`, widget('w1'));
    expect(created.status).toBe(201);
    expect(created.body.metadata.uid).toBeDefined();
    expect((await call(server, 'GET', `${WIDGETS}/w1`)).status).toBe(404);
    const real = (await call(server, 'POST', WIDGETS, widget('w1'))).body;
    const patched = await call(server, 'PATCH', `${WIDGETS}/w1?dryRun=All`, { spec: { size: 3 } }, MERGE);
    expect(patched.body.spec.size).toBe(3);
    const deleted = await call(server, 'DELETE', `${WIDGETS}/w1?dryRun=All`);
    expect(deleted.status).toBe(200);
    const after = await call(server, 'GET', `${WIDGETS}/w1`);
    expect(after.body).toEqual(real);
    expect((await call(server, 'POST', `${WIDGETS}?dryRun=Some`, widget('x'))).status).toBe(400);
  });
});

describe('CRDs through the API', () => {
  const CRDS = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

  it('reports Established and NamesAccepted, and deleting a CRD drops its resources and objects', async () => {
    const crd = await call(server, 'GET', `${CRDS}/widgets.example.com`);
    expect(crd.body.status.conditions.map((c: { type: string; status: string }) => `${c.type}=${c.status}`)).toEqual([
      'NamesAccepted=True',
      'Established=True',
    ]);
    expect(crd.body.status.acceptedNames).toMatchObject({ kind: 'Widget', plural: 'widgets', listKind: 'WidgetList' });
    expect(crd.body.status.storedVersions).toEqual(['v1']);
    await call(server, 'POST', WIDGETS, widget('w1'));
    const list = await call(server, 'GET', `${CRDS}?fieldSelector=metadata.name%3Dwidgets.example.com`);
    expect(list.body.items).toHaveLength(1);
    expect((await call(server, 'DELETE', `${CRDS}/widgets.example.com`)).status).toBe(200);
    expect((await call(server, 'GET', WIDGETS)).status).toBe(404);
    expect((await call(server, 'GET', '/apis/example.com/v1')).body.resources.map((r: { name: string }) => r.name)).toEqual(['gadgets']);
    const back = await call(server, 'POST', CRDS, { ...crd.body, metadata: { name: 'widgets.example.com' }, status: undefined });
    expect(back.status).toBe(201);
    expect((await call(server, 'GET', WIDGETS)).body.items).toEqual([]);
  });

  it('validates CRDs: the name must be <plural>.<group>', async () => {
    const r = await call(server, 'POST', CRDS, {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'wrong.example.com' },
      spec: { group: 'example.com', scope: 'Namespaced', names: { plural: 'things', kind: 'Thing' }, versions: [{ name: 'v1', served: true, storage: true }] },
    });
    expect(r.status).toBe(422);
    expect(r.body.message).toBe(
      'CustomResourceDefinition.apiextensions.k8s.io "wrong.example.com" is invalid: metadata.name: Invalid value: "wrong.example.com": must be spec.names.plural+"."+spec.group',
    );
  });
});
