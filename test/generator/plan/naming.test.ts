import { describe, expect, it } from 'vitest';
import { camelCase, pascalCase, separatedCase, singular } from '../../../src/generator/plan/naming.js';
import { normalize } from '../../../src/generator/normalize/normalize.js';
import { DEFAULT_OPTIONS } from '../../../src/generator/options.js';
import { parse } from '../../../src/generator/parse/parse.js';
import { plan } from '../../../src/generator/plan/plan.js';
import { crdYaml } from '../../support/fixtures.js';

describe('pascalCase', () => {
  it.each([
    ['privateKey', 'PrivateKey'],
    ['private-key', 'PrivateKey'],
    ['dotted.name', 'DottedName'],
    ['v1beta1Config', 'V1beta1Config'],
    ['k8sServiceSelector', 'K8sServiceSelector'],
    ['http01', 'Http01'],
    ['__proto__', 'Proto'],
    ['-Xmx', 'Xmx'],
    ['2fast', 'Fast'],
    ['HTTPRoute', 'HTTPRoute'],
    ['adapter', 'Adapter'],
    ['Ünïcode', 'Unicode'],
    ['$', ''],
  ])('%s -> %s', (given, want) => expect(pascalCase(given)).toBe(want));
});

describe('singular (the name of one item of an array, one value of a map)', () => {
  it.each([
    ['conditions', 'condition'],
    ['policies', 'policy'],
    ['addresses', 'address'],
    ['statuses', 'status'],
    ['ingress', 'ingress'],
    ['egress', 'egress'],
    ['data', 'data'],
    ['metadata', 'metadata'],
    ['status', 'status'],
    ['tls', 'tls'],
    ['series', 'series'],
    ['matchExpressions', 'matchExpression'],
    ['imagePullSecrets', 'imagePullSecret'],
    ['entries', 'entry'],
    ['prefixes', 'prefix'],
    ['matches', 'match'],
    ['meshes', 'mesh'],
    ['aliases', 'alias'],
    ['hostAliases', 'hostAlias'],
    ['caches', 'cache'],
    ['rules', 'rule'],
    ['responses', 'response'],
    ['IPs', 'IP'],
    ['CIDRs', 'CIDR'],
    ['k8s', 'k8s'],
    ['http01', 'http01'],
    ['analysis', 'analysis'],
  ])('%s -> %s', (given, want) => expect(singular(given)).toBe(want));
});

describe('other cases', () => {
  it.each([
    [camelCase, 'jumpstarter.dev/v1alpha1', 'jumpstarterDevV1alpha1'],
    [camelCase, 'HTTPRoute', 'httpRoute'],
    [camelCase, 'K8sCluster', 'k8sCluster'],
    [camelCase, 'IPAddress', 'ipAddress'],
    [camelCase, 'ABC', 'abc'],
    [camelCase, 'Widget', 'widget'],
    [separatedCase, 'foo-bar', 'Foo_Bar'],
    [separatedCase, 'fooBar', 'FooBar'],
  ])('%o(%s) -> %s', (f, given, want) => expect(f(given)).toBe(want));
});


/** Type names the planner gives a schema (pointer -> name), for one kind. */
function namesFor(schema: object, kind = 'Widget'): Record<string, string> {
  const { documents } = parse([{ path: 'x.yaml', text: crdYaml(schema, { kind }) }]);
  const { crds } = normalize(documents);
  const result = plan(crds, DEFAULT_OPTIONS);
  const k = result.groupVersions[0]?.kinds[0];
  return Object.fromEntries(k?.typeNames ?? []);
}

const obj = (properties: object = { a: { type: 'string' } }) => ({ type: 'object', properties });

