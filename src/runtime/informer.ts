// An informer: list and watch one kind into a local store and tell handlers what changed. Built on
// the watch loop, so it inherits its guarantees (bounded connections, silence limit, resume, relist
// after 410 with every change reported once); on errors the loop cannot outlast (403, a CRD that
// went away) it reports them and starts over after a backoff, from what the store holds.
import { backoffDelay, sleep } from './retry.js';
import { deepFreeze, objectKey, Store, type Frozen, type IndexFunc } from './store.js';
import { linkSignals } from './transport.js';
import type { KubernetesObjectLike, WatchEvent, WatchOptions, Scope } from './types.js';

export interface EventInfo {
  /** The change was found by a list (initial or after 410 Gone), not seen live. */
  readonly relist: boolean;
  /** A periodic resync re-delivered an unchanged object (update handlers only). */
  readonly resync: boolean;
}

export interface InformerHandlers<T> {
  add: (object: Frozen<T>, info: EventInfo) => void;
  /** `old` is the state the store held before. */
  update: (object: Frozen<T>, old: Frozen<T>, info: EventInfo) => void;
  /** The last known state: the deleted object as the server sent it, or as last seen when a relist found it gone. */
  delete: (object: Frozen<T>, info: EventInfo) => void;
  /** Errors of the list/watch (it keeps retrying) and errors thrown by handlers. */
  error: (error: unknown) => void;
}

export type InformerOptions<T, S extends Scope = 'Namespaced'> = Omit<WatchOptions<S>, 'resourceVersion'> & {
  /** Index functions by name, for store.byIndex; `namespace` is built in. */
  readonly indexes?: { readonly [name: string]: IndexFunc<T> };
  /** Re-deliver every stored object to the update handlers this often (default: never). */
  readonly resyncMs?: number;
};

/** How the informer gets its events: the API class's watch, seeded with what the store holds. */
export type InformerWatch<T> = (signal: AbortSignal, known: readonly T[], onListed: () => void) => AsyncIterable<WatchEvent<T>>;

const RESTART = { retries: Infinity, baseDelayMs: 500, maxDelayMs: 30_000 } as const;

export class Informer<T extends KubernetesObjectLike> implements AsyncDisposable {
  readonly store: Store<T>;
  /** Resolves once the store holds the initial list; rejects if the informer stops before. */
  readonly synced: Promise<void>;
  readonly #handlers: { [E in keyof InformerHandlers<T>]: Set<InformerHandlers<T>[E]> } = {
    add: new Set(), update: new Set(), delete: new Set(), error: new Set(),
  };
  readonly #stop = new AbortController();
  readonly #signal: AbortSignal;
  readonly #running: Promise<void>;
  #synced = false;
  #resolveSynced: () => void = () => {};

  constructor(watch: InformerWatch<T>, options: InformerOptions<T, Scope> = {}, defaultNamespace?: string) {
    this.store = new Store<T>(options.indexes, defaultNamespace);
    const link = linkSignals(this.#stop.signal, options.signal);
    this.#signal = link.signal;
    let rejectSynced: (e: unknown) => void = () => {};
    this.synced = new Promise<void>((resolve, reject) => {
      this.#resolveSynced = resolve;
      rejectSynced = reject;
    });
    // Nobody has to await `synced`: a stop before the first list must not be an unhandled rejection.
    this.synced.catch(() => {});
    this.#running = this.#run(watch, options.resyncMs).finally(() => {
      link.release();
      if (!this.#synced) rejectSynced(this.#signal.reason ?? new Error('informer stopped before it synced'));
    });
  }

  get hasSynced(): boolean {
    return this.#synced;
  }

  get stopped(): boolean {
    return this.#signal.aborted;
  }

  /** Adds a handler; returns a function that removes it. Handlers run synchronously, in event order. */
  on<E extends keyof InformerHandlers<T>>(event: E, handler: InformerHandlers<T>[E]): () => void {
    const set = this.#handlers[event] as Set<InformerHandlers<T>[E]>;
    set.add(handler);
    return () => set.delete(handler);
  }

  /** Stops watching; resolves when the watch has ended. The store keeps its last state. */
  async stop(): Promise<void> {
    this.#stop.abort(new DOMException('informer stopped', 'AbortError'));
    await this.#running;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  async #run(watch: InformerWatch<T>, resyncMs: number | undefined): Promise<void> {
    const resync = resyncMs === undefined || resyncMs <= 0 ? undefined : setInterval(() => this.#resync(), resyncMs);
    const onListed = () => {
      if (this.#synced) return;
      this.#synced = true;
      this.#resolveSynced();
    };
    try {
      for (let failures = 0; !this.#signal.aborted; ) {
        try {
          for await (const event of watch(this.#signal, this.store.list() as T[], onListed)) {
            failures = 0;
            this.#apply(event);
          }
          // The watch only ends by itself when its API object was disposed: so does the informer.
          this.#stop.abort(new DOMException('the API object was disposed', 'AbortError'));
        } catch (error) {
          if (this.#signal.aborted) break;
          this.#emitError(error);
          await sleep(backoffDelay(RESTART, ++failures), this.#signal).catch(() => {});
        }
      }
    } finally {
      clearInterval(resync);
    }
  }

  #apply(event: WatchEvent<T>): void {
    if (event.type === 'BOOKMARK') return;
    const info: EventInfo = { relist: event.relist === true, resync: false };
    const object = deepFreeze(event.object);
    if (event.type === 'DELETED') {
      this.store.delete(objectKey(object));
      this.#emit('delete', (h) => h(object, info));
      return;
    }
    const old = this.store.set(object);
    if (old === undefined) this.#emit('add', (h) => h(object, info));
    else this.#emit('update', (h) => h(object, old, info));
  }

  #resync(): void {
    if (!this.#synced || this.#signal.aborted) return;
    const info: EventInfo = { relist: false, resync: true };
    for (const object of this.store.list()) this.#emit('update', (h) => h(object, object, info));
  }

  #emit<E extends 'add' | 'update' | 'delete'>(event: E, call: (handler: InformerHandlers<T>[E]) => void): void {
    for (const handler of this.#handlers[event] as Set<InformerHandlers<T>[E]>) {
      try {
        call(handler);
      } catch (error) {
        this.#emitError(error);
      }
    }
  }

  #emitError(error: unknown): void {
    if (this.#handlers.error.size === 0) {
      process.emitWarning(`informer: ${error instanceof Error ? error.message : String(error)}`, 'InformerWarning');
      return;
    }
    for (const handler of this.#handlers.error) {
      try {
        handler(error);
      } catch {
        // An error handler that throws has nowhere left to report to.
      }
    }
  }
}
