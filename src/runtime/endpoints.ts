// Picks the CustomObjectsApi method for a (scope, subresource) pair. client-node has one method
// per combination; only methods whose parameters are the same in 1.4 and 2.x are used.
import type { ConfigurationOptions, CustomObjectsApi } from '@kubernetes/client-node';
import type { RetryOptions, Subresource } from './types.js';

// Option shapes of either scope, as the API class's internal callers build them.
export type AnyNamespace = { readonly namespace?: string | undefined; readonly allNamespaces?: boolean | undefined };
export type LooseCallOptions = { readonly signal?: AbortSignal | undefined; readonly retry?: RetryOptions | false | undefined };
/** ListOptions of either scope, as the internal callers build them. */
export type LooseListOptions = AnyNamespace & LooseCallOptions & {
  readonly [K in 'labelSelector' | 'fieldSelector' | 'continue' | 'resourceVersion']?: string | undefined;
} & {
  readonly limit?: number | undefined;
  readonly resourceVersionMatch?: 'Exact' | 'NotOlderThan' | undefined;
};
export type Named = { metadata?: { name?: string; namespace?: string } };


/** One object: `namespace` is undefined for cluster-scoped kinds. */
export interface Target {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly namespace: string | undefined;
  readonly name: string;
}

interface WriteQuery {
  readonly dryRun?: string;
  readonly fieldManager?: string;
  readonly fieldValidation?: string;
}

interface PatchQuery extends WriteQuery {
  readonly force?: boolean;
}

export function readObject(
  c: CustomObjectsApi,
  t: Target,
  sub: Subresource | undefined,
  o: ConfigurationOptions,
): Promise<unknown> {
  const { namespace, ...p } = t;
  if (namespace === undefined) {
    if (sub === 'status') return c.getClusterCustomObjectStatus(p, o);
    if (sub === 'scale') return c.getClusterCustomObjectScale(p, o);
    return c.getClusterCustomObject(p, o);
  }
  const np = { ...p, namespace };
  if (sub === 'status') return c.getNamespacedCustomObjectStatus(np, o);
  if (sub === 'scale') return c.getNamespacedCustomObjectScale(np, o);
  return c.getNamespacedCustomObject(np, o);
}

export function replaceObject(
  c: CustomObjectsApi,
  t: Target,
  sub: Subresource | undefined,
  body: unknown,
  q: WriteQuery,
  o: ConfigurationOptions,
): Promise<unknown> {
  const { namespace, ...rest } = t;
  const p = { ...rest, ...q, body };
  if (namespace === undefined) {
    if (sub === 'status') return c.replaceClusterCustomObjectStatus(p, o);
    if (sub === 'scale') return c.replaceClusterCustomObjectScale(p, o);
    return c.replaceClusterCustomObject(p, o);
  }
  const np = { ...p, namespace };
  if (sub === 'status') return c.replaceNamespacedCustomObjectStatus(np, o);
  if (sub === 'scale') return c.replaceNamespacedCustomObjectScale(np, o);
  return c.replaceNamespacedCustomObject(np, o);
}

/** The Content-Type that selects the patch strategy is set by the caller's middleware. */
export function patchObject(
  c: CustomObjectsApi,
  t: Target,
  sub: Subresource | undefined,
  body: unknown,
  q: PatchQuery,
  o: ConfigurationOptions,
): Promise<unknown> {
  const { namespace, ...rest } = t;
  const p = { ...rest, ...q, body };
  if (namespace === undefined) {
    if (sub === 'status') return c.patchClusterCustomObjectStatus(p, o);
    if (sub === 'scale') return c.patchClusterCustomObjectScale(p, o);
    return c.patchClusterCustomObject(p, o);
  }
  const np = { ...p, namespace };
  if (sub === 'status') return c.patchNamespacedCustomObjectStatus(np, o);
  if (sub === 'scale') return c.patchNamespacedCustomObjectScale(np, o);
  return c.patchNamespacedCustomObject(np, o);
}

interface DeleteCollectionQuery {
  readonly labelSelector?: string;
  readonly gracePeriodSeconds?: number;
  readonly propagationPolicy?: string;
  readonly dryRun?: string;
}

/** `fieldSelector` is sent only for namespaced collections; the caller adds it to a cluster one's query. */
export function deleteObjects(
  c: CustomObjectsApi,
  t: Omit<Target, 'name'>,
  q: DeleteCollectionQuery,
  fieldSelector: string | undefined,
  o: ConfigurationOptions,
): Promise<unknown> {
  const { namespace, ...p } = t;
  if (namespace === undefined) return c.deleteCollectionClusterCustomObject({ ...p, ...q }, o);
  const selector = fieldSelector === undefined ? {} : { fieldSelector };
  return c.deleteCollectionNamespacedCustomObject({ ...p, ...q, ...selector, namespace }, o);
}

/** Path of the collection, for Watch (which takes a path, not parameters). */
export function collectionPath(group: string, version: string, plural: string, namespace: string | undefined): string {
  const e = encodeURIComponent;
  const prefix = `/apis/${e(group)}/${e(version)}`;
  return namespace === undefined ? `${prefix}/${e(plural)}` : `${prefix}/namespaces/${e(namespace)}/${e(plural)}`;
}

/** Apply needs a field manager; force means something only to apply. */
export function checkPatchQuery(what: string, isApply: boolean, fieldManager: string | undefined, force: boolean | undefined): void {
  if (isApply && fieldManager === undefined) {
    throw new Error(`${what}: server-side apply needs a fieldManager (set it in the call options or the constructor)`);
  }
  if (!isApply && force !== undefined) throw new Error(`${what}: force is only valid for apply patches`);
}

/** The body with apiVersion and kind filled in where it leaves them out. */
export function withTypeMeta<B extends object>(body: B, apiVersion: string, kind: string): B & { apiVersion: string; kind: string } {
  const b = body as { apiVersion?: string; kind?: string };
  return { ...body, apiVersion: b.apiVersion ?? apiVersion, kind: b.kind ?? kind };
}

export function nameOf(body: { metadata?: { name?: string } }, what: string): string {
  const name = body?.metadata?.name;
  if (typeof name !== 'string' || name === '') throw new Error(`${what}: the body has no metadata.name`);
  return name;
}
