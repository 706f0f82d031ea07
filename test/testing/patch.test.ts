import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApiServer } from '../../src/testing/index.js';
import { jsonPatch, mergePatch } from '../../src/testing/patch.js';
import { APPLY, call, JSON_PATCH, MERGE, startWithFixtures, widget, WIDGETS } from './helpers.js';

describe('mergePatch (RFC 7386)', () => {
  const cases: [string, { target: unknown; patch: unknown; want: unknown }][] = [
    ['replaces a scalar', { target: { a: 'b' }, patch: { a: 'c' }, want: { a: 'c' } }],
    ['adds a key', { target: { a: 'b' }, patch: { b: 'c' }, want: { a: 'b', b: 'c' } }],
    ['null removes a key', { target: { a: 'b', b: 'c' }, patch: { a: null }, want: { b: 'c' } }],
    ['arrays are replaced', { target: { a: [1, 2] }, patch: { a: [3] }, want: { a: [3] } }],
    ['merges nested objects', { target: { a: { b: 1, c: 2 } }, patch: { a: { b: 3, c: null } }, want: { a: { b: 3 } } }],
    ['object over a scalar', { target: { a: 'x' }, patch: { a: { b: 'c' } }, want: { a: { b: 'c' } } }],
    ['nulls inside a new object are dropped', { target: {}, patch: { a: { b: null } }, want: { a: {} } }],
  ];
  it.each(cases)('%s', (_name, { target, patch, want }) => {
    const before = JSON.stringify(target);
    expect(mergePatch(target, patch)).toEqual(want);
    expect(JSON.stringify(target)).toBe(before);
  });
});

describe('jsonPatch (RFC 6902)', () => {
  const doc = { spec: { tags: ['a', 'b'], size: 1 }, 'x/y': { '~t': 1 } };
  const cases: [string, { ops: unknown[]; want: unknown }][] = [
    ['add appends with -', { ops: [{ op: 'add', path: '/spec/tags/-', value: 'z' }], want: { ...doc, spec: { tags: ['a', 'b', 'z'], size: 1 } } }],
    ['add inserts at an index', { ops: [{ op: 'add', path: '/spec/tags/0', value: 'z' }], want: { ...doc, spec: { tags: ['z', 'a', 'b'], size: 1 } } }],
    ['remove', { ops: [{ op: 'remove', path: '/spec/size' }], want: { ...doc, spec: { tags: ['a', 'b'] } } }],
    ['replace', { ops: [{ op: 'replace', path: '/spec/tags/1', value: 'c' }], want: { ...doc, spec: { tags: ['a', 'c'], size: 1 } } }],
    ['move', { ops: [{ op: 'move', from: '/spec/size', path: '/spec/count' }], want: { ...doc, spec: { tags: ['a', 'b'], count: 1 } } }],
    ['copy', { ops: [{ op: 'copy', from: '/spec/tags/0', path: '/spec/first' }], want: { ...doc, spec: { tags: ['a', 'b'], size: 1, first: 'a' } } }],
    ['test that passes', { ops: [{ op: 'test', path: '/spec/size', value: 1 }], want: doc }],
    ['escaped pointer tokens', { ops: [{ op: 'replace', path: '/x~1y/~0t', value: 2 }], want: { ...doc, 'x/y': { '~t': 2 } } }],
  ];
  it.each(cases)('%s', (_name, { ops, want }) => {
    expect(jsonPatch(doc, ops)).toEqual(want);
    expect(doc.spec.tags).toEqual(['a', 'b']);
  });

  it('fails a test op, a missing path, or an index past the end', () => {
    expect(() => jsonPatch(doc, [{ op: 'test', path: '/spec/size', value: 2 }])).toThrow(/unprocessable|rejected/);
    expect(() => jsonPatch(doc, [{ op: 'replace', path: '/spec/nope', value: 2 }])).toThrow();
    expect(() => jsonPatch(doc, [{ op: 'add', path: '/spec/tags/5', value: 2 }])).toThrow();
    expect(() => jsonPatch(doc, [{ op: 'remove', path: '/nope' }])).toThrow();
  });
});

