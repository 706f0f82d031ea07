/**
 * Namespaces as kube-apiserver and kube-controller-manager treat them: the registry's create and
 * update rules (pkg/registry/core/namespace: phase Active, the `kubernetes` finalizer in
 * spec.finalizers, the `kubernetes.io/metadata.name` label; spec.finalizers changes only through
 * /finalize), NamespaceLifecycle admission (404 for a missing namespace, 403 for new content in
 * a terminating one or for deleting an immortal one), and the namespace controller: a deleted
 * namespace turns Terminating, its content is deleted, its status conditions say what remains,
 * and once it is empty the `kubernetes` finalizer is removed and the namespace goes.
 */
import { isDns1123Label, isDns1123Subdomain } from '../validation/index.js';
import { IMMORTAL_NAMESPACES, NAMESPACE_TYPE } from './builtins.js';
import { deepEqual, isObject, objectAt, type JsonObject } from './json.js';
import { finalizers, qualified, timestamp } from './object-rules.js';
import type { NamespaceAdmission, Objects, TypeHooks } from './objects.js';
import { typeKey } from './registry.js';
import { fieldCause, forbidden, notFound, type StatusCause } from './status.js';
import { BackgroundController } from './background.js';
import type { ObjectStore } from './store.js';

export const NAMESPACES_KEY = typeKey(NAMESPACE_TYPE);
const NAMESPACES = { group: '', resource: 'namespaces' };
const KUBERNETES_FINALIZER = 'kubernetes';
function specFinalizers(object: JsonObject): string[] {
  const list = objectAt(object, 'spec').finalizers;
  return Array.isArray(list) ? list.filter((f): f is string => typeof f === 'string') : [];
}

export function namespaceHooks(): TypeHooks {
  return {
    validate(object) {
      const name = String(objectAt(object, 'metadata').name ?? '');
      // The shared name check (a DNS subdomain) reports the names that are not even subdomains.
      if (name === '' || isDns1123Subdomain(name).length > 0) return [];
      return isDns1123Label(name).map((message) => fieldCause('metadata.name', 'FieldValueInvalid', message, name));
    },
    prepare(object, previous, target) {
      const metadata = objectAt(object, 'metadata');
      const labels = { ...objectAt(metadata, 'labels'), 'kubernetes.io/metadata.name': String(metadata.name ?? '') };
      const next: JsonObject = { ...object, metadata: { ...metadata, labels } };
      if (previous === undefined) {
        const given = specFinalizers(object);
        const spec = { ...objectAt(object, 'spec'), finalizers: given.includes(KUBERNETES_FINALIZER) ? given : [...given, KUBERNETES_FINALIZER] };
        return { ...next, spec, status: { phase: 'Active' } };
      }
      if (target === 'main' || target === 'status') {
        const spec = { ...objectAt(object, 'spec'), finalizers: specFinalizers(previous) };
        return { ...next, spec, status: target === 'status' ? objectAt(object, 'status') : objectAt(previous, 'status') };
      }
      return next;
    },
    pendingFinalizers: specFinalizers,
    markDeleted(old) {
      const metadata = objectAt(old, 'metadata');
      const name = String(metadata.name ?? '');
      if (IMMORTAL_NAMESPACES.has(name)) throw forbidden(NAMESPACES, name, 'this namespace may not be deleted');
      return { ...old, metadata: { ...metadata, deletionTimestamp: timestamp() }, status: { ...objectAt(old, 'status'), phase: 'Terminating' } };
    },
  };
}

/** NamespaceLifecycle: writes need an existing namespace; a terminating one takes no new objects. */
export function namespaceAdmission(store: ObjectStore): NamespaceAdmission {
  return (operation, ref, namespace, name) => {
    const found = store.get(NAMESPACES_KEY, '', namespace);
    if (!found) throw notFound(NAMESPACES, namespace);
    if (operation !== 'create' || objectAt(found, 'status').phase !== 'Terminating') return;
    const cause: StatusCause = { reason: 'NamespaceTerminating', message: `namespace ${namespace} is being terminated`, field: 'metadata.namespace' };
    throw forbidden(qualified(ref), name, `unable to create new content in namespace ${namespace} because it is being terminated`, [cause]);
  };
}

