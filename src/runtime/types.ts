// Public types of the runtime. Option types are indexed by scope so that a cluster-scoped kind
// cannot be given a namespace: the compiler says so instead of the API server.
import type { KubeConfig, V1ListMeta, V1ObjectMeta } from '@kubernetes/client-node';

export type Scope = 'Namespaced' | 'Cluster';

export type Subresource = 'status' | 'scale';

/** What the generated code knows about one served version of a kind. */
export interface ResourceDescriptor {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly kind: string;
  readonly listKind: string;
  readonly namespaced: boolean;
  readonly subresources: { readonly status: boolean; readonly scale: boolean };
}

/** One problem the API server reports in a 422's `details.causes`. */
export interface ValidationCause {
  readonly reason: string;
  readonly message: string;
  readonly field: string;
}

/** A kind's local validator, in clients generated with validators: the causes of the 422 a write would get. */
export interface LocalValidator {
  validate(body: unknown, options?: { readonly old?: unknown }): readonly ValidationCause[];
  /** The 422 Status message for these causes (`Widget.example.com "w1" is invalid: ...`). */
  invalidMessage(body: unknown, causes: readonly ValidationCause[]): string;
}

/** The shape every custom object shares; generated kinds narrow apiVersion and kind to literals. */
export interface KubernetesObjectLike {
  apiVersion?: string;
  kind?: string;
  metadata?: V1ObjectMeta;
}

/** A value as JSON carries it: Dates (client-node's timestamps) are RFC 3339 strings, at every level. */
export type WireForm<T> = T extends Date
  ? string
  : T extends readonly (infer E)[]
    ? WireForm<E>[]
    : T extends object
      ? { [K in keyof T]: WireForm<T[K]> }
      : T;

/**
 * The metadata of an embedded resource (`x-kubernetes-embedded-resource`), as the server sends it:
 * V1ObjectMeta's fields with timestamps as strings. Only the object's own `metadata` is decoded
 * into V1ObjectMeta (Dates); metadata nested in the spec stays as it is on the wire.
 */
export type EmbeddedObjectMeta = WireForm<V1ObjectMeta>;

export interface KubernetesListLike<T> {
  apiVersion?: string;
  kind?: string;
  metadata?: V1ListMeta;
  items: T[];
}

/** Backoff for retried requests: delay n (1-based) is about min(maxDelayMs, baseDelayMs * 2^(n-1)). */
export interface RetryOptions {
  /** How many times a failed request is sent again (0 = never). Default 3. */
  readonly retries?: number;
  /** Default 200. */
  readonly baseDelayMs?: number;
  /** Default 10000. A server's Retry-After is honoured even when it is longer. */
  readonly maxDelayMs?: number;
}

export interface ApiOptions {
  /** Used as is (not copied) unless `context` is given. */
  readonly kubeConfig?: KubeConfig;
  /** Read when no kubeConfig is given; otherwise the default locations ($KUBECONFIG, ~/.kube/config, in-cluster). */
  readonly configFile?: string;
  /** A context of the kubeconfig to use instead of its current-context. */
  readonly context?: string;
  /** Default namespace for namespaced kinds; else the context's namespace; else `default`. */
  readonly namespace?: string;
  /** Default field manager for writes; required (here or per call) for server-side apply. */
  readonly fieldManager?: string;
  readonly retry?: RetryOptions;
}

/** Options every call takes. */
export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Overrides the constructor's retry policy for this call; `false` sends the request once. */
  readonly retry?: RetryOptions | false;
}

interface NamespaceByScope {
  Namespaced: { readonly namespace?: string };
  Cluster: { readonly namespace?: never };
}
interface ListScopeOptions {
  Namespaced: { readonly namespace?: string; readonly allNamespaces?: boolean };
  Cluster: { readonly namespace?: never; readonly allNamespaces?: never };
}

export type NamespaceOption<S extends Scope> = NamespaceByScope[S];

export type GetOptions<S extends Scope = 'Namespaced'> = CallOptions & NamespaceByScope[S];

export interface SelectorOptions {
  /** e.g. `app=web,tier in (a,b)` */
  readonly labelSelector?: string;
  /** e.g. `metadata.name=w1` */
  readonly fieldSelector?: string;
}

export type ListOptions<S extends Scope = 'Namespaced'> = CallOptions &
  ListScopeOptions[S] &
  SelectorOptions & {
    readonly limit?: number;
    readonly continue?: string;
    readonly resourceVersion?: string;
    readonly resourceVersionMatch?: 'Exact' | 'NotOlderThan';
  };

/** `limit` is the page size here (default 500). */
export type ListAllOptions<S extends Scope = 'Namespaced'> = Omit<ListOptions<S>, 'continue'>;

