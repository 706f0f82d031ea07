// Given/want tables for the well-known Kubernetes types: which CRD nodes are exactly one of them.
import * as k8s from '@kubernetes/client-node';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../../src/kube/model.js';
import { declarations, expandedSchema, WELL_KNOWN_TYPES } from '../../../src/generator/shapes/k8s/catalog.js';
import { fieldsAt, shapeRefs } from '../../../src/generator/shapes/k8s/describe.js';
import { matchWellKnown, type WellKnownContext } from '../../../src/generator/shapes/well-known.js';

// As controller-gen writes them: descriptions, formats, defaults and list semantics included.
const requirement = (): JsonSchema => ({
  type: 'object',
  description: 'A label selector requirement.',
  properties: {
    key: { type: 'string', description: 'The key.' },
    operator: { type: 'string' },
    values: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'atomic' },
  },
  required: ['key', 'operator'],
});
const selector = (): JsonSchema => ({
  type: 'object',
  properties: {
    matchExpressions: { type: 'array', items: requirement(), 'x-kubernetes-list-type': 'atomic' },
    matchLabels: { type: 'object', additionalProperties: { type: 'string' } },
  },
  'x-kubernetes-map-type': 'atomic',
});
const condition = (): JsonSchema => ({
  type: 'object',
  properties: {
    lastTransitionTime: { type: 'string', format: 'date-time' },
    message: { type: 'string', maxLength: 32768 },
    observedGeneration: { type: 'integer', format: 'int64', minimum: 0 },
    reason: { type: 'string', pattern: '^[A-Za-z]$' },
    status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
    type: { type: 'string' },
  },
  required: ['lastTransitionTime', 'message', 'reason', 'status', 'type'],
});
const keySelector = (): JsonSchema => ({
  type: 'object',
  properties: { key: { type: 'string' }, name: { type: 'string', default: '' }, optional: { type: 'boolean' } },
  required: ['key'],
  'x-kubernetes-map-type': 'atomic',
});
const quantity = { anyOf: [{ type: 'integer' }, { type: 'string' }], pattern: '^(\\+|-)?.*$', 'x-kubernetes-int-or-string': true };
const resources = (claims: boolean): JsonSchema => ({
  type: 'object',
  properties: {
    ...(claims ? { claims: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, request: { type: 'string' } }, required: ['name'] }, 'x-kubernetes-list-map-keys': ['name'] } } : {}),
    limits: { type: 'object', additionalProperties: quantity },
    requests: { type: 'object', additionalProperties: quantity },
  },
});

const pair = (): JsonSchema => ({ type: 'object', properties: { name: { type: 'string' }, value: { type: 'string' } }, required: ['name', 'value'] });

const withProperty = (node: JsonSchema, name: string, schema: JsonSchema): JsonSchema => ({ ...node, properties: { ...(node.properties as object), [name]: schema } });
const withRequired = (node: JsonSchema, required: string[]): JsonSchema => ({ ...node, required });
const without = (node: JsonSchema, name: string): JsonSchema => {
  const { [name]: _gone, ...properties } = node.properties as Record<string, unknown>;
  return { ...node, properties, ...(Array.isArray(node.required) ? { required: node.required.filter((r) => r !== name) } : {}) };
};
const atProperty = (node: JsonSchema, name: string, change: (child: JsonSchema) => JsonSchema): JsonSchema =>
  withProperty(node, name, change((node.properties as Record<string, JsonSchema>)[name] as JsonSchema));

type Case = [string, { given: JsonSchema; context?: WellKnownContext; want: string | undefined }];

