/**
 * Request rules kube-apiserver takes from apimachinery, over real HTTP. Each test names its source.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApiServer } from '../../src/testing/index.js';
import { call, openWatch, startWithFixtures, widget, WIDGETS } from './helpers.js';

let server: TestApiServer;
beforeEach(async () => {
  server = await startWithFixtures();
});
afterEach(() => server.close());

describe('boolean query parameters', () => {
  // k8s.io/apimachinery/pkg/runtime/conversion.go, Convert_Slice_string_To_bool: only an absent
  // parameter, "0" and "false" (compared with strings.EqualFold) are false; everything else,
  // the empty string included, is true. The first value counts.
  it.each(['true', 'True', '1', 'yes', ''])('watch=%j opens a watch', async (value) => {
    await call(server, 'POST', WIDGETS, widget('w1'));
    const watch = await openWatch(server, `${WIDGETS}?watch=${value}`);
    expect((await watch.next(30_000))?.type).toBe('ADDED');
    watch.close();
  });

  it.each(['false', 'FALSE', 'False', '0'])('watch=%s is a plain list', async (value) => {
    const r = await call(server, 'GET', `${WIDGETS}?watch=${value}`);
    expect(r.body.kind).toBe('WidgetList');
  });

  it('reads the first of repeated values', async () => {
    expect((await call(server, 'GET', `${WIDGETS}?watch=0&watch=true`)).body.kind).toBe('WidgetList');
  });

  it('allowWatchBookmarks=True and sendInitialEvents=True act as true', async () => {
    await call(server, 'POST', WIDGETS, widget('w1'));
    const watch = await openWatch(server, `${WIDGETS}?watch=True&sendInitialEvents=True&allowWatchBookmarks=True&resourceVersionMatch=NotOlderThan`);
    expect((await watch.next(30_000))?.type).toBe('ADDED');
    const bookmark = await watch.next(30_000);
    expect(bookmark?.type).toBe('BOOKMARK');
    expect(bookmark?.object.metadata.annotations).toEqual({ 'k8s.io/initial-events-end': 'true' });
    watch.close();
  });

  it('the fault matcher sees watch=True as a watch', async () => {
    server.faults.failNext({ status: 503, watch: true });
    expect((await call(server, 'GET', WIDGETS)).status).toBe(200);
    expect((await call(server, 'GET', `${WIDGETS}?watch=True`)).status).toBe(503);
  });
});

describe('create with metadata.resourceVersion', () => {
  // k8s.io/apiserver/pkg/storage/etcd3/store.go Create returns storage.ErrResourceVersionSetOnCreate,
  // which no Interpret*Error maps, so responsewriters.ErrorToAPIStatus answers 500 with reason
  // StatusReasonUnknown (""), omitted from the JSON.
  it('is refused with 500 and the storage message', async () => {
    const r = await call(server, 'POST', WIDGETS, widget('w1', { color: 'red' }, { resourceVersion: '12' }));
    expect(r.status).toBe(500);
    expect(r.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'resourceVersion should not be set on objects to be created',
      code: 500,
    });
    expect((await call(server, 'GET', `${WIDGETS}/w1`)).status).toBe(404);
  });

  it('a resourceVersion that does not parse as a number, or "0", is dropped as there', async () => {
    expect((await call(server, 'POST', WIDGETS, widget('w1', { color: 'red' }, { resourceVersion: '0' }))).status).toBe(201);
    expect((await call(server, 'POST', WIDGETS, widget('w2', { color: 'red' }, { resourceVersion: 'abc' }))).status).toBe(201);
  });

  it('dryRun does not reach storage, so it passes', async () => {
    const r = await call(server, 'POST', `${WIDGETS}?dryRun=All`, widget('w1', { color: 'red' }, { resourceVersion: '12' }));
    expect(r.status).toBe(201);
  });
});

describe('ownerReferences', () => {
  // k8s.io/apimachinery/pkg/api/validation/objectmeta.go: validateOwnerReference and
  // ValidateOwnerReferences (paths without an index; one controller at most).
  const owned = (refs: unknown[]) => widget('w1', { color: 'red' }, { ownerReferences: refs });

  it('an entry without uid, apiVersion, kind and name gets one cause each', async () => {
    const r = await call(server, 'POST', WIDGETS, owned([{ controller: true }]));
    expect(r.status).toBe(422);
    expect(r.body.details.causes).toEqual([
      { reason: 'FieldValueInvalid', message: 'Invalid value: "": version must not be empty', field: 'metadata.ownerReferences.apiVersion' },
      { reason: 'FieldValueInvalid', message: 'Invalid value: "": must not be empty', field: 'metadata.ownerReferences.kind' },
      { reason: 'FieldValueInvalid', message: 'Invalid value: "": must not be empty', field: 'metadata.ownerReferences.name' },
      { reason: 'FieldValueInvalid', message: 'Invalid value: "": must not be empty', field: 'metadata.ownerReferences.uid' },
    ]);
    const missingUid = await call(server, 'POST', WIDGETS, owned([{ apiVersion: 'v1', kind: 'ConfigMap', name: 'c' }]));
    expect(missingUid.body.message).toBe('Widget.example.com "w1" is invalid: metadata.ownerReferences.uid: Invalid value: "": must not be empty');
  });

  it('refuses an apiVersion without a version and a second controller', async () => {
    const noVersion = await call(server, 'POST', WIDGETS, owned([{ apiVersion: 'apps/', kind: 'Deployment', name: 'd', uid: 'u1' }]));
    expect(noVersion.body.details.causes[0].message).toBe('Invalid value: "apps/": version must not be empty');
    const refs = [
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'a', uid: 'u1', controller: true },
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'b', uid: 'u2', controller: true },
    ];
    const two = await call(server, 'POST', WIDGETS, owned(refs));
    expect(two.status).toBe(422);
    const cause = two.body.details.causes[0];
    expect(cause.field).toBe('metadata.ownerReferences');
    expect(cause.message).toBe(`Invalid value: ${JSON.stringify(refs)}: Only one reference can have Controller set to true. Found "true" in references for ConfigMap/a and ConfigMap/b`);
  });

  it('applies on update too, and accepts a valid reference', async () => {
    // A real owner: the garbage collector would collect a widget whose owner does not exist.
    const owner = await call(server, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
    const ok = await call(server, 'POST', WIDGETS, owned([{ apiVersion: 'v1', kind: 'ConfigMap', name: 'c', uid: owner.body.metadata.uid, controller: true }]));
    expect(ok.status).toBe(201);
    const bad = await call(server, 'PUT', `${WIDGETS}/w1`, { ...ok.body, metadata: { ...ok.body.metadata, ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'c' }] } });
    expect(bad.status).toBe(422);
    expect(bad.body.details.causes[0].field).toBe('metadata.ownerReferences.uid');
  });
});

describe('labels, annotations and finalizers', () => {
  // k8s.io/apimachinery/pkg/api/validation/objectmeta.go: ValidateAnnotations (qualified keys in
  // any case, TotalAnnotationSizeLimitB = 256 KiB of keys and values) and ValidateFinalizers.
  const meta = (extra: Record<string, unknown>) => widget('w1', { color: 'red' }, extra);

  it('refuses annotations over 256 KiB in all, and accepts exactly 256 KiB', async () => {
    const at = (n: number) => ({ annotations: { 'example.com/a': 'x'.repeat(n - 'example.com/a'.length) } });
    const big = await call(server, 'POST', WIDGETS, meta(at(256 * 1024 + 1)));
    expect(big.status).toBe(422);
    expect(big.body.details.causes).toEqual([{ reason: 'FieldValueTooLong', message: 'Too long: may not be more than 262144 bytes', field: 'metadata.annotations' }]);
    expect((await call(server, 'POST', WIDGETS, meta(at(256 * 1024)))).status).toBe(201);
  });

  it('checks annotation keys whatever their case, label keys and values as they are', async () => {
    const r = await call(server, 'POST', WIDGETS, meta({ annotations: { 'Example.com/Key': 'v', 'a/b/c': 'v' }, labels: { 'Bad Key': 'ok', ok: '-bad' } }));
    expect(r.status).toBe(422);
    expect(r.body.details.causes.map((c: { field: string; message: string }) => `${c.field}: ${c.message.slice(0, c.message.indexOf('": ') + 1)}`)).toEqual([
      'metadata.labels: Invalid value: "Bad Key"',
      'metadata.labels: Invalid value: "-bad"',
      'metadata.annotations: Invalid value: "a/b/c"',
    ]);
  });

  it('refuses a finalizer that is not a qualified name, and orphan with foregroundDeletion', async () => {
    const r = await call(server, 'POST', WIDGETS, meta({ finalizers: ['example.com/ok', 'a/b/c', 'orphan', 'foregroundDeletion'] }));
    expect(r.status).toBe(422);
    expect(r.body.details.causes.map((c: { field: string }) => c.field)).toEqual(['metadata.finalizers', 'metadata.finalizers']);
    expect(r.body.details.causes[1].message).toBe(
      'Invalid value: ["example.com/ok","a/b/c","orphan","foregroundDeletion"]: finalizer orphan and foregroundDeletion cannot be both set',
    );
  });
});

describe('remainingItemCount', () => {
  // k8s.io/apiserver/pkg/storage/etcd3/store.go GetList: remainingItemCount is set only
  // `if pred.Empty()`, i.e. without label and field selectors.
  it('is sent for a paged list without selectors and left out with one', async () => {
    for (const name of ['a', 'b', 'c']) await call(server, 'POST', WIDGETS, widget(name, { color: 'red' }, { labels: { tier: 'x' } }));
    const plain = await call(server, 'GET', `${WIDGETS}?limit=1`);
    expect(plain.body.metadata).toMatchObject({ remainingItemCount: 2 });
    const labelled = await call(server, 'GET', `${WIDGETS}?limit=1&labelSelector=tier%3Dx`);
    expect(labelled.body.metadata.continue).toBeDefined();
    expect(labelled.body.metadata.remainingItemCount).toBeUndefined();
    const fielded = await call(server, 'GET', `${WIDGETS}?limit=1&fieldSelector=metadata.namespace%3Ddefault`);
    expect(fielded.body.metadata.continue).toBeDefined();
    expect(fielded.body.metadata.remainingItemCount).toBeUndefined();
  });
});
