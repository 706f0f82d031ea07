/**
 * Server-side apply ownership over HTTP. Sources: the Kubernetes documentation "Server-Side Apply"
 * (kubernetes.io/docs/reference/using-api/server-side-apply), structured-merge-diff's merge/update.go
 * (conflicts, pruning) and typed/ (list and map merging), apimachinery's managedfields/internal
 * (conflict.go for messages, managedfieldsupdater.go, stripmeta.go, fieldmanager.go).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApiServer } from '../../src/testing/index.js';
import { call } from './helpers.js';
import { apply, gizmo, GIZMOS, mergePatch, owners, startGizmos } from './ssa-fixture.js';

let server: TestApiServer;
beforeEach(async () => {
  server = await startGizmos();
});
afterEach(() => server.close());

describe('managedFields entries (docs: "Field management"; apimachinery managedfields encoding)', () => {
  it('a create records an Update entry; new objects, list items and set values are members ("." when they have children)', async () => {
    const r = await call(server, 'POST', `${GIZMOS}?fieldManager=creator`, gizmo({ image: 'a', ports: [{ name: 'http', protocol: 'TCP', port: 80 }], tags: ['x'] }, { labels: { app: 'g' } }));
    expect(r.status).toBe(201);
    const [entry] = r.body.metadata.managedFields;
    expect(Object.keys(entry)).toEqual(['manager', 'operation', 'apiVersion', 'time', 'fieldsType', 'fieldsV1']);
    expect(entry).toMatchObject({ manager: 'creator', operation: 'Update', apiVersion: 'ssa.example.com/v1', fieldsType: 'FieldsV1' });
    expect(entry.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(entry.fieldsV1).toEqual({
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': {
        '.': {},
        'f:image': {},
        'f:ports': { '.': {}, 'k:{"name":"http","protocol":"TCP"}': { '.': {}, 'f:name': {}, 'f:port': {}, 'f:protocol': {} } },
        'f:tags': { '.': {}, 'v:"x"': {} },
      },
    });
    expect((await call(server, 'GET', `${GIZMOS}/g1`)).body.metadata.managedFields).toEqual(r.body.metadata.managedFields);
  });

  it('an apply records what the configuration sets (no "." for maps it fills), Apply entries first', async () => {
    await call(server, 'POST', `${GIZMOS}?fieldManager=creator`, gizmo({ image: 'a' }));
    const r = await apply(server, 'kubectl', gizmo({ size: 'big' }, { labels: { test: 'x' } }));
    expect(r.status).toBe(200);
    expect(r.body.metadata.managedFields.map((e: any) => `${e.manager}/${e.operation}`)).toEqual(['kubectl/Apply', 'creator/Update']);
    expect(owners(r.body)['kubectl/Apply']).toEqual({ 'f:metadata': { 'f:labels': { 'f:test': {} } }, 'f:spec': { 'f:size': {} } });
  });

  it('the default manager of a write without fieldManager is the User-Agent up to its first "/"', async () => {
    await call(server, 'POST', GIZMOS, gizmo({ image: 'a' }), { 'user-agent': 'my-controller/v1.2.3 (linux/amd64)' });
    const r = await call(server, 'GET', `${GIZMOS}/g1`);
    expect(r.body.metadata.managedFields[0].manager).toBe('my-controller');
  });
});

describe('conflicts (docs: "Conflicts"; apimachinery conflict.go)', () => {
  beforeEach(async () => {
    await call(server, 'POST', `${GIZMOS}?fieldManager=creator`, gizmo({ image: 'a', size: 's' }));
  });

  it('changing a field another manager owns is 409 with a FieldManagerConflict cause per field', async () => {
    const r = await apply(server, 'alice', gizmo({ image: 'b' }));
    expect(r.status).toBe(409);
    expect(r.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Apply failed with 1 conflict: conflict with "creator" using ssa.example.com/v1: .spec.image',
      reason: 'Conflict',
      details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "creator" using ssa.example.com/v1', field: '.spec.image' }] },
      code: 409,
    });
  });

  it('several conflicts are listed per manager, sorted', async () => {
    await apply(server, 'bob', gizmo({ settings: { k: 'v' } }));
    const r = await apply(server, 'alice', gizmo({ image: 'b', size: 'm', settings: { k: 'w' } }));
    expect(r.body.message).toBe(
      'Apply failed with 3 conflicts: conflicts with "bob":\n- .spec.settings.k\nconflicts with "creator" using ssa.example.com/v1:\n- .spec.image\n- .spec.size',
    );
  });

  it('applying the value a field already has shares it (no conflict); both entries list it', async () => {
    const r = await apply(server, 'alice', gizmo({ image: 'a' }));
    expect(r.status).toBe(200);
    expect(owners(r.body)['alice/Apply']).toEqual({ 'f:spec': { 'f:image': {} } });
    expect(owners(r.body)['creator/Update']).toMatchObject({ 'f:spec': { 'f:image': {} } });
  });

  it('force=true takes the fields: they leave the other entry', async () => {
    const r = await apply(server, 'alice', gizmo({ image: 'b' }), '&force=true');
    expect(r.status).toBe(200);
    expect(r.body.spec.image).toBe('b');
    expect(owners(r.body)['creator/Update']).toEqual({ 'f:spec': { '.': {}, 'f:size': {} } });
  });

  it('an Update never conflicts: it takes what it changes from appliers', async () => {
    await apply(server, 'alice', gizmo({ settings: { k: 'v' } }));
    const r = await mergePatch(server, 'editor', { spec: { settings: { k: 'w' } } });
    expect(r.status).toBe(200);
    expect(owners(r.body)['alice/Apply']).toBeUndefined();
    expect(owners(r.body)['editor/Update']).toEqual({ 'f:spec': { 'f:settings': { 'f:k': {} } } });
  });

  it('an apply whose object does not change keeps the resourceVersion', async () => {
    const first = await apply(server, 'alice', gizmo({ image: 'a' }));
    const again = await apply(server, 'alice', gizmo({ image: 'a' }));
    expect(again.body.metadata.resourceVersion).toBe(first.body.metadata.resourceVersion);
  });
});

describe('merging by list and map type (docs: "Merge strategy"; structured-merge-diff typed/merge.go)', () => {
  const cases: [string, { a: Record<string, unknown>; b: Record<string, unknown>; want: Record<string, unknown> }][] = [
    ['list-type map merges items by their keys', {
      a: { ports: [{ name: 'http', protocol: 'TCP', port: 80 }] },
      b: { ports: [{ name: 'https', protocol: 'TCP', port: 443 }] },
      want: { ports: [{ name: 'http', protocol: 'TCP', port: 80 }, { name: 'https', protocol: 'TCP', port: 443 }] },
    }],
    ['list-type set merges by value', { a: { tags: ['x', 'y'] }, b: { tags: ['z'] }, want: { tags: ['x', 'y', 'z'] } }],
    ['a granular map merges key by key', { a: { settings: { x: '1' } }, b: { settings: { y: '2' } }, want: { settings: { x: '1', y: '2' } } }],
  ];
  it.each(cases)('%s', async (_name, { a, b, want }) => {
    await apply(server, 'a', gizmo(a));
    const r = await apply(server, 'b', gizmo(b));
    expect(r.status).toBe(200);
    expect(r.body.spec).toEqual(want);
  });

  // typed/merge.go visitListItems: shared items follow the configuration's order, live-only items keep their place.
  const orders: [string, string[], string[], string[]][] = [
    ['new values go after the live ones', ['x', 'y', 'z'], ['z', 'w'], ['x', 'y', 'z', 'w']],
    ['shared values take the configuration\'s order', ['x', 'y', 'z', 'w'], ['w', 'x'], ['y', 'z', 'w', 'x']],
  ];
  it.each(orders)('set order: %s', async (_name, live, config, want) => {
    await apply(server, 'a', gizmo({ tags: live }));
    expect((await apply(server, 'b', gizmo({ tags: config }))).body.spec.tags).toEqual(want);
  });

  it('map-list item fields are owned per item: a conflict names the item by its keys', async () => {
    await apply(server, 'a', gizmo({ ports: [{ name: 'http', protocol: 'TCP', port: 80 }] }));
    const r = await apply(server, 'b', gizmo({ ports: [{ name: 'http', protocol: 'TCP', port: 8080 }] }));
    expect(r.body.message).toBe('Apply failed with 1 conflict: conflict with "a": .spec.ports[name="http",protocol="TCP"].port');
  });

  it('a set value owned by another applier conflicts on nothing: values are only added', async () => {
    await apply(server, 'a', gizmo({ tags: ['x'] }));
    const r = await apply(server, 'b', gizmo({ tags: ['x', 'y'] }));
    expect(r.status).toBe(200);
    expect(owners(r.body)['b/Apply']).toEqual({ 'f:spec': { 'f:tags': { 'v:"x"': {}, 'v:"y"': {} } } });
  });

  const atomic: [string, Record<string, unknown>, Record<string, unknown>, string][] = [
    ['a list without list-type is atomic', { args: ['x', 'y'] }, { args: ['z'] }, '.spec.args'],
    ['x-kubernetes-map-type: atomic is replaced whole', { selector: { a: '1' } }, { selector: { b: '2' } }, '.spec.selector'],
  ];
  it.each(atomic)('%s: one owner, a conflict on the whole field, force replaces it', async (_name, first, second, field) => {
    await apply(server, 'a', gizmo(first));
    const conflicted = await apply(server, 'b', gizmo(second));
    expect(conflicted.body.message).toBe(`Apply failed with 1 conflict: conflict with "a": ${field}`);
    const forced = await apply(server, 'b', gizmo(second), '&force=true');
    expect(forced.body.spec).toEqual(second);
    expect(owners(forced.body)['a/Apply']).toBeUndefined();
  });
});

describe('removal of fields an applier stops sending (docs: "Field management", merge/update.go prune)', () => {
  it('a field only the applier owned is removed', async () => {
    await apply(server, 'a', gizmo({ image: 'i', size: 's', ports: [{ name: 'http', protocol: 'TCP', port: 80 }, { name: 'dns', protocol: 'UDP', port: 53 }] }));
    const r = await apply(server, 'a', gizmo({ image: 'i', ports: [{ name: 'http', protocol: 'TCP', port: 80 }] }));
    expect(r.body.spec).toEqual({ image: 'i', ports: [{ name: 'http', protocol: 'TCP', port: 80 }] });
  });

  it('set values and map-list items the applier stops sending go; the other applier\'s stay', async () => {
    await apply(server, 'a', gizmo({ tags: ['x', 'y'], settings: { p: '1', q: '2' } }));
    await apply(server, 'b', gizmo({ tags: ['z'] }));
    const r = await apply(server, 'a', gizmo({ tags: ['x'], settings: { p: '1' } }));
    expect(r.body.spec).toEqual({ tags: ['x', 'z'], settings: { p: '1' } });
  });

  it('a field another applier also owns stays, now owned by that applier alone', async () => {
    await apply(server, 'a', gizmo({ image: 'i', size: 's' }));
    await apply(server, 'b', gizmo({ size: 's' }));
    const r = await apply(server, 'a', gizmo({ image: 'i' }));
    expect(r.body.spec).toEqual({ image: 'i', size: 's' });
    expect(owners(r.body)).toEqual({ 'a/Apply': { 'f:spec': { 'f:image': {} } }, 'b/Apply': { 'f:spec': { 'f:size': {} } } });
  });

  it('a field an Update took from the applier (by changing it) stays when the applier drops it', async () => {
    await apply(server, 'a', gizmo({ image: 'i', settings: { x: '1' } }));
    await mergePatch(server, 'editor', { spec: { settings: { x: '1', y: '2' } } });
    await mergePatch(server, 'editor', { spec: { settings: { x: '9' } } });
    const r = await apply(server, 'a', gizmo({ image: 'i' }));
    expect(r.body.spec).toEqual({ image: 'i', settings: { x: '9', y: '2' } });
  });

  it('a field shared with an Update manager (the applier set the same value) stays', async () => {
    await call(server, 'POST', `${GIZMOS}?fieldManager=creator`, gizmo({ image: 'i', size: 's' }));
    await apply(server, 'a', gizmo({ image: 'i', size: 's' }));
    const r = await apply(server, 'a', gizmo({ image: 'i' }));
    expect(r.body.spec).toEqual({ image: 'i', size: 's' });
  });
});

describe('client-side apply upgrade for the manager "kubectl" (apimachinery lastappliedmanager.go)', () => {
  const LAST = 'kubectl.kubernetes.io/last-applied-configuration';
  beforeEach(async () => {
    const last = JSON.stringify(gizmo({ image: 'a', size: 's' }));
    await call(server, 'POST', `${GIZMOS}?fieldManager=kubectl-client-side-apply`, gizmo({ image: 'a', size: 's' }, { annotations: { [LAST]: last } }));
    await mergePatch(server, 'editor', { spec: { size: 'm' } });
  });

  it('conflicts on fields whose live value still matches the annotation are forced; the rest are reported', async () => {
    const r = await apply(server, 'kubectl', gizmo({ image: 'b', size: 'l' }));
    expect(r.body.message).toBe('Apply failed with 1 conflict: conflict with "editor" using ssa.example.com/v1: .spec.size');
    const ok = await apply(server, 'kubectl', gizmo({ image: 'b', size: 'm' }));
    expect(ok.status).toBe(200);
    expect(ok.body.spec).toEqual({ image: 'b', size: 'm' });
    expect(ok.body.metadata.annotations[LAST]).toBe('{"apiVersion":"ssa.example.com/v1","kind":"Gizmo","metadata":{"name":"g1"},"spec":{"image":"b","size":"m"}}\n');
  });

  it('another manager name gets no such upgrade', async () => {
    const r = await apply(server, 'my-tool', gizmo({ image: 'b' }));
    expect(r.body.message).toBe('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using ssa.example.com/v1: .spec.image');
  });
});
