import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyDefaults,
  findUnknownFields,
  hasCelRules,
  invalidStatusMessage,
  pruneAndDefault,
  pruneObject,
  validateObject,
  validateObjectDetailed,
  type Cause,
  type JsonSchema,
  type ValidateOptions,
} from '../../src/validation/index.js';
import { CORPUS } from '../support/corpus.js';
import { yamlValues } from '../support/yaml.js';

// ---------------------------------------------------------------------------------------------
// helpers

type Json = unknown;

/** `{ type: object, properties: { spec: { type: object, properties, ...extra } } }` */
function specSchema(properties: Record<string, JsonSchema>, extra: Record<string, unknown> = {}): JsonSchema {
  return { type: 'object', properties: { spec: { type: 'object', properties, ...extra } } };
}

const R = {
  required: 'FieldValueRequired',
  invalid: 'FieldValueInvalid',
  type: 'FieldValueTypeInvalid',
  unsupported: 'FieldValueNotSupported',
  tooLong: 'FieldValueTooLong',
  tooMany: 'FieldValueTooMany',
  duplicate: 'FieldValueDuplicate',
  forbidden: 'FieldValueForbidden',
} as const;

function cause(field: string, reason: string, message: string): Cause {
  return { field, reason, message };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const DNS_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

// ---------------------------------------------------------------------------------------------
// pruning

interface Case {
  readonly schema: JsonSchema;
  readonly given: Json;
  readonly want: Json;
}

const pruneCases: ReadonlyArray<readonly [string, Case]> = [
  [
    'drops unknown fields at every level, including unknown root fields',
    {
      schema: specSchema({ a: { type: 'string' }, nested: { type: 'object', properties: { b: { type: 'integer' } } } }),
      given: { spec: { a: 'x', z: 1, nested: { b: 1, c: 2 } }, status: { phase: 'Ready' } },
      want: { spec: { a: 'x', nested: { b: 1 } } },
    },
  ],
  [
    'keeps root apiVersion, kind and metadata without a schema for them',
    {
      schema: specSchema({}),
      given: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: {} },
      want: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: {} },
    },
  ],
  [
    'normalises metadata to ObjectMeta (unknown, empty and mistyped fields dropped, times in UTC)',
    {
      schema: { type: 'object', properties: { metadata: { type: 'object' } } },
      given: {
        metadata: {
          name: 'w',
          namespace: '',
          generation: 0,
          uid: 5,
          foo: 'bar',
          labels: { app: 'web' },
          annotations: {},
          finalizers: ['example.com/cleanup'],
          creationTimestamp: '2024-05-01T12:00:00.5+02:00',
          ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'u1', controller: true, extra: 1 }],
        },
      },
      want: {
        metadata: {
          name: 'w',
          labels: { app: 'web' },
          finalizers: ['example.com/cleanup'],
          creationTimestamp: '2024-05-01T10:00:00Z',
          ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'u1', controller: true }],
        },
      },
    },
  ],
  [
    'a metadata map with a non-string value is dropped whole',
    {
      schema: specSchema({}),
      given: { metadata: { name: 'w', labels: { a: 'b', n: 1 }, annotations: { ok: 'yes' } } },
      want: { metadata: { name: 'w', annotations: { ok: 'yes' } } },
    },
  ],
  [
    'x-kubernetes-preserve-unknown-fields keeps unknown fields at that node and below',
    {
      schema: specSchema({ config: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } }),
      given: { spec: { config: { a: { b: [1, { c: 2 }] }, d: null }, gone: 1 } },
      want: { spec: { config: { a: { b: [1, { c: 2 }] }, d: null } } },
    },
  ],
  [
    'under preserve-unknown-fields, a property with its own schema is pruned by it',
    {
      schema: specSchema({
        config: {
          type: 'object',
          'x-kubernetes-preserve-unknown-fields': true,
          properties: { known: { type: 'object', properties: { a: { type: 'string' } } } },
        },
      }),
      given: { spec: { config: { free: { x: 1 }, known: { a: 'y', b: 'z' } } } },
      want: { spec: { config: { free: { x: 1 }, known: { a: 'y' } } } },
    },
  ],
  [
    'preserve-unknown-fields at the root keeps everything',
    {
      schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      given: { spec: { anything: [1, 2] }, status: 'x' },
      want: { spec: { anything: [1, 2] }, status: 'x' },
    },
  ],
  [
    'additionalProperties maps keep their keys and prune their values',
    {
      schema: specSchema({
        map: { type: 'object', additionalProperties: { type: 'object', properties: { a: { type: 'string' } } } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
      }),
      given: { spec: { map: { k1: { a: 'x', b: 'y' }, k2: {} }, labels: { 'app.kubernetes.io/name': 'web' } } },
      want: { spec: { map: { k1: { a: 'x' }, k2: {} }, labels: { 'app.kubernetes.io/name': 'web' } } },
    },
  ],
  [
    'additionalProperties: true keeps the keys but, having no schema, empties nested objects (as the server does)',
    {
      schema: specSchema({ m: { type: 'object', additionalProperties: true } }),
      given: { spec: { m: { k: 'v', o: { x: 1 } } } },
      want: { spec: { m: { k: 'v', o: {} } } },
    },
  ],
  [
    'list items are pruned by the items schema',
    {
      schema: specSchema({ list: { type: 'array', items: { type: 'object', properties: { a: { type: 'integer' } } } } }),
      given: { spec: { list: [{ a: 1, b: 2 }, { c: 3 }] } },
      want: { spec: { list: [{ a: 1 }, {}] } },
    },
  ],
  [
    'embedded resources keep apiVersion/kind, get ObjectMeta metadata and are pruned by their schema otherwise',
    {
      schema: specSchema({
        template: {
          type: 'object',
          'x-kubernetes-embedded-resource': true,
          properties: { spec: { type: 'object', properties: { a: { type: 'string' } } } },
        },
      }),
      given: {
        spec: {
          template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', bogus: 1 }, spec: { a: 'x', b: 'y' }, other: 1 },
        },
      },
      want: { spec: { template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { a: 'x' } } } },
    },
  ],
  [
    'an embedded resource with a non-string kind loses it',
    {
      schema: specSchema({
        template: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
      }),
      given: { spec: { template: { apiVersion: 'v1', kind: 5, data: { x: 1 } } } },
      want: { spec: { template: { apiVersion: 'v1', data: { x: 1 } } } },
    },
  ],
  [
    'null properties: dropped unless nullable; kept when defaulted (defaulting replaces them)',
    {
      schema: specSchema({
        a: { type: 'string' },
        b: { type: 'string', nullable: true },
        c: { type: 'string', default: 'x' },
      }),
      given: { spec: { a: null, b: null, c: null } },
      want: { spec: { b: null, c: null } },
    },
  ],
  [
    'null map values are dropped, null list items are kept (as the server does)',
    {
      schema: specSchema({
        m: { type: 'object', additionalProperties: { type: 'string' } },
        l: { type: 'array', items: { type: 'string' } },
      }),
      given: { spec: { m: { a: null, b: 'x' }, l: [null, 'a'] } },
      want: { spec: { m: { b: 'x' }, l: [null, 'a'] } },
    },
  ],
  [
    'a scalar where an object is declared is left for validation to reject',
    {
      schema: specSchema({ o: { type: 'object', properties: { a: { type: 'string' } } } }),
      given: { spec: { o: 'text' } },
      want: { spec: { o: 'text' } },
    },
  ],
];

