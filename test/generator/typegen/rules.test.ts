// One given/want table per named schema rule: what each rewrite does to one node.
import { describe, expect, it } from 'vitest';
import { rules, type RuleContext } from '../../../src/generator/typegen/rules.js';

const ctx: RuleContext = {
  pointer: '#/properties/spec',
  isRoot: false,
  keepsUnknownFields: false,
  apiVersionLiteral: "'example.com/v1'",
  kindLiteral: "'Widget'",
};
const root: RuleContext = { ...ctx, pointer: '#', isRoot: true };
const legacy: RuleContext = { ...ctx, keepsUnknownFields: true };
const named: RuleContext = { ...ctx, typeName: 'WidgetSpec' };
const held: RuleContext = { ...ctx, heldBy: 'property' };
const choosing: RuleContext = { ...named, heldBy: 'property', requiredUnion: [[['exact'], ['prefix']]] };

type Case = [string, { given: Record<string, unknown>; want: Record<string, unknown>; ctx?: RuleContext }];

const table: Record<string, Case[]> = {
  'drop keywords that name, reference or type schemas (title, $ref, $id, definitions, tsType)': [
    ['strips naming and typing keywords', { given: { type: 'string', title: 'T', $ref: '#/x', tsType: 'any', definitions: {} }, want: { type: 'string' } }],
    ['keeps a property named $ref', { given: { type: 'object', properties: { $ref: { type: 'string' } } }, want: { type: 'object', properties: { $ref: { type: 'string' } } } }],
  ],
  'description, deprecation, required branches, default, format, limits, pattern and CEL rules -> doc comment': [
    ['description and default', { given: { type: 'integer', description: 'Size.', default: 3 }, want: { type: 'integer', default: 3, description: 'Size.\n@default 3' } }],
    ['format, limits and pattern', { given: { type: 'string', format: 'date-time', maxLength: 9, pattern: '^a' }, want: { type: 'string', format: 'date-time', maxLength: 9, pattern: '^a', description: '@format date-time\n@maxLength 9\n@pattern ^a' } }],
    ['CEL rules with messages', { given: { type: 'object', 'x-kubernetes-validations': [{ rule: 'self.a < self.b', message: 'a first' }] }, want: { type: 'object', 'x-kubernetes-validations': [{ rule: 'self.a < self.b', message: 'a first' }], description: '@validation self.a < self.b (a first)' } }],
    ['*/ cannot end the comment', { given: { type: 'string', description: 'ends */ here' }, want: { type: 'string', description: 'ends *\\/ here' } }],
    ['/* cannot open a comment in a comment', { given: { type: 'string', description: 'see /api/v1/*' }, want: { type: 'string', description: 'see /api/v1/\\*' } }],
    ['list semantics', { given: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name', 'protocol'] }, want: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name', 'protocol'], description: '@listType map\n@listMapKeys name, protocol' } }],
    ['item limits are ours (json-schema-to-typescript never sees them)', { given: { type: 'array', minItems: 1, maxItems: 3 }, want: { type: 'array', minItems: 1, maxItems: 3, description: '@minItems 1\n@maxItems 3' } }],
    ['@ in prose is no tag', { given: { type: 'string', description: 'Runs @daily.' }, want: { type: 'string', description: 'Runs \\@daily.' } }],
    ['a deprecation note -> @deprecated', { given: { type: 'string', description: 'Old.\n\nDeprecated: use b.' }, want: { type: 'string', description: 'Old.\n@deprecated use b.' } }],
    ['required-only branches -> a sentence', { given: { type: 'object', anyOf: [{ required: ['a'] }, { required: ['b'] }] }, want: { type: 'object', anyOf: [{ required: ['a'] }, { required: ['b'] }], description: 'At least one of `a` or `b` is required.' } }],
  ],
  'items, map values and union branches without a declaration of their own -> their doc on the node that holds them': [
    [
      'item prose and tags move to the array',
      { given: { type: 'array', description: 'Hosts.', items: { type: 'string', description: 'A host.\n@maxLength 63' } }, want: { type: 'array', description: 'Hosts.\n\nEach item: A host.\n@itemMaxLength 63', items: { type: 'string' } } },
    ],
    [
      'map values move to the map',
      { given: { type: 'object', additionalProperties: { type: 'string', description: 'A value.' } }, want: { type: 'object', description: 'Each value: A value.', additionalProperties: { type: 'string' } } },
    ],
    [
      'a named item type keeps its own doc',
      { given: { type: 'array', items: { title: 'Host', type: 'object', description: 'A host.' } }, want: { type: 'array', items: { title: 'Host', type: 'object', description: 'A host.' } } },
    ],
    [
      'union branches move to the node whose type they are, labelled by what they are',
      {
        given: { description: 'Hosts.', oneOf: [{ type: 'array', description: 'The old form.\n\nEach item: A host.' }, { type: 'string', description: 'One host.\n@maxLength 9' }, { type: 'object', title: 'Named', description: 'Stays.' }] },
        want: {
          description: 'Hosts.\n\nWhen an array: The old form.\n\nWhen an array, each item: A host.\n\nWhen a string: One host.\n@stringMaxLength 9',
          oneOf: [{ type: 'array' }, { type: 'string' }, { type: 'object', title: 'Named', description: 'Stays.' }],
        },
      },
    ],
    ['two alike branches are told apart by position', { given: { anyOf: [{ type: 'string', description: 'A.' }, { type: 'string', description: 'B.' }] }, want: { description: 'When option 1: A.\n\nWhen option 2: B.', anyOf: [{ type: 'string' }, { type: 'string' }] } }],
    ['validation-only junctors beside a type are left alone', { given: { type: 'object', properties: {}, oneOf: [{ description: 'x' }] }, want: { type: 'object', properties: {}, oneOf: [{ description: 'x' }] } }],
  ],
  'enum with values the type cannot hold exactly (beyond 2^53, not finite, objects) -> the plain type': [
    ['an int64 beyond 2^53 (rounded when read)', { given: { type: 'integer', enum: [1, 9007199254740992] }, want: { type: 'integer' } }],
    ['a value that is not finite', { given: { type: 'number', enum: [Infinity] }, want: { type: 'number' } }],
    ['object values', { given: { type: 'object', enum: [{ hasOwnProperty: 1 }] }, want: { type: 'object' } }],
    ['safe integers, strings, booleans and null stay literals', { given: { enum: [9007199254740991, 'a', true, null] }, want: { enum: [9007199254740991, 'a', true, null] } }],
  ],
  'x-kubernetes-int-or-string -> number | string': [
    ['with anyOf', { given: { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true }, want: { tsType: '(number | string)' } }],
    ['alone', { given: { 'x-kubernetes-int-or-string': true, description: 'd' }, want: { tsType: '(number | string)', description: 'd' } }],
    ['as a string format', { given: { type: 'string', format: 'int-or-string' }, want: { tsType: '(number | string)' } }],
    ['nullable', { given: { 'x-kubernetes-int-or-string': true, nullable: true }, want: { tsType: '(number | string | null)' } }],
  ],
  'value-validation junctors (allOf, anyOf, oneOf, not) do not add types': [
    ['dropped beside a type', { given: { type: 'object', properties: {}, oneOf: [{ required: ['a'] }, { required: ['b'] }] }, want: { type: 'object', properties: {} } }],
    ['kept on an untyped legacy node', { given: { oneOf: [{ type: 'string' }, { type: 'integer' }] }, want: { oneOf: [{ type: 'string' }, { type: 'integer' }] } }],
  ],
  'root apiVersion and kind -> string literals, root metadata -> V1ObjectMeta': [
    [
      'root only, apiVersion/kind/metadata first and required',
      {
        ctx: root,
        given: { type: 'object', properties: { spec: { type: 'object' }, metadata: { type: 'object' } }, required: ['spec'] },
        want: {
          type: 'object',
          properties: { apiVersion: { tsType: "'example.com/v1'" }, kind: { tsType: "'Widget'" }, metadata: { tsType: 'V1ObjectMeta' }, spec: { type: 'object' } },
          required: ['apiVersion', 'kind', 'spec'],
          additionalProperties: false,
          'x-kubernetes-preserve-unknown-fields': undefined,
        },
      },
    ],
    [
      'a root that preserves unknown fields keeps an index signature (spec stays reachable)',
      {
        ctx: root,
        given: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        want: {
          type: 'object',
          properties: { apiVersion: { tsType: "'example.com/v1'" }, kind: { tsType: "'Widget'" }, metadata: { tsType: 'V1ObjectMeta' } },
          required: ['apiVersion', 'kind'],
          additionalProperties: {},
          'x-kubernetes-preserve-unknown-fields': undefined,
        },
      },
    ],
    [
      'the root of a legacy CRD that does not prune keeps an index signature',
      {
        ctx: { ...root, keepsUnknownFields: true },
        given: { properties: { spec: { type: 'object' } } },
        want: {
          type: 'object',
          properties: { apiVersion: { tsType: "'example.com/v1'" }, kind: { tsType: "'Widget'" }, metadata: { tsType: 'V1ObjectMeta' }, spec: { type: 'object' } },
          required: ['apiVersion', 'kind'],
          additionalProperties: {},
          'x-kubernetes-preserve-unknown-fields': undefined,
        },
      },
    ],
    ['not below the root', { given: { type: 'object', properties: { metadata: { type: 'object' } } }, want: { type: 'object', properties: { metadata: { type: 'object' } } } }],
  ],
  'x-kubernetes-embedded-resource -> apiVersion, kind and metadata (EmbeddedObjectMeta: its wire form) plus the properties': [
    [
      'adds the object header',
      {
        given: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { data: { type: 'string' } } },
        want: {
          type: 'object',
          'x-kubernetes-embedded-resource': true,
          properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { tsType: 'EmbeddedObjectMeta' }, data: { type: 'string' } },
          required: ['apiVersion', 'kind'],
        },
      },
    ],
  ],
  'x-kubernetes-preserve-unknown-fields without properties -> open map (any value when untyped)': [
    ['an object', { given: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, want: { tsType: '{ [key: string]: unknown }' } }],
    ['no type: any JSON value', { given: { 'x-kubernetes-preserve-unknown-fields': true }, want: { tsType: 'unknown' } }],
    ['an array keeps its items', { given: { type: 'array', 'x-kubernetes-preserve-unknown-fields': true, items: { type: 'string' } }, want: { type: 'array', 'x-kubernetes-preserve-unknown-fields': true, items: { type: 'string' } } }],
    [
      'a map keeps its typed values',
      {
        given: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, additionalProperties: { type: 'object', title: 'V' } },
        want: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, additionalProperties: { type: 'object', title: 'V' } },
      },
    ],
  ],
  'x-kubernetes-preserve-unknown-fields with properties -> the properties plus an index signature': [
    ['adds additionalProperties', { given: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { a: { type: 'string' } } }, want: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { a: { type: 'string' } }, additionalProperties: true } }],
  ],
  'additionalProperties: true -> index signature of unknown': [
    ['true becomes the empty schema', { given: { type: 'object', additionalProperties: true }, want: { type: 'object', additionalProperties: {} } }],
  ],
  'objects of CRDs that do not prune -> index signature on every object (the root: see the root rule)': [
    ['legacy CRD keeping unknown fields', { ctx: legacy, given: { type: 'object', properties: { a: { type: 'string' } } }, want: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: {} } }],
    ['pruning CRD: unchanged', { given: { type: 'object', properties: { a: { type: 'string' } } }, want: { type: 'object', properties: { a: { type: 'string' } } } }],
  ],
  'object without properties or additionalProperties -> empty object (the API server prunes every field)': [
    ['empty object', { given: { type: 'object' }, want: { tsType: '{ [key: string]: never }' } }],
  ],
  'type string with properties -> string (the properties are never valid)': [
    ['properties dropped', { given: { type: 'string', properties: { a: { type: 'string' } }, required: ['a'] }, want: { type: 'string' } }],
  ],
  'required names without a property schema are dropped': [
    ['unknown required name', { given: { type: 'object', properties: { a: { type: 'string' } }, required: ['a', 'ghost'] }, want: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] } }],
  ],
  'named nodes carry the planned interface name': [
    ['title from the plan', { ctx: named, given: { type: 'object', properties: {} }, want: { type: 'object', properties: {}, title: 'WidgetSpec' } }],
  ],
  'named node held by a property -> Name (or Name | null) with its doc on the property, the first sentence on its interface': [
    [
      'doc on the holder, first sentence on the interface',
      { ctx: held, given: { type: 'object', title: 'WidgetSpec', description: 'The spec. It says more.\n@validation x' }, want: { description: 'The spec. It says more.\n@validation x', anyOf: [{ type: 'object', title: 'WidgetSpec', description: 'The spec.' }] } },
    ],
    ['nullable: Name | null', { ctx: held, given: { type: 'object', nullable: true, title: 'WidgetSpec', description: 'd' }, want: { description: 'd', anyOf: [{ type: 'object', title: 'WidgetSpec', description: 'd' }, { type: 'null' }] } }],
    ['only tags: none on the interface', { ctx: held, given: { type: 'object', title: 'WidgetSpec', description: '@default {}' }, want: { description: '@default {}', anyOf: [{ type: 'object', title: 'WidgetSpec' }] } }],
    ['no doc: unchanged', { given: { type: 'object', title: 'WidgetSpec' }, want: { type: 'object', title: 'WidgetSpec' } }],
    ['a junctor branch keeps its doc on the interface', { ctx: { ...ctx, heldBy: 'branch' }, given: { type: 'object', title: 'Option1', description: 'By name. More.' }, want: { type: 'object', title: 'Option1', description: 'By name. More.' } }],
    ['array items keep their doc on the interface', { ctx: { ...ctx, heldBy: 'items' }, given: { type: 'object', title: 'Port', description: 'A port. More.' }, want: { type: 'object', title: 'Port', description: 'A port. More.' } }],
    ['nullable items: Name | null, doc on the interface', { ctx: { ...ctx, heldBy: 'items' }, given: { type: 'object', nullable: true, title: 'Port', description: 'A port.' }, want: { anyOf: [{ type: 'object', title: 'Port', description: 'A port.' }, { type: 'null' }] } }],
    ['the root keeps its doc', { ctx: root, given: { type: 'object', title: 'Widget', description: 'A widget.' }, want: { type: 'object', title: 'Widget', description: 'A widget.' } }],
  ],
  'named node whose oneOf/anyOf branches require names -> held as Name & ({ a: unknown } | { b: unknown }) (its interface keeps them optional)': [
    ['the named node itself', { ctx: { ...choosing, heldBy: 'items' }, given: { type: 'object', title: 'Match' }, want: { allOf: [{ type: 'object', title: 'Match' }, { tsType: '({ exact: unknown } | { prefix: unknown })' }] } }],
    [
      'Name | null: the named branch',
      { ctx: choosing, given: { description: 'd', anyOf: [{ type: 'object', title: 'Match' }, { type: 'null' }] }, want: { description: 'd', anyOf: [{ allOf: [{ type: 'object', title: 'Match' }, { tsType: '({ exact: unknown } | { prefix: unknown })' }] }, { type: 'null' }] } },
    ],
    [
      'one factor per junctor; sets of several names; names quoted as needed',
      {
        ctx: { ...named, requiredUnion: [[['host', 'port'], ['ip-address']], [['a'], ['__proto__']]] },
        given: { type: 'object', title: 'Target' },
        want: { allOf: [{ type: 'object', title: 'Target' }, { tsType: '({ host: unknown; port: unknown } | { "ip-address": unknown })' }, { tsType: '({ a: unknown } | { __crdgen_own___proto____: unknown })' }] },
      },
    ],
    ['one set: no union', { ctx: { ...named, requiredUnion: [[['name']]] }, given: { type: 'object', title: 'Ref' }, want: { allOf: [{ type: 'object', title: 'Ref' }, { tsType: '{ name: unknown }' }] } }],
    ['no union: unchanged', { ctx: named, given: { type: 'object', title: 'Match' }, want: { type: 'object', title: 'Match' } }],
    ['the root: unchanged', { ctx: { ...choosing, pointer: '#', isRoot: true }, given: { type: 'object', title: 'Match' }, want: { type: 'object', title: 'Match' } }],
  ],
};

describe('schema rules', () => {
  it('every rule has a table', () => {
    expect([...rules.keys()].sort()).toEqual(Object.keys(table).sort());
  });
  for (const [name, rule] of rules) {
    describe(name, () => {
      for (const [caseName, { given, want, ctx: caseCtx }] of table[name] ?? []) {
        it(caseName, () => {
          const frozen = Object.freeze(structuredClone(given));
          expect(rule(frozen, caseCtx ?? ctx)).toEqual(want);
        });
      }
    });
  }
});
