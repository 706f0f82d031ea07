// The base class every generated `KindApi` extends. It holds no kind-specific knowledge: the
// generated subclass passes a ResourceDescriptor and binds the types.
import { CustomObjectsApi, type ConfigurationOptions, type KubeConfig, type V1Status } from '@kubernetes/client-node';
import { toApiError, type RequestInfo } from './errors.js';
import { checkPatchQuery, collectionPath, deleteObjects, nameOf, patchObject, readObject, replaceObject, withTypeMeta } from './endpoints.js';
import type { AnyNamespace, LooseCallOptions, LooseListOptions, Named, Target } from './endpoints.js';
import { loadKubeConfig, resolveNamespace } from './kubeconfig.js';
import { DEFAULT_RETRY, resolveRetry, withRetry, type Idempotency, type RetryPolicy } from './retry.js';
import { decodeList, decodeObject, encodeObject, isStatus } from './meta.js';
import { defined, linkSignals, PATCH_CONTENT_TYPE, releasing, requestOptions, type RequestTweaks } from './transport.js';
import { updateObject, waitForObject, type HelperHost, type Mutate, type Predicate } from './helpers.js';
import { Informer, type InformerOptions } from './informer.js';
import { watchLoop } from './watch.js';
import { collectPages, watchSource } from './watch-source.js';
import { validateLocally } from './local-validation.js';
import type { ApiOptions, ApplyConfiguration, ApplyOptions, CreateBody, DeleteCollectionOptions, DeleteOptions, GetOptions } from './types.js';
import type { KubernetesListLike, KubernetesObjectLike, ListAllOptions, ListOptions, LocalValidator, Patch, PatchOptions } from './types.js';
import type { ResourceDescriptor, Scope, Subresource, UpdateOptions, WaitForOptions, WatchEvent, WatchOptions, WriteOptions } from './types.js';

/** Default page size of listAll/listPages and of the watch's initial list. */
const PAGE_SIZE = 500;

/**
 * The verbs of one kind, typed by its interfaces; calls retry what is safe, honour `signal`, fail
 * with ApiError. `T` is the kind as the server returns it, `TInput` what create and replace take
 * (generated kinds make optional there the required fields the server defaults).
 */
