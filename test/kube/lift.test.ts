// v1beta1 -> v1 CRD lifting: the one conversion the generator (normalize) and the test API server share.
import { describe, expect, it } from 'vitest';
import { liftV1beta1 } from '../../src/kube/lift.js';

const schema = { type: 'object', properties: { spec: { type: 'object' } } };
const legacy = (spec: object) => ({ apiVersion: 'apiextensions.k8s.io/v1beta1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' }, spec });
const liftedSpec = (spec: object) => liftV1beta1(legacy(spec)).spec;

describe('liftV1beta1', () => {
  it('leaves a v1 CRD as it is', () => {
    const v1 = { apiVersion: 'apiextensions.k8s.io/v1', spec: { version: 'v1', validation: {} } };
    expect(liftV1beta1(v1)).toBe(v1);
  });

  it.each([
    ['top-level version becomes the only version, served and storage', { version: 'v1' }, { versions: [{ name: 'v1', served: true, storage: true }] }],
    ['no version and no versions: no versions', {}, { versions: [] }],
    ['top-level validation moves into every version', { versions: [{ name: 'v1' }, { name: 'v2' }], validation: { openAPIV3Schema: schema } }, {
      versions: [{ name: 'v1', served: true, storage: false, schema: { openAPIV3Schema: schema } }, { name: 'v2', served: true, storage: false, schema: { openAPIV3Schema: schema } }],
    }],
    ['a version keeps its own schema over the top-level one', { versions: [{ name: 'v1', schema: { openAPIV3Schema: { type: 'string' } } }], validation: { openAPIV3Schema: schema } }, {
      versions: [{ name: 'v1', served: true, storage: false, schema: { openAPIV3Schema: { type: 'string' } } }],
    }],
    ['subresources and columns move in; JSONPath becomes jsonPath', { version: 'v1', subresources: { status: {} }, additionalPrinterColumns: [{ name: 'Age', type: 'date', JSONPath: '.metadata.creationTimestamp' }] }, {
      versions: [{ name: 'v1', served: true, storage: true, subresources: { status: {} }, additionalPrinterColumns: [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }] }],
    }],
    ['served: false stays false', { versions: [{ name: 'v1', served: false, storage: true }] }, { versions: [{ name: 'v1', served: false, storage: true }] }],
  ])('%s', (_why, spec, want) => {
    const lifted = liftedSpec(spec);
    expect(lifted).toMatchObject(want);
    expect(lifted).not.toHaveProperty('validation');
    expect(lifted).not.toHaveProperty('version');
  });

  it.each([
    [{}, true],
    [{ preserveUnknownFields: false }, false],
    [{ preserveUnknownFields: true }, true],
  ])('preserveUnknownFields %o lifts to %s (v1beta1 defaults it to true)', (spec, want) => {
    expect(liftedSpec({ version: 'v1', ...spec })).toMatchObject({ preserveUnknownFields: want });
  });

  it('defaults scope to Namespaced and says apiextensions.k8s.io/v1', () => {
    const lifted = liftV1beta1(legacy({ version: 'v1' }));
    expect(lifted.apiVersion).toBe('apiextensions.k8s.io/v1');
    expect(lifted.spec).toMatchObject({ scope: 'Namespaced' });
    expect(liftedSpec({ version: 'v1', scope: 'Cluster' })).toMatchObject({ scope: 'Cluster' });
  });
});
