/** Maps a request path to its handler. */
import type { ServerResponse } from 'node:http';
import type { ServerContext, ResourceTarget } from './server-context.js';
import { coreDiscovery, groupDiscovery, groupsDiscovery, groupVersionDiscovery, VERSION_INFO } from './discovery.js';
import { reply, type ApiRequest, type HandlerResult } from './http.js';
import { openApiGroupVersion, openApiRoot } from './openapi.js';
import { openApiV2 } from './openapi-v2.js';
import { handleCollection, handleItem } from './resources.js';
import { methodNotAllowed, pathNotFound } from './status.js';
import { handleSubresource } from './subresources.js';

const HEALTH = new Set(['/healthz', '/readyz', '/livez']);

export function route(ctx: ServerContext, request: ApiRequest, response: ServerResponse): HandlerResult {
  const s = request.segments;
  if (HEALTH.has(request.path)) return { code: 200, body: 'ok', contentType: 'text/plain; charset=utf-8' };
  if (s[0] === 'apis' && s.length >= 4) return routeResource(ctx, request, response, s.slice(1));
  if (s[0] === 'api' && s[1] === 'v1' && s.length >= 3) return routeResource(ctx, request, response, ['', ...s.slice(1)]);
  if (request.method !== 'GET') throw s[0] === 'apis' || s[0] === 'api' ? methodNotAllowed() : pathNotFound();
  const [first, second, third, fourth, fifth] = s;
  if (first === 'version' && s.length === 1) return reply(200, VERSION_INFO);
  if (first === 'api' && s.length === 1) return coreDiscovery(ctx.registry, request);
  if (first === 'api' && s.length === 2) return groupVersionDiscovery(ctx.registry, '', second ?? '');
  if (first === 'apis') {
    if (second === undefined) return groupsDiscovery(ctx.registry, request);
    if (third === undefined) return groupDiscovery(ctx.registry, second);
    return groupVersionDiscovery(ctx.registry, second, third);
  }
  if (first === 'openapi' && second === 'v2' && s.length === 2) return openApiV2(ctx.registry, request);
  if (first === 'openapi' && second === 'v3') {
    if (third === undefined) return openApiRoot(ctx.registry);
    if (third === 'api' && fourth !== undefined && s.length === 4) return openApiGroupVersion(ctx.registry, '', fourth);
    if (third === 'apis' && fourth !== undefined && fifth !== undefined && s.length === 5) {
      return openApiGroupVersion(ctx.registry, fourth, fifth);
    }
  }
  throw pathNotFound();
}

/** Namespace subresources, which share the shape of a namespaced path (`/api/v1/namespaces/x/status`). */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/**
 * `/apis/<g>/<v>/[namespaces/<ns>/]<plural>[/<name>[/<subresource>]]`, and the same under `/api/v1`
 * for the core group; `path` is the part after `/apis` (`['', 'v1', ...]` for the core group).
 */
function routeResource(ctx: ServerContext, request: ApiRequest, response: ServerResponse, path: readonly string[]): HandlerResult {
  const [group = '', version = '', ...rest] = path;
  const namespaceItself = group === '' && rest.length === 3 && NAMESPACE_SUBRESOURCES.has(rest[2] ?? '');
  const namespaced = rest[0] === 'namespaces' && rest.length >= 3 && !namespaceItself;
  const parts = namespaced ? rest.slice(2) : rest;
  const [plural = '', name, subresource, ...extra] = parts;
  const ref = ctx.registry.find(group, version, plural);
  if (!ref || extra.length > 0) throw pathNotFound();
  if (namespaced && !ref.type.namespaced) throw pathNotFound();
  if (!namespaced && ref.type.namespaced && name !== undefined) throw pathNotFound();
  const target: ResourceTarget = { ref, namespace: namespaced ? rest[1] : undefined };
  if (name === undefined) return handleCollection(ctx, request, response, target);
  if (subresource === undefined) return handleItem(ctx, request, { ...target, name });
  return handleSubresource(ctx, request, { ...target, name, subresource });
}
