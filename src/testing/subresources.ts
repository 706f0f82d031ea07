/**
 * The `/status` and `/scale` subresources. /status changes only `status`; /scale maps the CRD's
 * specReplicasPath, statusReplicasPath and labelSelectorPath to an `autoscaling/v1` Scale.
 */
import { appliedConfig, checkPatchOptions } from './apply.js';
import { applyPatchBody, namespaceOf, patchType, writeOptions, type ResourceTarget, type ServerContext } from './server-context.js';
import { booleanParam, decodeObjectBody, reply, type ApiRequest, type Reply } from './http.js';
import { dottedPath, getPath, objectAt, setPath, without, type JsonObject } from './json.js';
import { parentManagedFields, scaleManagedFields, scopeFor } from './managed-fields.js';
import type { ScaleSubresource } from '../kube/model.js';
import { apiVersionOf } from './registry.js';
import { patch } from './resources.js';
import { recordApply, recordUpdate } from './ssa/fieldmanager.js';
import { fieldCause, invalid, methodNotAllowed, pathNotFound } from './status.js';

type ItemTarget = ResourceTarget & { name: string; subresource: string };

export function handleSubresource(ctx: ServerContext, request: ApiRequest, target: ItemTarget): Reply {
  if (target.subresource === 'status' && target.ref.version.status) return status(ctx, request, target);
  const scale = target.ref.version.scale;
  if (target.subresource === 'scale' && scale) return scaleHandler(ctx, request, target, scale);
  if (target.subresource === 'finalize' && target.ref.type.group === '' && target.ref.type.plural === 'namespaces') {
    return finalize(ctx, request, target);
  }
  throw pathNotFound();
}

/** `PUT /api/v1/namespaces/<name>/finalize`: the one way to change a namespace's spec.finalizers. */
function finalize(ctx: ServerContext, request: ApiRequest, target: ItemTarget): Reply {
  if (request.method !== 'PUT') throw methodNotAllowed();
  const options = { ...writeOptions(request), target: 'finalize' as const, requireResourceVersion: false };
  return reply(200, ctx.objects.update(target.ref, '', target.name, decodeObjectBody(request), options).object);
}

function status(ctx: ServerContext, request: ApiRequest, target: ItemTarget): Reply {
  const { ref, name } = target;
  const namespace = namespaceOf(target);
  switch (request.method) {
    case 'GET':
      return reply(200, ctx.objects.read(ref, namespace, name));
    case 'PUT': {
      const requireResourceVersion = ref.type.allowUnconditionalUpdate !== true;
      const options = { ...writeOptions(request), target: 'status' as const, requireResourceVersion };
      const result = ctx.objects.update(ref, namespace, name, decodeObjectBody(request), options);
      return reply(200, result.object);
    }
    case 'PATCH':
      return patch(ctx, request, target, 'status');
    default:
      throw methodNotAllowed();
  }
}

function scaleHandler(ctx: ServerContext, request: ApiRequest, target: ItemTarget, info: ScaleSubresource): Reply {
  const { ref, name } = target;
  const current = ctx.objects.read(ref, namespaceOf(target), name);
  const plain = toScale(current, info);
  const scale = { ...plain, metadata: { ...objectAt(plain, 'metadata'), managedFields: scaleManagedFields(current, info.specReplicasPath) } };
  const scope = scopeFor(ref, 'scale');
  const typed = asTyped(scale);
  const manager = writeOptions(request).fieldManager ?? '';
  switch (request.method) {
    case 'GET':
      return reply(200, visible(scale));
    case 'PUT': {
      const body = decodeObjectBody(request);
      return reply(200, writeScale(ctx, request, target, info, current, body, recordUpdate(scope, typed, body, manager, undefined)));
    }
    case 'PATCH': {
      const type = patchType(request);
      checkPatchOptions(request, type);
      if (type === 'apply') {
        const force = booleanParam(request.query, 'force');
        const applied = recordApply(scope, typed, appliedConfig(request, name), manager, force);
        return reply(200, writeScale(ctx, request, target, info, current, applied.object, objectAt(applied.object, 'metadata').managedFields));
      }
      const patched = applyPatchBody(request, type, scale);
      return reply(200, writeScale(ctx, request, target, info, current, patched, recordUpdate(scope, typed, patched, manager, undefined)));
    }
    default:
      throw methodNotAllowed();
  }
}

/** The Scale as the apiserver's typed object holds it: spec.replicas is `omitempty`, so 0 is absent. */
function asTyped(scale: JsonObject): JsonObject {
  const spec = objectAt(scale, 'spec');
  return spec.replicas === 0 ? { ...scale, spec: without(spec, 'replicas') } : scale;
}

/** A Scale without an empty managedFields list. */
function visible(scale: JsonObject): JsonObject {
  const metadata = objectAt(scale, 'metadata');
  return Array.isArray(metadata.managedFields) && metadata.managedFields.length > 0 ? scale : { ...scale, metadata: without(metadata, 'managedFields') };
}

/** Writes spec.replicas through the CRD's path; the Scale's ownership entries map back onto the parent's. */
function writeScale(
  ctx: ServerContext,
  request: ApiRequest,
  target: ItemTarget,
  info: ScaleSubresource,
  current: JsonObject,
  scale: JsonObject,
  scaleEntries: unknown,
): JsonObject {
  const replicas = objectAt(scale, 'spec').replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    const why = typeof replicas === 'number' ? 'must be greater than or equal to 0' : 'must be an integer';
    throw invalid({ group: 'autoscaling', kind: 'Scale' }, target.name, [
      fieldCause('spec.replicas', 'FieldValueInvalid', why, replicas),
    ]);
  }
  const rv = objectAt(scale, 'metadata').resourceVersion;
  let next = setPath(current, dottedPath(info.specReplicasPath), replicas);
  if (typeof rv === 'string' && rv !== '') next = setPath(next, ['metadata', 'resourceVersion'], rv);
  const apiVersion = apiVersionOf(target.ref.type.group, target.ref.version.name);
  const managedFields = parentManagedFields(current, scaleEntries, info.specReplicasPath, apiVersion);
  const options = { ...writeOptions(request), managedFields, target: 'main' as const, requireResourceVersion: false };
  const result = ctx.objects.update(target.ref, namespaceOf(target), target.name, next, options);
  const out = toScale(result.object, info);
  return visible({ ...out, metadata: { ...objectAt(out, 'metadata'), managedFields: scaleManagedFields(result.object, info.specReplicasPath) } });
}

function toScale(object: JsonObject, info: ScaleSubresource): JsonObject {
  const meta = objectAt(object, 'metadata');
  const specReplicas = getPath(object, dottedPath(info.specReplicasPath));
  const statusReplicas = getPath(object, dottedPath(info.statusReplicasPath));
  const selector = info.labelSelectorPath ? getPath(object, dottedPath(info.labelSelectorPath)) : undefined;
  const metadata: JsonObject = {};
  for (const key of ['name', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp']) {
    if (meta[key] !== undefined) metadata[key] = meta[key];
  }
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata,
    spec: { replicas: typeof specReplicas === 'number' ? specReplicas : 0 },
    status: {
      replicas: typeof statusReplicas === 'number' ? statusReplicas : 0,
      ...(typeof selector === 'string' ? { selector } : {}),
    },
  };
}
