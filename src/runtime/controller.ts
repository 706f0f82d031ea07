// A reconcile loop on informers and a work queue, after controller-runtime and kube-rs: events of
// the primary kind, and of kinds it owns (through an ownerReference with controller: true), put
// the primary's key on a queue; workers call `reconcile` with the key, one worker per key at a
// time; an error requeues the key with backoff, `requeueAfter` schedules the next run. Workers
// start once every cache has synced, so reconcile never sees a half-filled store.
import type { Informer, InformerOptions } from './informer.js';
import type { LeaderElector } from './leader.js';
import type { Frozen, Store } from './store.js';
import { defined } from './transport.js';
import type { KubernetesObjectLike, ResourceDescriptor, Scope } from './types.js';
import { ExponentialBackoff, WorkQueue } from './workqueue.js';

export interface ObjectKey {
  readonly name: string;
  /** Undefined for cluster-scoped kinds. */
  readonly namespace?: string | undefined;
}

export interface ReconcileContext<T extends KubernetesObjectLike> {
  /** Aborts when the controller stops (or loses leadership): pass it to every call. */
  readonly signal: AbortSignal;
  /** The primary object as the cache holds it now; undefined once it is deleted. */
  readonly object: Frozen<T> | undefined;
  /** Failed attempts of this key since its last success. */
  readonly retries: number;
  /** The primary informer: its store, for looking at other objects of the kind. */
  readonly informer: Informer<T>;
}

/** `requeueAfter`: reconcile the key again after this many ms, even if nothing changes. */
export type ReconcileResult = { readonly requeueAfter?: number | undefined } | void;

/** What the controller needs of an API object: every generated class has it. */
export interface InformerSource<T extends KubernetesObjectLike> {
  readonly resource: ResourceDescriptor;
  informer(options?: InformerOptions<T, Scope>): Informer<T>;
}

type AnyObject = Frozen<KubernetesObjectLike>;

/** What the controller uses of an owned kind's informer (any Informer<T> is one). */
export interface OwnedInformer {
  readonly synced: Promise<void>;
  stop(): Promise<void>;
  on(event: 'add' | 'delete', handler: (object: AnyObject) => void): () => void;
  on(event: 'update', handler: (object: AnyObject, old: AnyObject) => void): () => void;
}

/** An API object of an owned kind, whatever its object type (every generated class is one). */
export interface OwnedSource {
  readonly resource: ResourceDescriptor;
  informer(options?: { readonly signal?: AbortSignal; readonly namespace?: string; readonly allNamespaces?: boolean }): OwnedInformer;
}

/** Another kind's events, mapped to the primary keys they concern (e.g. by a selector or a reference). */
export interface WatchSpec<T extends KubernetesObjectLike> {
  /** An informer the caller runs (and stops); the controller subscribes to it and waits for its sync. */
  readonly informer: OwnedInformer;
  /** The primary keys to reconcile for a changed object; `primary` is the controller's primary cache. */
  readonly map: (object: AnyObject, primary: Store<T>) => readonly ObjectKey[];
}

export interface ControllerOptions<T extends KubernetesObjectLike> {
  readonly for: InformerSource<T>;
  /** Kinds whose objects name a primary in an ownerReference with controller: true. */
  readonly owns?: readonly OwnedSource[];
  /** Other informers whose events map to primary keys. */
  readonly watches?: readonly WatchSpec<T>[];
  readonly reconcile: (key: ObjectKey, ctx: ReconcileContext<T>) => ReconcileResult | Promise<ReconcileResult>;
  /** How many keys are reconciled at once (default 1). */
  readonly workers?: number;
  /** Stops the controller: no new reconciles start, run() resolves when the running ones end. */
  readonly signal: AbortSignal;
  /** Skip primary updates that keep metadata.generation (status-only writes); adds, deletes, resyncs pass. */
  readonly generationChanged?: boolean;
  /** Options of the primary informer (namespace, labelSelector, resyncMs...); owned informers get its namespace scope. */
  readonly informer?: InformerOptions<T, Scope>;
  /** Backoff of failed keys (default: 5 ms doubling up to 1000 s, and at most 10 retries a second after a burst of 100, as client-go). */
  readonly backoff?: { readonly baseDelayMs?: number; readonly maxDelayMs?: number };
  /** Reconcile errors (the key is requeued with backoff). Default: a process warning. */
  readonly onError?: (error: unknown, key: ObjectKey) => void;
  /** Reconcile only while holding this lease; run() rejects if leadership is lost. */
  readonly leaderElection?: LeaderElector;
}

export interface ControllerStats {
  readonly reconciles: number;
  readonly failures: number;
}

const keyString = (k: ObjectKey): string => `${k.namespace ?? ''}/${k.name}`;

type Meta = { readonly metadata?: Frozen<KubernetesObjectLike['metadata']> };
const generation = (o: Meta) => o.metadata?.generation;
const deleting = (o: Meta) => o.metadata?.deletionTimestamp !== undefined;

export class Controller<T extends KubernetesObjectLike> {
  readonly #options: ControllerOptions<T>;
  #stats = { reconciles: 0, failures: 0 };
  #started = false;

  constructor(options: ControllerOptions<T>) {
    if (options.workers !== undefined && !(Number.isInteger(options.workers) && options.workers >= 1)) {
      throw new Error(`Controller: workers must be a whole number >= 1 (got ${options.workers})`);
    }
    this.#options = options;
  }

