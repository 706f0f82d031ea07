// compileRules + celCauses on inline schemas, for the semantics apiextensions-apiserver's
// pkg/apiserver/schema/cel/validation.go gives (Kubernetes 1.32): runtime errors worded
// "<error> evaluating rule: <rule>", null values not validated, old values correlated by
// property, map key and list-type=map keys only, allOf rules run on the same value, resource
// roots (also embedded) showing only metadata.name/generateName.
import { describe, expect, it } from 'vitest';
import { celCauses, compileRules, type JsonSchema } from '../../../src/validation/cel/index.js';

const rules = (schema: JsonSchema) => {
  const { root, problems } = compileRules(schema);
  expect(problems).toEqual([]);
  return root;
};

describe('CEL rule evaluation', () => {
  it('words a runtime error as the real server', () => {
    const root = rules({ type: 'object', properties: { spec: { type: 'object', 'x-kubernetes-validations': [{ rule: 'self.a == 1' }, { rule: 'self.n / self.d > 0', message: 'ratio' }] } } });
    expect(celCauses(root, { spec: { n: 1, d: 0 } })).toEqual([
      { reason: 'FieldValueInvalid', message: 'Invalid value: "object": no such key: a evaluating rule: self.a == 1', field: 'spec' },
      { reason: 'FieldValueInvalid', message: 'Invalid value: "object": division by zero evaluating rule: ratio', field: 'spec' },
    ]);
  });

  it('does not validate null values', () => {
    const root = rules({ type: 'object', properties: { s: { type: 'string', nullable: true, 'x-kubernetes-validations': [{ rule: "self != ''" }] } } });
    expect(celCauses(root, { s: null })).toEqual([]);
    expect(celCauses(root, { s: '' })).toEqual([{ reason: 'FieldValueInvalid', message: `Invalid value: "string": failed rule: self != ''`, field: 's' }]);
  });

  it('correlates list-type=map items by all their keys, map values by key, and never set or atomic list items', () => {
    const immutable = { type: 'object', 'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'immutable' }] } as const;
    const root = rules({
      type: 'object',
      properties: {
        byKeys: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['a', 'b'], items: immutable },
        plain: { type: 'array', items: immutable },
        byName: { type: 'object', additionalProperties: immutable },
      },
    });
    const old = { byKeys: [{ a: 1, b: 1, v: 1 }, { a: 1, b: 2, v: 1 }], plain: [{ v: 1 }], byName: { x: { v: 1 } } };
    const next = { byKeys: [{ a: 1, b: 2, v: 2 }, { a: 2, b: 2, v: 9 }], plain: [{ v: 2 }], byName: { x: { v: 2 }, y: { v: 3 } } };
    expect(celCauses(root, next, old)).toEqual([
      { reason: 'FieldValueInvalid', message: 'Invalid value: "object": immutable', field: 'byKeys[0]' },
      { reason: 'FieldValueInvalid', message: 'Invalid value: "object": immutable', field: 'byName[x]' },
    ]);
  });

  it('runs allOf rules on the value and shows a root or embedded resource with only name and generateName', () => {
    const root = rules({
      type: 'object',
      'x-kubernetes-validations': [{ rule: "!has(self.metadata.namespace) && self.metadata.name == 'n' && self.kind == 'K'" }],
      properties: {
        template: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-validations': [{ rule: "has(self.metadata.generateName) && !has(self.metadata.labels)" }] },
        count: { type: 'integer', allOf: [{ 'x-kubernetes-validations': [{ rule: 'self > 1' }] }] },
      },
    });
    const object = { kind: 'K', metadata: { name: 'n', namespace: 'ns' }, template: { apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'p-', labels: { a: 'b' } } }, count: 1 };
    expect(celCauses(root, object)).toEqual([{ reason: 'FieldValueInvalid', message: 'Invalid value: "integer": failed rule: self > 1', field: 'count' }]);
  });

  it('types values from the schema: integer as int, number as double, int-or-string by its value', () => {
    const root = rules({
      type: 'object',
      properties: {
        i: { type: 'integer', 'x-kubernetes-validations': [{ rule: 'type(self) == int' }] },
        d: { type: 'number', 'x-kubernetes-validations': [{ rule: 'type(self) == double' }] },
        ios: { 'x-kubernetes-int-or-string': true, 'x-kubernetes-validations': [{ rule: "type(self) == int ? self > 0 : self.endsWith('%')" }] },
      },
    });
    expect(celCauses(root, { i: 3, d: 2, ios: 5 })).toEqual([]);
    expect(celCauses(root, { ios: '50%' })).toEqual([]);
    expect(celCauses(root, { ios: 'x' })).toEqual([{ reason: 'FieldValueInvalid', message: `Invalid value: "": failed rule: type(self) == int ? self > 0 : self.endsWith('%')`, field: 'ios' }]);
  });

  it('reports rules that do not compile or do not give a bool, with their schema path', () => {
    const { problems } = compileRules({ type: 'object', properties: { list: { type: 'array', items: { type: 'string', 'x-kubernetes-validations': [{ rule: "self + 'x'" }, { rule: 'self.(' }] } } } });
    expect(problems.map((p) => [p.path, p.rule])).toEqual([['.list[*]', "self + 'x'"], ['.list[*]', 'self.(']]);
    expect(problems[0]?.error).toBe('cel expression must evaluate to a bool');
  });
});
