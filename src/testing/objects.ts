/**
 * Write semantics shared by every resource: create, update (main endpoint, /status, a namespace's
 * /finalize), delete with finalizers and propagation policies, preconditions, generation, uid,
 * timestamps, dryRun. Handlers turn HTTP into calls here; object-rules.ts holds the pieces.
 */
import { randomUUID } from 'node:crypto';
import { admit, type Admitted, type FieldValidation } from './admission.js';
import { deepEqual, objectAt, without, type JsonObject } from './json.js';
import { managedFieldsFor, withManagedFields } from './managed-fields.js';
import {
  checkNamespace,
  checkTypeMeta,
  finalizers,
  inStorageVersion,
  inVersion,
  kindOf,
  mergeForTarget,
  qualified,
  randomSuffix,
  sameObject,
  specChanged,
  timestamp,
  type UpdateTarget,
} from './object-rules.js';
import { typeKey, type ResourceRef } from './registry.js';
import { alreadyExists, StatusError, badRequest, conflict, fieldCause, invalid, notFound, type StatusCause } from './status.js';
import type { EventType, ObjectStore } from './store.js';

export { inVersion, timestamp, type UpdateTarget } from './object-rules.js';

export interface WriteOptions {
  readonly dryRun: boolean;
  readonly fieldValidation: FieldValidation;
  /** The manager of an Update operation (fieldManager, or the User-Agent's prefix); unset: managedFields stay as they are. */
  readonly fieldManager?: string;
  /** managedFields a server-side apply computed, stored as given. */
  readonly managedFields?: readonly JsonObject[];
}

interface CreateOptions extends WriteOptions {
  /** POST: a set metadata.resourceVersion is refused, as etcd3's storage does (else it is dropped). */
  readonly refuseResourceVersion?: boolean;
}

export interface WriteResult {
  /** The object as the client sees it (in the requested version). */
  readonly object: JsonObject;
  readonly warnings: readonly string[];
}

export type PropagationPolicy = 'Foreground' | 'Background' | 'Orphan';

export interface DeleteOptions {
  readonly dryRun: boolean;
  readonly preconditions?: { readonly uid?: string; readonly resourceVersion?: string };
  /** Undefined: Background, the default for custom resources and the kinds served here. */
  readonly propagationPolicy?: PropagationPolicy;
}

/** Behaviour one resource type adds to the generic semantics (CRDs, namespaces, secrets, ...). */
export interface TypeHooks {
  validate?(object: JsonObject, previous: JsonObject | undefined): StatusCause[];
  /** Fills server-managed fields before storing (`previous` is undefined on create). */
  prepare?(object: JsonObject, previous: JsonObject | undefined, target: UpdateTarget | 'create'): JsonObject;
  /** `Warning` header texts for a write that is accepted (also on dryRun). */
  warnings?(object: JsonObject): string[];
  /** Runs after a change is stored (not on dryRun). */
  committed?(type: EventType, object: JsonObject): void;
  /** Finalizers outside metadata.finalizers that keep a deleted object (a namespace's spec.finalizers). */
  pendingFinalizers?(object: JsonObject): readonly string[];
  /** The object a first DELETE stores instead of the generic rules (a namespace turns Terminating). */
  markDeleted?(old: JsonObject): JsonObject | undefined;
}

/** NamespaceLifecycle admission: throws when `namespace` may not receive this write. */
export type NamespaceAdmission = (operation: 'create' | 'update', ref: ResourceRef, namespace: string, name: string) => void;

/** The finalizers the garbage collector acts on (metav1.FinalizerDeleteDependents / FinalizerOrphanDependents). */
export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';

