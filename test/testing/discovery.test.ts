import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApiServer } from '../../src/testing/index.js';
import { startTestApiServer } from '../../src/testing/index.js';
import { encodeDocument } from '../../src/testing/openapi-v2.js';
import { call, fixture, startWithFixtures } from './helpers.js';

const V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
const V2BETA1 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';
const KUBECTL_ACCEPT = `${V2},${V2BETA1},application/json`;

describe('discovery', () => {
  let server: TestApiServer;
  beforeAll(async () => {
    server = await startWithFixtures();
  });
  afterAll(() => server.close());

  it('reports version 1.32 (kubectl picks its binary by minor)', async () => {
    const r = await call(server, 'GET', '/version?timeout=5s');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.body).toMatchObject({ major: '1', minor: '32' });
  });

  it('serves aggregated v2 discovery with the exact Content-Type when asked', async () => {
    const r = await call(server, 'GET', '/apis', undefined, { accept: KUBECTL_ACCEPT });
    expect(r.headers.get('content-type')).toBe(V2);
    expect(r.body.kind).toBe('APIGroupDiscoveryList');
    expect(r.body.apiVersion).toBe('apidiscovery.k8s.io/v2');
    const groups = r.body.items.map((i: { metadata: { name: string } }) => i.metadata.name);
    expect(groups).toEqual(['apiextensions.k8s.io', 'coordination.k8s.io', 'events.k8s.io', 'example.com']);
    const example = r.body.items[3];
    expect(example.versions.map((v: { version: string }) => v.version)).toEqual(['v1', 'v1beta1']);
    const widgets = example.versions[0].resources.find((x: { resource: string }) => x.resource === 'widgets');
    expect(widgets).toEqual({
      resource: 'widgets',
      responseKind: { group: 'example.com', version: 'v1', kind: 'Widget' },
      scope: 'Namespaced',
      singularResource: 'widget',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['wg'],
      categories: ['all-examples'],
      subresources: [
        { subresource: 'status', responseKind: { group: 'example.com', version: 'v1', kind: 'Widget' }, verbs: ['get', 'patch', 'update'] },
        { subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] },
      ],
    });
    const gadgets = example.versions[0].resources.find((x: { resource: string }) => x.resource === 'gadgets');
    expect(gadgets.scope).toBe('Cluster');
  });

  it('answers v2beta1 to a client that asks only for v2beta1', async () => {
    const r = await call(server, 'GET', '/apis', undefined, { accept: `${V2BETA1},application/json` });
    expect(r.headers.get('content-type')).toBe(V2BETA1);
    expect(r.body.apiVersion).toBe('apidiscovery.k8s.io/v2beta1');
  });

  it('serves plain discovery otherwise: /api, /apis, /apis/<group>, /apis/<group>/<version>', async () => {
    const api = await call(server, 'GET', '/api');
    expect(api.body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const apis = await call(server, 'GET', '/apis');
    expect(apis.headers.get('content-type')).toBe('application/json');
    expect(apis.body.groups).toContainEqual({
      name: 'example.com',
      versions: [
        { groupVersion: 'example.com/v1', version: 'v1' },
        { groupVersion: 'example.com/v1beta1', version: 'v1beta1' },
      ],
      preferredVersion: { groupVersion: 'example.com/v1', version: 'v1' },
    });
    const group = await call(server, 'GET', '/apis/example.com');
    expect(group.body).toMatchObject({ kind: 'APIGroup', name: 'example.com' });
    const gv = await call(server, 'GET', '/apis/example.com/v1');
    expect(gv.body.groupVersion).toBe('example.com/v1');
    expect(gv.body.resources.map((r: { name: string }) => r.name)).toEqual(['gadgets', 'widgets', 'widgets/status', 'widgets/scale']);
    expect(gv.body.resources[1]).toMatchObject({ name: 'widgets', singularName: 'widget', namespaced: true, kind: 'Widget', shortNames: ['wg'] });
    expect(gv.body.resources[3]).toMatchObject({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
    const beta = await call(server, 'GET', '/apis/example.com/v1beta1');
    expect(beta.body.resources.map((r: { name: string }) => r.name)).toEqual(['gadgets']);
  });

  it('answers unknown paths with a NotFound Status', async () => {
    const r = await call(server, 'GET', '/apis/nope.example.com/v1');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the server could not find the requested resource',
      reason: 'NotFound',
      details: {},
      code: 404,
    });
    expect((await call(server, 'GET', '/apis/example.com/v1/namespaces/default/gadgets')).status).toBe(404);
  });

  it('answers health checks with ok', async () => {
    const r = await call(server, 'GET', '/readyz');
    expect(r).toMatchObject({ status: 200, body: 'ok' });
  });
});

