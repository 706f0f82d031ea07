import { describe, expect, it } from 'vitest';
import { camelCase, pascalCase, separatedCase } from '../../../src/generator/plan/naming.js';
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
    ['v1beta1Config', 'V1Beta1Config'],
    ['__proto__', 'Proto'],
    ['-Xmx', 'Xmx'],
    ['2fast', 'Fast'],
    ['HTTPRoute', 'HTTPRoute'],
    ['adapter', 'Adapter'],
    ['Ünïcode', 'Unicode'],
    ['$', ''],
  ])('%s -> %s', (given, want) => expect(pascalCase(given)).toBe(want));
});

describe('other cases', () => {
  it.each([
    [camelCase, 'jumpstarter.dev/v1alpha1', 'jumpstarterDevV1Alpha1'],
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
    ['kind plus property path', { given: obj({ spec: obj({ privateKey: obj() }) }), want: { '#': 'Widget', '#/properties/spec': 'WidgetSpec', '#/properties/spec/properties/privateKey': 'WidgetSpecPrivateKey' } }],
    ['array items take the array name', { given: obj({ spec: obj({ ports: { type: 'array', items: obj() } }) }), want: { '#': 'Widget', '#/properties/spec': 'WidgetSpec', '#/properties/spec/properties/ports/items': 'WidgetSpecPorts' } }],
    ['map values take the map name', { given: obj({ spec: obj({ byName: { type: 'object', additionalProperties: obj() } }) }), want: { '#': 'Widget', '#/properties/spec': 'WidgetSpec', '#/properties/spec/properties/byName/additionalProperties': 'WidgetSpecByName' } }],
    [
      'separator and path clashes: the plain shallow name wins, the others keep their separators',
      {
        given: obj({ spec: obj({ 'foo-bar': obj(), fooBar: obj(), foo: obj({ bar: obj() }) }) }),
        want: {
          '#': 'Widget',
          '#/properties/spec': 'WidgetSpec',
          '#/properties/spec/properties/fooBar': 'WidgetSpecFooBar',
          '#/properties/spec/properties/foo-bar': 'WidgetSpecFoo_Bar',
          '#/properties/spec/properties/foo': 'WidgetSpecFoo',
          '#/properties/spec/properties/foo/properties/bar': 'Widget_Spec_Foo_Bar',
        },
      },
    ],
    ['a property that would take the list name', { given: obj({ list: obj() }), want: { '#': 'Widget', '#/properties/list': 'Widget_List' } }],
    ['a kind named after a global', { given: obj({ spec: obj() }), kind: 'Record', want: { '#': 'RecordResource', '#/properties/spec': 'RecordResourceSpec' } }],
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
        message: 'type named WidgetSpecFoo_Bar: WidgetSpecFooBar is taken by Widget.example.com/v1 #/properties/spec/properties/fooBar',
        source: { file: 'x.yaml', doc: 0, line: 1 },
        subject: 'Widget.example.com/v1',
        schemaPath: '#/properties/spec/properties/foo-bar',
      },
    ]);
  });
});