describe('type names from the schema path', () => {
  it.each<[string, { given: object; kind?: string; want: Record<string, string> }]>([
    ['kind plus property path', { given: obj({ spec: obj({ privateKey: obj() }) }), want: { '#': 'Widget', '#/properties/spec': 'WidgetSpec', '#/properties/spec/properties/privateKey': 'WidgetPrivateKey' } }],
    [
      'the shortest free tail of the path: a deeper node takes a longer one',
      {
        given: obj({ spec: obj({ keystores: obj({ jks: obj() }), jks: obj() }) }),
        want: { '#': 'Widget', '#/properties/spec': 'WidgetSpec', '#/properties/spec/properties/keystores': 'WidgetKeystores', '#/properties/spec/properties/jks': 'WidgetJks', '#/properties/spec/properties/keystores/properties/jks': 'WidgetKeystoresJks' },
      },
    ],
    [
      'items and values of items and values, branches',
      {
        given: obj({ spec: obj({ grid: { type: 'array', items: { type: 'array', items: obj() } }, either: { oneOf: [obj(), obj({ b: { type: 'string' } })] } }) }),
        want: { '#': 'Widget', '#/properties/spec': 'WidgetSpec', '#/properties/spec/properties/grid/items/items': 'WidgetGridItem', '#/properties/spec/properties/either/oneOf/0': 'WidgetEitherOption1', '#/properties/spec/properties/either/oneOf/1': 'WidgetEitherOption2' },
      },
    ],
    ['array items take the singular of the array name', { given: obj({ spec: obj({ ports: { type: 'array', items: obj() } }) }), want: { '#': 'Widget', '#/properties/spec': 'WidgetSpec', '#/properties/spec/properties/ports/items': 'WidgetPort' } }],
    ['map values take the singular of the map name', { given: obj({ spec: obj({ hooks: { type: 'object', additionalProperties: obj() } }) }), want: { '#': 'Widget', '#/properties/spec': 'WidgetSpec', '#/properties/spec/properties/hooks/additionalProperties': 'WidgetHook' } }],
    ['names with digits and acronyms keep their case', { given: obj({ k8sService: obj({ http01: obj() }) }), kind: 'HTTPRoute', want: { '#': 'HTTPRoute', '#/properties/k8sService': 'HTTPRouteK8sService', '#/properties/k8sService/properties/http01': 'HTTPRouteHttp01' } }],
    [
      'separator and path clashes: the plain shallow name wins, the others keep their separators',
      {
        given: obj({ spec: obj({ 'foo-bar': obj(), fooBar: obj(), foo: obj({ bar: obj() }) }) }),
        want: {
          '#': 'Widget',
          '#/properties/spec': 'WidgetSpec',
          '#/properties/spec/properties/fooBar': 'WidgetFooBar',
          '#/properties/spec/properties/foo-bar': 'WidgetFoo_Bar',
          '#/properties/spec/properties/foo': 'WidgetFoo',
          '#/properties/spec/properties/foo/properties/bar': 'WidgetBar',
        },
      },
    ],
    ['a property that would take the list name', { given: obj({ list: obj() }), want: { '#': 'Widget', '#/properties/list': 'Widget_List' } }],
    ['a kind named after a global', { given: obj({ spec: obj() }), kind: 'Record', want: { '#': 'RecordResource', '#/properties/spec': 'RecordResourceSpec' } }],
    ['a property named like the kind', { given: obj({ spec: obj({ spec: obj() }) }), want: { '#': 'Widget', '#/properties/spec': 'WidgetSpec', '#/properties/spec/properties/spec': 'WidgetSpecSpec' } }],
    ['a lowercase kind', { given: obj({ spec: obj() }), kind: 'adapter', want: { '#': 'Adapter', '#/properties/spec': 'AdapterSpec' } }],
  ])('%s', (_name, { given, kind, want }) => {
    expect(namesFor(given, kind)).toEqual(want);
  });

  it('reports each renamed type', () => {
    const { documents } = parse([{ path: 'x.yaml', text: crdYaml(obj({ spec: obj({ 'foo-bar': obj(), fooBar: obj() }) })) }]);
    const result = plan(normalize(documents).crds, DEFAULT_OPTIONS);
    expect(result.diagnostics).toEqual([
      {
        severity: 'info',
        code: 'type-renamed',
        message: 'type named WidgetFoo_Bar: WidgetFooBar is taken by Widget.example.com/v1 #/properties/spec/properties/fooBar',
        source: { file: 'x.yaml', doc: 0, line: 1 },
        subject: 'Widget.example.com/v1',
        schemaPath: '#/properties/spec/properties/foo-bar',
      },
    ]);
  });
});