describe('patches over HTTP', () => {
  let server: TestApiServer;
  beforeEach(async () => {
    server = await startWithFixtures();
    await call(server, 'POST', WIDGETS, widget('w1', { color: 'red', size: 1, tags: ['a'] }, { labels: { keep: 'me' } }));
  });
  afterEach(() => server.close());

  it('merge patch', async () => {
    const r = await call(server, 'PATCH', `${WIDGETS}/w1?fieldManager=kubectl-patch`, { spec: { size: 5, tags: null } }, MERGE);
    expect(r.status).toBe(200);
    expect(r.body.spec).toEqual({ color: 'red', size: 5 });
    expect(r.body.metadata.labels).toEqual({ keep: 'me' });
  });

  it('json patch, and 422 when a test op fails', async () => {
    const r = await call(server, 'PATCH', `${WIDGETS}/w1`, [{ op: 'add', path: '/spec/tags/-', value: 'z' }], JSON_PATCH);
    expect(r.body.spec.tags).toEqual(['a', 'z']);
    const failed = await call(server, 'PATCH', `${WIDGETS}/w1`, [{ op: 'test', path: '/spec/size', value: 99 }], JSON_PATCH);
    expect(failed.status).toBe(422);
    expect(failed.body).toMatchObject({
      reason: 'Invalid',
      message: 'the server rejected our request due to an error in our request',
      details: { causes: [{ reason: 'UnexpectedServerResponse', message: 'testing value /spec/size failed: test failed' }] },
    });
  });

  it('strategic merge patch is 415 with the real message', async () => {
    const r = await call(server, 'PATCH', `${WIDGETS}/w1`, { spec: { size: 2 } }, { 'content-type': 'application/strategic-merge-patch+json' });
    expect(r.status).toBe(415);
    expect(r.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
      reason: 'UnsupportedMediaType',
      code: 415,
    });
  });

  it('patching a missing object is 404 (except apply)', async () => {
    expect((await call(server, 'PATCH', `${WIDGETS}/none`, { spec: {} }, MERGE)).status).toBe(404);
  });

  it('server-side apply creates when missing (201), then updates (200); JSON or YAML bodies', async () => {
    const created = await call(server, 'PATCH', `${WIDGETS}/w2?fieldManager=me&force=true`, widget('w2', { color: 'blue', size: 2 }), APPLY);
    expect(created.status).toBe(201);
    expect(created.body.metadata.managedFields).toMatchObject([{ manager: 'me', operation: 'Apply', fieldsV1: { 'f:spec': { 'f:color': {}, 'f:size': {} } } }]);
    const yaml = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w2\nspec:\n  color: green\n';
    const updated = await call(server, 'PATCH', `${WIDGETS}/w2?fieldManager=me`, yaml, APPLY);
    expect(updated.status).toBe(200);
    expect(updated.body.spec).toEqual({ color: 'green', size: 1 });
  });

  it('server-side apply keeps fields set by others', async () => {
    await call(server, 'PATCH', `${WIDGETS}/w1`, { metadata: { labels: { other: 'x' } } }, MERGE);
    // The creator (an Update manager) owns spec.color: taking it needs force (conflicts: test/testing/ssa.test.ts).
    const r = await call(server, 'PATCH', `${WIDGETS}/w1?fieldManager=me&force=true`, widget('w1', { color: 'green' }), APPLY);
    expect(r.body.spec).toEqual({ color: 'green', size: 1, tags: ['a'] });
    expect(r.body.metadata.labels).toEqual({ keep: 'me', other: 'x' });
  });

  it('server-side apply needs a fieldManager', async () => {
    // apimachinery ValidatePatchOptions: 422 on PatchOptions, before the object is looked up.
    const r = await call(server, 'PATCH', `${WIDGETS}/w1`, widget('w1'), APPLY);
    expect(r.status).toBe(422);
    expect(r.body.message).toBe('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  });

  it('server-side apply on /scale sets spec.replicas through the CRD path (kubectl apply --server-side --subresource=scale)', async () => {
    const scale = { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'w1' }, spec: { replicas: 4 } };
    const r = await call(server, 'PATCH', `${WIDGETS}/w1/scale?fieldManager=me`, scale, APPLY);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ kind: 'Scale', spec: { replicas: 4 } });
    expect((await call(server, 'GET', `${WIDGETS}/w1`)).body.spec.replicas).toBe(4);
    const invalid = await call(server, 'PATCH', `${WIDGETS}/w1/scale?fieldManager=me`, { ...scale, spec: { replicas: -1 } }, APPLY);
    expect(invalid.status).toBe(422);
    expect((await call(server, 'PATCH', `${WIDGETS}/w1/scale`, scale, APPLY)).body.message).toBe(
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
    expect((await call(server, 'PATCH', `${WIDGETS}/none/scale?fieldManager=me`, scale, APPLY)).status).toBe(404);
  });

  it('patches /status without touching spec', async () => {
    const r = await call(server, 'PATCH', `${WIDGETS}/w1/status`, { spec: { size: 100 }, status: { replicas: 3 } }, MERGE);
    expect(r.body.spec.size).toBe(1);
    expect(r.body.status).toEqual({ replicas: 3 });
  });
});
