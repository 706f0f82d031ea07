import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApiServer } from '../../src/testing/index.js';
import { call, GADGETS, MERGE, startWithFixtures, widget, WIDGETS } from './helpers.js';

let server: TestApiServer;
beforeAll(async () => {
  server = await startWithFixtures();
});
afterAll(() => server.close());

describe('schema validation, pruning and defaults on writes', () => {
  it('answers a schema violation with 422 Invalid and one cause per field', async () => {
    const r = await call(server, 'POST', WIDGETS, widget('bad1', { color: 'purple' }));
    expect(r.status).toBe(422);
    expect(r.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Widget.example.com "bad1" is invalid: spec.color: Unsupported value: "purple": supported values: "red", "green", "blue"',
      reason: 'Invalid',
      details: {
        name: 'bad1',
        group: 'example.com',
        kind: 'Widget',
        causes: [{ reason: 'FieldValueNotSupported', message: 'Unsupported value: "purple": supported values: "red", "green", "blue"', field: 'spec.color' }],
      },
      code: 422,
    });
  });

  it('lists several causes in brackets', async () => {
    const r = await call(server, 'POST', WIDGETS, widget('bad2', { size: -1 }));
    expect(r.status).toBe(422);
    expect(r.body.message).toBe(
      'Widget.example.com "bad2" is invalid: [spec.size: Invalid value: -1: spec.size in body should be greater than or equal to 0, spec.color: Required value]',
    );
    expect(r.body.details.causes.map((c: { field: string }) => c.field).sort()).toEqual(['spec.color', 'spec.size']);
  });

  it('validates updates and patches too, and leaves the stored object alone', async () => {
    await call(server, 'POST', WIDGETS, widget('ok1'));
    const r = await call(server, 'PATCH', `${WIDGETS}/ok1`, { spec: { size: 'big' } }, MERGE);
    expect(r.status).toBe(422);
    expect(r.body.details.causes[0]).toMatchObject({ field: 'spec.size', reason: 'FieldValueTypeInvalid' });
    expect((await call(server, 'GET', `${WIDGETS}/ok1`)).body.spec).toEqual({ color: 'red', size: 1 });
    const status = await call(server, 'PATCH', `${WIDGETS}/ok1/status`, { status: { replicas: 'x' } }, MERGE);
    expect(status.status).toBe(422);
  });

  it('applies schema defaults', async () => {
    const r = await call(server, 'POST', WIDGETS, widget('defaulted', { color: 'green' }));
    expect(r.body.spec).toEqual({ color: 'green', size: 1 });
  });

  it('prunes unknown fields: a warning by default, 400 with fieldValidation=Strict, silence with Ignore', async () => {
    const body = { ...widget('pruned', { color: 'red', colour: 'rot' }), extra: 1 };
    const warned = await call(server, 'POST', WIDGETS, body);
    expect(warned.status).toBe(201);
    expect(warned.body.spec).toEqual({ color: 'red', size: 1 });
    expect(warned.body.extra).toBeUndefined();
    expect(warned.headers.get('warning')).toBe('299 - "unknown field \\"extra\\"", 299 - "unknown field \\"spec.colour\\""');
    const strict = await call(server, 'POST', `${WIDGETS}?fieldValidation=Strict`, { ...body, metadata: { name: 'strict' } });
    expect(strict.status).toBe(400);
    expect(strict.body).toMatchObject({
      reason: 'BadRequest',
      message: 'Widget in version "v1" cannot be handled as a Widget: strict decoding error: unknown field "extra", unknown field "spec.colour"',
    });
    const ignored = await call(server, 'POST', `${WIDGETS}?fieldValidation=Ignore`, { ...body, metadata: { name: 'ignored' } });
    expect(ignored.status).toBe(201);
    expect(ignored.headers.get('warning')).toBeNull();
    expect((await call(server, 'POST', `${WIDGETS}?fieldValidation=Loud`, widget('x'))).status).toBe(400);
  });

  it('keeps unknown fields where the schema preserves them', async () => {
    const gadget = { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g1' }, spec: { anything: [1, { b: 2 }] } };
    const r = await call(server, 'POST', `${GADGETS}?fieldValidation=Strict`, gadget);
    expect(r.status).toBe(201);
    expect(r.body.spec).toEqual({ anything: [1, { b: 2 }] });
  });

  it('checks label keys and values', async () => {
    const r = await call(server, 'POST', WIDGETS, widget('labels', { color: 'red' }, { labels: { 'bad key!': 'x', ok: 'not ok' } }));
    expect(r.status).toBe(422);
    expect(r.body.details.causes.map((c: { field: string }) => c.field)).toEqual(['metadata.labels', 'metadata.labels']);
  });
});
