/**
 * The `/status` and `/scale` subresources. /status changes only `status`; /scale maps the CRD's
 * specReplicasPath, statusReplicasPath and labelSelectorPath to an `autoscaling/v1` Scale.
 */
import { applyPatchBody, namespaceOf, patchType, writeOptions, type ResourceTarget, type ServerContext } from './context.js';
import { decodeBody, decodeObject, reply, type ApiRequest, type Reply } from './http.js';
import { dottedPath, getPath, isObject, objectAt, setPath, type JsonObject } from './json.js';
import { applyMerge } from './patch.js';
import type { ScaleInfo } from './registry.js';
import { patch } from './resources.js';
import { badRequest, fieldCause, invalid, methodNotAllowed, pathNotFound } from './status.js';

type ItemTarget = ResourceTarget & { name: string; subresource: string };

export function handleSubresource(ctx: ServerContext, request: ApiRequest, target: ItemTarget): Reply {
  if (target.subresource === 'status' && target.ref.version.status) return status(ctx, request, target);
  const scale = target.ref.version.scale;
  if (target.subresource === 'scale' && scale) return scaleHandler(ctx, request, target, scale);
  throw pathNotFound();
}

function status(ctx: ServerContext, request: ApiRequest, target: ItemTarget): Reply {
  const { ref, name } = target;
  const namespace = namespaceOf(target);
  switch (request.method) {
    case 'GET':
      return reply(200, ctx.objects.read(ref, namespace, name));
    case 'PUT': {
      const options = { ...writeOptions(request), target: 'status' as const, requireResourceVersion: true };
      const result = ctx.objects.update(ref, namespace, name, decodeObject(request), options);
      return reply(200, result.object);
    }
    case 'PATCH':
      return patch(ctx, request, target, 'status');
    default:
      throw methodNotAllowed();
  }
}

function scaleHandler(ctx: ServerContext, request: ApiRequest, target: ItemTarget, info: ScaleInfo): Reply {
  const { ref, name } = target;
  const namespace = namespaceOf(target);
  const current = ctx.objects.read(ref, namespace, name);
  switch (request.method) {
    case 'GET':
      return reply(200, toScale(current, info));
    case 'PUT':
      return reply(200, writeScale(ctx, request, target, info, current, decodeObject(request)));
    case 'PATCH': {
      const type = patchType(request);
      const scale = toScale(current, info);
      const patched = type === 'apply' ? applyScale(request, scale) : applyPatchBody(request, type, scale);
      return reply(200, writeScale(ctx, request, target, info, current, patched));
    }
    default:
      throw methodNotAllowed();
  }
}

/**
 * Server-side apply of an autoscaling/v1 Scale (what `kubectl apply --server-side --subresource=scale`
 * sends). spec.replicas is the one field it can change; simplified like the main endpoint's apply.
 */
function applyScale(request: ApiRequest, scale: JsonObject): JsonObject {
  if (!request.query.get('fieldManager')) throw badRequest('PATCH /apply requires fieldManager to be set');
  const body = decodeBody(request);
  if (!isObject(body)) throw badRequest('the applied configuration must be an object');
  const merged = applyMerge(scale, body, undefined);
  return isObject(merged) ? merged : scale;
}

function writeScale(
  ctx: ServerContext,
  request: ApiRequest,
  target: ItemTarget,
  info: ScaleInfo,
  current: JsonObject,
  scale: JsonObject,
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
  const options = { ...writeOptions(request), target: 'main' as const, requireResourceVersion: false };
  const result = ctx.objects.update(target.ref, namespaceOf(target), target.name, next, options);
  return toScale(result.object, info);
}

export function toScale(object: JsonObject, info: ScaleInfo): JsonObject {
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
