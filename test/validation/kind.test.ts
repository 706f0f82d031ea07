// The kind validator (src/validation/kind.ts) that generated validators are built on, and
// compactSchema, whose output they embed.
import { describe, expect, it } from 'vitest';
import { admitObject, compactSchema, kindValidator, pruneAndDefault, type JsonSchema } from '../../src/validation/index.js';
import { compileRules } from '../../src/validation/cel/index.js';

const schema: JsonSchema = {
  type: 'object',
  description: 'A widget.',
  properties: {
    spec: {
      type: 'object',
      description: 'What it is.',
      required: ['size'],
      'x-kubernetes-validations': [{ rule: 'self.size <= self.max', message: 'size must not exceed max' }],
      properties: {
        size: { type: 'integer', minimum: 1, description: 'How big.', example: 3 },
        max: { type: 'integer', default: 10 },
        description: { type: 'string', maxLength: 5, title: 'a property named description' },
        mode: { type: 'string', enum: ['a', 'b'], default: 'a' },
      },
    },
    status: { type: 'object', properties: { ready: { type: 'boolean' } } },
  },
};
const widget = { group: 'example.com', version: 'v1', kind: 'Widget', namespaced: true };
const ok = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1' }, spec: { size: 2 } };

describe('compactSchema', () => {
  it('drops description, title and example at every node, and keeps properties of those names', () => {
    const compact = compactSchema(schema);
    expect(compact).toEqual({
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          required: ['size'],
          'x-kubernetes-validations': [{ rule: 'self.size <= self.max', message: 'size must not exceed max' }],
          properties: {
            size: { type: 'integer', minimum: 1 },
            max: { type: 'integer', default: 10 },
            description: { type: 'string', maxLength: 5 },
            mode: { type: 'string', enum: ['a', 'b'], default: 'a' },
          },
        },
        status: { type: 'object', properties: { ready: { type: 'boolean' } } },
      },
    });
  });

  it('follows items, additionalProperties and the junctors', () => {
    const s = { type: 'array', items: { type: 'object', description: 'x', additionalProperties: { type: 'string', description: 'y' }, anyOf: [{ description: 'z', required: ['a'] }] } };
    expect(compactSchema(s)).toEqual({ type: 'array', items: { type: 'object', additionalProperties: { type: 'string' }, anyOf: [{ required: ['a'] }] } });
  });
});

