/**
 * Server-side apply requests (`application/apply-patch+yaml`) on the main endpoint, /status and
 * /scale, and the PatchOptions checks every PATCH gets first.
 */
import { namespaceOf, writeOptions, type ResourceTarget, type ServerContext } from './context.js';
import { booleanParam, decodeBody, type ApiRequest } from './http.js';
import { isObject, objectAt, type JsonObject } from './json.js';
import { scopeFor } from './managed-fields.js';
import type { UpdateTarget, WriteResult } from './objects.js';
import type { PatchType } from './patch.js';
import { typeKey } from './registry.js';
import { recordApply } from './ssa/fieldmanager.js';
import { SsaError } from './ssa/types.js';
import { ApiError, badRequest } from './status.js';

/** ValidatePatchOptions: apply needs a fieldManager, and only apply may say `force`. */
export function checkPatchOptions(request: ApiRequest, type: PatchType): void {
  const q = request.query;
  if (type === 'apply' && !q.get('fieldManager')) {
    throw patchOptionsInvalid('fieldManager', 'FieldValueRequired', 'Required value: is required for apply patch');
  }
  if (type !== 'apply' && q.has('force')) {
    throw patchOptionsInvalid('force', 'FieldValueForbidden', 'Forbidden: may not be specified for non-apply patch');
  }
}

function patchOptionsInvalid(field: string, reason: string, message: string): ApiError {
  return new ApiError(422, 'Invalid', `PatchOptions.meta.k8s.io "" is invalid: ${field}: ${message}`, {
    group: 'meta.k8s.io',
    kind: 'PatchOptions',
    causes: [{ reason, message, field }],
  });
}

/** The applied configuration from the body, with the URL's name (400 when they differ). */
export function appliedConfig(request: ApiRequest, name: string): JsonObject {
  const body = decodeBody(request);
  if (!isObject(body)) throw badRequest('the applied configuration must be an object');
  const metadata = objectAt(body, 'metadata');
  if (typeof metadata.name === 'string' && metadata.name !== name) {
    throw badRequest(`the name of the object (${metadata.name}) does not match the name on the URL (${name})`);
  }
  return { ...body, metadata: { ...metadata, name } };
}

/** Runs an ownership step, turning schema walk errors into the 500 the apiserver answers with. */
export function withSsaErrors<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof SsaError) throw new ApiError(500, 'InternalError', `failed to create typed patch object: ${error.message}`);
    throw error;
  }
}

export interface ApplyResult extends WriteResult {
  readonly created: boolean;
}

/** Server-side apply on the main endpoint or /status: creates the object when missing (main endpoint only). */
export function serverSideApply(ctx: ServerContext, request: ApiRequest, target: ResourceTarget & { name: string }, into: UpdateTarget): ApplyResult {
  const { ref, name } = target;
  const namespace = namespaceOf(target);
  const manager = request.query.get('fieldManager') ?? '';
  const config = appliedConfig(request, name);
  const exists = ctx.store.get(typeKey(ref.type), namespace, name) !== undefined;
  if (!exists && into === 'status') ctx.objects.read(ref, namespace, name);
  const live = exists ? ctx.objects.read(ref, namespace, name) : undefined;
  const scope = scopeFor(ref, into === 'status' ? 'status' : undefined);
  const applied = withSsaErrors(() => recordApply(scope, live, config, manager, booleanParam(request.query, 'force')));
  const entries = objectAt(applied.object, 'metadata').managedFields;
  const options = {
    ...writeOptions(request),
    managedFields: Array.isArray(entries) ? entries.filter(isObject) : [],
    target: into,
    requireResourceVersion: false,
  };
  if (!exists) return { ...ctx.objects.create(ref, namespace, applied.object, options), created: true };
  return { ...ctx.objects.update(ref, namespace, name, applied.object, options), created: false };
}
