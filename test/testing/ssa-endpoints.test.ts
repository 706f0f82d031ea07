/**
 * managedFields across endpoints and requests. Sources: the Kubernetes documentation "Server-Side
 * Apply" ("Clearing managedFields", "Using Server-Side Apply in a controller"), apimachinery's
 * managedfields/internal (fieldmanager.go decodeLiveOrNew and isResetManagedFields,
 * skipnonapplied.go, capmanagers.go, structuredmerge.go) and validation.ValidatePatchOptions, and
 * apiserver's scale handling (managedfields ScaleHandler).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApiServer } from '../../src/testing/index.js';
import { call, MERGE } from './helpers.js';
import { apply, gizmo, GIZMOS, mergePatch, owners, startGizmos } from './ssa-fixture.js';

let server: TestApiServer;
beforeEach(async () => {
  server = await startGizmos();
  await call(server, 'POST', `${GIZMOS}?fieldManager=creator`, gizmo({ image: 'a', replicas: 1 }));
});
afterEach(() => server.close());

const managedFields = async (): Promise<any[] | undefined> => (await call(server, 'GET', `${GIZMOS}/g1`)).body.metadata.managedFields;

describe('setting and clearing managedFields', () => {
  const resets: [string, unknown][] = [['an empty list', []], ['a list of one empty entry', [{}]]];
  it.each(resets)('%s clears them; later Updates stay untracked until an apply', async (_name, value) => {
    const cleared = await mergePatch(server, 'editor', { metadata: { managedFields: value }, spec: { size: 'm' } });
    expect(cleared.status).toBe(200);
    expect(cleared.body.metadata.managedFields).toBeUndefined();
    await mergePatch(server, 'editor', { spec: { size: 'l' } });
    expect(await managedFields()).toBeUndefined();
    // An apply to an untracked object first gives everything it holds to "before-first-apply".
    const r = await apply(server, 'alice', gizmo({ size: 'l' }));
    expect(Object.keys(owners(r.body))).toEqual(['alice/Apply', 'before-first-apply/Update']);
    expect(owners(r.body)['before-first-apply/Update']).toEqual({ 'f:spec': { '.': {}, 'f:image': {}, 'f:replicas': {}, 'f:size': {} } });
  });

  it('a write can replace them with valid entries; invalid ones are ignored (the live ones stay)', async () => {
    const mine = [{ manager: 'imported', operation: 'Apply', apiVersion: 'ssa.example.com/v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:image': {} } } }];
    const set = await mergePatch(server, 'editor', { metadata: { managedFields: mine } });
    expect(set.body.metadata.managedFields).toEqual(mine);
    const bad = await mergePatch(server, 'editor', { metadata: { managedFields: [{ manager: 'x', operation: 'Delete', apiVersion: 'v1', fieldsType: 'FieldsV1' }] } });
    expect(bad.body.metadata.managedFields).toEqual(mine);
    expect((await apply(server, 'alice', gizmo({ image: 'b' }))).body.message).toBe('Apply failed with 1 conflict: conflict with "imported": .spec.image');
  });

  it('times are kept to the second, as metav1.Time encodes them', async () => {
    const mine = [{ manager: 'imported', operation: 'Update', apiVersion: 'ssa.example.com/v1', time: '2024-05-06T07:08:09.123Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:image': {} } } }];
    const r = await mergePatch(server, 'editor', { metadata: { managedFields: mine } });
    expect(r.body.metadata.managedFields[0].time).toBe('2024-05-06T07:08:09Z');
  });

  it('a write through /status cannot set them: the live ones are kept', async () => {
    const before = await managedFields();
    const r = await call(server, 'PATCH', `${GIZMOS}/g1/status?fieldManager=editor`, { metadata: { managedFields: [] }, status: { phase: 'Up' } }, MERGE);
    expect(r.status).toBe(200);
    expect(r.body.metadata.managedFields.slice(0, before?.length)).toEqual(before);
    expect(owners(r.body)['editor/Update/status']).toEqual({ 'f:status': { '.': {}, 'f:phase': {} } });
  });

  it('an apply configuration may not carry managedFields (400)', async () => {
    const r = await apply(server, 'alice', gizmo({ image: 'a' }, { managedFields: [] }));
    expect(r.status).toBe(400);
    expect(r.body.message).toBe('metadata.managedFields must be nil');
  });

  it('an apply in another version than the URL is 400', async () => {
    const r = await apply(server, 'alice', { ...gizmo({}), apiVersion: 'ssa.example.com/v2' });
    expect(r.status).toBe(400);
    expect(r.body.message).toBe('Incorrect version specified in apply patch. Specified patch version: ssa.example.com/v2, expected: ssa.example.com/v1');
  });

  it('more than ten Update managers: the oldest are merged into "ancient-changes"', async () => {
    for (let i = 0; i < 11; i++) await mergePatch(server, `updater-${i}`, { spec: { settings: { [`k${i}`]: 'v' } } });
    const names = ((await managedFields()) ?? []).map((e) => e.manager);
    expect(names.filter((n) => n !== 'ancient-changes')).toHaveLength(9);
    expect(names).toContain('ancient-changes');
  });

  it('a dry-run apply answers the result and stores nothing', async () => {
    const before = await managedFields();
    const r = await apply(server, 'alice', gizmo({ size: 'x' }), '&dryRun=All');
    expect(owners(r.body)['alice/Apply']).toEqual({ 'f:spec': { 'f:size': {} } });
    expect(await managedFields()).toEqual(before);
  });
});

describe('PatchOptions (apimachinery ValidatePatchOptions)', () => {
  it('force is refused on a non-apply patch', async () => {
    const r = await call(server, 'PATCH', `${GIZMOS}/g1?force=true`, { spec: {} }, MERGE);
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({
      reason: 'Invalid',
      message: 'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch',
      details: { group: 'meta.k8s.io', kind: 'PatchOptions', causes: [{ reason: 'FieldValueForbidden', field: 'force' }] },
    });
  });
});

describe('typing the applied configuration (structured-merge-diff typed/, apiserver ErrorToAPIStatus)', () => {
  const port = (item: Record<string, unknown>) => gizmo({ ports: [item] });
  it('a map-list item without a key field is a 500 naming the object and the field', async () => {
    const r = await apply(server, 'alice', port({ protocol: 'UDP', port: 53 }));
    expect(r.status).toBe(500);
    expect(r.body.reason).toBeUndefined();
    expect(r.body.message).toBe(
      'failed to create typed patch object (ssa.example.com/v1, Kind=Gizmo /g1): .spec.ports: element 0: associative list with keys has an element that omits key field "name" (and doesn\'t have default value)',
    );
  });

  it('a key field left out counts with its default', async () => {
    const r = await apply(server, 'alice', port({ name: 'http', port: 80 }));
    expect(r.status).toBe(200);
    expect(owners(r.body)['alice/Apply']).toEqual({ 'f:spec': { 'f:ports': { 'k:{"name":"http","protocol":"TCP"}': { '.': {}, 'f:name': {}, 'f:port': {} } } } });
  });

  it('a key repeated in the configuration is refused', async () => {
    const r = await apply(server, 'alice', gizmo({ tags: ['x', 'x'] }));
    expect(r.body.message).toBe('failed to create typed patch object (ssa.example.com/v1, Kind=Gizmo /g1): .spec.tags: duplicate entries for key [="x"]');
  });
});

describe('the fieldManager parameter (apimachinery ValidateFieldManager)', () => {
  it('more than 128 bytes is 422 on patch, create and update alike', async () => {
    const long = 'm'.repeat(129);
    const patched = await apply(server, long, gizmo({}));
    expect(patched.status).toBe(422);
    expect(patched.body.message).toBe('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Too long: may not be more than 128 bytes');
    const created = await call(server, 'POST', `${GIZMOS}?fieldManager=${long}`, gizmo({}, {}, 'g9'));
    expect(created.body.message).toBe('CreateOptions.meta.k8s.io "" is invalid: fieldManager: Too long: may not be more than 128 bytes');
  });

  it('a non-printable character is refused with its position', async () => {
    const r = await apply(server, 'a%01b', gizmo({}));
    expect(r.body.message).toBe('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Invalid value: "a\\x01b": invalid character U+0001 (at position 1)');
  });
});

describe('subresources keep their own entries', () => {
  const status = (s: Record<string, unknown>) => ({ apiVersion: 'ssa.example.com/v1', kind: 'Gizmo', metadata: { name: 'g1' }, status: s });

  it('/status: an entry with subresource "status" owning only status; its conflicts say so', async () => {
    const r = await apply(server, 'status-writer', status({ phase: 'Ready' }), '', `${GIZMOS}/g1/status`);
    expect(r.status).toBe(200);
    const entry = r.body.metadata.managedFields.find((e: any) => e.manager === 'status-writer');
    expect(entry).toMatchObject({ operation: 'Apply', subresource: 'status', fieldsV1: { 'f:status': { 'f:phase': {} } } });
    const other = await apply(server, 'other', status({ phase: 'Failed' }), '', `${GIZMOS}/g1/status`);
    expect(other.body.message).toBe('Apply failed with 1 conflict: conflict with "status-writer" with subresource "status": .status.phase');
  });

  it('status in an apply to the main resource is neither written nor owned', async () => {
    const r = await apply(server, 'alice', { ...gizmo({ image: 'a' }), status: { phase: 'X' } });
    expect(r.body.status).toBeUndefined();
    expect(owners(r.body)['alice/Apply']).toEqual({ 'f:spec': { 'f:image': {} } });
  });

  it('/scale: replicas owners shown as Scale entries; an apply there conflicts with them, and force moves .spec.replicas', async () => {
    const scale = (replicas: number) => ({ apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'g1' }, spec: { replicas } });
    const shown = await call(server, 'GET', `${GIZMOS}/g1/scale`);
    expect(shown.body.metadata.managedFields).toMatchObject([{ manager: 'creator', operation: 'Update', apiVersion: 'autoscaling/v1', fieldsV1: { 'f:spec': { 'f:replicas': {} } } }]);
    const conflicted = await apply(server, 'hpa', scale(3), '', `${GIZMOS}/g1/scale`);
    // The Scale's entries are decoded again, so an Update owner is named by the Scale's version.
    expect(conflicted.body.message).toBe('Apply failed with 1 conflict: conflict with "creator" using autoscaling/v1: .spec.replicas');
    const forced = await apply(server, 'hpa', scale(3), '&force=true', `${GIZMOS}/g1/scale`);
    expect(forced.status).toBe(200);
    expect(forced.body.metadata.managedFields).toMatchObject([{ manager: 'hpa', operation: 'Apply', apiVersion: 'autoscaling/v1', subresource: 'scale' }]);
    const parent = (await call(server, 'GET', `${GIZMOS}/g1`)).body;
    expect(parent.spec.replicas).toBe(3);
    expect(owners(parent)['hpa/Apply/scale']).toEqual({ 'f:spec': { 'f:replicas': {} } });
    expect(owners(parent)['creator/Update']).toEqual({ 'f:spec': { '.': {}, 'f:image': {} } });
  });
});
