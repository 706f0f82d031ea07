/**
 * The pieces of write semantics every kind shares (objects.ts puts them together): which fields an
 * update may change per endpoint, when generation moves, type and namespace checks, versions.
 */
import { clone, deepEqual, isObject, objectAt, without, type JsonObject } from './json.js';
import { apiVersionOf, type ResourceRef } from './registry.js';
import { badRequest, type QualifiedKind, type QualifiedResource } from './status.js';

/** Which part of the object an update may change (`finalize`: a namespace's spec.finalizers). */
export type UpdateTarget = 'main' | 'status' | 'finalize';

/** The candidate for an update: the main endpoint keeps the old status (with a status subresource), /status keeps all but status. */
export function mergeForTarget(ref: ResourceRef, old: JsonObject, body: JsonObject, target: UpdateTarget): JsonObject {
  const oldMeta = objectAt(old, 'metadata');
  if (target === 'finalize') {
    const finalizers = objectAt(body, 'spec').finalizers;
    return { ...clone(old), spec: { ...objectAt(old, 'spec'), finalizers: Array.isArray(finalizers) ? finalizers : [] } };
  }
  if (target === 'status') {
    const base = without(clone(old), 'status');
    return 'status' in body ? { ...base, status: body.status } : base;
  }
  const metadata = {
    ...objectAt(body, 'metadata'),
    name: oldMeta.name,
    uid: oldMeta.uid,
    creationTimestamp: oldMeta.creationTimestamp,
    generation: oldMeta.generation,
    resourceVersion: oldMeta.resourceVersion,
    ...(oldMeta.namespace !== undefined ? { namespace: oldMeta.namespace } : {}),
    ...(oldMeta.deletionTimestamp !== undefined
      ? { deletionTimestamp: oldMeta.deletionTimestamp, deletionGracePeriodSeconds: oldMeta.deletionGracePeriodSeconds }
      : {}),
  };
  const next: JsonObject = { ...without(body, 'status'), metadata: without(metadata, 'managedFields') };
  if (ref.version.status) return old.status === undefined ? next : { ...next, status: clone(old.status) };
  return body.status === undefined ? next : { ...next, status: body.status };
}

/** True when anything but metadata (and status, with a status subresource) changed. */
export function specChanged(ref: ResourceRef, old: JsonObject, next: JsonObject): boolean {
  const ignored = ref.version.status ? ['apiVersion', 'kind', 'metadata', 'status'] : ['apiVersion', 'kind', 'metadata'];
  return !deepEqual(without(old, ...ignored), without(next, ...ignored));
}

export function sameObject(next: JsonObject, old: JsonObject): boolean {
  const strip = (o: JsonObject) => ({ ...o, metadata: without(objectAt(o, 'metadata'), 'resourceVersion') });
  return deepEqual(strip(next), strip(old));
}

export function finalizers(object: JsonObject): string[] {
  const list = objectAt(object, 'metadata').finalizers;
  return Array.isArray(list) ? list.filter((f): f is string => typeof f === 'string') : [];
}

/**
 * The body with its apiVersion and kind checked. Built-in kinds decode into the endpoint's type, so
 * they may leave both out (Python's client does); custom resources decode as unstructured and must
 * name their kind.
 */
export function checkTypeMeta(ref: ResourceRef, given: JsonObject): JsonObject {
  const expected = apiVersionOf(ref.type.group, ref.version.name);
  const body = ref.type.builtin && given.kind === undefined && given.apiVersion === undefined ? { ...given, apiVersion: expected, kind: ref.type.kind } : given;
  if (typeof body.kind !== 'string' || body.kind === '') throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(body)}'`);
  if (body.apiVersion !== expected) {
    throw badRequest(`the API version in the data (${String(body.apiVersion ?? '')}) does not match the expected API version (${expected})`);
  }
  if (body.kind !== ref.type.kind) {
    throw badRequest(`the kind in the data (${body.kind}) does not match the expected kind (${ref.type.kind})`);
  }
  return body;
}

export function checkNamespace(ref: ResourceRef, namespace: string, metadata: JsonObject): void {
  if (!ref.type.namespaced) return;
  const given = metadata.namespace;
  if (typeof given === 'string' && given !== '' && given !== namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
}

export function qualified(ref: ResourceRef): QualifiedResource {
  return { group: ref.type.group, resource: ref.type.plural };
}

export function kindOf(ref: ResourceRef): QualifiedKind {
  return { group: ref.type.group, kind: ref.type.kind };
}

/** The object as served at `ref`'s version (conversion strategy None: only apiVersion changes). */
export function inVersion(object: JsonObject, ref: ResourceRef): JsonObject {
  return { ...object, apiVersion: apiVersionOf(ref.type.group, ref.version.name) };
}

export function inStorageVersion(object: JsonObject, ref: ResourceRef): JsonObject {
  const metadata = objectAt(object, 'metadata');
  const cleaned = isObject(metadata) && ref.type.namespaced === false ? without(metadata, 'namespace') : metadata;
  return { ...object, apiVersion: apiVersionOf(ref.type.group, ref.type.storageVersion), metadata: cleaned };
}

/** RFC 3339 in seconds, as Kubernetes writes timestamps. */
export function timestamp(date: Date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(): string {
  let out = '';
  for (let i = 0; i < 5; i++) out += SUFFIX_ALPHABET[Math.floor(Math.random() * SUFFIX_ALPHABET.length)];
  return out;
}
