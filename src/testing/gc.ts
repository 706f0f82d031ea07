/**
 * The garbage collector (kube-controller-manager's pkg/controller/garbagecollector), run after
 * every change on the next turn of the event loop, as the real one works from its queues:
 * - an owner deleting with the `orphan` finalizer: its ownerReference is removed from every
 *   dependent, then the finalizer;
 * - an owner deleting with `foregroundDeletion`: its dependents are deleted, and the finalizer is
 *   removed once no dependent with `blockOwnerDeletion: true` is left;
 * - a dependent: its references are classified (solid, dangling, waiting for a foreground
 *   deletion). With a solid owner the others are removed; without one it is deleted (Foreground
 *   when a foreground owner waits and it has dependents itself, else by its own finalizers,
 *   Background by default).
 * An owner is found by uid in the dependent's namespace (or cluster-wide); a reference to a kind
 * the server does not serve is left alone, as the real collector cannot resolve it either.
 */
import { isObject, objectAt, type JsonObject } from './json.js';
import { finalizers } from './object-rules.js';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER, type PropagationPolicy } from './objects.js';
import { ownerReferencesOf as ownerReferences, type OwnerReference } from '../validation/index.js';
import { apiVersionOf, typeKey, type ResourceRef } from './registry.js';
import { BackgroundController } from './background.js';

interface Node {
  readonly ref: ResourceRef;
  readonly object: JsonObject;
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
}

type Graph = Map<string, Node>;

export class GarbageCollector extends BackgroundController {
  protected sweep(): void {
    for (const owner of this.#graph().values()) {
      if (!objectAt(owner.object, 'metadata').deletionTimestamp) continue;
      const held = finalizers(owner.object);
      if (held.includes(ORPHAN_FINALIZER)) this.#orphan(owner);
      else if (held.includes(FOREGROUND_FINALIZER)) this.#foreground(owner);
    }
    const graph = this.#graph();
    for (const node of graph.values()) this.#attemptToDelete(node, graph);
  }

  /** Every object by uid. */
  #graph(): Graph {
    const graph: Graph = new Map();
    for (const type of this.registry.all()) {
      const version = type.versions.find((v) => v.name === type.storageVersion) ?? type.versions[0];
      if (!version) continue;
      for (const object of this.store.list(typeKey(type))) {
        const meta = objectAt(object, 'metadata');
        const uid = String(meta.uid ?? '');
        graph.set(uid, { ref: { type, version }, object, namespace: String(meta.namespace ?? ''), name: String(meta.name ?? ''), uid });
      }
    }
    return graph;
  }

  #dependentsOf(owner: Node, graph: Graph = this.#graph()): Node[] {
    return [...graph.values()].filter((n) => ownerReferences(n.object).some((r) => r.uid === owner.uid));
  }

  #orphan(owner: Node): void {
    for (const dependent of this.#dependentsOf(owner)) this.#dropReferences(dependent, new Set([owner.uid]));
    this.#removeFinalizer(owner, ORPHAN_FINALIZER);
  }

  #foreground(owner: Node): void {
    const graph = this.#graph();
    const dependents = this.#dependentsOf(owner, graph);
    for (const dependent of dependents) this.#attemptToDelete(dependent, graph);
    const blocking = dependents.filter((d) =>
      ownerReferences(d.object).some((r) => r.uid === owner.uid && r.blockOwnerDeletion === true) && this.#exists(d),
    );
    if (blocking.length === 0) this.#removeFinalizer(owner, FOREGROUND_FINALIZER);
  }

  #attemptToDelete(node: Node, graph: Graph): void {
    const refs = ownerReferences(node.object);
    if (refs.length === 0 || objectAt(node.object, 'metadata').deletionTimestamp || !this.#exists(node)) return;
    const solid: OwnerReference[] = [];
    const gone = new Set<string>();
    let waiting = false;
    for (const ref of refs) {
      const owner = this.#ownerOf(node, ref, graph);
      if (owner === 'unresolvable') solid.push(ref);
      else if (owner === undefined) gone.add(ref.uid);
      else if (objectAt(owner.object, 'metadata').deletionTimestamp && finalizers(owner.object).includes(FOREGROUND_FINALIZER)) {
        waiting = true;
        gone.add(ref.uid);
      } else solid.push(ref);
    }
    if (solid.length > 0) {
      if (gone.size > 0) this.#dropReferences(node, gone);
      return;
    }
    const policy: PropagationPolicy =
      waiting && this.#dependentsOf(node, graph).length > 0
        ? 'Foreground'
        : finalizers(node.object).includes(ORPHAN_FINALIZER)
          ? 'Orphan'
          : finalizers(node.object).includes(FOREGROUND_FINALIZER)
            ? 'Foreground'
            : 'Background';
    this.#try(() => this.objects.delete(node.ref, node.namespace, node.name, { dryRun: false, propagationPolicy: policy }));
  }

  /** The owner a reference names; undefined when it is gone, `unresolvable` for kinds not served here. */
  #ownerOf(dependent: Node, ref: OwnerReference, graph: Graph): Node | 'unresolvable' | undefined {
    const known = this.registry.all().some((t) => t.kind === ref.kind && t.versions.some((v) => apiVersionOf(t.group, v.name) === ref.apiVersion));
    if (!known) return 'unresolvable';
    const owner = graph.get(ref.uid);
    if (!owner || owner.ref.type.kind !== ref.kind || owner.name !== ref.name) return undefined;
    // A namespaced owner must share the dependent's namespace; a cluster-scoped one may own anything.
    if (owner.ref.type.namespaced && (!dependent.ref.type.namespaced || owner.namespace !== dependent.namespace)) return undefined;
    return owner;
  }

  #exists(node: Node): boolean {
    const current = this.store.get(typeKey(node.ref.type), node.namespace, node.name);
    return current !== undefined && objectAt(current, 'metadata').uid === node.uid;
  }

  #dropReferences(node: Node, uids: ReadonlySet<string>): void {
    const current = this.store.get(typeKey(node.ref.type), node.namespace, node.name);
    if (!current) return;
    const meta = objectAt(current, 'metadata');
    const all = Array.isArray(meta.ownerReferences) ? meta.ownerReferences : [];
    const kept = all.filter((r) => !(isObject(r) && uids.has(String(r.uid ?? ''))));
    const { ownerReferences: _refs, ...rest } = meta;
    this.#update(node, { ...current, metadata: kept.length > 0 ? { ...rest, ownerReferences: kept } : rest });
  }

  #removeFinalizer(node: Node, finalizer: string): void {
    const current = this.store.get(typeKey(node.ref.type), node.namespace, node.name);
    if (!current || !finalizers(current).includes(finalizer)) return;
    const meta = objectAt(current, 'metadata');
    this.#update(node, { ...current, metadata: { ...meta, finalizers: finalizers(current).filter((f) => f !== finalizer) } });
  }

  #update(node: Node, next: JsonObject): void {
    const body = { ...next, apiVersion: apiVersionOf(node.ref.type.group, node.ref.version.name) };
    const options = { dryRun: false, fieldValidation: 'Ignore' as const, target: 'main' as const, requireResourceVersion: false, fieldManager: 'kube-controller-manager' };
    this.#try(() => this.objects.update(node.ref, node.namespace, node.name, body, options));
  }

  #try(write: () => unknown): void {
    try {
      write();
    } catch {
      // A concurrent change or a refusal: the next sweep sees the new state.
    }
  }
}
