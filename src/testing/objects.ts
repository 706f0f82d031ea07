/**
 * Write semantics shared by every resource: create, update (main endpoint or /status), delete with
 * finalizers, preconditions, generation, uid, timestamps, dryRun. Handlers turn HTTP into calls here.
 */
import { randomUUID } from 'node:crypto';
import { admit, type FieldValidation } from './admission.js';
import { clone, deepEqual, isObject, objectAt, without, type JsonObject } from './json.js';
import { withManagedFields } from './managed-fields.js';
import { apiVersionOf, typeKey, type ResourceRef } from './registry.js';
import {
  alreadyExists,
  badRequest,
  conflict,
  fieldCause,
  invalid,
  notFound,
  type QualifiedResource,
  type StatusCause,
} from './status.js';
import type { EventType, ObjectStore } from './store.js';

export interface WriteOptions {
  readonly dryRun: boolean;
  readonly fieldValidation: FieldValidation;
  /** The manager of an Update operation (fieldManager, or the User-Agent's prefix); unset: managedFields stay as they are. */
  readonly fieldManager?: string;
  /** managedFields a server-side apply computed, stored as given. */
  readonly managedFields?: readonly JsonObject[];
}

export interface WriteResult {
  /** The object as the client sees it (in the requested version). */
  readonly object: JsonObject;
  readonly warnings: readonly string[];
}

export interface DeleteOptions {
  readonly dryRun: boolean;
  readonly preconditions?: { readonly uid?: string; readonly resourceVersion?: string };
}

/** Behaviour one resource type adds to the generic semantics (used for CRDs). */
export interface TypeHooks {
  validate?(object: JsonObject, previous: JsonObject | undefined): StatusCause[];
  /** Fills server-managed fields before storing. */
  prepare?(object: JsonObject): JsonObject;
  /** Runs after a change is stored (not on dryRun). */
  committed?(type: EventType, object: JsonObject): void;
}

/** Which part of the object an update may change. */
export type UpdateTarget = 'main' | 'status';

export class Objects {
  constructor(
    private readonly store: ObjectStore,
    private readonly hooks: ReadonlyMap<string, TypeHooks>,
  ) {}

  /** The stored object, or 404. */
  current(ref: ResourceRef, namespace: string, name: string): JsonObject {
    const found = this.store.get(typeKey(ref.type), namespace, name);
    if (!found) throw notFound(qualified(ref), name);
    return found;
  }

  read(ref: ResourceRef, namespace: string, name: string): JsonObject {
    return inVersion(this.current(ref, namespace, name), ref);
  }

  create(ref: ResourceRef, namespace: string, body: JsonObject, options: WriteOptions): WriteResult {
    checkTypeMeta(ref, body);
    const metadata = objectAt(body, 'metadata');
    checkNamespace(ref, namespace, metadata);
    let name = typeof metadata.name === 'string' ? metadata.name : '';
    if (!name && typeof metadata.generateName === 'string' && metadata.generateName) {
      name = metadata.generateName + randomSuffix();
    }
    if (name && this.store.get(typeKey(ref.type), namespace, name)) throw alreadyExists(qualified(ref), name);
    const server = {
      uid: randomUUID(),
      creationTimestamp: timestamp(),
      generation: 1,
      ...(ref.type.namespaced ? { namespace } : {}),
    };
    const { resourceVersion: _rv, deletionTimestamp: _dt, deletionGracePeriodSeconds: _dg, managedFields: _mf, ...kept } =
      metadata;
    const candidate = { ...body, metadata: { ...kept, name, ...server } };
    const withoutStatus = ref.version.status ? without(candidate, 'status') : candidate;
    const admitted = admit(ref, withoutStatus, options.fieldValidation);
    const hooks = this.hooks.get(typeKey(ref.type));
    this.#checkHooks(ref, hooks, admitted.object, undefined);
    const defaulted = hooks?.prepare ? hooks.prepare(admitted.object) : admitted.object;
    const prepared = withManagedFields(ref, undefined, undefined, defaulted, metadata.managedFields, options);
    if (options.dryRun) return { object: inVersion(prepared, ref), warnings: admitted.warnings };
    const stored = this.store.put(typeKey(ref.type), inStorageVersion(prepared, ref), 'ADDED');
    hooks?.committed?.('ADDED', stored);
    return { object: inVersion(stored, ref), warnings: admitted.warnings };
  }

