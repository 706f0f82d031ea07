// The informer's cache: frozen objects by namespace/name, with a namespace index built in and
// any index functions the user adds (client-go's Indexer: an index maps each object to values,
// byIndex finds the objects with a value).
import { parseLabelSelector } from './selector.js';
import type { KubernetesObjectLike } from './types.js';

/** Deeply read-only: what the store hands out is shared by every reader and frozen. */
export type Frozen<T> = T extends Date | ((...args: never[]) => unknown)
  ? T
  : T extends readonly (infer E)[]
    ? readonly Frozen<E>[]
    : T extends object
      ? { readonly [K in keyof T]: Frozen<T[K]> }
      : T;

/** The values of one index for an object (e.g. its owner names, a spec field). */
export type IndexFunc<T> = (object: Frozen<T>) => readonly string[];

/** The built-in index: objects by metadata.namespace ('' for cluster-scoped ones). */
export const NAMESPACE_INDEX = 'namespace';

export function deepFreeze<T>(value: T): Frozen<T> {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value as Frozen<T>;
}

export const objectKey = (o: { readonly metadata?: { readonly name?: string | undefined; readonly namespace?: string | undefined } | undefined }): string =>
  `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;

export interface StoreListOptions {
  readonly labelSelector?: string;
  readonly namespace?: string;
}

export class Store<T extends KubernetesObjectLike> {
  readonly #objects = new Map<string, Frozen<T>>();
  readonly #indexers = new Map<string, IndexFunc<T>>();
  readonly #indices = new Map<string, Map<string, Set<string>>>();

  /** @param defaultNamespace used by get(name) when no namespace is given */
  constructor(indexes: { readonly [name: string]: IndexFunc<T> } = {}, private readonly defaultNamespace: string | undefined = undefined) {
    this.#indexers.set(NAMESPACE_INDEX, (o) => [o.metadata?.namespace ?? '']);
    for (const [name, fn] of Object.entries(indexes)) {
      if (name === NAMESPACE_INDEX) throw new Error(`index name ${JSON.stringify(name)} is built in; choose another`);
      this.#indexers.set(name, fn);
    }
    for (const name of this.#indexers.keys()) this.#indices.set(name, new Map());
  }

  get size(): number {
    return this.#objects.size;
  }

  /** A namespaced object by name; the namespace defaults to the informer's own, if it has one. */
  get(name: string, namespace: string | undefined = this.defaultNamespace): Frozen<T> | undefined {
    return this.#objects.get(`${namespace ?? ''}/${name}`);
  }

  list(options: StoreListOptions = {}): Frozen<T>[] {
    const matches = parseLabelSelector(options.labelSelector);
    const from = options.namespace === undefined ? [...this.#objects.values()] : this.byIndex(NAMESPACE_INDEX, options.namespace);
    return from.filter((o) => matches(o.metadata?.labels as { readonly [key: string]: string } | undefined));
  }

  /** The objects whose index function returned `value`. */
  byIndex(index: string, value: string): Frozen<T>[] {
    const values = this.#indices.get(index);
    if (values === undefined) throw new Error(`no index named ${JSON.stringify(index)} (have: ${[...this.#indices.keys()].join(', ')})`);
    return [...(values.get(value) ?? [])].map((key) => this.#objects.get(key)!);
  }

  /** @internal Stores `object` (already frozen); returns what it replaced. */
  set(object: Frozen<T>): Frozen<T> | undefined {
    const key = objectKey(object);
    const old = this.#objects.get(key);
    if (old !== undefined) this.#unindex(key, old);
    this.#objects.set(key, object);
    for (const [name, fn] of this.#indexers) {
      const values = this.#indices.get(name)!;
      for (const value of fn(object)) {
        let keys = values.get(value);
        if (keys === undefined) values.set(value, (keys = new Set()));
        keys.add(key);
      }
    }
    return old;
  }

  /** @internal Removes the object with this key; returns it. */
  delete(key: string): Frozen<T> | undefined {
    const old = this.#objects.get(key);
    if (old === undefined) return undefined;
    this.#unindex(key, old);
    this.#objects.delete(key);
    return old;
  }

  #unindex(key: string, object: Frozen<T>): void {
    for (const [name, fn] of this.#indexers) {
      const values = this.#indices.get(name)!;
      for (const value of fn(object)) {
        const keys = values.get(value);
        keys?.delete(key);
        if (keys?.size === 0) values.delete(value);
      }
    }
  }
}
