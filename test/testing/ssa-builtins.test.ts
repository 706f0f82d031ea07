/**
 * Server-side apply on built-in kinds (core/v1 ConfigMap: `data` is a granular map). Sources: the
 * Kubernetes documentation "Server-Side Apply" (its ConfigMap examples) and apimachinery conflict.go.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../src/testing/index.js';
import { APPLY, call } from './helpers.js';
import { owners } from './ssa-fixture.js';

const CONFIGMAPS = '/api/v1/namespaces/default/configmaps';
const configMap = (data: Record<string, string>, labels?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'cm', ...(labels ? { labels } : {}) },
  data,
});
const apply = (manager: string, body: unknown, query = '') => call(server, 'PATCH', `${CONFIGMAPS}/cm?fieldManager=${manager}${query}`, body, APPLY);

let server: TestApiServer;
beforeEach(async () => {
  server = await startTestApiServer();
});
afterEach(() => server.close());

it('the documentation example: an apply records f:data and f:metadata.f:labels', async () => {
  const r = await apply('kubectl', configMap({ key: 'some value' }, { 'test-label': 'test' }));
  expect(r.status).toBe(201);
  expect(r.body.metadata.managedFields).toEqual([
    {
      manager: 'kubectl',
      operation: 'Apply',
      apiVersion: 'v1',
      time: expect.stringMatching(/Z$/),
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:data': { 'f:key': {} }, 'f:metadata': { 'f:labels': { 'f:test-label': {} } } },
    },
  ]);
});

it('data keys merge between managers; changing another manager\'s key conflicts', async () => {
  await apply('a', configMap({ one: '1' }));
  const merged = await apply('b', configMap({ two: '2' }));
  expect(merged.body.data).toEqual({ one: '1', two: '2' });
  const clash = await apply('b', configMap({ one: 'x', two: '2' }));
  expect(clash.status).toBe(409);
  expect(clash.body.message).toBe('Apply failed with 1 conflict: conflict with "a": .data.one');
  expect(owners((await apply('b', configMap({ one: 'x', two: '2' }), '&force=true')).body)).toEqual({
    'b/Apply': { 'f:data': { 'f:one': {}, 'f:two': {} } },
  });
});