  get stats(): ControllerStats {
    return { ...this.#stats };
  }

  /** Runs until `signal` aborts; resolves once the reconciles in flight have finished. */
  async run(): Promise<void> {
    if (this.#started) throw new Error('Controller: run() was already called');
    this.#started = true;
    const { leaderElection, signal } = this.#options;
    if (leaderElection === undefined) return this.#reconcileUntil(signal);
    await leaderElection.run(signal, (leading) => this.#reconcileUntil(leading));
  }

  async #reconcileUntil(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    const o = this.#options;
    const backoff = new ExponentialBackoff(o.backoff?.baseDelayMs, o.backoff?.maxDelayMs);
    const queue = new WorkQueue<ObjectKey>({ key: keyString, backoff });
    const primary = o.for.informer({ ...o.informer, signal });
    const scope = defined({ namespace: o.informer?.namespace, allNamespaces: o.informer?.allNamespaces });
    const owned = (o.owns ?? []).map((api) => api.informer({ ...(api.resource.namespaced ? scope : {}), signal }));
    this.#watchPrimary(primary, queue);
    for (const informer of owned) this.#watchOwned(informer, queue);
    const unsubscribe = (o.watches ?? []).flatMap((w) => this.#watchMapped(w, primary, queue));
    const informers = [primary, ...owned];
    const caches = [...informers, ...(o.watches ?? []).map((w) => w.informer)];
    const stopped = new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
    const synced = await Promise.race([Promise.all(caches.map((i) => i.synced)).then(() => true, () => false), stopped.then(() => false)]);
    const workers = synced ? Array.from({ length: o.workers ?? 1 }, () => this.#work(queue, primary, signal)) : [];
    await stopped;
    await queue.shutDown();
    await Promise.all(workers);
    for (const off of unsubscribe) off();
    await Promise.all(informers.map((i) => i.stop()));
  }

  #watchMapped(spec: WatchSpec<T>, primary: Informer<T>, queue: WorkQueue<ObjectKey>): (() => void)[] {
    const enqueue = (obj: AnyObject) => {
      for (const key of spec.map(obj, primary.store)) queue.add(key);
    };
    return [spec.informer.on('add', enqueue), spec.informer.on('delete', enqueue), spec.informer.on('update', enqueue)];
  }

  #watchPrimary(informer: Informer<T>, queue: WorkQueue<ObjectKey>): void {
    const enqueue = (obj: Meta) => queue.add(this.#keyOf(obj));
    informer.on('add', enqueue);
    informer.on('delete', enqueue);
    informer.on('update', (obj, old, info) => {
      const same = generation(obj) !== undefined && generation(obj) === generation(old) && deleting(obj) === deleting(old);
      if (this.#options.generationChanged && same && !info.resync) return;
      enqueue(obj);
    });
  }

  #watchOwned(informer: OwnedInformer, queue: WorkQueue<ObjectKey>): void {
    const enqueueOwner = (obj: AnyObject) => {
      const owner = this.#ownerOf(obj);
      if (owner !== undefined) queue.add(owner);
    };
    informer.on('add', enqueueOwner);
    informer.on('delete', enqueueOwner);
    informer.on('update', (obj, old) => {
      enqueueOwner(obj);
      // An object handed to another owner changes both.
      const before = this.#ownerOf(old);
      const after = this.#ownerOf(obj);
      if (before !== undefined && (after === undefined || keyString(before) !== keyString(after))) queue.add(before);
    });
  }

  /** The primary that controls `obj`, by the ownerReference with controller: true. */
  #ownerOf(obj: AnyObject): ObjectKey | undefined {
    const { group, kind, namespaced } = this.#options.for.resource;
    const ref = obj.metadata?.ownerReferences?.find((r) => r.controller === true);
    if (ref === undefined || ref.kind !== kind || ref.apiVersion.split('/')[0] !== group) return undefined;
    // Owner references never cross namespaces: a namespaced owner lives in the dependent's namespace.
    return { name: ref.name, namespace: namespaced ? obj.metadata?.namespace : undefined };
  }

  #keyOf(obj: Meta): ObjectKey {
    const namespace = this.#options.for.resource.namespaced ? obj.metadata?.namespace : undefined;
    return { name: obj.metadata?.name ?? '', namespace };
  }

  async #work(queue: WorkQueue<ObjectKey>, informer: Informer<T>, signal: AbortSignal): Promise<void> {
    const { reconcile, onError = defaultOnError } = this.#options;
    for (let key = await queue.get(); key !== undefined; key = await queue.get()) {
      const ctx: ReconcileContext<T> = { signal, object: informer.store.get(key.name, key.namespace ?? ''), retries: queue.numRequeues(key), informer };
      try {
        this.#stats.reconciles++;
        const result = await reconcile(key, ctx);
        queue.forget(key);
        if (result?.requeueAfter !== undefined) queue.addAfter(key, result.requeueAfter);
      } catch (error) {
        if (!signal.aborted) {
          this.#stats.failures++;
          onError(error, key);
          queue.addRateLimited(key);
        }
      } finally {
        queue.done(key);
      }
    }
  }
}

function defaultOnError(error: unknown, key: ObjectKey): void {
  const name = key.namespace === undefined ? key.name : `${key.namespace}/${key.name}`;
  process.emitWarning(`reconcile ${name} failed: ${error instanceof Error ? error.message : String(error)}`, 'ReconcileWarning');
}