export class Objects {
  constructor(
    private readonly store: ObjectStore,
    private readonly hooks: ReadonlyMap<string, TypeHooks>,
    private readonly admitNamespace: NamespaceAdmission = () => {},
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

  create(ref: ResourceRef, namespace: string, given: JsonObject, options: CreateOptions): WriteResult {
    const body = checkTypeMeta(ref, given);
    const metadata = objectAt(body, 'metadata');
    checkNamespace(ref, namespace, metadata);
    let name = typeof metadata.name === 'string' ? metadata.name : '';
    if (!name && typeof metadata.generateName === 'string' && metadata.generateName) {
      name = metadata.generateName + randomSuffix();
    }
    if (ref.type.namespaced) this.admitNamespace('create', ref, namespace, name);
    const server = {
      uid: randomUUID(),
      creationTimestamp: timestamp(),
      ...(ref.type.generation === false ? {} : { generation: 1 }),
      ...(ref.type.namespaced ? { namespace } : {}),
    };
    const { resourceVersion, deletionTimestamp: _dt, deletionGracePeriodSeconds: _dg, managedFields: _mf, generation: _g, ...kept } =
      metadata;
    const candidate = { ...body, metadata: { ...kept, name, ...server } };
    const withoutStatus = ref.version.status ? without(candidate, 'status') : candidate;
    const checked = admit(ref, withoutStatus, options.fieldValidation);
    const hooks = this.hooks.get(typeKey(ref.type));
    this.#checkHooks(ref, hooks, checked.object, undefined);
    const admitted = withHookWarnings(checked, hooks);
    // Ownership is recorded before the strategy fills server-set fields (as the apiserver's create handler does).
    const entries = managedFieldsFor(ref, undefined, undefined, admitted.object, metadata.managedFields, options);
    const defaulted = hooks?.prepare ? hooks.prepare(admitted.object, undefined, 'create') : admitted.object;
    const prepared = withManagedFields(defaulted, entries);
    const exists = this.store.get(typeKey(ref.type), namespace, name) !== undefined;
    // dryRun never reaches etcd3's store.Create, so only its existence check applies.
    if (options.dryRun && exists) throw alreadyExists(qualified(ref), name);
    if (options.dryRun) return { object: inVersion(prepared, ref), warnings: admitted.warnings };
    if (options.refuseResourceVersion && setResourceVersion(resourceVersion)) {
      // store.Create returns a plain error (storage.ErrResourceVersionSetOnCreate), which the
      // handler answers as 500 with reason Unknown, i.e. none (responsewriters.ErrorToAPIStatus).
      throw new StatusError(500, '', 'resourceVersion should not be set on objects to be created');
    }
    if (exists) throw alreadyExists(qualified(ref), name);
    const stored = this.store.put(typeKey(ref.type), inStorageVersion(prepared, ref), 'ADDED');
    hooks?.committed?.('ADDED', stored);
    return { object: inVersion(stored, ref), warnings: admitted.warnings };
  }

  /**
   * Replaces an object. `requireResourceVersion` is true for PUT of kinds without unconditional
   * update; patches arrive with the current resourceVersion unless they set one.
   */
  update(
    ref: ResourceRef,
    namespace: string,
    name: string,
    given: JsonObject,
    options: WriteOptions & { readonly target: UpdateTarget; readonly requireResourceVersion: boolean },
  ): WriteResult {
    const body = checkTypeMeta(ref, given);
    const old = this.current(ref, namespace, name);
    const metadata = objectAt(body, 'metadata');
    checkNamespace(ref, namespace, metadata);
    if (typeof metadata.name === 'string' && metadata.name !== name) {
      throw badRequest(`the name of the object (${metadata.name}) does not match the name on the URL (${name})`);
    }
    if (ref.type.namespaced) this.admitNamespace('update', ref, namespace, name);
    const oldMeta = objectAt(old, 'metadata');
    const rv = metadata.resourceVersion;
    if ((rv === undefined || rv === '') && options.requireResourceVersion) {
      const cause = { reason: 'FieldValueInvalid', message: 'Invalid value: 0x0: must be specified for an update', field: 'metadata.resourceVersion' };
      throw invalid(kindOf(ref), name, [cause]);
    }
    if (rv !== undefined && rv !== '' && rv !== oldMeta.resourceVersion) throw conflict(qualified(ref), name);

    const candidate = mergeForTarget(ref, old, body, options.target);
    const hooks = this.hooks.get(typeKey(ref.type));
    const admitted = withHookWarnings(admit(ref, candidate, options.fieldValidation, old), hooks);
    const newFinalizers = finalizers(admitted.object).filter((f) => !finalizers(old).includes(f));
    if (oldMeta.deletionTimestamp && newFinalizers.length > 0) {
      const why = `no new finalizers can be added if the object is being deleted, found new finalizers ${JSON.stringify(newFinalizers)}`;
      throw invalid(kindOf(ref), name, [fieldCause('metadata.finalizers', 'FieldValueForbidden', why)]);
    }
    this.#checkHooks(ref, hooks, admitted.object, old);
    const subresource = options.target === 'status' ? 'status' : undefined;
    const entries = managedFieldsFor(ref, subresource, inVersion(old, ref), admitted.object, metadata.managedFields, options);
    let next = hooks?.prepare ? hooks.prepare(admitted.object, old, options.target) : admitted.object;
    if (ref.type.generation !== false && specChanged(ref, old, next)) {
      next = { ...next, metadata: { ...objectAt(next, 'metadata'), generation: Number(oldMeta.generation ?? 1) + 1 } };
    }
    next = withManagedFields(next, entries);
    if (sameObject(inStorageVersion(next, ref), old)) return { object: inVersion(old, ref), warnings: admitted.warnings };
    if (options.dryRun) return { object: inVersion(next, ref), warnings: admitted.warnings };
    const gone = Boolean(oldMeta.deletionTimestamp) && !this.#held(hooks, next);
    return { object: inVersion(this.#commit(ref, hooks, next, gone), ref), warnings: admitted.warnings };
  }

  /**
   * Deletes an object. With finalizers (or a Foreground/Orphan policy, which adds one) it only gets
   * a deletionTimestamp and stays until they are removed; `deleted` says whether it is gone.
   */
  delete(ref: ResourceRef, namespace: string, name: string, options: DeleteOptions): { object: JsonObject; deleted: boolean } {
    const old = this.current(ref, namespace, name);
    checkPreconditions(ref, name, old, options);
    const hooks = this.hooks.get(typeKey(ref.type));
    const oldMeta = objectAt(old, 'metadata');
    const custom = oldMeta.deletionTimestamp ? undefined : hooks?.markDeleted?.(old);
    const marked = custom ?? markForDeletion(old, options.propagationPolicy);
    if (marked === undefined || (custom === undefined && !this.#held(hooks, marked))) {
      if (options.dryRun) return { object: inVersion(old, ref), deleted: true };
      return { object: inVersion(this.#commit(ref, hooks, old, true), ref), deleted: true };
    }
    if (sameObject(marked, old) || options.dryRun) return { object: inVersion(marked, ref), deleted: false };
    return { object: inVersion(this.#commit(ref, hooks, marked, false), ref), deleted: false };
  }

  /** True while finalizers keep the object. */
  #held(hooks: TypeHooks | undefined, object: JsonObject): boolean {
    return finalizers(object).length > 0 || (hooks?.pendingFinalizers?.(object) ?? []).length > 0;
  }

  #commit(ref: ResourceRef, hooks: TypeHooks | undefined, object: JsonObject, gone: boolean): JsonObject {
    const key = typeKey(ref.type);
    const stored = gone ? this.store.remove(key, inStorageVersion(object, ref)) : this.store.put(key, inStorageVersion(object, ref), 'MODIFIED');
    hooks?.committed?.(gone ? 'DELETED' : 'MODIFIED', stored);
    return stored;
  }

  #checkHooks(ref: ResourceRef, hooks: TypeHooks | undefined, object: JsonObject, old: JsonObject | undefined): void {
    const causes = hooks?.validate?.(object, old) ?? [];
    if (causes.length > 0) throw invalid(kindOf(ref), String(objectAt(object, 'metadata').name ?? ''), causes);
  }
}

function checkPreconditions(ref: ResourceRef, name: string, old: JsonObject, options: DeleteOptions): void {
  const oldMeta = objectAt(old, 'metadata');
  const pre = options.preconditions;
  if (pre?.uid !== undefined && pre.uid !== oldMeta.uid) {
    throw conflict(qualified(ref), name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${String(oldMeta.uid)}`);
  }
  if (pre?.resourceVersion !== undefined && pre.resourceVersion !== oldMeta.resourceVersion) {
    const why = `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${String(oldMeta.resourceVersion)}`;
    throw conflict(qualified(ref), name, why);
  }
}

/**
 * The object a DELETE leaves behind (rest.BeforeDelete and the registry's finalizer update): a
 * deletionTimestamp, generation + 1, and the garbage collector's finalizer for Foreground or
 * Orphan (Background takes both away). Undefined when there is nothing to wait for.
 */
function markForDeletion(old: JsonObject, policy: PropagationPolicy | undefined): JsonObject | undefined {
  const oldMeta = objectAt(old, 'metadata');
  const kept = finalizers(old).filter((f) => policy === undefined || (f !== FOREGROUND_FINALIZER && f !== ORPHAN_FINALIZER));
  const added = policy === 'Foreground' ? FOREGROUND_FINALIZER : policy === 'Orphan' ? ORPHAN_FINALIZER : undefined;
  const next = added && !kept.includes(added) ? [...kept, added] : kept;
  if (next.length === 0 && !oldMeta.deletionTimestamp) return undefined;
  if (oldMeta.deletionTimestamp) {
    return deepEqual(next, finalizers(old)) ? old : { ...old, metadata: { ...oldMeta, finalizers: next } };
  }
  const generation = typeof oldMeta.generation === 'number' && oldMeta.generation > 0 ? { generation: oldMeta.generation + 1 } : {};
  const metadata = { ...oldMeta, deletionTimestamp: timestamp(), deletionGracePeriodSeconds: 0, ...generation, finalizers: next };
  return { ...old, metadata: next.length > 0 ? metadata : without(metadata, 'finalizers') };
}

/** etcd3's versioner: an unparsable or zero resourceVersion counts as unset. */
function setResourceVersion(value: unknown): boolean {
  return typeof value === 'string' && /^\d+$/.test(value) && BigInt(value) > 0n;
}

/** The admitted object with the warnings of its type's hooks added (a CRD's unrunnable CEL rules). */
function withHookWarnings(admitted: Admitted, hooks: TypeHooks | undefined): Admitted {
  const extra = hooks?.warnings?.(admitted.object) ?? [];
  return extra.length === 0 ? admitted : { ...admitted, warnings: [...admitted.warnings, ...extra] };
}
