/**
 * How server-side apply sees a schema node: a scalar, a map (struct fields or free keys; granular
 * or `x-kubernetes-map-type: atomic`) or a list (`x-kubernetes-list-type`: atomic by default, set,
 * or map keyed by `x-kubernetes-list-map-keys`). Nodes without a schema are "deduced" from the
 * value, as structured-merge-diff does for unknown fields: objects are granular maps, lists atomic.
 */
import { isObject, type JsonObject } from '../json.js';
import type { PathElement } from './fieldset.js';

/** A schema node, or undefined for a deduced (untyped) one. */
export type SchemaNode = JsonObject | undefined;

export type Atom =
  | { readonly kind: 'scalar' }
  | { readonly kind: 'map'; readonly atomic: boolean; readonly schema: SchemaNode }
  | { readonly kind: 'list'; readonly relation: 'atomic' | 'set' | 'map'; readonly keys: readonly string[]; readonly item: SchemaNode };

export class SsaError extends Error {}

/** The atom of `schema`, looking at `value` where the schema does not say (deduced nodes). */
export function resolve(schema: SchemaNode, value: unknown): Atom {
  const declared = schema ? declaredKind(schema) : undefined;
  const kind = declared ?? (isObject(value) ? 'map' : Array.isArray(value) ? 'list' : 'scalar');
  if (kind === 'map') {
    return { kind, atomic: schema?.['x-kubernetes-map-type'] === 'atomic', schema };
  }
  if (kind === 'list') {
    const type = schema?.['x-kubernetes-list-type'];
    const relation = type === 'set' || type === 'map' ? type : 'atomic';
    const keys = Array.isArray(schema?.['x-kubernetes-list-map-keys'])
      ? (schema['x-kubernetes-list-map-keys'] as unknown[]).filter((k): k is string => typeof k === 'string')
      : [];
    const item = isObject(schema?.items) ? schema.items : undefined;
    return { kind, relation, keys, item };
  }
  return { kind: 'scalar' };
}

function declaredKind(schema: JsonObject): 'map' | 'list' | 'scalar' | undefined {
  if (schema['x-kubernetes-int-or-string'] === true) return 'scalar';
  if (schema.type === 'object' || isObject(schema.properties) || schema.additionalProperties !== undefined) return 'map';
  if (schema.type === 'array' || isObject(schema.items)) return 'list';
  if (typeof schema.type === 'string') return 'scalar';
  return undefined;
}

/** True when `key` is a declared struct field of the map (its path is then not a member by itself). */
export function declaresField(schema: SchemaNode, key: string): boolean {
  return isObject(schema?.properties) && isObject(schema.properties[key]);
}

/** The schema of a map's value at `key`: its property, else additionalProperties, else deduced. */
export function fieldSchema(schema: SchemaNode, key: string): SchemaNode {
  if (!schema) return undefined;
  const properties = schema.properties;
  if (isObject(properties) && isObject(properties[key])) return properties[key];
  return isObject(schema.additionalProperties) ? schema.additionalProperties : undefined;
}

/** The element naming one item of a set or map list. */
export function itemElement(atom: Atom & { kind: 'list' }, item: unknown, index: number): PathElement {
  if (atom.relation === 'map' && atom.keys.length > 0) {
    const key: JsonObject = {};
    for (const name of atom.keys) {
      // A key field the item leaves out counts with its schema default, if it has one.
      const value = isObject(item) && item[name] !== undefined ? item[name] : keyDefault(atom.item, name);
      if (value === undefined) {
        throw new SsaError(`element ${index}: associative list with keys has an element that omits key field "${name}" (and doesn't have default value)`);
      }
      key[name] = value;
    }
    return { key };
  }
  if (isObject(item) || Array.isArray(item)) {
    throw new SsaError(`element ${index}: associative list without keys has an element that's a ${Array.isArray(item) ? 'list' : 'map'} type`);
  }
  return { value: item };
}

function keyDefault(item: SchemaNode, name: string): unknown {
  const property = fieldSchema(item, name);
  return property?.default;
}

/** The schema node under a path element (for walking a field set without a value). */
export function childSchema(schema: SchemaNode, pe: PathElement): SchemaNode {
  if ('field' in pe) return fieldSchema(schema, pe.field);
  return isObject(schema?.items) ? schema.items : undefined;
}

const STRING: JsonObject = { type: 'string' };
const STRING_MAP: JsonObject = { type: 'object', additionalProperties: STRING };

/** ObjectMeta as the real server's schema types it (labels/annotations maps, finalizers a set, ownerReferences keyed by uid). */
const OBJECT_META: JsonObject = {
  type: 'object',
  properties: {
    name: STRING, generateName: STRING, namespace: STRING, selfLink: STRING, uid: STRING, resourceVersion: STRING,
    generation: { type: 'integer' }, creationTimestamp: STRING, deletionTimestamp: STRING,
    deletionGracePeriodSeconds: { type: 'integer' }, labels: STRING_MAP, annotations: STRING_MAP,
    finalizers: { type: 'array', items: STRING, 'x-kubernetes-list-type': 'set' },
    ownerReferences: {
      type: 'array',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['uid'],
      items: {
        type: 'object',
        properties: {
          apiVersion: STRING, kind: STRING, name: STRING, uid: STRING,
          controller: { type: 'boolean' }, blockOwnerDeletion: { type: 'boolean' },
        },
      },
    },
    managedFields: { type: 'array', items: { type: 'object', 'x-kubernetes-map-type': 'atomic' } },
  },
};

/** The schema of a whole object: the version's schema (or none) with typed apiVersion, kind and metadata. */
export function objectSchema(versionSchema: JsonObject | undefined): JsonObject {
  const base = versionSchema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  const properties = isObject(base.properties) ? base.properties : {};
  return { ...base, type: 'object', properties: { ...properties, apiVersion: STRING, kind: STRING, metadata: OBJECT_META } };
}
