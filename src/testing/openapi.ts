/**
 * OpenAPI v3: the root index and one document per group/version. kubectl validates `apply`,
 * `create` and `replace` with it: each PATCH operation names its kind (an object) and declares the
 * `fieldValidation` parameter, so kubectl leaves validation to the server (fieldValidation=Strict).
 * Component schemas carry the kind as a list, which `kubectl explain` needs.
 */
import { createHash } from 'node:crypto';
import { reply, type Reply } from './http.js';
import { isObject, type JsonObject } from './json.js';
import type { Registry, ResourceRef } from './registry.js';
import { pathNotFound } from './status.js';

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const LIST_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta';

export function openApiRoot(registry: Registry): Reply {
  const paths: JsonObject = {};
  for (const { group, versions } of registry.groups()) {
    for (const version of versions) {
      const key = group === '' ? `api/${version}` : `apis/${group}/${version}`;
      const hash = documentHash(groupVersionDocument(registry, group, version));
      paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash}` };
    }
  }
  return reply(200, { paths });
}

export function openApiGroupVersion(registry: Registry, group: string, version: string): Reply {
  const doc = groupVersionDocument(registry, group, version);
  if (Object.keys(doc.paths as JsonObject).length === 0) throw pathNotFound();
  return reply(200, doc, { etag: `"${documentHash(doc)}"` });
}

function documentHash(doc: JsonObject): string {
  return createHash('sha512').update(JSON.stringify(doc)).digest('hex').toUpperCase();
}

function groupVersionDocument(registry: Registry, group: string, version: string): JsonObject {
  const paths: JsonObject = {};
  const schemas: JsonObject = { [OBJECT_META]: objectMetaSchema(), [LIST_META]: listMetaSchema() };
  for (const ref of registry.inGroupVersion(group, version)) {
    Object.assign(paths, resourcePaths(ref));
    const name = schemaName(ref);
    schemas[name] = kindSchema(ref);
    schemas[`${name}List`] = listSchema(ref, name);
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes CRD Swagger', version: 'v0.1.0' }, paths, components: { schemas } };
}

/**
 * `com.example.v1.Widget` for group example.com (reversed, as kube-apiserver names custom
 * resources); built-ins have their Go package names (`io.k8s.api.core.v1.ConfigMap`).
 */
function schemaName({ type, version }: ResourceRef): string {
  const builtin = BUILTIN_PACKAGES[type.group];
  if (builtin && type.builtin) return `io.k8s.api.${builtin}.${version.name}.${type.kind}`;
  return [...type.group.split('.').reverse(), version.name, type.kind].join('.');
}

const BUILTIN_PACKAGES: Readonly<Record<string, string>> = { '': 'core', 'events.k8s.io': 'events', 'coordination.k8s.io': 'coordination' };

function gvk({ type, version }: ResourceRef): JsonObject {
  return { group: type.group, version: version.name, kind: type.kind };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const query = (name: string) => ({ name, in: 'query', schema: { type: 'string', uniqueItems: true } });
const pathParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', uniqueItems: true } });

function resourcePaths(r: ResourceRef): JsonObject {
  const { type, version } = r;
  const base = type.group === '' ? `/api/${version.name}` : `/apis/${type.group}/${version.name}`;
  const collection = type.namespaced ? `${base}/namespaces/{namespace}/${type.plural}` : `${base}/${type.plural}`;
  const scopeParams = type.namespaced ? [pathParam('namespace')] : [];
  const name = schemaName(r);
  const kind = gvk(r);
  const op = (action: string, schema: string, params: string[] = []) => ({
    operationId: `${action}${type.kind}`,
    parameters: params.map(query),
    responses: { '200': { description: 'OK', content: { 'application/json': { schema: ref(schema) } } } },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': kind,
  });
  const writeParams = ['dryRun', 'fieldManager', 'fieldValidation'];
  const patchOp = {
    ...op('patch', name, [...writeParams, 'force']),
    requestBody: {
      content: Object.fromEntries(
        ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml'].map((t) => [t, { schema: { type: 'object' } }]),
      ),
      required: true,
    },
  };
  const item = {
    get: op('get', name),
    put: op('put', name, writeParams),
    patch: patchOp,
    delete: op('delete', name, ['dryRun', 'gracePeriodSeconds', 'propagationPolicy']),
    parameters: [...scopeParams, pathParam('name')],
  };
  const paths: JsonObject = {
    [collection]: {
      get: op('list', `${name}List`, ['labelSelector', 'fieldSelector', 'limit', 'continue', 'resourceVersion', 'watch']),
      post: op('post', name, writeParams),
      delete: op('deletecollection', `${name}List`, ['labelSelector', 'fieldSelector', 'dryRun']),
      parameters: scopeParams,
    },
    [`${collection}/{name}`]: item,
  };
  if (version.status) paths[`${collection}/{name}/status`] = { get: item.get, put: item.put, patch: item.patch, parameters: item.parameters };
  if (type.namespaced) paths[`${base}/${type.plural}`] = { get: op('list', `${name}List`, ['labelSelector', 'fieldSelector']) };
  return paths;
}

function kindSchema(r: ResourceRef): JsonObject {
  const schema = r.version.schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  const properties = isObject(schema.properties) ? schema.properties : {};
  return {
    ...schema,
    type: 'object',
    properties: {
      ...properties,
      apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object.' },
      kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents.' },
      metadata: { allOf: [ref(OBJECT_META)], description: "Standard object's metadata." },
    },
    'x-kubernetes-group-version-kind': [gvk(r)],
  };
}

function listSchema(r: ResourceRef, itemName: string): JsonObject {
  return {
    type: 'object',
    required: ['items'],
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      items: { type: 'array', items: ref(itemName) },
      metadata: { allOf: [ref(LIST_META)] },
    },
    'x-kubernetes-group-version-kind': [{ group: r.type.group, version: r.version.name, kind: r.type.listKind }],
  };
}

function objectMetaSchema(): JsonObject {
  const str = (description: string) => ({ type: 'string', description });
  const map = (description: string) => ({ type: 'object', additionalProperties: { type: 'string' }, description });
  return {
    type: 'object',
    description: 'ObjectMeta is metadata that all persisted resources must have.',
    properties: {
      name: str('Name must be unique within a namespace.'),
      generateName: str('An optional prefix the server uses to generate a unique name.'),
      namespace: str('The namespace the object belongs to.'),
      uid: str('Unique in time and space; set by the server.'),
      resourceVersion: str('An opaque value that changes with every write; used for optimistic concurrency and watches.'),
      generation: { type: 'integer', format: 'int64', description: 'Incremented on every change of the desired state.' },
      creationTimestamp: { type: 'string', format: 'date-time', description: 'When the object was created.' },
      deletionTimestamp: { type: 'string', format: 'date-time', description: 'When deletion was requested.' },
      deletionGracePeriodSeconds: { type: 'integer', format: 'int64' },
      labels: map('Key/value pairs used to select objects.'),
      annotations: map('Arbitrary non-identifying key/value metadata.'),
      finalizers: { type: 'array', items: { type: 'string' }, description: 'Must be empty before the object is deleted.' },
      ownerReferences: { type: 'array', items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
      managedFields: { type: 'array', items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
    },
  };
}

function listMetaSchema(): JsonObject {
  return {
    type: 'object',
    properties: {
      resourceVersion: { type: 'string' },
      continue: { type: 'string' },
      remainingItemCount: { type: 'integer', format: 'int64' },
    },
  };
}