const table: Case[] = [
  ['a LabelSelector as controller-gen writes it', { given: selector(), want: 'LabelSelector' }],
  ['its requirement', { given: requirement(), want: 'LabelSelectorRequirement' }],
  ['a nullable node is still the type (its holder adds | null)', { given: { ...selector(), nullable: true }, want: 'LabelSelector' }],
  ['a metav1.Condition (date-time, limits and patterns do not change the type)', { given: condition(), want: 'Condition' }],
  ['the same key selector under configMapKeyRef is a ConfigMapKeySelector', { given: keySelector(), context: { property: 'configMapKeyRef' }, want: 'ConfigMapKeySelector' }],
  ['... under secretKeyRef a SecretKeySelector', { given: keySelector(), context: { property: 'secretKeyRef' }, want: 'SecretKeySelector' }],
  ['... and where the holder says nothing, the first in the table', { given: keySelector(), want: 'SecretKeySelector' }],
  ['ResourceRequirements with claims', { given: resources(true), want: 'ResourceRequirements' }],
  ['ResourceRequirements before claims (1.26) is the older shape', { given: resources(false), want: 'ResourceRequirements1_25' }],
  ['claims without request (1.31) is the shape of 1.30', { given: atProperty(resources(true), 'claims', (c) => ({ ...c, items: without(c.items as JsonSchema, 'request') })), want: 'ResourceRequirements1_30' }],
  ['requirement items of matchFields are NodeSelectorRequirements', { given: requirement(), context: { property: 'matchFields' }, want: 'NodeSelectorRequirement' }],
  // Near misses: never a match.
  ['one property more', { given: withProperty(selector(), 'matchFields', { type: 'array', items: { type: 'string' } }), want: undefined }],
  ['one property less', { given: without(condition(), 'observedGeneration'), want: undefined }],
  ['a different required set', { given: withRequired(condition(), ['status', 'type']), want: undefined }],
  ['a required field the requirement lacks', { given: withRequired(requirement(), ['key', 'operator', 'values']), want: undefined }],
  ['an enum the type does not have', { given: atProperty(requirement(), 'operator', (o) => ({ ...o, enum: ['In', 'NotIn'] })), want: undefined }],
  ['an enum with other values', { given: atProperty(condition(), 'status', (s) => ({ ...s, enum: ['True', 'False'] })), want: undefined }],
  ['an enum lost', { given: atProperty(condition(), 'status', ({ enum: _e, ...s }) => s), want: undefined }],
  ['another type: integer for string', { given: atProperty(requirement(), 'key', () => ({ type: 'integer' })), want: undefined }],
  ['int-or-string instead of an integer', { given: atProperty(condition(), 'observedGeneration', () => quantity), want: undefined }],
  ['a nullable property', { given: atProperty(requirement(), 'key', (k) => ({ ...k, nullable: true })), want: undefined }],
  ['an open map (preserve-unknown-fields) inside', { given: atProperty(selector(), 'matchLabels', (m) => ({ ...m, 'x-kubernetes-preserve-unknown-fields': true })), want: undefined }],
  ['unknown fields kept on the node itself', { given: { ...selector(), 'x-kubernetes-preserve-unknown-fields': true }, want: undefined }],
  ['map values of another type', { given: atProperty(selector(), 'matchLabels', () => ({ type: 'object', additionalProperties: { type: 'integer' } })), want: undefined }],
  ['a required field with a default (its create body differs)', { given: atProperty(requirement(), 'operator', (o) => ({ ...o, default: 'In' })), want: undefined }],
  ['a legacy CRD that keeps unknown fields', { given: selector(), context: { keepsUnknownFields: true }, want: undefined }],
  ['a name-value pair under httpHeaders is an HTTPHeader', { given: pair(), context: { property: 'httpHeaders' }, want: 'HTTPHeader' }],
  ['... under env it is no HTTPHeader', { given: pair(), context: { property: 'env' }, want: undefined }],
  ['a plain { name: string } is no ResourceClaim outside claims', { given: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] }, want: undefined }],
];

describe('matchWellKnown', () => {
  it.each(table)('%s', (_name, { given, context, want }) => {
    expect(matchWellKnown(given, context)).toBe(want);
  });

  it('matches every declaration against the schema it is made from (types of one structure: the holder decides, else the first)', () => {
    for (const d of declarations()) {
      const schema = expandedSchema(d.type.name, d.form);
      const chooser = d.type.onlyHeldBy ?? d.type.heldBy;
      const holder = chooser?.source.replace(/[^a-zA-Z]/g, '') ?? 'x';
      const first = declarations().find((o) => o.signature === d.signature && o.type.onlyHeldBy === undefined);
      expect(matchWellKnown(schema, { property: holder }), d.name).toBe(chooser ? d.name : first?.name);
    }
    // VolumeResourceRequirements is ResourceRequirements before claims: both are `{ limits?; requests? }`.
    expect(matchWellKnown(expandedSchema('VolumeResourceRequirements'), { property: 'resources' })).toBe('ResourceRequirements1_25');
  });
});

// The newest shapes agree with @kubernetes/client-node's models (the Kubernetes OpenAPI of its release).
const CLIENT_RELEASE = '1.34';
const MODELS = join(dirname(createRequire(import.meta.url).resolve('@kubernetes/client-node')), 'gen', 'models');
// client-node names the core/v1 type apart from resource.k8s.io's ResourceClaim.
const MODEL_NAMES: Record<string, string> = { ResourceClaim: 'CoreV1ResourceClaim' };
// What controller-gen keeps of ObjectMeta in an embedded object: no client-node model.
const NO_MODEL = new Set(['EmbeddedMetadata']);
// Types of other releases than client-node's: no field of that release refers to them.
const OTHER_RELEASES = new Set(['ClaimSource', 'WorkloadReference', 'PodSchedulingGroup']);
describe('descriptors', () => {
  it.each(WELL_KNOWN_TYPES.filter((t) => !NO_MODEL.has(t.name) && !OTHER_RELEASES.has(t.name)).map((t) => [t.name, t] as const))('%s has the fields of its client-node model', (name, type) => {
    const modelName = MODEL_NAMES[name] ?? `V1${name}`;
    const model = (k8s as unknown as Record<string, { getAttributeTypeMap(): Array<{ baseName: string }> } | undefined>)[modelName];
    expect(model, modelName).toBeDefined();
    const theirs = (model?.getAttributeTypeMap() ?? []).map((a) => a.baseName).sort();
    expect(fieldsAt(type, CLIENT_RELEASE).map(([f]) => f).sort()).toEqual(theirs);
    // Required fields are the ones the model's declaration does not mark optional (`'name': string;`).
    const declaration = readFileSync(join(MODELS, `${modelName}.d.ts`), 'utf8');
    const required = [...declaration.matchAll(/^\s*'([^']+)': /gm)].map((m) => m[1]).sort();
    expect(fieldsAt(type, CLIENT_RELEASE).filter(([, f]) => f.required === true).map(([f]) => f).sort()).toEqual(required);
  });

  it.each([...OTHER_RELEASES])('%s is in no type of client-node\'s release', (name) => {
    const holders = WELL_KNOWN_TYPES.flatMap((t) => fieldsAt(t, CLIENT_RELEASE).filter(([, f]) => shapeRefs(f.shape).includes(name)).map(([f]) => `${t.name}.${f}`));
    expect(holders).toEqual([]);
    expect((k8s as unknown as Record<string, unknown>)[`V1${name}`]).toBeUndefined();
  });
});