describe('pruneObject', () => {
  it.each(pruneCases)('%s', (_name, { schema, given, want }) => {
    expect(pruneObject(schema, given)).toEqual(want);
  });

  it('with preserveUnknownFields (a v1beta1 CRD setting) only normalises metadata', () => {
    const schema = specSchema({ a: { type: 'string' } });
    const given = { metadata: { name: 'w', junk: 1 }, spec: { a: null, b: 2 }, status: {} };
    expect(pruneObject(schema, given, { preserveUnknownFields: true })).toEqual({ metadata: { name: 'w' }, spec: { a: null, b: 2 }, status: {} });
  });

  it('null metadata decodes to empty metadata', () => {
    expect(pruneObject(specSchema({}), { metadata: null })).toEqual({ metadata: {} });
  });
});

// ---------------------------------------------------------------------------------------------
// defaulting

const defaultCases: ReadonlyArray<readonly [string, Case]> = [
  [
    'fills missing properties and leaves set ones',
    {
      schema: specSchema({ replicas: { type: 'integer', default: 1 }, mode: { type: 'string', default: 'fast' } }),
      given: { spec: { mode: 'slow' } },
      want: { spec: { replicas: 1, mode: 'slow' } },
    },
  ],
  [
    'does not create a missing parent that has no default',
    {
      schema: specSchema({ replicas: { type: 'integer', default: 1 } }),
      given: {},
      want: {},
    },
  ],
  [
    'a defaulted object gets its nested defaults too',
    {
      schema: {
        type: 'object',
        properties: { spec: { type: 'object', default: {}, properties: { a: { type: 'string', default: 'x' } } } },
      },
      given: {},
      want: { spec: { a: 'x' } },
    },
  ],
  [
    'defaults apply inside list items',
    {
      schema: specSchema({
        ports: { type: 'array', items: { type: 'object', properties: { port: { type: 'integer', default: 80 } } } },
      }),
      given: { spec: { ports: [{}, { port: 8080 }] } },
      want: { spec: { ports: [{ port: 80 }, { port: 8080 }] } },
    },
  ],
  [
    'defaults apply inside additionalProperties values',
    {
      schema: specSchema({
        m: { type: 'object', additionalProperties: { type: 'object', properties: { enabled: { type: 'boolean', default: true } } } },
      }),
      given: { spec: { m: { a: {}, b: { enabled: false } } } },
      want: { spec: { m: { a: { enabled: true }, b: { enabled: false } } } },
    },
  ],
  [
    'null on a non-nullable property is replaced by the default',
    {
      schema: specSchema({ a: { type: 'string', default: 'x' } }),
      given: { spec: { a: null } },
      want: { spec: { a: 'x' } },
    },
  ],
  [
    'null on a nullable property is kept',
    {
      schema: specSchema({ a: { type: 'string', nullable: true, default: 'x' } }),
      given: { spec: { a: null } },
      want: { spec: { a: null } },
    },
  ],
  [
    'null list items get the items default; without one they stay null',
    {
      schema: specSchema({
        withDefault: { type: 'array', items: { type: 'string', default: 'd' } },
        without: { type: 'array', items: { type: 'string' } },
      }),
      given: { spec: { withDefault: [null, 'a'], without: [null] } },
      want: { spec: { withDefault: ['d', 'a'], without: [null] } },
    },
  ],
  [
    'declared properties under preserve-unknown-fields are defaulted; unknown ones untouched',
    {
      schema: specSchema({
        config: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { level: { type: 'string', default: 'info' } } },
      }),
      given: { spec: { config: { extra: { a: 1 } } } },
      want: { spec: { config: { extra: { a: 1 }, level: 'info' } } },
    },
  ],
  [
    'default: null counts as no default',
    {
      schema: specSchema({ a: { type: 'string', default: null } }),
      given: { spec: {} },
      want: { spec: {} },
    },
  ],
  [
    'object and array defaults are copied in whole',
    {
      schema: specSchema({
        resources: { type: 'object', default: { limits: { cpu: '1' } }, properties: { limits: { type: 'object', additionalProperties: { type: 'string' } } } },
        args: { type: 'array', items: { type: 'string' }, default: ['--verbose'] },
      }),
      given: { spec: {} },
      want: { spec: { resources: { limits: { cpu: '1' } }, args: ['--verbose'] } },
    },
  ],
];

