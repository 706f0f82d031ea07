/** What the request handlers share: the registry, the store, write semantics and the watch hub. */
import { parseFieldValidation } from './admission.js';
import { decodeBody, dryRunParam, header, type ApiRequest } from './http.js';
import { isObject, type JsonObject } from './json.js';
import { managerFromUserAgent } from './managed-fields.js';
import type { Objects, WriteOptions } from './objects.js';
import { jsonPatch, mergePatch, patchTypeOf, type PatchType } from './patch.js';
import type { Registry, ResourceRef } from './registry.js';
import { badRequest, unsupportedMediaType } from './status.js';
import type { ObjectStore } from './store.js';
import type { WatchHub } from './watch.js';

export interface ServerContext {
  readonly registry: Registry;
  readonly store: ObjectStore;
  readonly objects: Objects;
  readonly watches: WatchHub;
  /** How many events the next watch may send before the server ends it (fault injection). */
  readonly watchEventLimit: (request: ApiRequest) => number | undefined;
}

/** Where a resource request points. */
export interface ResourceTarget {
  readonly ref: ResourceRef;
  /** Undefined for cluster-scoped types and all-namespace lists. */
  readonly namespace: string | undefined;
  readonly name?: string;
  readonly subresource?: string;
}

export function writeOptions(request: ApiRequest): WriteOptions {
  return {
    dryRun: dryRunParam(request.query),
    fieldValidation: parseFieldValidation(request.query.get('fieldValidation')),
    fieldManager: request.query.get('fieldManager') || managerFromUserAgent(header(request, 'user-agent')),
  };
}

/** The patch format of a PATCH request; 415 for strategic merge and unknown types. */
export function patchType(request: ApiRequest): PatchType {
  const type = patchTypeOf(header(request, 'content-type'));
  if (!type) throw unsupportedMediaType();
  return type;
}

/** Applies a merge or JSON patch from the request body to `current`. */
export function applyPatchBody(request: ApiRequest, type: 'merge' | 'json', current: JsonObject): JsonObject {
  const body = decodeBody(request);
  if (body === undefined) throw badRequest('the request body is empty; a patch is required');
  const patched = type === 'merge' ? mergePatch(current, body) : jsonPatch(current, body);
  if (!isObject(patched)) throw badRequest('the patched document is not an object');
  return patched;
}

export function namespaceOf(target: ResourceTarget): string {
  return target.namespace ?? '';
}