export abstract class AbstractAsyncCustomObjectApi<T extends KubernetesObjectLike, TList extends KubernetesListLike<T> = KubernetesListLike<T>,
  S extends Scope = 'Namespaced', TInput extends KubernetesObjectLike = T> {
  readonly resource: ResourceDescriptor;
  readonly kubeConfig: KubeConfig;
  /** Namespace used when a call names none (namespaced kinds only). */
  readonly namespace: string;
  /** Field manager of the writes that name none. */
  readonly fieldManager: string | undefined;
  protected readonly client: CustomObjectsApi;
  protected readonly retryPolicy: RetryPolicy;
  protected readonly validator: LocalValidator | undefined = undefined; // what `validate: true` uses; set by --validators classes
  protected readonly validateWrites: boolean = false; // true: whole-object writes validate unless `validate: false`
  readonly #lifetime = new AbortController(); // aborted by dispose: every request and watch of this object listens to it

  constructor(resource: ResourceDescriptor, options: ApiOptions = {}) {
    this.resource = resource;
    this.kubeConfig = loadKubeConfig(options);
    this.namespace = resolveNamespace(this.kubeConfig, options.namespace);
    this.fieldManager = options.fieldManager;
    this.retryPolicy = resolveRetry(DEFAULT_RETRY, options.retry);
    this.client = this.kubeConfig.makeApiClient(CustomObjectsApi);
  }

  /** `group/version`, as in the objects' apiVersion. */
  get apiVersion(): string {
    return `${this.resource.group}/${this.resource.version}`;
  }

  /** Aborts in-flight requests and watches; later calls fail at once. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.#lifetime.abort(new DOMException(`${this.resource.kind} API object was disposed`, 'AbortError'));
  }

  /** Reads the named object (in `options.namespace`, else the default namespace, for namespaced kinds). */
  async get(name: string, options?: GetOptions<S>): Promise<T> {
    const raw = await this.send('idempotent', options, (o) => readObject(this.client, this.target(name, options), undefined, o));
    return decodeObject<T>(raw);
  }

  /** One page of the matching objects; `metadata.continue` of a page, passed as `continue`, gives the next. */
  list(options?: ListOptions<S>): Promise<TList> {
    return this.listWith(options);
  }

  private async listWith(options: LooseListOptions | undefined): Promise<TList> {
    const q = defined({
      labelSelector: options?.labelSelector, fieldSelector: options?.fieldSelector, limit: options?.limit,
      _continue: options?.continue, resourceVersion: options?.resourceVersion, resourceVersionMatch: options?.resourceVersionMatch,
    });
    const ns = this.listNamespace(options);
    const base = { group: this.resource.group, version: this.resource.version, plural: this.resource.plural, ...q };
    const raw = await this.send('idempotent', options, (o) => ns === undefined
      // listClusterCustomObject sends GET /apis/g/v/plural, which is also "all namespaces", and
      // unlike listCustomObjectForAllNamespaces has the same parameters in client-node 1.4 and 2.x.
      ? this.client.listClusterCustomObject(base, o)
      : this.client.listNamespacedCustomObject({ ...base, namespace: ns }, o));
    return decodeList<TList>(raw);
  }

  /** Every page of the list, following `continue`; `limit` is the page size (default 500). */
  listPages(options?: ListAllOptions<S>): AsyncGenerator<TList, void, undefined> {
    return this.pagesWith(options);
  }

  private async *pagesWith(options: LooseListOptions | undefined): AsyncGenerator<TList, void, undefined> {
    let token: string | undefined;
    do {
      // Later pages come from the first page's snapshot: the server refuses a resourceVersion with continue.
      const snapshot = token === undefined ? {} : { resourceVersion: undefined, resourceVersionMatch: undefined };
      const page: TList = await this.listWith({ ...options, ...snapshot, limit: options?.limit ?? PAGE_SIZE, continue: token });
      yield page;
      token = page.metadata?._continue || undefined;
    } while (token !== undefined);
  }

  /** Every object of every page, fetched page by page as the loop advances. */
  async *listAll(options?: ListAllOptions<S>): AsyncGenerator<T, void, undefined> {
    for await (const page of this.listPages(options)) yield* page.items;
  }

  /** apiVersion and kind may be left out of the body (they come from the resource descriptor), and so may fields the server defaults. */
  async create(body: CreateBody<TInput>, options?: WriteOptions<S>): Promise<T> {
    const full = encodeObject(withTypeMeta(body, this.apiVersion, this.resource.kind));
    const ns = this.namespaceFor(options, full as Named);
    validateLocally(this.validator, this.resource, { body: full, namespace: ns }, options, this.validateWrites);
    const base = { group: this.resource.group, version: this.resource.version, plural: this.resource.plural };
    const p = { ...base, ...this.writeQuery(options), body: full };
    const raw = await this.send('unsafe', options, (o) => ns === undefined
      ? this.client.createClusterCustomObject(p, o)
      : this.client.createNamespacedCustomObject({ ...p, namespace: ns }, o));
    return decodeObject<T>(raw);
  }

  /** Replaces the whole object (fields the server defaults may be left out); it fails with 409 Conflict if metadata.resourceVersion is stale. */
  async replace(body: TInput, options?: WriteOptions<S>): Promise<T> {
    return this.replaceSubresource<T, TInput>(undefined, body, options);
  }

  /** Patches the named object: a JSON merge patch, JSON patch operations or server-side apply (by `type`). */
  async patch(name: string, patch: Patch<T>, options?: PatchOptions<S>): Promise<T> {
    return this.patchSubresource(undefined, name, patch, options);
  }

  /** Server-side apply: the body holds the fields this manager owns; metadata.name is required. */
  async apply(body: ApplyConfiguration<T>, options?: ApplyOptions<S>): Promise<T> {
    const name = nameOf(body as Named, `${this.resource.kind} apply`);
    const ns = (body as Named).metadata?.namespace;
    const opts = ns === undefined || options?.namespace !== undefined ? options : { ...options, namespace: ns };
    return this.patch(name, { type: 'apply', body }, opts as ApplyOptions<S>);
  }

  /** Resolves to the object (with deletionTimestamp while finalizers run) or a Status. */
  async delete(name: string, options?: DeleteOptions<S>): Promise<T | V1Status> {
    const t = this.target(name, options);
    const q = defined({
      gracePeriodSeconds: options?.gracePeriodSeconds, propagationPolicy: options?.propagationPolicy,
      dryRun: options?.dryRun ? 'All' : undefined,
      body: options?.preconditions === undefined ? undefined : { preconditions: { ...options.preconditions } },
    });
    const { namespace, ...p } = t;
    const raw = await this.send('idempotent', options, (o) => namespace === undefined
      ? this.client.deleteClusterCustomObject({ ...p, ...q }, o)
      : this.client.deleteNamespacedCustomObject({ ...p, ...q, namespace }, o));
    return isStatus(raw) ? raw : decodeObject<T>(raw);
  }

  /** Deletes every matching object of the namespace (or cluster); resolves to the deleted list or a Status. */
  async deleteCollection(options?: DeleteCollectionOptions<S>): Promise<TList | V1Status> {
    const ns = this.namespaceFor(options);
    const collection = { group: this.resource.group, version: this.resource.version, plural: this.resource.plural, namespace: ns };
    const q = defined({
      labelSelector: options?.labelSelector, gracePeriodSeconds: options?.gracePeriodSeconds,
      propagationPolicy: options?.propagationPolicy, dryRun: options?.dryRun ? 'All' : undefined,
    });
    const fieldSelector = options?.fieldSelector;
    // client-node's cluster-scoped deleteCollection has no fieldSelector parameter: it goes into the query.
    const tweaks = ns === undefined && fieldSelector !== undefined ? { query: { fieldSelector } } : {};
    const raw = await this.send('idempotent', options, (o) => deleteObjects(this.client, collection, q, fieldSelector, o), tweaks);
    return isStatus(raw) ? raw : decodeList<TList>(raw);
  }

  /**
   * Events for the matching objects, resuming after dropped connections and relisting after 410
   * Gone (see watch.ts for exactly what a relist emits). Without resourceVersion it starts with an
   * ADDED event per existing object. Ends when `signal` aborts, on dispose, or when the loop is left.
   */
  watch(options?: WatchOptions<S>): AsyncGenerator<WatchEvent<T>, void, undefined> {
    return this.watchFrom(options, []);
  }

  /**
   * A local cache of the matching objects kept current by a watch, with indexes and handlers:
   * `await informer.synced`, then `informer.store.get(name)`. Stops on `signal`, `stop()` or dispose.
   */
  informer(options?: InformerOptions<T, S>): Informer<T> {
    const o = (options ?? {}) as InformerOptions<T, S>;
    const watch = (signal: AbortSignal, known: readonly T[], onListed: () => void) =>
      this.watchFrom({ ...o, signal } as WatchOptions<S>, known, onListed);
    return new Informer<T>(watch, o as InformerOptions<T, Scope>, this.listNamespace(o));
  }

  /** Resolves with the object once `predicate` holds (checked on the current state first). */
  async waitFor(name: string, predicate: Predicate<T>, options?: WaitForOptions<S>): Promise<T> {
    return waitForObject(this.helperHost(), name, predicate, options ?? {});
  }

  /** Read, mutate, replace; a 409 Conflict starts over from a fresh read, up to `retries` (5) times. */
  async update(name: string, mutate: Mutate<T>, options?: UpdateOptions<S>): Promise<T> {
    return updateObject(this.helperHost(), name, mutate, this.validateWrites && options?.validate === undefined ? { ...options, validate: true } : (options ?? {}));
  }

  protected async getSubresource<R>(sub: Subresource, name: string, options?: GetOptions<S>): Promise<R> {
    this.requireSubresource(sub);
    const raw = await this.send('idempotent', options, (o) => readObject(this.client, this.target(name, options), sub, o));
    return decodeObject<R>(raw);
  }

  /** The name (and, when the call gives none, the namespace) come from body.metadata. */
  protected async replaceSubresource<R, B = R>(sub: Subresource | undefined, body: B, options?: WriteOptions<S>): Promise<R> {
    if (sub !== undefined) this.requireSubresource(sub);
    const named = body as Named;
    const t = { ...this.target(nameOf(named, `${this.resource.kind} ${sub ? `replace ${sub}` : 'replace'}`), options, named) };
    validateLocally(this.validator, this.resource, { body, namespace: t.namespace, sub }, options, this.validateWrites);
    const wire = encodeObject(body);
    const raw = await this.send('unsafe', options, (o) => replaceObject(this.client, t, sub, wire, this.writeQuery(options), o));
    return decodeObject<R>(raw);
  }

  protected async patchSubresource<R>(sub: Subresource | undefined, name: string, patch: Patch<R>, options?: PatchOptions<S>): Promise<R> {
    if (sub !== undefined) this.requireSubresource(sub);
    const t = this.target(name, options);
    const isApply = patch.type === 'apply';
    const q = { ...this.writeQuery(options), ...defined({ force: isApply ? options?.force : undefined }) };
    checkPatchQuery(`${this.resource.kind} ${name}`, isApply, q.fieldManager, options?.force);
    // The apply body must name its type; the scale subresource's type is autoscaling/v1 Scale, not ours.
    const typed = isApply && sub !== 'scale' ? withTypeMeta(patch.body as object, this.apiVersion, this.resource.kind) : patch.body;
    validateLocally(this.validator, this.resource, { body: typed, namespace: t.namespace, sub, patch: patch.type }, options, this.validateWrites);
    // A JSON patch is a list of operations: its values are sent as given.
    const body = patch.type === 'json' ? typed : encodeObject(typed);
    const raw = await this.send(isApply ? 'idempotent' : 'unsafe', options,
      (o) => patchObject(this.client, t, sub, body, q, o), { headers: { 'Content-Type': PATCH_CONTENT_TYPE[patch.type] } });
    return decodeObject<R>(raw);
  }

  /** One request: abort signal, retries, errors turned into ApiError. */
  protected send<R>(idempotency: Idempotency, options: LooseCallOptions | undefined,
    call: (o: ConfigurationOptions) => Promise<unknown>, tweaks: Omit<RequestTweaks, 'signal'> = {}): Promise<R> {
    const link = linkSignals(this.#lifetime.signal, options?.signal);
    const { signal } = link;
    const policy = resolveRetry(this.retryPolicy, options?.retry);
    return withRetry(policy, idempotency, signal, async () => {
      const info: RequestInfo = {};
      try {
        return (await call(requestOptions({ ...tweaks, signal }, info))) as R;
      } catch (e) {
        if (signal.aborted) throw signal.reason;
        throw toApiError(e, info);
      }
    }).finally(() => link.release());
  }

  /** The watch behind `watch`, `waitFor` and `informer`; `known` seeds what a relist compares against. */
  protected watchFrom(options: WatchOptions<S> | undefined, known: readonly T[], onListed?: () => void): AsyncGenerator<WatchEvent<T>, void, undefined> {
    const o = options ?? ({} as WatchOptions<S>);
    const link = linkSignals(this.#lifetime.signal, o.signal);
    const ns = this.listNamespace(o);
    const source = watchSource<T>({
      kubeConfig: this.kubeConfig, path: collectionPath(this.resource.group, this.resource.version, this.resource.plural, ns),
      labelSelector: o.labelSelector, fieldSelector: o.fieldSelector, timeoutSeconds: o.timeoutSeconds,
      list: (s) => collectPages(this.pagesWith({ ...o, signal: s, retry: false, resourceVersion: undefined })),
    });
    // A watch outlives outages: unless the call bounds it, it reconnects until aborted.
    const policy = resolveRetry({ ...this.retryPolicy, retries: Infinity }, o.retry);
    return releasing(watchLoop(source, { signal: link.signal, policy, resourceVersion: o.resourceVersion, known, silenceMs: o.silenceMs, onListed }), link);
  }

  private helperHost(): HelperHost<T> {
    const host = { kind: this.resource.kind, get: this.get.bind(this), replace: this.replace.bind(this),
      watchFrom: this.watchFrom.bind(this), lifetime: this.#lifetime.signal, defaultNamespace: this.namespace,
      namespaced: this.resource.namespaced };
    // The helpers pass a namespace only for namespaced kinds, which is what the scoped option types allow.
    return host as unknown as HelperHost<T>;
  }

  private writeQuery(options: WriteOptions<S> | undefined) {
    return defined({
      dryRun: options?.dryRun ? 'All' : undefined,
      fieldManager: options?.fieldManager ?? this.fieldManager,
      fieldValidation: options?.fieldValidation,
    });
  }

  private namespaceFor(options: { readonly namespace?: string | undefined } | undefined, body?: Named): string | undefined {
    if (!this.resource.namespaced) return undefined;
    return options?.namespace ?? body?.metadata?.namespace ?? this.namespace;
  }

  /** Undefined means "all namespaces" (the cluster-wide path). */
  private listNamespace(options: AnyNamespace | undefined): string | undefined {
    return options?.allNamespaces ? undefined : this.namespaceFor(options);
  }

  private target(name: string, options: { readonly namespace?: string | undefined } | undefined, body?: Named): Target {
    // An empty name would address the collection: DELETE .../widgets/ deletes them all.
    if (typeof name !== 'string' || name === '') throw new Error(`${this.resource.kind}: the object name must be a non-empty string`);
    const { group, version, plural } = this.resource;
    return { group, version, plural, namespace: this.namespaceFor(options, body), name };
  }

  private requireSubresource(sub: Subresource): void {
    if (!this.resource.subresources[sub]) throw new Error(`${this.resource.kind} has no ${sub} subresource`);
  }
}