describe('OpenAPI v3', () => {
  let server: TestApiServer;
  beforeAll(async () => {
    server = await startWithFixtures();
  });
  afterAll(() => server.close());

  it('lists every group/version with a content hash', async () => {
    const r = await call(server, 'GET', '/openapi/v3');
    expect(Object.keys(r.body.paths)).toEqual([
      'api/v1',
      'apis/apiextensions.k8s.io/v1',
      'apis/coordination.k8s.io/v1',
      'apis/events.k8s.io/v1',
      'apis/example.com/v1',
      'apis/example.com/v1beta1',
    ]);
    expect(r.body.paths['apis/example.com/v1'].serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/example\.com\/v1\?hash=[0-9A-F]{128}$/);
  });

  it('gives PATCH operations an object GVK and the fieldValidation parameter (kubectl validates with them)', async () => {
    const root = await call(server, 'GET', '/openapi/v3');
    const doc = await call(server, 'GET', root.body.paths['apis/example.com/v1'].serverRelativeURL);
    const item = doc.body.paths['/apis/example.com/v1/namespaces/{namespace}/widgets/{name}'];
    expect(item.patch['x-kubernetes-group-version-kind']).toEqual({ group: 'example.com', version: 'v1', kind: 'Widget' });
    expect(item.patch.parameters).toContainEqual(expect.objectContaining({ name: 'fieldValidation', in: 'query' }));
    const gadget = doc.body.paths['/apis/example.com/v1/gadgets/{name}'];
    expect(gadget.patch['x-kubernetes-group-version-kind'].kind).toBe('Gadget');
    const crds = await call(server, 'GET', '/openapi/v3/apis/apiextensions.k8s.io/v1');
    const crdPatch = crds.body.paths['/apis/apiextensions.k8s.io/v1/customresourcedefinitions/{name}'].patch;
    expect(crdPatch['x-kubernetes-group-version-kind'].kind).toBe('CustomResourceDefinition');
  });

  it('publishes component schemas with a GVK list (kubectl explain)', async () => {
    const doc = await call(server, 'GET', '/openapi/v3/apis/example.com/v1');
    const schema = doc.body.components.schemas['com.example.v1.Widget'];
    expect(schema['x-kubernetes-group-version-kind']).toEqual([{ group: 'example.com', version: 'v1', kind: 'Widget' }]);
    expect(schema.properties.spec.properties.color.enum).toEqual(['red', 'green', 'blue']);
    expect(schema.properties.metadata.allOf[0].$ref).toBe('#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
    expect(doc.body.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'].properties.name.type).toBe('string');
  });

  it('changes the hash when a schema changes', async () => {
    const local = await startTestApiServer();
    try {
      const before = await call(local, 'GET', '/openapi/v3');
      expect(Object.keys(before.body.paths)).not.toContain('apis/example.com/v1');
      local.addCrd(fixture('widget-crd.yaml'));
      const first = (await call(local, 'GET', '/openapi/v3')).body.paths['apis/example.com/v1'].serverRelativeURL;
      const path = '/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/weight';
      const patched = await call(
        local,
        'PATCH',
        '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com',
        [{ op: 'add', path, value: { type: 'integer' } }],
        { 'content-type': 'application/json-patch+json' },
      );
      expect(patched.status).toBe(200);
      const second = (await call(local, 'GET', '/openapi/v3')).body.paths['apis/example.com/v1'].serverRelativeURL;
      expect(second).not.toBe(first);
    } finally {
      await local.close();
    }
  });
});

describe('OpenAPI v2 (kubectl before 1.29)', () => {
  it('encodes gnostic protobuf by hand', () => {
    const bytes = encodeDocument({ swagger: '2.0', info: { title: 'T', version: 'v' }, definitions: {} });
    expect(bytes.toString('hex')).toBe('0a03322e30' + '12060a0154120176' + '4200' + '4a00');
    const withSchema = encodeDocument({ swagger: '2.0', info: {}, definitions: { A: { type: 'string' } } });
    // definitions(9) { NamedSchema(1) { name(1) "A", value(2) Schema { type(22) TypeItem { value(1) "string" } } } }
    expect(withSchema.subarray(-20).toString('hex')).toBe('4a12' + '0a10' + '0a0141' + '120b' + 'b201' + '08' + '0a06' + Buffer.from('string').toString('hex'));
  });

  it('serves protobuf to clients that ask for it, JSON otherwise, with the custom resources as definitions', async () => {
    const server = await startWithFixtures();
    try {
      const response = await fetch(`${server.url}/openapi/v2`, { headers: { accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' } });
      expect(response.headers.get('content-type')).toBe('application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.includes(Buffer.from('com.example.v1.Widget'))).toBe(true);
      const json = await call(server, 'GET', '/openapi/v2');
      const widget = json.body.definitions['com.example.v1.Widget'];
      expect(widget['x-kubernetes-group-version-kind']).toEqual([{ group: 'example.com', kind: 'Widget', version: 'v1' }]);
      expect(widget.properties.spec.properties.color).toEqual({ type: 'string', enum: ['red', 'green', 'blue'] });
      expect(widget.properties.metadata).toEqual({ $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' });
      // preserve-unknown-fields nodes are published untyped, so old kubectl accepts any content
      expect(json.body.definitions['com.example.v1.Gadget']).toEqual({
        type: 'object',
        'x-kubernetes-group-version-kind': [{ group: 'example.com', kind: 'Gadget', version: 'v1' }],
      });
    } finally {
      await server.close();
    }
  });
});

describe('authentication', () => {
  it('requires the bearer token when one is set, and the kubeconfig carries it', async () => {
    const server = await startWithFixtures({ token: 's3cret' });
    try {
      const denied = await call(server, 'GET', '/apis');
      expect(denied.status).toBe(401);
      expect(denied.body).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
      const allowed = await call(server, 'GET', '/apis', undefined, { authorization: 'Bearer s3cret' });
      expect(allowed.status).toBe(200);
      expect((await call(server, 'GET', '/healthz')).status).toBe(200);
      expect(server.kubeConfig.getCurrentUser()?.token).toBe('s3cret');
      expect(server.kubeConfigYaml).toContain('token: s3cret');
    } finally {
      await server.close();
    }
  });

  it('writes a kubeconfig with insecure-skip-tls-verify and the default namespace', async () => {
    const server = await startTestApiServer();
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(server.kubeConfig.getCurrentCluster()).toMatchObject({ server: server.url, skipTLSVerify: true });
      expect(server.kubeConfig.getContextObject(server.kubeConfig.getCurrentContext())?.namespace).toBe('default');
      expect(server.kubeConfigYaml).toContain('insecure-skip-tls-verify: true');
    } finally {
      await server.close();
    }
  });
});