describe('applyDefaults', () => {
  it.each(defaultCases)('%s', (_name, { schema, given, want }) => {
    expect(applyDefaults(schema, given)).toEqual(want);
  });

  it('never shares the default value with the schema', () => {
    const schema = specSchema({ o: { type: 'object', default: { a: [1] }, properties: { a: { type: 'array', items: { type: 'integer' } } } } });
    const out = applyDefaults(schema, { spec: {} }) as { spec: { o: { a: number[] } } };
    out.spec.o.a.push(2);
    expect(applyDefaults(schema, { spec: {} })).toEqual({ spec: { o: { a: [1] } } });
  });

  it('pruneAndDefault prunes first, then defaults (the server order)', () => {
    const schema = specSchema({ replicas: { type: 'integer', default: 1 }, name: { type: 'string' } });
    expect(pruneAndDefault(schema, { spec: { extra: true, name: null } })).toEqual({ spec: { replicas: 1 } });
  });
});

// ---------------------------------------------------------------------------------------------
// validation

interface ValidationCase {
  readonly schema: JsonSchema;
  readonly given: Json;
  readonly want: readonly Cause[];
  readonly options?: ValidateOptions;
}

const s = (properties: Record<string, JsonSchema>, extra: Record<string, unknown> = {}): JsonSchema => specSchema(properties, extra);

const typeCases: ReadonlyArray<readonly [string, ValidationCase]> = [
  [
    'string given a number',
    {
      schema: s({ name: { type: 'string' } }),
      given: { spec: { name: 5 } },
      want: [cause('spec.name', R.type, 'Invalid value: "integer": spec.name in body must be of type string: "integer"')],
    },
  ],
  [
    'integer given a string',
    {
      schema: s({ replicas: { type: 'integer' } }),
      given: { spec: { replicas: 'three' } },
      want: [cause('spec.replicas', R.type, 'Invalid value: "string": spec.replicas in body must be of type integer: "string"')],
    },
  ],
  [
    'integer given a fraction',
    {
      schema: s({ replicas: { type: 'integer' } }),
      given: { spec: { replicas: 1.5 } },
      want: [cause('spec.replicas', R.type, 'Invalid value: "number": spec.replicas in body must be of type integer: "number"')],
    },
  ],
  ['number accepts an integer', { schema: s({ ratio: { type: 'number' } }), given: { spec: { ratio: 2 } }, want: [] }],
  [
    'boolean given a string',
    {
      schema: s({ on: { type: 'boolean' } }),
      given: { spec: { on: 'true' } },
      want: [cause('spec.on', R.type, 'Invalid value: "string": spec.on in body must be of type boolean: "string"')],
    },
  ],
  [
    'object given an array, array given an object',
    {
      schema: s({ o: { type: 'object' }, l: { type: 'array', items: { type: 'string' } } }),
      given: { spec: { o: [], l: {} } },
      want: [
        cause('spec.o', R.type, 'Invalid value: "array": spec.o in body must be of type object: "array"'),
        cause('spec.l', R.type, 'Invalid value: "object": spec.l in body must be of type array: "object"'),
      ],
    },
  ],
  [
    'null for a non-nullable field',
    {
      schema: s({ name: { type: 'string' } }),
      given: { spec: { name: null } },
      want: [cause('spec.name', R.type, 'Invalid value: "null": spec.name in body must be of type string: "null"')],
    },
  ],
  ['null for a nullable field', { schema: s({ name: { type: 'string', nullable: true } }), given: { spec: { name: null } }, want: [] }],
  [
    'x-kubernetes-int-or-string accepts both and rejects the rest',
    {
      schema: s({ a: { 'x-kubernetes-int-or-string': true }, b: { 'x-kubernetes-int-or-string': true }, c: { 'x-kubernetes-int-or-string': true } }),
      given: { spec: { a: 8080, b: 'http', c: true } },
      want: [cause('spec.c', R.type, 'Invalid value: "boolean": spec.c in body must be of type integer,string: "boolean"')],
    },
  ],
  [
    'int-or-string with the usual anyOf reports the anyOf failure and its first branch, with a <nil> field (as the server does)',
    {
      schema: s({ cpu: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] } }),
      given: { spec: { cpu: 0.5 } },
      want: [
        cause('spec.cpu', R.type, 'Invalid value: "number": spec.cpu in body must be of type integer,string: "number"'),
        cause('<nil>', R.invalid, 'Invalid value: "": "spec.cpu" must validate at least one schema (anyOf)'),
        cause('spec.cpu', R.type, 'Invalid value: "number": spec.cpu in body must be of type integer: "number"'),
      ],
    },
  ],
  [
    'a type error does not stop the enum check',
    {
      schema: s({ level: { type: 'integer', enum: [1, 2] } }),
      given: { spec: { level: 'high' } },
      want: [
        cause('spec.level', R.type, 'Invalid value: "string": spec.level in body must be of type integer: "string"'),
        cause('spec.level', R.unsupported, 'Unsupported value: "high": supported values: "1", "2"'),
      ],
    },
  ],
];

const requiredEnumCases: ReadonlyArray<readonly [string, ValidationCase]> = [
  [
    'missing required properties, also inside list items',
    {
      schema: s(
        { size: { type: 'string' }, items: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } },
        { required: ['size'] },
      ),
      given: { spec: { items: [{ name: 'a' }, {}] } },
      want: [cause('spec.items[1].name', R.required, 'Required value'), cause('spec.size', R.required, 'Required value')],
    },
  ],
  [
    'a required root property',
    { schema: { type: 'object', required: ['spec'], properties: { spec: { type: 'object' } } }, given: {}, want: [cause('spec', R.required, 'Required value')] },
  ],
  [
    'string enum',
    {
      schema: s({ color: { type: 'string', enum: ['red', 'blue'] } }),
      given: { spec: { color: 'purple' } },
      want: [cause('spec.color', R.unsupported, 'Unsupported value: "purple": supported values: "red", "blue"')],
    },
  ],
  [
    'integer enum',
    {
      schema: s({ level: { type: 'integer', enum: [1, 2] } }),
      given: { spec: { level: 3 } },
      want: [cause('spec.level', R.unsupported, 'Unsupported value: 3: supported values: "1", "2"')],
    },
  ],
  [
    'null never matches an enum, even a nullable one listing null (kube-openapi behaviour)',
    {
      schema: s({ mode: { type: 'string', nullable: true, enum: ['a', 'b', null] } }),
      given: { spec: { mode: null } },
      want: [cause('spec.mode', R.unsupported, 'Unsupported value: null: supported values: "a", "b", "null"')],
    },
  ],
  ['enum match', { schema: s({ op: { type: 'string', enum: ['=~', '!='] } }), given: { spec: { op: '=~' } }, want: [] }],
];

