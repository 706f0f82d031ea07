// `{ validate: true }` on writes, over real HTTP against the test API server: a refused body never
// reaches the server (its request log stays empty) and fails with the server's own 422; accepted
// bodies are sent; merge patches with validate fail at once; a class without a validator says so.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AbstractAsyncCustomObjectApi, ApiError, isInvalid, type ApiOptions, type KubernetesObjectLike } from '../../src/runtime/index.js';
import { startTestApiServer, type TestApiServer } from '../../src/testing/index.js';
import { compactSchema, kindValidator } from '../../src/validation/index.js';

const schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['size'],
      properties: { size: { type: 'integer', minimum: 1, description: 'How many.' } },
      'x-kubernetes-validations': [{ rule: 'self.size < 100', message: 'size must stay below 100' }],
    },
    status: { type: 'object', properties: { ready: { type: 'boolean' } } },
  },
};
const crd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'cogs.local.test' },
  spec: {
    group: 'local.test',
    scope: 'Namespaced',
    names: { kind: 'Cog', plural: 'cogs', singular: 'cog', listKind: 'CogList' },
    versions: [{ name: 'v1', served: true, storage: true, subresources: { status: {} }, schema: { openAPIV3Schema: schema } }],
  },
};
const resource = { group: 'local.test', version: 'v1', plural: 'cogs', kind: 'Cog', listKind: 'CogList', namespaced: true, subresources: { status: true, scale: false } };

interface Cog extends KubernetesObjectLike {
  spec?: { size?: number };
  status?: { ready?: boolean };
}
const cogValidator = kindValidator<Cog>(resource, () => compactSchema(schema));
class CogApi extends AbstractAsyncCustomObjectApi<Cog> {
  protected override readonly validator = cogValidator;
  constructor(options: ApiOptions) {
    super(resource, options);
  }
}
class PlainCogApi extends AbstractAsyncCustomObjectApi<Cog> {
  constructor(options: ApiOptions) {
    super(resource, options);
  }
}

let server: TestApiServer;
let cogs: CogApi;
beforeAll(async () => {
  server = await startTestApiServer({ crds: [crd], namespaces: ['gears'] });
  cogs = new CogApi({ kubeConfig: server.kubeConfig, namespace: 'gears', fieldManager: 'test' });
});
afterAll(() => server.close());
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
