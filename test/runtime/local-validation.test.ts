// `{ validate: true }` on writes, over real HTTP against the test API server: a refused body never
// reaches the server (its request log stays empty) and fails with the server's own 422; accepted
// bodies are sent; merge patches with validate fail at once; a class without a validator says so.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AbstractAsyncCustomObjectApi, ApiError, isInvalid, type ApiOptions, type KubernetesObjectLike } from '../../src/runtime/index.js';
import type { TestApiServer } from '../../src/testing/index.js';
import { serveGeneratedKind, type ServedKind } from '../support/generated-kind.js';

const schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['size'],
      properties: {
        size: { type: 'integer', minimum: 1, description: 'How many.' },
        teeth: { type: 'integer', 'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'teeth is immutable' }] },
      },
      'x-kubernetes-validations': [{ rule: 'self.size < 100', message: 'size must stay below 100' }],
    },
    status: { type: 'object', properties: { ready: { type: 'boolean' } } },
  },
};
const resource = { group: 'local.test', version: 'v1', plural: 'cogs', kind: 'Cog', listKind: 'CogList', namespaced: true, subresources: { status: true, scale: false } };

interface Cog extends KubernetesObjectLike {
  spec?: { size?: number; teeth?: number };
  status?: { ready?: boolean };
}
class PlainCogApi extends AbstractAsyncCustomObjectApi<Cog> {
  constructor(options: ApiOptions) {
    super(resource, options);
  }
}

let served: ServedKind;
let server: TestApiServer;
/** The CogApi class `crdgen generate --validators` wrote for the CRD. */
let cogs: AbstractAsyncCustomObjectApi<Cog>;
beforeAll(async () => {
  served = await serveGeneratedKind({ group: 'local.test', kind: 'Cog', plural: 'cogs', schema }, { namespace: 'gears', label: 'local-validation', fieldManager: 'test' });
  server = served.server;
  cogs = served.api as unknown as AbstractAsyncCustomObjectApi<Cog>;
}, 120_000);
afterAll(() => served[Symbol.asyncDispose]());
beforeEach(() => server.requests.splice(0));

const refusal = (e: unknown) => (e instanceof ApiError ? { code: e.code, reason: e.reason, message: e.message, causes: e.details?.causes, sent: e.method !== undefined } : e);

describe('validate: true', () => {
  it('refuses a bad create locally with the 422 the server gives for it', async () => {
    const bad = { metadata: { name: 'c1' }, spec: { size: 0 } };
    const local = await cogs.create(bad, { validate: true }).catch(refusal);
    expect(server.requests).toEqual([]);
    const remote = await cogs.create(bad).catch(refusal);
    expect(local).toEqual({ ...(remote as object), sent: false });
    expect(local).toMatchObject({ code: 422, reason: 'Invalid', message: 'Cog.local.test "c1" is invalid: spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1' });
    const caught = await cogs.create(bad, { validate: true }).catch((e: unknown) => e);
    expect(isInvalid(caught)).toBe(true);
  });

  it('sends what it accepts; the status of a create is ignored, as the server ignores it', async () => {
    const created = await cogs.create({ metadata: { name: 'c2' }, spec: { size: 3 }, status: { ready: 'no' as unknown as boolean } }, { validate: true });
    expect(created.spec?.size).toBe(3);
    expect(server.requests.map((r) => r.method)).toEqual(['POST']);
  });

  it('checks replace, update and apply bodies, CEL rules included', async () => {
    const current = await cogs.get('c2');
    const tooBig = { ...current, spec: { size: 200 } };
    const replaced = await cogs.replace(tooBig, { validate: true }).catch(refusal);
    expect(replaced).toMatchObject({ code: 422, causes: [{ field: 'spec', reason: 'FieldValueInvalid', message: 'Invalid value: "object": size must stay below 100' }], sent: false });
    const updated = await cogs.update('c2', (c) => ({ ...c, spec: {} }), { validate: true }).catch(refusal);
    expect(updated).toMatchObject({ code: 422, causes: [{ field: 'spec.size', reason: 'FieldValueRequired' }, { field: '<nil>' }], sent: false });
    const applied = await cogs.apply({ metadata: { name: 'c2' }, spec: { size: -1 } }, { validate: true }).catch(refusal);
    expect(applied).toMatchObject({ code: 422, sent: false });
    expect((await cogs.apply({ metadata: { name: 'c2' }, spec: { size: 4 } }, { validate: true, force: true })).spec?.size).toBe(4);
  });

  it('update checks the write as an update of what it read: transition rules run as on the server', async () => {
    await cogs.create({ metadata: { name: 'c4' }, spec: { size: 1, teeth: 12 } });
    server.requests.splice(0);
    const updated = await cogs.update('c4', (c) => ({ ...c, spec: { ...c.spec, teeth: 13 } }), { validate: true }).catch(refusal);
    expect(updated).toMatchObject({ code: 422, causes: [{ field: 'spec.teeth', reason: 'FieldValueInvalid', message: 'Invalid value: "integer": teeth is immutable' }], sent: false });
    expect(server.requests.map((r) => r.method)).toEqual(['GET']);
    const remote = await cogs.update('c4', (c) => ({ ...c, spec: { ...c.spec, teeth: 13 } })).catch(refusal);
    expect(updated).toEqual({ ...(remote as object), sent: false });
    // replace without the stored object checks it as a create (no oldSelf: the server refuses it); with it, as the server does.
    const current = await cogs.get('c4');
    const unchecked = await cogs.replace({ ...current, spec: { size: 1, teeth: 13 } }, { validate: true, dryRun: true }).catch(refusal);
    expect(unchecked).toMatchObject({ code: 422, sent: true });
    const replaced = await cogs.replace({ ...current, spec: { size: 1, teeth: 13 } }, { validate: { old: current } }).catch(refusal);
    expect(replaced).toMatchObject({ code: 422, sent: false });
    expect((await cogs.update('c4', (c) => ({ ...c, spec: { ...c.spec, size: 2 } }), { validate: true })).spec).toEqual({ size: 2, teeth: 12 });
  });

  it('fails a merge or JSON patch at once, sending nothing', async () => {
    await expect(cogs.patch('c2', { type: 'merge', body: { spec: { size: 5 } } }, { validate: true })).rejects.toThrow(
      'Cog: validate: true checks whole objects (create, replace, update, apply); a merge patch is checked by the server only',
    );
    expect(server.requests).toEqual([]);
    expect((await cogs.patch('c2', { type: 'merge', body: { spec: { size: 5 } } })).spec?.size).toBe(5);
  });

  it('says what is missing in a class generated without validators', async () => {
    const plain = new PlainCogApi({ kubeConfig: server.kubeConfig, namespace: 'gears' });
    await expect(plain.create({ metadata: { name: 'c3' }, spec: { size: 1 } }, { validate: true })).rejects.toThrow(
      'Cog: validate: true needs a client generated with validators (crdgen generate --validators)',
    );
    expect((await plain.create({ metadata: { name: 'c3' }, spec: { size: 1 } })).metadata?.name).toBe('c3');
  });
});