const numberCases: ReadonlyArray<readonly [string, ValidationCase]> = [
  [
    'maximum and minimum',
    {
      schema: s({ hi: { type: 'integer', maximum: 10 }, lo: { type: 'integer', minimum: 1 } }),
      given: { spec: { hi: 11, lo: 0 } },
      want: [
        cause('spec.hi', R.invalid, 'Invalid value: 11: spec.hi in body should be less than or equal to 10'),
        cause('spec.lo', R.invalid, 'Invalid value: 0: spec.lo in body should be greater than or equal to 1'),
      ],
    },
  ],
  [
    'exclusive bounds',
    {
      schema: s({
        hi: { type: 'integer', maximum: 10, exclusiveMaximum: true },
        lo: { type: 'integer', minimum: 1, exclusiveMinimum: true },
      }),
      given: { spec: { hi: 10, lo: 1 } },
      want: [
        cause('spec.hi', R.invalid, 'Invalid value: 10: spec.hi in body should be less than 10'),
        cause('spec.lo', R.invalid, 'Invalid value: 1: spec.lo in body should be greater than 1'),
      ],
    },
  ],
  [
    'floats are printed as Go prints float64',
    {
      schema: s({ f: { type: 'number', maximum: 1.5 }, big: { type: 'number', maximum: 1000000 } }),
      given: { spec: { f: 2.5, big: 1500000.5 } },
      want: [
        cause('spec.f', R.invalid, 'Invalid value: 2.5: spec.f in body should be less than or equal to 1.5'),
        cause('spec.big', R.invalid, 'Invalid value: 1.5000005e+06: spec.big in body should be less than or equal to 1e+06'),
      ],
    },
  ],
  [
    'multipleOf, integer and fractional',
    {
      schema: s({ n: { type: 'integer', multipleOf: 5 }, f: { type: 'number', multipleOf: 0.1 }, ok: { type: 'number', multipleOf: 0.1 } }),
      given: { spec: { n: 12, f: 0.35, ok: 0.3 } },
      want: [
        cause('spec.n', R.invalid, 'Invalid value: 12: spec.n in body should be a multiple of 5'),
        cause('spec.f', R.invalid, 'Invalid value: 0.35: spec.f in body should be a multiple of 0.1'),
      ],
    },
  ],
  [
    'int32/int64 formats are not range-checked (the server ignores those formats)',
    { schema: s({ n: { type: 'integer', format: 'int32' } }), given: { spec: { n: 2 ** 40 } }, want: [] },
  ],
];

const stringCases: ReadonlyArray<readonly [string, ValidationCase]> = [
  [
    'maxLength',
    {
      schema: s({ name: { type: 'string', maxLength: 3 } }),
      given: { spec: { name: 'abcd' } },
      want: [cause('spec.name', R.tooLong, 'Too long: may not be more than 3 bytes')],
    },
  ],
  ['maxLength counts characters, not bytes', { schema: s({ name: { type: 'string', maxLength: 3 } }), given: { spec: { name: 'héé' } }, want: [] }],
  [
    'minLength',
    {
      schema: s({ name: { type: 'string', minLength: 2 } }),
      given: { spec: { name: 'a' } },
      want: [cause('spec.name', R.invalid, 'Invalid value: "a": spec.name in body should be at least 2 chars long')],
    },
  ],
  [
    'pattern (Go regexp approximated by an ECMAScript RegExp)',
    {
      schema: s({ name: { type: 'string', pattern: '^[a-z]+$' } }),
      given: { spec: { name: 'ABC' } },
      want: [cause('spec.name', R.invalid, `Invalid value: "ABC": spec.name in body should match '^[a-z]+$'`)],
    },
  ],
  [
    'pattern with Go-only syntax: (?i) flag, \\z and a POSIX class',
    {
      schema: s({ a: { type: 'string', pattern: '(?i)^abc\\z' }, b: { type: 'string', pattern: '^[[:digit:]]+$' } }),
      given: { spec: { a: 'ABC', b: '123' } },
      want: [],
    },
  ],
  [
    'only the first string constraint that fails is reported',
    {
      schema: s({ name: { type: 'string', maxLength: 2, pattern: '^[0-9]+$' } }),
      given: { spec: { name: 'abc' } },
      want: [cause('spec.name', R.tooLong, 'Too long: may not be more than 2 bytes')],
    },
  ],
];