  /**
   * Replaces an object. `requireResourceVersion` is true for PUT (custom resources allow no
   * unconditional update); patches arrive with the current resourceVersion unless they set one.
   */
  update(
    ref: ResourceRef,
    namespace: string,
    name: string,
    body: JsonObject,
    options: WriteOptions & { readonly target: UpdateTarget; readonly requireResourceVersion: boolean },
  ): WriteResult {
    checkTypeMeta(ref, body);
    const old = this.current(ref, namespace, name);
    const metadata = objectAt(body, 'metadata');
    checkNamespace(ref, namespace, metadata);
    if (typeof metadata.name === 'string' && metadata.name !== name) {
      throw badRequest(`the name of the object (${metadata.name}) does not match the name on the URL (${name})`);
    }
    const oldMeta = objectAt(old, 'metadata');
    const rv = metadata.resourceVersion;
    if ((rv === undefined || rv === '') && options.requireResourceVersion) {
      const cause = { reason: 'FieldValueInvalid', message: 'Invalid value: 0x0: must be specified for an update', field: 'metadata.resourceVersion' };
      throw invalid({ group: ref.type.group, kind: ref.type.kind }, name, [cause]);
    }
    if (rv !== undefined && rv !== '' && rv !== oldMeta.resourceVersion) throw conflict(qualified(ref), name);

    const candidate = mergeForTarget(ref, old, body, options.target);
    const admitted = admit(ref, candidate, options.fieldValidation);
    const hooks = this.hooks.get(typeKey(ref.type));
    const newFinalizers = finalizers(admitted.object).filter((f) => !finalizers(old).includes(f));
    if (oldMeta.deletionTimestamp && newFinalizers.length > 0) {
      const why = `no new finalizers can be added if the object is being deleted, found new finalizers ${JSON.stringify(newFinalizers)}`;
      throw invalid({ group: ref.type.group, kind: ref.type.kind }, name, [fieldCause('metadata.finalizers', 'FieldValueForbidden', why)]);
    }
    this.#checkHooks(ref, hooks, admitted.object, old);
    let next = hooks?.prepare ? hooks.prepare(admitted.object) : admitted.object;
    if (specChanged(ref, old, next)) {
      next = { ...next, metadata: { ...objectAt(next, 'metadata'), generation: Number(oldMeta.generation ?? 1) + 1 } };
    }
    const subresource = options.target === 'status' ? 'status' : undefined;
    next = withManagedFields(ref, subresource, inVersion(old, ref), next, metadata.managedFields, options);
    if (sameObject(inStorageVersion(next, ref), old)) return { object: inVersion(old, ref), warnings: admitted.warnings };
    if (options.dryRun) return { object: inVersion(next, ref), warnings: admitted.warnings };
    const key = typeKey(ref.type);
    const gone = Boolean(oldMeta.deletionTimestamp) && finalizers(next).length === 0;
    const stored = gone
      ? this.store.remove(key, inStorageVersion(next, ref))
      : this.store.put(key, inStorageVersion(next, ref), 'MODIFIED');
    hooks?.committed?.(gone ? 'DELETED' : 'MODIFIED', stored);
    return { object: inVersion(stored, ref), warnings: admitted.warnings };
  }

