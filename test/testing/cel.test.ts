// CEL rules (x-kubernetes-validations) evaluated by the test API server on create and update,
// over real HTTP. Expected texts follow apiextensions-apiserver's pkg/apiserver/schema/cel/
// validation.go as of Kubernetes 1.32 (the version this server reports): a false rule is
// field.Invalid(path, <schema type>, message or "failed rule: <rule>"), by `reason` Forbidden /
// Required / Duplicate instead, at `fieldPath` when given; transition rules (oldSelf) run only on
// update where an old value correlates, unless optionalOldSelf.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../src/testing/index.js';
import { explainMissingCorpus, HAS_CORPUS } from '../support/corpus.js';
import { corpusCrd } from '../validation/cel/corpus-rules.js';
import { call, MERGE } from './helpers.js';

const v = (rule: string, extra: Record<string, unknown> = {}) => ({ rule, ...extra });

/** A CRD of ours exercising every rule feature. */
const RULERS = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'rulers.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'rulers', singular: 'ruler', kind: 'Ruler', listKind: 'RulerList' },
    versions: [{
      name: 'v1', served: true, storage: true,
      schema: { openAPIV3Schema: {
        type: 'object',
        'x-kubernetes-validations': [v("self.metadata.name.startsWith('r-')", { message: 'name must start with r-' })],
        properties: { spec: {
          type: 'object',
          'x-kubernetes-validations': [
            v('self.min <= self.max', { message: 'min must not exceed max' }),
            v("!has(self.mode) || self.mode != 'locked'", { reason: 'FieldValueForbidden', fieldPath: '.mode', message: 'locked is reserved' }),
          ],
          properties: {
            min: { type: 'integer' },
            max: { type: 'integer' },
            mode: { type: 'string' },
            even: { type: 'integer', 'x-kubernetes-validations': [v('self % 2 == 0', { messageExpression: "'even must be even, got ' + string(self)" })] },
            owner: { type: 'string', 'x-kubernetes-validations': [v('self == oldSelf', { message: 'owner is immutable' })] },
            size: { type: 'integer', 'x-kubernetes-validations': [v('!oldSelf.hasValue() || self >= oldSelf.value()', { optionalOldSelf: true, message: 'size may only grow' }), v('self < 100')] },
            tags: { type: 'object', additionalProperties: { type: 'string', 'x-kubernetes-validations': [v("self != ''", { reason: 'FieldValueRequired', message: 'tag values must not be empty' })] } },
            ports: {
              type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'],
              items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, port: { type: 'integer' } },
                'x-kubernetes-validations': [v('self.port >= oldSelf.port', { message: 'port may not decrease' })] },
            },
            broken: { type: 'string', 'x-kubernetes-validations': [v('self.size( > 1')] },
          },
        } },
      } },
    }],
  },
};

const RULERS_PATH = '/apis/example.com/v1/namespaces/default/rulers';
const ruler = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'example.com/v1', kind: 'Ruler', metadata: { name }, spec: { min: 1, max: 2, ...spec } });

let server: TestApiServer;
let registrationWarnings: readonly string[];
beforeAll(async () => {
  server = await startTestApiServer();
  registrationWarnings = server.addCrd(RULERS);
});
afterAll(() => server.close());

function causesOf(body: any): { reason: string; message: string; field: string }[] {
  return body.details?.causes ?? [];
}