const formatCases: ReadonlyArray<readonly [string, ValidationCase]> = [
  [
    'date-time, date, uuid, byte, ipv4, email',
    {
      schema: s({
        t: { type: 'string', format: 'date-time' },
        d: { type: 'string', format: 'date' },
        u: { type: 'string', format: 'uuid' },
        b: { type: 'string', format: 'byte' },
        ip: { type: 'string', format: 'ipv4' },
        e: { type: 'string', format: 'email' },
      }),
      given: { spec: { t: 'yesterday', d: '2024-02-30', u: 'not-a-uuid', b: 'not base64!', ip: '1.2.3', e: 'nobody' } },
      want: [
        cause('spec.t', R.type, 'Invalid value: "yesterday": spec.t in body must be of type date-time: "yesterday"'),
        cause('spec.d', R.type, 'Invalid value: "2024-02-30": spec.d in body must be of type date: "2024-02-30"'),
        cause('spec.u', R.type, 'Invalid value: "not-a-uuid": spec.u in body must be of type uuid: "not-a-uuid"'),
        cause('spec.b', R.type, 'Invalid value: "not base64!": spec.b in body must be of type byte: "not base64!"'),
        cause('spec.ip', R.type, 'Invalid value: "1.2.3": spec.ip in body must be of type ipv4: "1.2.3"'),
        cause('spec.e', R.type, 'Invalid value: "nobody": spec.e in body must be of type email: "nobody"'),
      ],
    },
  ],
  [
    'valid formatted values',
    {
      schema: s({
        t: { type: 'string', format: 'date-time' },
        u: { type: 'string', format: 'uuid' },
        b: { type: 'string', format: 'byte' },
        c: { type: 'string', format: 'cidr' },
        dur: { type: 'string', format: 'duration' },
        h: { type: 'string', format: 'hostname' },
      }),
      given: {
        spec: { t: '2024-01-02T03:04:05.123Z', u: '123E4567-E89B-12D3-A456-426614174000', b: 'aGVsbG8=', c: '10.0.0.0/8', dur: '1h30m', h: 'api.example.com' },
      },
      want: [],
    },
  ],
  ['formats the server does not know are ignored', { schema: s({ x: { type: 'string', format: 'my-format' } }), given: { spec: { x: '?' } }, want: [] }],
  [
    'a non-string for a formatted string is reported against the format (as the server does)',
    {
      schema: s({ t: { type: 'string', format: 'date-time' } }),
      given: { spec: { t: 5 } },
      want: [cause('spec.t', R.type, 'Invalid value: "int64": spec.t in body must be of type date-time: "int64"')],
    },
  ],
];

const collectionCases: ReadonlyArray<readonly [string, ValidationCase]> = [
  [
    'minItems, maxItems and uniqueItems',
    {
      schema: s({
        few: { type: 'array', minItems: 2, items: { type: 'integer' } },
        many: { type: 'array', maxItems: 3, items: { type: 'integer' } },
        uniq: { type: 'array', uniqueItems: true, items: { type: 'integer' } },
      }),
      given: { spec: { few: [1], many: [1, 2, 3, 4], uniq: [1, 2, 1] } },
      want: [
        cause('spec.few', R.invalid, 'Invalid value: 1: spec.few in body should have at least 2 items'),
        cause('spec.many', R.tooMany, 'Too many: 4: must have at most 3 items'),
        cause('spec.uniq', R.invalid, `Invalid value: "": spec.uniq in body shouldn't contain duplicates`),
      ],
    },
  ],
  [
    'minProperties and maxProperties',
    {
      schema: s({
        few: { type: 'object', minProperties: 1, additionalProperties: { type: 'string' } },
        many: { type: 'object', maxProperties: 1, additionalProperties: { type: 'string' } },
      }),
      given: { spec: { few: {}, many: { a: 'x', b: 'y' } } },
      want: [
        cause('spec.few', R.invalid, 'Invalid value: 0: spec.few in body should have at least 1 properties'),
        cause('spec.many', R.tooMany, 'Too many: 2: must have at most 1 item'),
      ],
    },
  ],
  [
    'a min/maxProperties failure skips the checks of that object’s properties (as kube-openapi does)',
    {
      schema: s({ o: { type: 'object', minProperties: 3, required: ['b'], properties: { a: { type: 'string' } } } }),
      given: { spec: { o: { a: 1 } } },
      want: [cause('spec.o', R.invalid, 'Invalid value: 1: spec.o in body should have at least 3 properties')],
    },
  ],
  [
    'additionalProperties values are validated; the server joins map keys with a dot',
    {
      schema: s({ labels: { type: 'object', additionalProperties: { type: 'string', maxLength: 3 } } }),
      given: { spec: { labels: { app: 'web', tier: 'frontend', n: 1 } } },
      want: [
        cause('spec.labels.tier', R.tooLong, 'Too long: may not be more than 3 bytes'),
        cause('spec.labels.n', R.type, 'Invalid value: "integer": spec.labels.n in body must be of type string: "integer"'),
      ],
    },
  ],
  [
    'list items are validated with [i] paths',
    {
      schema: s({ hosts: { type: 'array', items: { type: 'object', properties: { port: { type: 'integer', maximum: 65535 } } } } }),
      given: { spec: { hosts: [{ port: 80 }, { port: 70000 }] } },
      want: [cause('spec.hosts[1].port', R.invalid, 'Invalid value: 70000: spec.hosts[1].port in body should be less than or equal to 65535')],
    },
  ],
];

const listTypeCases: ReadonlyArray<readonly [string, ValidationCase]> = [
  [
    'list-type set: each duplicated value reported once, at its second occurrence',
    {
      schema: s({ tags: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } } }),
      given: { spec: { tags: ['a', 'b', 'a', 'a', 'b'] } },
      want: [cause('spec.tags[2]', R.duplicate, 'Duplicate value: "a"'), cause('spec.tags[4]', R.duplicate, 'Duplicate value: "b"')],
    },
  ],
  [
    'list-type set of objects',
    {
      schema: s({ refs: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }),
      given: { spec: { refs: [{ b: 1, a: 2 }, { a: 2, b: 1 }] } },
      want: [cause('spec.refs[1]', R.duplicate, 'Duplicate value: {"a":2,"b":1}')],
    },
  ],
  [
    'list-type map with one key',
    {
      schema: s({
        ports: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
          items: { type: 'object', properties: { name: { type: 'string' }, port: { type: 'integer' } } },
        },
      }),
      given: { spec: { ports: [{ name: 'http', port: 80 }, { name: 'http', port: 8080 }, { port: 1 }, { port: 2 }] } },
      want: [cause('spec.ports[1]', R.duplicate, 'Duplicate value: {"name":"http"}'), cause('spec.ports[3]', R.duplicate, 'Duplicate value: {}')],
    },
  ],
  [
    'list-type map with two keys',
    {
      schema: s({
        ports: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['port', 'protocol'],
          items: { type: 'object', properties: { port: { type: 'integer' }, protocol: { type: 'string' } } },
        },
      }),
      given: { spec: { ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] } },
      want: [cause('spec.ports[2]', R.duplicate, 'Duplicate value: {"port":53,"protocol":"UDP"}')],
    },
  ],
  [
    'list-type map items must be objects',
    {
      schema: s({ l: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'], items: { type: 'object' } } }),
      given: { spec: { l: [{ name: 'a' }, 'b'] } },
      want: [
        cause('spec.l[1]', R.type, 'Invalid value: "string": spec.l[1] in body must be of type object: "string"'),
        cause('spec.l[1]', R.invalid, 'Invalid value: "b": must be an object for an array of list-type map'),
      ],
    },
  ],
  [
    'list types inside map values use [key] paths (field.Path keys)',
    {
      schema: s({ groups: { type: 'object', additionalProperties: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } } } }),
      given: { spec: { groups: { admins: ['ann', 'ann'] } } },
      want: [cause('spec.groups[admins][1]', R.duplicate, 'Duplicate value: "ann"')],
    },
  ],
];

