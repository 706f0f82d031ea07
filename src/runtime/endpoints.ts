// Picks the CustomObjectsApi method for a (scope, subresource) pair. client-node has one method
// per combination; only methods whose parameters are the same in 1.4 and 2.x are used.
import type { ConfigurationOptions, CustomObjectsApi } from '@kubernetes/client-node';
import type { Subresource } from './types.js';

/** One object: `namespace` is undefined for cluster-scoped kinds. */
export interface Target {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly namespace: string | undefined;
  readonly name: string;
}

export interface WriteQuery {
  readonly dryRun?: string;
  readonly fieldManager?: string;
  readonly fieldValidation?: string;
}

export interface PatchQuery extends WriteQuery {
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

/** Path of the collection, for Watch (which takes a path, not parameters). */
export function collectionPath(group: string, version: string, plural: string, namespace: string | undefined): string {
  const e = encodeURIComponent;
  const prefix = `/apis/${e(group)}/${e(version)}`;
  return namespace === undefined ? `${prefix}/${e(plural)}` : `${prefix}/namespaces/${e(namespace)}/${e(plural)}`;
}
