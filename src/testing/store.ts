/**
 * The in-memory storage: objects by resource type, one resourceVersion counter for everything (as
 * etcd has), and a bounded history of change events that watches replay from.
 */
import { clone, objectAt, type JsonObject } from './json.js';
import { expired } from './status.js';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  readonly type: EventType;
  readonly resourceVersion: number;
  /** The resource type (`plural.group`). */
  readonly typeKey: string;
  /** The object after the change (for DELETED: its last state, carrying the deletion's resourceVersion). */
  readonly object: JsonObject;
  /** The object before the change (MODIFIED and DELETED). */
  readonly previous?: JsonObject;
}

type StoreListener = (event: StoreEvent) => void;

/** The first resourceVersion handed out; high enough that no object ever has "0" (which means "any"). */
const FIRST_RESOURCE_VERSION = 100;

export class ObjectStore {
  #rv = FIRST_RESOURCE_VERSION;
  readonly #objects = new Map<string, Map<string, JsonObject>>();
  readonly #history: StoreEvent[] = [];
  /** The newest resourceVersion no longer in the history (watches from before it get 410 Gone). */
  #compactedRv = FIRST_RESOURCE_VERSION;
  readonly #listeners = new Set<StoreListener>();

  constructor(readonly historySize: number) {}

  get resourceVersion(): number {
    return this.#rv;
  }

  get(typeKey: string, namespace: string, name: string): JsonObject | undefined {
    return this.#objects.get(typeKey)?.get(objectKey(namespace, name));
  }

  /** Objects of one type (one namespace, or all when `namespace` is undefined), sorted by namespace and name. */
  list(typeKey: string, namespace?: string): JsonObject[] {
    const all = this.#objects.get(typeKey);
    return all ? sortedIn(all, namespace) : [];
  }

  /**
   * The objects of one type as they were at `resourceVersion` (undoing the newer events), as etcd
   * reads at a revision. The caller checks `resourceVersion >= compactedResourceVersion`.
   */
  listAt(typeKey: string, namespace: string | undefined, resourceVersion: number): JsonObject[] {
    const state = new Map(this.#objects.get(typeKey) ?? []);
    for (let i = this.#history.length - 1; i >= 0; i--) {
      const event = this.#history[i];
      if (!event || event.resourceVersion <= resourceVersion) break;
      if (event.typeKey !== typeKey) continue;
      const { namespace: ns, name } = identity(event.object);
      if (event.previous) state.set(objectKey(ns, name), event.previous);
      else state.delete(objectKey(ns, name));
    }
    return sortedIn(state, namespace);
  }

  /** The newest resourceVersion whose state can no longer be read or watched from (older ones get 410). */
  get compactedResourceVersion(): number {
    return this.#compactedRv;
  }

  /** Forgets the history up to `resourceVersion` (default: all of it), as an etcd compaction does. */
  compact(resourceVersion: number = this.#rv): void {
    const upTo = Math.min(resourceVersion, this.#rv);
    while ((this.#history[0]?.resourceVersion ?? Infinity) <= upTo) this.#history.shift();
    this.#compactedRv = Math.max(this.#compactedRv, upTo);
  }

  /** Stores `object` under a new resourceVersion and records the event; returns the stored copy. */
  put(typeKey: string, object: JsonObject, type: 'ADDED' | 'MODIFIED'): JsonObject {
    const { namespace, name } = identity(object);
    const previous = this.get(typeKey, namespace, name);
    const stored = this.#stamp(object);
    const byKey = this.#objects.get(typeKey) ?? new Map<string, JsonObject>();
    byKey.set(objectKey(namespace, name), stored);
    this.#objects.set(typeKey, byKey);
    this.#record({ type, resourceVersion: this.#rv, typeKey, object: stored, ...(previous ? { previous } : {}) });
    return stored;
  }

  /** Removes an object; `last` is its final state (e.g. with finalizers just removed). */
  remove(typeKey: string, last: JsonObject): JsonObject {
    const { namespace, name } = identity(last);
    const previous = this.get(typeKey, namespace, name);
    this.#objects.get(typeKey)?.delete(objectKey(namespace, name));
    const stored = this.#stamp(last);
    this.#record({ type: 'DELETED', resourceVersion: this.#rv, typeKey, object: stored, ...(previous ? { previous } : {}) });
    return stored;
  }

  /** Deletes every object of a type (its CRD was deleted), one DELETED event each. */
  dropType(typeKey: string): void {
    for (const object of this.list(typeKey)) this.remove(typeKey, object);
    this.#objects.delete(typeKey);
  }

  /**
   * Events after `resourceVersion`, oldest first. Throws 410 Expired when some of them have
   * already left the bounded history.
   */
  eventsSince(resourceVersion: number): StoreEvent[] {
    if (resourceVersion < this.#compactedRv) {
      // The cacher's wording: the request and the oldest resourceVersion a watch can still start from.
      throw expired(`too old resource version: ${resourceVersion} (${this.#compactedRv})`);
    }
    return this.#history.filter((e) => e.resourceVersion > resourceVersion);
  }

  subscribe(listener: StoreListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #stamp(object: JsonObject): JsonObject {
    this.#rv += 1;
    const metadata = { ...objectAt(object, 'metadata'), resourceVersion: String(this.#rv) };
    return deepFreeze(clone({ ...object, metadata }));
  }

  #record(event: StoreEvent): void {
    this.#history.push(event);
    while (this.#history.length > Math.max(0, this.historySize)) {
      const dropped = this.#history.shift();
      if (dropped) this.#compactedRv = dropped.resourceVersion;
    }
    if (this.historySize <= 0) this.#compactedRv = event.resourceVersion;
    for (const listener of [...this.#listeners]) listener(event);
  }
}

export function identity(object: JsonObject): { namespace: string; name: string } {
  const metadata = objectAt(object, 'metadata');
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : '';
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  return { namespace, name };
}

function sortedIn(objects: ReadonlyMap<string, JsonObject>, namespace: string | undefined): JsonObject[] {
  return [...objects.entries()]
    .filter(([key]) => namespace === undefined || key.startsWith(`${namespace}/`))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, object]) => object);
}

function objectKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** Stored objects are frozen: handlers build new objects and never change stored ones by accident. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