const compositionCases: ReadonlyArray<readonly [string, ValidationCase]> = [
  [
    'anyOf: the composite error, then the errors of the best (first) failing branch',
    {
      schema: s({ a: { type: 'string' }, b: { type: 'string' } }, { anyOf: [{ required: ['a'] }, { required: ['b'] }] }),
      given: { spec: {} },
      want: [cause('<nil>', R.invalid, 'Invalid value: "": "spec" must validate at least one schema (anyOf)'), cause('spec.a', R.required, 'Required value')],
    },
  ],
  ['anyOf satisfied', { schema: s({ a: { type: 'string' } }, { anyOf: [{ required: ['a'] }, { required: ['b'] }] }), given: { spec: { a: 'x' } }, want: [] }],
  [
    'oneOf with two valid alternatives',
    {
      schema: s({ a: { type: 'string' }, b: { type: 'string' } }, { oneOf: [{ required: ['a'] }, { required: ['b'] }] }),
      given: { spec: { a: 'x', b: 'y' } },
      want: [cause('<nil>', R.invalid, 'Invalid value: "": "spec" must validate one and only one schema (oneOf). Found 2 valid alternatives')],
    },
  ],
  [
    'oneOf with none valid',
    {
      schema: s({ a: { type: 'string' }, b: { type: 'string' } }, { oneOf: [{ required: ['a'] }, { required: ['b'] }] }),
      given: { spec: {} },
      want: [
        cause('<nil>', R.invalid, 'Invalid value: "": "spec" must validate one and only one schema (oneOf). Found none valid'),
        cause('spec.a', R.required, 'Required value'),
      ],
    },
  ],
  [
    'allOf reports the failing branch and the composite error',
    {
      schema: s({ name: { type: 'string', allOf: [{ minLength: 2 }, { maxLength: 5 }] } }),
      given: { spec: { name: 'a' } },
      want: [
        cause('spec.name', R.invalid, 'Invalid value: "a": spec.name in body should be at least 2 chars long'),
        cause('<nil>', R.invalid, 'Invalid value: "": "spec.name" must validate all the schemas (allOf)'),
      ],
    },
  ],
  [
    'not',
    {
      schema: s({ name: { type: 'string', not: { enum: ['default'] } } }),
      given: { spec: { name: 'default' } },
      want: [cause('<nil>', R.invalid, 'Invalid value: "": "spec.name" must not validate the schema (not)')],
    },
  ],
];