interface Remaining {
  /** `widgets.example.com has 1 resource instances` entries. */
  readonly resources: Map<string, number>;
  /** Finalizer name -> how many objects carry it. */
  readonly finalizers: Map<string, number>;
}

/**
 * The namespace controller: after every change (on the next turn of the event loop, as the real
 * one works from a queue) it empties terminating namespaces and removes them once empty.
 */
export class NamespaceController extends BackgroundController {
  protected sweep(): void {
    for (const namespace of this.store.list(NAMESPACES_KEY)) {
      if (objectAt(namespace, 'metadata').deletionTimestamp) this.#drain(namespace);
    }
  }

  #drain(namespace: JsonObject): void {
    const name = String(objectAt(namespace, 'metadata').name ?? '');
    const remaining: Remaining = { resources: new Map(), finalizers: new Map() };
    for (const type of this.registry.all()) {
      if (!type.namespaced) continue;
      const version = type.versions.find((v) => v.name === type.storageVersion) ?? type.versions[0];
      if (!version) continue;
      for (const object of this.store.list(typeKey(type), name)) {
        const objectName = String(objectAt(object, 'metadata').name ?? '');
        if (!objectAt(object, 'metadata').deletionTimestamp) this.#tryDelete({ type, version }, name, objectName);
        const left = this.store.get(typeKey(type), name, objectName);
        if (left) count(remaining, typeKey(type), finalizers(left));
      }
    }
    const current = this.store.get(NAMESPACES_KEY, '', name);
    if (!current) return;
    const empty = remaining.resources.size === 0;
    const spec = empty ? { ...objectAt(current, 'spec'), finalizers: specFinalizers(current).filter((f) => f !== KUBERNETES_FINALIZER) } : objectAt(current, 'spec');
    const next = { ...current, spec, status: { ...objectAt(current, 'status'), conditions: conditions(current, remaining) } };
    if (empty && specFinalizers(next).length === 0 && finalizers(next).length === 0) this.store.remove(NAMESPACES_KEY, next);
    else if (!deepEqual(next, current)) this.store.put(NAMESPACES_KEY, next, 'MODIFIED');
  }

  #tryDelete(ref: Parameters<Objects['delete']>[0], namespace: string, name: string): void {
    try {
      this.objects.delete(ref, namespace, name, { dryRun: false });
    } catch {
      // Gone already, or refused: the next pass sees what is left.
    }
  }
}

function count(remaining: Remaining, resource: string, objectFinalizers: readonly string[]): void {
  remaining.resources.set(resource, (remaining.resources.get(resource) ?? 0) + 1);
  for (const f of objectFinalizers) remaining.finalizers.set(f, (remaining.finalizers.get(f) ?? 0) + 1);
}

/** The five conditions the namespace controller keeps on a terminating namespace (okReasons/okMessages there). */
function conditions(namespace: JsonObject, remaining: Remaining): JsonObject[] {
  const old = objectAt(namespace, 'status').conditions;
  const previous = Array.isArray(old) ? old.filter(isObject) : [];
  const list = (entries: Map<string, number>, format: (key: string, n: number) => string) =>
    [...entries.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => format(k, n)).join(', ');
  const content = list(remaining.resources, (k, n) => `${k} has ${n} resource instances`);
  const held = list(remaining.finalizers, (k, n) => `${k} in ${n} resource instances`);
  const wanted: [string, boolean, string, string][] = [
    ['NamespaceDeletionDiscoveryFailure', false, 'ResourcesDiscovered', 'All resources successfully discovered'],
    ['NamespaceDeletionGroupVersionParsingFailure', false, 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
    ['NamespaceDeletionContentFailure', false, 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
    content
      ? ['NamespaceContentRemaining', true, 'SomeResourcesRemain', `Some resources are remaining: ${content}`]
      : ['NamespaceContentRemaining', false, 'ContentRemoved', 'All content successfully removed'],
    held
      ? ['NamespaceFinalizersRemaining', true, 'SomeFinalizersRemain', `Some content in the namespace has finalizers remaining: ${held}`]
      : ['NamespaceFinalizersRemaining', false, 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
  ];
  return wanted.map(([type, on, reason, message]) => {
    const status = on ? 'True' : 'False';
    const before = previous.find((c) => c.type === type);
    const since = before && before.status === status ? before.lastTransitionTime : timestamp();
    return { type, status, lastTransitionTime: since, reason, message };
  });
}
