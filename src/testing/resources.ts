/** HTTP verbs on a resource collection and on one object (the main endpoint). */
import {
  applyPatchBody,
  namespaceOf,
  patchType,
  writeOptions,
  type ResourceTarget,
  type ServerContext,
} from './server-context.js';
import { booleanParam, decodeBody, decodeObjectBody, header, reply, type ApiRequest, type HandlerResult, type Reply } from './http.js';
import { isObject, objectAt } from './json.js';
import { isStrategicMergePatch, strategicMergePatch } from './smp.js';
import { deleteOptions } from './delete-options.js';
import { listBody, listObjects } from './list.js';
import { listOptions } from './list-options.js';
import type { UpdateTarget, WriteResult } from './objects.js';
import { checkPatchOptions, checkWriteParams, serverSideApply } from './apply.js';
import { parseFieldSelector, parseLabelSelector } from './selectors.js';
import { badRequest, methodNotAllowed, successStatus } from './status.js';
import { parseIncludeObject, toTable, wantsTable } from './table.js';
import type { ServerResponse } from 'node:http';

export function handleCollection(
  ctx: ServerContext,
  request: ApiRequest,
  response: ServerResponse,
  target: ResourceTarget,
): HandlerResult {
  const { ref } = target;
  switch (request.method) {
    case 'GET':
      if (booleanParam(request.query, 'watch')) return watch(ctx, request, response, target);
      return list(ctx, request, target);
    case 'POST': {
      if (ref.type.namespaced && target.namespace === undefined) throw methodNotAllowed();
      checkWriteParams(request, 'CreateOptions');
      const options = { ...writeOptions(request), refuseResourceVersion: true };
      return written(201, ctx.objects.create(ref, namespaceOf(target), decodeObjectBody(request, ref.type.kind), options));
    }
    case 'DELETE':
      return deleteCollection(ctx, request, target);
    default:
      throw methodNotAllowed();
  }
}

export function handleItem(ctx: ServerContext, request: ApiRequest, target: ResourceTarget & { name: string }): HandlerResult {
  const { ref, name } = target;
  const namespace = namespaceOf(target);
  switch (request.method) {
    case 'GET': {
      const object = ctx.objects.read(ref, namespace, name);
      if (!wantsTable(header(request, 'accept'))) return reply(200, object);
      const meta = { resourceVersion: String(objectAt(object, 'metadata').resourceVersion ?? '') };
      return reply(200, toTable(ref, [object], meta, { includeObject: parseIncludeObject(request.query.get('includeObject')) }));
    }
    case 'PUT': {
      const requireResourceVersion = ref.type.allowUnconditionalUpdate !== true;
      checkWriteParams(request, 'UpdateOptions');
      const options = { ...writeOptions(request), target: 'main' as const, requireResourceVersion };
      return written(200, ctx.objects.update(ref, namespace, name, decodeObjectBody(request, ref.type.kind), options));
    }
    case 'PATCH':
      return patch(ctx, request, target, 'main');
    case 'DELETE':
      return deleteItem(ctx, request, target);
    default:
      throw methodNotAllowed();
  }
}

/** PATCH on the main endpoint or /status: merge, JSON, or server-side apply. */
export function patch(ctx: ServerContext, request: ApiRequest, target: ResourceTarget & { name: string }, into: UpdateTarget): Reply {
  const { ref, name } = target;
  const namespace = namespaceOf(target);
  if (ref.type.builtin && isStrategicMergePatch(header(request, 'content-type'))) return strategicPatch(ctx, request, target, into);
  const type = patchType(request);
  checkPatchOptions(request, type);
  if (type === 'apply') {
    const result = serverSideApply(ctx, request, target, into);
    return written(result.created ? 201 : 200, result);
  }
  const options = { ...writeOptions(request), target: into, requireResourceVersion: false };
  const current = ctx.objects.read(ref, namespace, name);
  return written(200, ctx.objects.update(ref, namespace, name, applyPatchBody(request, type, current), options));
}

/** Strategic merge patch, which the real server supports for its compiled-in kinds only. */
function strategicPatch(ctx: ServerContext, request: ApiRequest, target: ResourceTarget & { name: string }, into: UpdateTarget): Reply {
  checkPatchOptions(request, 'merge');
  const { ref, name } = target;
  const body = decodeBody(request);
  if (!isObject(body)) throw badRequest('the request body is empty; a patch is required');
  const current = ctx.objects.read(ref, namespaceOf(target), name);
  const patched = strategicMergePatch(current, body);
  if (!isObject(patched)) throw badRequest('the patched document is not an object');
  const options = { ...writeOptions(request), target: into, requireResourceVersion: false };
  return written(200, ctx.objects.update(ref, namespaceOf(target), name, patched, options));
}

function list(ctx: ServerContext, request: ApiRequest, target: ResourceTarget): Reply {
  const page = listObjects(ctx.store, target.ref, target.namespace, request.query);
  if (!wantsTable(header(request, 'accept'))) return reply(200, listBody(target.ref, page));
  const include = parseIncludeObject(request.query.get('includeObject'));
  return reply(200, toTable(target.ref, page.items, page.metadata, { includeObject: include }));
}

function watch(ctx: ServerContext, request: ApiRequest, response: ServerResponse, target: ResourceTarget): HandlerResult {
  const q = request.query;
  const options = listOptions(q, true);
  ctx.watches.start(response, {
    ref: target.ref,
    namespace: target.namespace,
    labels: parseLabelSelector(q.get('labelSelector')),
    fields: parseFieldSelector(q.get('fieldSelector')),
    resourceVersion: q.get('resourceVersion'),
    allowBookmarks: booleanParam(q, 'allowWatchBookmarks'),
    sendInitialEvents: options.sendInitialEvents === true,
    timeoutSeconds: options.timeoutSeconds,
    table: wantsTable(header(request, 'accept')),
    includeObject: parseIncludeObject(q.get('includeObject')),
    eventLimit: ctx.watchEventLimit(request),
  });
  return 'streaming';
}

function deleteItem(ctx: ServerContext, request: ApiRequest, target: ResourceTarget & { name: string }): Reply {
  const { ref, name } = target;
  const options = deleteOptions(request);
  const result = ctx.objects.delete(ref, namespaceOf(target), name, options);
  if (!result.deleted) return reply(200, result.object);
  const uid = String(objectAt(result.object, 'metadata').uid ?? '');
  return reply(200, successStatus({ name, group: ref.type.group, kind: ref.type.plural, uid }));
}

function deleteCollection(ctx: ServerContext, request: ApiRequest, target: ResourceTarget): Reply {
  const options = deleteOptions(request);
  const page = listObjects(ctx.store, target.ref, target.namespace, new URLSearchParams({
    labelSelector: request.query.get('labelSelector') ?? '',
    fieldSelector: request.query.get('fieldSelector') ?? '',
  }));
  const items = page.items.map((object) => {
    const meta = objectAt(object, 'metadata');
    const result = ctx.objects.delete(target.ref, String(meta.namespace ?? ''), String(meta.name ?? ''), { dryRun: options.dryRun, ...(options.propagationPolicy ? { propagationPolicy: options.propagationPolicy } : {}) });
    return result.object;
  });
  return reply(200, listBody(target.ref, { items, metadata: { resourceVersion: String(ctx.store.resourceVersion) } }));
}

function written(code: number, result: WriteResult): Reply {
  const headers = result.warnings.length > 0 ? { warning: result.warnings.map((w) => `299 - ${JSON.stringify(w)}`) } : undefined;
  return reply(code, result.object, headers);
}