  /**
   * Deletes an object. With finalizers it only gets a deletionTimestamp (and stays until they are
   * removed); `deleted` says whether it is gone.
   */
  delete(ref: ResourceRef, namespace: string, name: string, options: DeleteOptions): { object: JsonObject; deleted: boolean } {
    const old = this.current(ref, namespace, name);
    const oldMeta = objectAt(old, 'metadata');
    const pre = options.preconditions;
    if (pre?.uid !== undefined && pre.uid !== oldMeta.uid) {
      throw conflict(qualified(ref), name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${String(oldMeta.uid)}`);
    }
    if (pre?.resourceVersion !== undefined && pre.resourceVersion !== oldMeta.resourceVersion) {
      const why = `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${String(oldMeta.resourceVersion)}`;
      throw conflict(qualified(ref), name, why);
    }
    const key = typeKey(ref.type);
    const hooks = this.hooks.get(key);
    if (finalizers(old).length > 0) {
      if (oldMeta.deletionTimestamp) return { object: inVersion(old, ref), deleted: false };
      const metadata = {
        ...oldMeta,
        deletionTimestamp: timestamp(),
        deletionGracePeriodSeconds: 0,
        generation: Number(oldMeta.generation ?? 1) + 1,
      };
      const marked = { ...old, metadata };
      if (options.dryRun) return { object: inVersion(marked, ref), deleted: false };
      const stored = this.store.put(key, marked, 'MODIFIED');
      hooks?.committed?.('MODIFIED', stored);
      return { object: inVersion(stored, ref), deleted: false };
    }
    if (options.dryRun) return { object: inVersion(old, ref), deleted: true };
    const stored = this.store.remove(key, old);
    hooks?.committed?.('DELETED', stored);
    return { object: inVersion(stored, ref), deleted: true };
  }

  #checkHooks(ref: ResourceRef, hooks: TypeHooks | undefined, object: JsonObject, old: JsonObject | undefined): void {
    const causes = hooks?.validate?.(object, old) ?? [];
    if (causes.length > 0) {
      throw invalid({ group: ref.type.group, kind: ref.type.kind }, String(objectAt(object, 'metadata').name ?? ''), causes);
    }
  }
}

/** The candidate for an update: the main endpoint keeps the old status (with a status subresource), /status keeps all but status. */
function mergeForTarget(ref: ResourceRef, old: JsonObject, body: JsonObject, target: UpdateTarget): JsonObject {
  const oldMeta = objectAt(old, 'metadata');
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
function specChanged(ref: ResourceRef, old: JsonObject, next: JsonObject): boolean {
  const ignored = ref.version.status ? ['apiVersion', 'kind', 'metadata', 'status'] : ['apiVersion', 'kind', 'metadata'];
  return !deepEqual(without(old, ...ignored), without(next, ...ignored));
}

function sameObject(next: JsonObject, old: JsonObject): boolean {
  const strip = (o: JsonObject) => ({ ...o, metadata: without(objectAt(o, 'metadata'), 'resourceVersion') });
  return deepEqual(strip(next), strip(old));
}

function finalizers(object: JsonObject): string[] {
  const list = objectAt(object, 'metadata').finalizers;
  return Array.isArray(list) ? list.filter((f): f is string => typeof f === 'string') : [];
}

function checkTypeMeta(ref: ResourceRef, body: JsonObject): void {
  const expected = apiVersionOf(ref.type.group, ref.version.name);
  if (typeof body.kind !== 'string' || body.kind === '') throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(body)}'`);
  if (body.apiVersion !== expected) {
    throw badRequest(`the API version in the data (${String(body.apiVersion ?? '')}) does not match the expected API version (${expected})`);
  }
  if (body.kind !== ref.type.kind) {
    throw badRequest(`the kind in the data (${body.kind}) does not match the expected kind (${ref.type.kind})`);
  }
}

function checkNamespace(ref: ResourceRef, namespace: string, metadata: JsonObject): void {
  if (!ref.type.namespaced) return;
  const given = metadata.namespace;
  if (typeof given === 'string' && given !== '' && given !== namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
}

function qualified(ref: ResourceRef): QualifiedResource {
  return { group: ref.type.group, resource: ref.type.plural };
}

/** The object as served at `ref`'s version (conversion strategy None: only apiVersion changes). */
export function inVersion(object: JsonObject, ref: ResourceRef): JsonObject {
  return { ...object, apiVersion: apiVersionOf(ref.type.group, ref.version.name) };
}

function inStorageVersion(object: JsonObject, ref: ResourceRef): JsonObject {
  const metadata = objectAt(object, 'metadata');
  const cleaned = isObject(metadata) && ref.type.namespaced === false ? without(metadata, 'namespace') : metadata;
  return { ...object, apiVersion: apiVersionOf(ref.type.group, ref.type.storageVersion), metadata: cleaned };
}

/** RFC 3339 in seconds, as Kubernetes writes timestamps. */
export function timestamp(date: Date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function randomSuffix(): string {
  let out = '';
  for (let i = 0; i < 5; i++) out += SUFFIX_ALPHABET[Math.floor(Math.random() * SUFFIX_ALPHABET.length)];
  return out;
}