export type WriteOptions<S extends Scope = 'Namespaced'> = CallOptions &
  NamespaceByScope[S] & {
    /** Let the server validate and answer without persisting (`dryRun=All`). */
    readonly dryRun?: boolean;
    readonly fieldManager?: string;
    readonly fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
    /**
     * Check the body here first, as the API server would (pruned, defaulted, then its schema and
     * CEL rules): when it would be refused, the call fails before sending with the same 422
     * ApiError (reason Invalid, details.causes). Needs a client generated with validators
     * (`crdgen generate --validators`). Full objects only: create, replace, update, apply and
     * replaceStatus; a merge, JSON or strategic patch is no object to check, so `patch` refuses it.
     * On a replace, `{ old }` (the stored object) lets transition rules (CEL rules that read
     * oldSelf) run as on the server; `update` passes the object it read itself.
     */
    readonly validate?: boolean | { readonly old?: unknown };
  };

export type PatchOptions<S extends Scope = 'Namespaced'> = WriteOptions<S> & {
  /** Server-side apply only: take ownership of fields other managers own. */
  readonly force?: boolean;
};

export type ApplyOptions<S extends Scope = 'Namespaced'> = PatchOptions<S>;

export type DeleteOptions<S extends Scope = 'Namespaced'> = CallOptions &
  NamespaceByScope[S] & {
    readonly dryRun?: boolean;
    readonly gracePeriodSeconds?: number;
    readonly propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
    /** The delete fails with 409 Conflict unless the object still has this uid / resourceVersion. */
    readonly preconditions?: { readonly uid?: string; readonly resourceVersion?: string };
  };

export type DeleteCollectionOptions<S extends Scope = 'Namespaced'> = CallOptions &
  NamespaceByScope[S] &
  SelectorOptions & {
    readonly dryRun?: boolean;
    readonly gracePeriodSeconds?: number;
    readonly propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  };

/** The body of a create: apiVersion and kind may be left out, the descriptor fills them in. */
export type CreateBody<T> = {
  [K in keyof T as K extends 'apiVersion' | 'kind' ? never : K]: T[K];
} & {
  apiVersion?: T extends { apiVersion: infer A } ? A : string;
  kind?: T extends { kind: infer K } ? K : string;
};

/** JSON merge patch (RFC 7386): any subset of the object; `null` deletes a field; arrays are replaced whole. */
export type MergePatch<T> = T extends Date | readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: MergePatch<T[K]> | null }
    : T;

/** Server-side apply configuration: the fields this manager owns, nothing else. */
export type ApplyConfiguration<T> = T extends Date
  ? T
  : T extends readonly (infer E)[]
    ? ApplyConfiguration<E>[]
    : T extends object
      ? { [K in keyof T]?: ApplyConfiguration<T[K]> }
      : T;

/** JSON patch (RFC 6902) operation; paths are JSON pointers (`/spec/replicas`, `~1` for `/`). */
export type JsonPatchOperation =
  | { readonly op: 'add' | 'replace' | 'test'; readonly path: string; readonly value: unknown }
  | { readonly op: 'remove'; readonly path: string }
  | { readonly op: 'move' | 'copy'; readonly from: string; readonly path: string };

/** A patch names its type explicitly: each one is sent with its own Content-Type. */
export type Patch<T> =
  | { readonly type: 'merge'; readonly body: MergePatch<T> }
  | { readonly type: 'json'; readonly body: readonly JsonPatchOperation[] }
  | { readonly type: 'apply'; readonly body: ApplyConfiguration<T> };

/** A bookmark carries only a resourceVersion (and annotations); it is not a full object. */
export interface WatchBookmark {
  apiVersion?: string;
  kind?: string;
  metadata: { resourceVersion: string; annotations?: { [key: string]: string } };
}

export type WatchEvent<T> =
  | {
      readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
      readonly object: T;
      /** Synthesised from a list (the initial one, or a relist after 410 Gone), not seen live. */
      readonly relist?: true;
    }
  | { readonly type: 'BOOKMARK'; readonly object: WatchBookmark };

export type WatchOptions<S extends Scope = 'Namespaced'> = CallOptions &
  ListScopeOptions[S] &
  SelectorOptions & {
    /**
     * Start after this version (events only). Without it the watch first lists and emits an ADDED
     * event for every existing object, then streams changes.
     */
    readonly resourceVersion?: string;
    /**
     * Server-side lifetime of each watch connection; the watch reconnects after it. Default: random
     * in [300, 600] per connection (as client-go's reflector), so that many watchers do not
     * reconnect together.
     */
    readonly timeoutSeconds?: number;
    /**
     * A connection that delivers nothing, not even a bookmark, for this long is cut and reopened
     * from the last resourceVersion: a connection frozen without FIN is noticed. Default 300 000.
     */
    readonly silenceMs?: number;
  };

export type WaitForOptions<S extends Scope = 'Namespaced'> = CallOptions &
  NamespaceByScope[S] & {
    /** Default: no timeout. */
    readonly timeoutMs?: number;
  };

export type UpdateOptions<S extends Scope = 'Namespaced'> = WriteOptions<S> & {
  /** How often a 409 Conflict is retried with a fresh read. Default 5. */
  readonly retries?: number;
};