describe('CEL rules on a CRD of ours', () => {
  it('reports a rule it cannot compile once, when the CRD is registered, naming CRD, path and rule', () => {
    expect(registrationWarnings).toEqual([
      expect.stringMatching(/^CRD rulers\.example\.com version v1: x-kubernetes-validations rule at \.spec\.broken is not evaluated by this test server \(.+\): self\.size\( > 1$/),
    ]);
  });

  it('gives that report as a Warning header on the CRD write over HTTP', async () => {
    const crd = { ...RULERS, metadata: { name: 'others.example.com' }, spec: { ...RULERS.spec, names: { plural: 'others', kind: 'Other' } } };
    const r = await call(server, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd);
    expect(r.status).toBe(201);
    expect(r.headers.get('warning')).toMatch(/^299 - "CRD others\.example\.com version v1: x-kubernetes-validations rule at \.spec\.broken is not evaluated by this test server \(.+\): self\.size\( > 1"$/);
  });

  it('answers a false rule with 422 and the message; the root rule at <nil>', async () => {
    const r = await call(server, 'POST', RULERS_PATH, ruler('x1', { min: 5, max: 1 }));
    expect(r.status).toBe(422);
    expect(r.body.message).toBe(
      'Ruler.example.com "x1" is invalid: [<nil>: Invalid value: "object": name must start with r-, spec: Invalid value: "object": min must not exceed max]',
    );
    expect(causesOf(r.body)).toEqual([
      { reason: 'FieldValueInvalid', message: 'Invalid value: "object": name must start with r-', field: '<nil>' },
      { reason: 'FieldValueInvalid', message: 'Invalid value: "object": min must not exceed max', field: 'spec' },
    ]);
  });

  it('words messageExpression, reason + fieldPath, map values and the default message as the real server', async () => {
    const r = await call(server, 'POST', RULERS_PATH, ruler('r-1', { even: 3, mode: 'locked', size: 200, tags: { a: '' } }));
    expect(r.status).toBe(422);
    expect(causesOf(r.body)).toEqual([
      { reason: 'FieldValueForbidden', message: 'Forbidden: locked is reserved', field: 'spec.mode' },
      { reason: 'FieldValueInvalid', message: 'Invalid value: "integer": even must be even, got 3', field: 'spec.even' },
      { reason: 'FieldValueInvalid', message: 'Invalid value: "integer": failed rule: self < 100', field: 'spec.size' },
      { reason: 'FieldValueRequired', message: 'Required value: tag values must not be empty', field: 'spec.tags[a]' },
    ]);
  });

  it('skips the rules when the schema check found a blocking error, with the placeholder cause', async () => {
    const r = await call(server, 'POST', RULERS_PATH, ruler('x2', { min: 'one', max: 0 }));
    expect(r.status).toBe(422);
    expect(r.body.message).toBe(
      'Ruler.example.com "x2" is invalid: [spec.min: Invalid value: "string": spec.min in body must be of type integer: "string", ' +
        '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation]',
    );
  });

  it('runs transition rules only on update, against the old value; optionalOldSelf also on create', async () => {
    const created = await call(server, 'POST', RULERS_PATH, ruler('r-2', { owner: 'ann', size: 5, ports: [{ name: 'http', port: 80 }] }));
    expect(created.status).toBe(201);
    const same = await call(server, 'PATCH', `${RULERS_PATH}/r-2`, { spec: { size: 6, ports: [{ name: 'http', port: 81 }, { name: 'new', port: 1 }] } }, MERGE);
    expect(same.body.message ?? "").toBe("");
    expect(same.status).toBe(200);
    const r = await call(server, 'PATCH', `${RULERS_PATH}/r-2`, { spec: { owner: 'bob', size: 4, ports: [{ name: 'other', port: 1 }, { name: 'http', port: 80 }] } }, MERGE);
    expect(r.status).toBe(422);
    expect(causesOf(r.body)).toEqual([
      { reason: 'FieldValueInvalid', message: 'Invalid value: "string": owner is immutable', field: 'spec.owner' },
      { reason: 'FieldValueInvalid', message: 'Invalid value: "integer": size may only grow', field: 'spec.size' },
      { reason: 'FieldValueInvalid', message: 'Invalid value: "object": port may not decrease', field: 'spec.ports[1]' },
    ]);
  });
});

explainMissingCorpus();

describe.runIf(HAS_CORPUS)('CEL rules of corpus CRDs over HTTP', () => {
  const GATEWAYS = '/apis/gateway.networking.k8s.io/v1/namespaces/default/gateways';
  const CLASSES = '/apis/gateway.networking.k8s.io/v1/gatewayclasses';
  beforeAll(() => {
    expect(server.addCrd(corpusCrd('gateways.gateway.networking.k8s.io'))).toEqual([]);
    expect(server.addCrd(corpusCrd('gatewayclasses.gateway.networking.k8s.io'))).toEqual([]);
  });

  it('a Gateway breaking a listener rule gets the real 422 message', async () => {
    const gateway = {
      apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'g1' },
      spec: { gatewayClassName: 'c', listeners: [{ name: 'web', port: 80, protocol: 'HTTP', tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert' }] } }] },
    };
    const r = await call(server, 'POST', GATEWAYS, gateway);
    expect(r.status).toBe(422);
    expect(r.body.message).toBe(
      `Gateway.gateway.networking.k8s.io "g1" is invalid: spec.listeners: Invalid value: "array": tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']`,
    );
    const fixed = await call(server, 'POST', GATEWAYS, { ...gateway, spec: { ...gateway.spec, listeners: [{ name: 'web', port: 80, protocol: 'HTTP' }] } });
    expect(fixed.status).toBe(201);
  });

  it("a GatewayClass's controllerName is immutable (transition rule self == oldSelf)", async () => {
    const body = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'c1' }, spec: { controllerName: 'example.com/one' } };
    expect((await call(server, 'POST', CLASSES, body)).status).toBe(201);
    const r = await call(server, 'PATCH', `${CLASSES}/c1`, { spec: { controllerName: 'example.com/two' } }, MERGE);
    expect(r.status).toBe(422);
    expect(r.body.message).toBe('GatewayClass.gateway.networking.k8s.io "c1" is invalid: spec.controllerName: Invalid value: "string": field is immutable');
  });
});
