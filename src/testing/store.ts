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

export type StoreListener = (event: StoreEvent) => void;

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
    if (!all) return [];
    return [...all.entries()]
      .filter(([key]) => namespace === undefined || key.startsWith(`${namespace}/`))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, object]) => object);
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
      const oldest = this.#history[0]?.resourceVersion ?? this.#rv;
      throw expired(`too old resource version: ${resourceVersion} (${oldest})`);
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