describe('kindValidator', () => {
  it('builds the schema on the first check only, once', () => {
    let built = 0;
    const v = kindValidator(widget, () => {
      built++;
      return compactSchema(schema);
    });
    expect(built).toBe(0);
    expect(v.validate(ok)).toEqual([]);
    expect(v.is(ok)).toBe(true);
    expect(built).toBe(1);
  });

  it('prunes and defaults before validating, and runs CEL rules with old as oldSelf', () => {
    const v = kindValidator(widget, () => schema);
    expect(v.validate({ ...ok, spec: { size: 2, unknown: true } })).toEqual([]);
    expect(v.validate({ ...ok, spec: { size: 11 } })).toEqual([{ reason: 'FieldValueInvalid', field: 'spec', message: 'Invalid value: "object": size must not exceed max' }]);
    expect(v.validate({ ...ok, spec: { size: 0, mode: 'c' } })).toEqual([
      { reason: 'FieldValueInvalid', field: 'spec.size', message: 'Invalid value: 0: spec.size in body should be greater than or equal to 1' },
      { reason: 'FieldValueNotSupported', field: 'spec.mode', message: 'Unsupported value: "c": supported values: "a", "b"' },
      { reason: 'FieldValueInvalid', field: '<nil>', message: 'Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation' },
    ]);
    const growing = kindValidator(widget, () => ({
      type: 'object',
      properties: { spec: { type: 'object', properties: { size: { type: 'integer', 'x-kubernetes-validations': [{ rule: 'self >= oldSelf', message: 'may only grow' }] } } } },
    }));
    expect(growing.validate({ ...ok, spec: { size: 1 } })).toEqual([]);
    expect(growing.validate({ ...ok, spec: { size: 1 } }, { old: { ...ok, spec: { size: 2 } } })).toEqual([
      { reason: 'FieldValueInvalid', field: 'spec.size', message: 'Invalid value: "integer": may only grow' },
    ]);
  });

  it('checks names always and the namespace when given', () => {
    const v = kindValidator(widget, () => schema);
    expect(v.validate({ ...ok, metadata: { name: 'Not_A_Name', namespace: 'ns' } }).map((c) => c.field)).toEqual(['metadata.name']);
    expect(v.validate({ ...ok, metadata: { name: 'w', namespace: 'Bad_NS' } }).map((c) => c.field)).toEqual(['metadata.namespace']);
    const cluster = kindValidator({ ...widget, namespaced: false }, () => schema);
    expect(cluster.validate({ ...ok, metadata: { name: 'w', namespace: 'ns' } })).toEqual([]);
    expect(v.validate('text')).toEqual([{ reason: 'FieldValueInvalid', field: '<nil>', message: 'Invalid value: "text": the object must be a JSON object' }]);
  });

  it('checks labels, annotations, owner references and finalizers like the server, before the schema', () => {
    const v = kindValidator(widget, () => schema);
    const metadata = {
      name: 'w1',
      labels: { 'a b': 'x' },
      annotations: { big: 'x'.repeat(256 * 1024) },
      ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'c' }],
      finalizers: ['a/b/c'],
    };
    const causes = v.validate({ ...ok, metadata, spec: { size: 0 } });
    expect(causes.map((c) => `${c.field} ${c.reason}`)).toEqual([
      'metadata.labels FieldValueInvalid',
      'metadata.annotations FieldValueTooLong',
      'metadata.ownerReferences.uid FieldValueInvalid',
      'metadata.finalizers FieldValueInvalid',
      'spec.size FieldValueInvalid',
      '<nil> FieldValueInvalid',
    ]);
    expect(causes[2]?.message).toBe('Invalid value: "": must not be empty');
    expect(v.validate({ ...ok, metadata: { name: 'w1', labels: { 'example.com/a': 'b' }, annotations: { 'Example.com/A': 'any text' } } })).toEqual([]);
  });

  it('is(): apiVersion, kind, ObjectMeta shape and the schema on the value as given (no defaults, no CEL)', () => {
    const v = kindValidator(widget, () => schema);
    expect(v.is(ok)).toBe(true);
    expect(v.is({ ...ok, spec: { size: 11 } })).toBe(true);
    expect(v.is({ ...ok, kind: 'Gadget' })).toBe(false);
    expect(v.is({ ...ok, spec: {} })).toBe(false);
    expect(v.is({ ...ok, metadata: { labels: { a: 1 } } })).toBe(false);
    expect(v.is({ ...ok, status: { ready: null } })).toBe(false);
  });

  it('names the object in the 422 message as the server does', () => {
    const v = kindValidator(widget, () => schema);
    const causes = v.validate({ ...ok, spec: {} });
    expect(v.invalidMessage(ok, causes.slice(0, 1))).toBe('Widget.example.com "w1" is invalid: spec.size: Required value');
    expect(v.invalidMessage(ok, causes)).toBe(
      'Widget.example.com "w1" is invalid: [spec.size: Required value, <nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation]',
    );
  });
});

describe('admitObject and pruneAndDefault', () => {
  it('return what the server stores and its causes; the input is not changed', () => {
    const input = { ...ok, metadata: { name: 'w1', namespace: 'dropped' }, spec: { size: 2, extra: 1 } };
    const copy = structuredClone(input);
    const { object, causes } = admitObject(schema, input, { namespaced: false, rules: compileRules(schema).root });
    expect(causes).toEqual([]);
    expect(object).toEqual({ ...ok, spec: { size: 2, max: 10, mode: 'a' } });
    expect(input).toEqual(copy);
    expect(pruneAndDefault(schema, { spec: { extra: 1 } })).toEqual({ spec: { max: 10, mode: 'a' } });
  });
});