const objectCases: ReadonlyArray<readonly [string, ValidationCase]> = [
  [
    'metadata: name required',
    {
      schema: s({}),
      options: { objectMeta: {} },
      given: { metadata: {}, spec: {} },
      want: [cause('metadata.name', R.required, 'Required value: name or generateName is required')],
    },
  ],
  [
    'metadata: name must be a DNS-1123 subdomain',
    {
      schema: s({}),
      options: { objectMeta: {} },
      given: { metadata: { name: 'Bad_Name' } },
      want: [cause('metadata.name', R.invalid, `Invalid value: "Bad_Name": ${DNS_SUBDOMAIN_MSG}`)],
    },
  ],
  [
    'metadata: namespace required for namespaced kinds',
    {
      schema: s({}),
      options: { objectMeta: { namespaced: true } },
      given: { metadata: { name: 'ok' } },
      want: [cause('metadata.namespace', R.required, 'Required value')],
    },
  ],
  [
    'metadata: namespace forbidden for cluster-scoped kinds',
    {
      schema: s({}),
      options: { objectMeta: { namespaced: false } },
      given: { metadata: { name: 'ok', namespace: 'default' } },
      want: [cause('metadata.namespace', R.forbidden, 'Forbidden: not allowed on this type')],
    },
  ],
  [
    'metadata is not checked unless asked',
    { schema: s({}), given: { metadata: { name: 'Bad_Name' } }, want: [] },
  ],
  [
    'typeMeta mismatch is reported alone, like the server (metadata and schema checks skipped)',
    {
      schema: s({ a: { type: 'string' } }),
      options: { typeMeta: { apiVersion: 'example.com/v1', kind: 'Widget' }, objectMeta: {} },
      given: { apiVersion: 'example.com/v2', kind: 'Gadget', spec: { a: 1 } },
      want: [
        cause('kind', R.invalid, 'Invalid value: "Gadget": must be Widget'),
        cause('apiVersion', R.invalid, 'Invalid value: "example.com/v2": must be example.com/v1'),
      ],
    },
  ],
  [
    'embedded resources need apiVersion and kind',
    {
      schema: s({ template: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true } }),
      given: { spec: { template: { metadata: { name: 'a/b' } } } },
      want: [
        cause('spec.template.apiVersion', R.required, 'Required value'),
        cause('spec.template.kind', R.required, 'Required value'),
        cause('spec.template.metadata.name', R.invalid, `Invalid value: "a/b": may not contain '/'`),
      ],
    },
  ],
  [
    'embedded resource kind must look like a kind',
    {
      schema: s({ template: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true } }),
      given: { spec: { template: { apiVersion: 'a/b/c', kind: 'my kind' } } },
      want: [
        cause('spec.template.apiVersion', R.invalid, 'Invalid value: "a/b/c": unexpected GroupVersion string: a/b/c'),
        cause(
          'spec.template.kind',
          R.invalid,
          `Invalid value: "my kind": may have mixed case, but should otherwise match: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
        ),
      ],
    },
  ],
  [
    'a valid object has no causes',
    {
      schema: s(
        { replicas: { type: 'integer', minimum: 1 }, image: { type: 'string' }, ports: { type: 'array', items: { type: 'integer' } } },
        { required: ['image'] },
      ),
      options: { objectMeta: { namespaced: true } },
      given: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'web-1', namespace: 'default' }, spec: { replicas: 2, image: 'nginx', ports: [80] } },
      want: [],
    },
  ],
];

describe('validateObject', () => {
  const groups = {
    types: typeCases,
    'required and enum': requiredEnumCases,
    numbers: numberCases,
    strings: stringCases,
    formats: formatCases,
    'arrays and objects': collectionCases,
    'x-kubernetes-list-type': listTypeCases,
    'allOf/anyOf/oneOf/not': compositionCases,
    'metadata, TypeMeta and embedded resources': objectCases,
  };
  for (const [group, cases] of Object.entries(groups)) {
    describe(group, () => {
      it.each(cases)('%s', (_name, { schema, given, want, options }) => {
        expect(validateObject(schema, given, options)).toEqual(want);
      });
    });
  }
});

describe('x-kubernetes-validations (CEL) are skipped and listed', () => {
  const schema: JsonSchema = {
    type: 'object',
    'x-kubernetes-validations': [{ rule: 'self.metadata.name.size() < 20', message: 'name too long' }],
    properties: {
      spec: {
        type: 'object',
        'x-kubernetes-validations': [{ rule: 'self.min <= self.max', messageExpression: '"bad range"', reason: 'FieldValueInvalid', fieldPath: '.min' }],
        properties: {
          min: { type: 'integer' },
          max: { type: 'integer' },
          limits: { type: 'object', additionalProperties: { type: 'string', 'x-kubernetes-validations': [{ rule: 'self != ""' }] } },
          items: { type: 'array', items: { type: 'string', 'x-kubernetes-validations': [{ rule: 'self.size() > 1' }] } },
          absent: { type: 'string', 'x-kubernetes-validations': [{ rule: 'false' }] },
          // a property literally named x-kubernetes-validations is data, not a rule list
          'x-kubernetes-validations': { type: 'string' },
        },
      },
    },
  };
  const given = { metadata: { name: 'w' }, spec: { min: 5, max: 1, limits: { cpu: '' }, items: ['a'], 'x-kubernetes-validations': 'x' } };

  it('validateObject reports no cause for them', () => {
    expect(validateObject(schema, given)).toEqual([]);
  });

  it('validateObjectDetailed lists the rules that would run, with field paths', () => {
    expect(validateObjectDetailed(schema, given).skippedRules).toEqual([
      { field: '', rule: 'self.metadata.name.size() < 20', message: 'name too long' },
      { field: 'spec', rule: 'self.min <= self.max', messageExpression: '"bad range"', reason: 'FieldValueInvalid', fieldPath: '.min' },
      { field: 'spec.limits[cpu]', rule: 'self != ""' },
      { field: 'spec.items[0]', rule: 'self.size() > 1' },
    ]);
  });

  it('hasCelRules tells whether a schema has any', () => {
    expect(hasCelRules(schema)).toBe(true);
    expect(hasCelRules(specSchema({ 'x-kubernetes-validations': { type: 'string' } }))).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// helpers for the server

describe('findUnknownFields and invalidStatusMessage', () => {
  it('lists the pruned paths like the server’s unknown-field warnings', () => {
    const schema = specSchema({ items: { type: 'array', items: { type: 'object', properties: { a: { type: 'string' } } } } });
    const given = { apiVersion: 'v1', kind: 'K', metadata: { name: 'x', foo: 1 }, spec: { z: 1, items: [{ a: 'x', x: 1 }] }, status: {} };
    expect(findUnknownFields(schema, given)).toEqual(['metadata.foo', 'spec.items[0].x', 'spec.z', 'status']);
  });

  it('builds the Status message the server sends with the causes', () => {
    const one = [cause('spec.size', R.required, 'Required value')];
    expect(invalidStatusMessage('Widget.example.com', 'w1', one)).toBe('Widget.example.com "w1" is invalid: spec.size: Required value');
    const two = [...one, cause('spec.color', R.unsupported, 'Unsupported value: "purple": supported values: "red"')];
    expect(invalidStatusMessage('Widget.example.com', 'w1', two)).toBe(
      'Widget.example.com "w1" is invalid: [spec.size: Required value, spec.color: Unsupported value: "purple": supported values: "red"]',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// purity

describe('purity', () => {
  const schema = deepFreeze(
    specSchema(
      {
        replicas: { type: 'integer', default: 1, maximum: 3 },
        tags: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' }, default: ['a'] },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        cfg: { type: 'object', default: { level: 'info' }, properties: { level: { type: 'string' } } },
      },
      { required: ['name'] },
    ),
  );
  const given = deepFreeze({
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'w', bogus: true, labels: { a: 'b' } },
    spec: { replicas: 9, unknown: { x: 1 }, labels: { k: 'v' }, tags: ['x', 'x'], nothing: null },
    status: { phase: 'x' },
  });
  const snapshot = JSON.stringify(given);

  it('never mutates deep-frozen inputs and returns fresh values', () => {
    const pruned = pruneObject(schema, given);
    const defaulted = applyDefaults(schema, pruned);
    const causes = validateObject(schema, defaulted, { objectMeta: {} });
    expect(JSON.stringify(given)).toBe(snapshot);
    expect(pruned).toEqual({
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w', labels: { a: 'b' } },
      spec: { replicas: 9, labels: { k: 'v' }, tags: ['x', 'x'] },
    });
    expect(defaulted).toEqual({
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w', labels: { a: 'b' } },
      spec: { replicas: 9, labels: { k: 'v' }, tags: ['x', 'x'], cfg: { level: 'info' } },
    });
    expect(causes).toEqual([
      cause('spec.replicas', R.invalid, 'Invalid value: 9: spec.replicas in body should be less than or equal to 3'),
      cause('spec.name', R.required, 'Required value'),
      cause('spec.tags[1]', R.duplicate, 'Duplicate value: "x"'),
    ]);
    expect(Object.isFrozen(pruned)).toBe(false);
    expect(applyDefaults(schema, given)).not.toBe(given);
    expect(pruneObject(schema, 'scalar')).toBe('scalar');
  });

  it('is deterministic', () => {
    const run = (): unknown => [
      pruneObject(schema, given),
      applyDefaults(schema, given),
      validateObjectDetailed(schema, given, { objectMeta: { namespaced: true } }),
      findUnknownFields(schema, given),
    ];
    expect(JSON.stringify(run())).toBe(JSON.stringify(run()));
  });
});

// ---------------------------------------------------------------------------------------------
// smoke test over the real-world corpus

const corpusDir = CORPUS;

interface CorpusSchema {
  readonly where: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly schema: JsonSchema;
}

function corpusFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) out.push(...corpusFiles(p));
    else if (/\.(ya?ml|json)$/i.test(entry)) out.push(p);
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function corpusSchemas(dir: string): CorpusSchema[] {
  const found: CorpusSchema[] = [];
  for (const file of corpusFiles(dir)) {
    for (const crd of yamlValues(readFileSync(file, 'utf8'))) {
      if (!isRecord(crd) || crd['kind'] !== 'CustomResourceDefinition' || !isRecord(crd['spec'])) continue;
      const spec = crd['spec'];
      const group = typeof spec['group'] === 'string' ? spec['group'] : '';
      const kind = isRecord(spec['names']) && typeof spec['names']['kind'] === 'string' ? spec['names']['kind'] : 'Unknown';
      const where = `${file.slice(dir.length + 1)} ${kind}`;
      const versions = Array.isArray(spec['versions']) ? spec['versions'].filter(isRecord) : [];
      for (const v of versions) {
        const schema = isRecord(v['schema']) ? v['schema']['openAPIV3Schema'] : undefined;
        if (isRecord(schema)) found.push({ where: `${where} ${String(v['name'])}`, apiVersion: `${group}/${String(v['name'])}`, kind, schema });
      }
      const legacy = isRecord(spec['validation']) ? spec['validation']['openAPIV3Schema'] : undefined;
      if (isRecord(legacy)) {
        const version = typeof spec['version'] === 'string' ? spec['version'] : String(versions[0]?.['name'] ?? 'v1');
        found.push({ where: `${where} (spec.validation)`, apiVersion: `${group}/${version}`, kind, schema: legacy });
      }
    }
  }
  return found;
}

/** A value with every declared property filled in (bounded in depth and size). */
function sample(schema: unknown, depth = 0, budget = { nodes: 2000 }): unknown {
  if (!isRecord(schema) || depth > 6 || budget.nodes-- <= 0) return undefined;
  if (schema['default'] !== undefined) return schema['default'];
  if (Array.isArray(schema['enum']) && schema['enum'].length > 0) return schema['enum'][0];
  if (schema['x-kubernetes-int-or-string'] === true) return 1;
  switch (schema['type']) {
    case 'string':
      return 'x';
    case 'integer':
      return 1;
    case 'number':
      return 1.5;
    case 'boolean':
      return true;
    case 'array': {
      const item = sample(schema['items'], depth + 1, budget);
      return item === undefined ? [] : [item];
    }
    default: {
      const out: Record<string, unknown> = {};
      const props = isRecord(schema['properties']) ? schema['properties'] : {};
      for (const [k, sub] of Object.entries(props)) {
        const v = sample(sub, depth + 1, budget);
        if (v !== undefined) out[k] = v;
      }
      if (isRecord(schema['additionalProperties'])) {
        const v = sample(schema['additionalProperties'], depth + 1, budget);
        if (v !== undefined) out['key'] = v;
      }
      return out;
    }
  }
}

describe('real-world CRD schemas (corpus smoke test)', () => {
  const present = existsSync(corpusDir);
  if (!present) console.warn(`schema corpus smoke test skipped: no corpus at ${corpusDir} (set CRDGEN_CORPUS to point elsewhere)`);

  it.skipIf(!present)('prune, default and validate run on minimal and filled-in objects for every version schema', () => {
    const schemas = corpusSchemas(corpusDir);
    expect(schemas.length).toBeGreaterThan(100);
    const failures: string[] = [];
    for (const { where, apiVersion, kind, schema } of schemas) {
      const base = { apiVersion, kind, metadata: { name: 'sample', namespace: 'default' } };
      const objects: unknown[] = [{}, base, { ...base, spec: {} }, { ...base, ...(sample(schema) as object) }];
      for (const obj of objects) {
        try {
          const pruned = pruneObject(schema, obj);
          const defaulted = applyDefaults(schema, pruned);
          const result = validateObjectDetailed(schema, defaulted, { typeMeta: { apiVersion, kind }, objectMeta: {} });
          findUnknownFields(schema, obj);
          for (const c of result.causes) {
            if (typeof c.field !== 'string' || typeof c.message !== 'string' || !c.reason.startsWith('Field')) {
              failures.push(`${where}: malformed cause ${JSON.stringify(c)}`);
            }
          }
          // pruning is idempotent
          expect(pruneObject(schema, pruned)).toEqual(pruned);
        } catch (err) {
          failures.push(`${where}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Hundreds of real schemas, four objects each: about 10 s idle, so sized for a loaded machine.
  }, 600_000);
});
