/**
 * Discovery: `/version`, `/api`, `/apis` (aggregated `apidiscovery.k8s.io` v2 or v2beta1 when the
 * Accept header asks for it, with the exact Content-Type kubectl requires; plain otherwise),
 * `/apis/<group>` and `/apis/<group>/<version>`.
 */
import { header, reply, type ApiRequest, type Reply } from './http.js';
import type { JsonObject } from './json.js';
import { apiVersionOf, type Registry, type ResourceRef } from './registry.js';
import { pathNotFound } from './status.js';

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const SUBRESOURCE_VERBS = ['get', 'patch', 'update'];

/** What kube-apiserver reports; kubectl's dispatcher picks its binary by `minor`. */
export const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-crdgen-test',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23',
  compiler: 'gc',
  platform: 'linux/amd64',
};

type DiscoveryVersion = 'v2' | 'v2beta1';

/** The aggregated discovery version the Accept header asks for first, if any. */
function aggregatedVersion(accept: string): DiscoveryVersion | undefined {
  for (const range of accept.split(',')) {
    const params = range.split(';').map((p) => p.trim());
    if (!params.includes('g=apidiscovery.k8s.io') || !params.includes('as=APIGroupDiscoveryList')) continue;
    if (params.includes('v=v2')) return 'v2';
    if (params.includes('v=v2beta1')) return 'v2beta1';
  }
  return undefined;
}

function aggregated(version: DiscoveryVersion, items: JsonObject[]): Reply {
  return {
    code: 200,
    body: { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items },
    contentType: `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`,
    headers: { vary: 'Accept' },
  };
}

/** `/api`: the core group, v1 (its aggregated item has no name). */
export function coreDiscovery(registry: Registry, request: ApiRequest): Reply {
  const version = aggregatedVersion(header(request, 'accept'));
  if (version) {
    const resources = registry.inGroupVersion('', 'v1').map(aggregatedResource);
    return aggregated(version, [{ metadata: { creationTimestamp: null }, versions: [{ version: 'v1', resources, freshness: 'Current' }] }]);
  }
  const addresses = [{ clientCIDR: '0.0.0.0/0', serverAddress: request.headers.host ?? '127.0.0.1' }];
  return reply(200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: addresses }, { vary: 'Accept' });
}

export function groupsDiscovery(registry: Registry, request: ApiRequest): Reply {
  const version = aggregatedVersion(header(request, 'accept'));
  const groups = registry.groups().filter(({ group }) => group !== '');
  if (version) {
    const items = groups.map(({ group, versions }) => ({
      metadata: { name: group, creationTimestamp: null },
      versions: versions.map((v) => ({
        version: v,
        resources: registry.inGroupVersion(group, v).map(aggregatedResource),
        freshness: 'Current',
      })),
    }));
    return aggregated(version, items);
  }
  return reply(200, { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map(apiGroup) }, { vary: 'Accept' });
}

export function groupDiscovery(registry: Registry, group: string): Reply {
  const found = registry.groups().find((g) => g.group === group && group !== '');
  if (!found) throw pathNotFound();
  return reply(200, { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(found) });
}

export function groupVersionDiscovery(registry: Registry, group: string, version: string): Reply {
  const refs = registry.inGroupVersion(group, version);
  if (refs.length === 0) throw pathNotFound();
  // The core group's list carries no apiVersion (as `kubectl get --raw /api/v1` shows).
  return reply(200, {
    kind: 'APIResourceList',
    ...(group === '' ? {} : { apiVersion: 'v1' }),
    groupVersion: apiVersionOf(group, version),
    resources: refs.flatMap(plainResources),
  });
}

/** Namespaces have a `finalize` subresource besides `status`. */
function isNamespaces(type: ResourceRef['type']): boolean {
  return type.group === '' && type.plural === 'namespaces';
}

function apiGroup({ group, versions }: { group: string; versions: string[] }): JsonObject {
  const list = versions.map((v) => ({ groupVersion: apiVersionOf(group, v), version: v }));
  return { name: group, versions: list, preferredVersion: list[0] };
}

function aggregatedResource({ type, version }: ResourceRef): JsonObject {
  const responseKind = { group: type.group, version: version.name, kind: type.kind };
  const subresources: JsonObject[] = [];
  if (isNamespaces(type)) subresources.push({ subresource: 'finalize', responseKind, verbs: ['update'] });
  if (version.status) subresources.push({ subresource: 'status', responseKind, verbs: SUBRESOURCE_VERBS });
  if (version.scale) {
    subresources.push({ subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: SUBRESOURCE_VERBS });
  }
  return {
    resource: type.plural,
    responseKind,
    scope: type.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: type.singular,
    verbs: type.verbs ?? VERBS,
    ...(type.shortNames.length > 0 ? { shortNames: type.shortNames } : {}),
    ...(type.categories.length > 0 ? { categories: type.categories } : {}),
    ...(subresources.length > 0 ? { subresources } : {}),
  };
}

function plainResources({ type, version }: ResourceRef): JsonObject[] {
  const main: JsonObject = {
    name: type.plural,
    singularName: type.singular,
    namespaced: type.namespaced,
    kind: type.kind,
    verbs: type.verbs ?? VERBS,
    ...(type.shortNames.length > 0 ? { shortNames: type.shortNames } : {}),
    ...(type.categories.length > 0 ? { categories: type.categories } : {}),
  };
  const out = [main];
  if (isNamespaces(type)) out.push({ name: 'namespaces/finalize', singularName: '', namespaced: false, kind: type.kind, verbs: ['update'] });
  if (version.status) {
    out.push({ name: `${type.plural}/status`, singularName: '', namespaced: type.namespaced, kind: type.kind, verbs: SUBRESOURCE_VERBS });
  }
  if (version.scale) {
    out.push({
      name: `${type.plural}/scale`,
      singularName: '',
      namespaced: type.namespaced,
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
      verbs: SUBRESOURCE_VERBS,
    });
  }
  return out;
}
