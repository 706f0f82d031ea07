/** A CRD with every list and map kind server-side apply distinguishes, and request helpers for it. */
import { startTestApiServer, type TestApiServer } from '../../src/testing/index.js';
import { APPLY, call, MERGE, type JsonResponse } from './helpers.js';

const STRING = { type: 'string' };

export const GIZMO_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'gizmos.ssa.example.com' },
  spec: {
    group: 'ssa.example.com',
    scope: 'Namespaced',
    names: { plural: 'gizmos', singular: 'gizmo', kind: 'Gizmo', listKind: 'GizmoList' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: {
                  replicas: { type: 'integer' },
                  image: STRING,
                  size: STRING,
                  ports: {
                    type: 'array',
                    'x-kubernetes-list-type': 'map',
                    'x-kubernetes-list-map-keys': ['name', 'protocol'],
                    items: { type: 'object', properties: { name: STRING, protocol: { type: 'string', default: 'TCP' }, port: { type: 'integer' } } },
                  },
                  tags: { type: 'array', 'x-kubernetes-list-type': 'set', items: STRING },
                  args: { type: 'array', items: STRING },
                  selector: { type: 'object', 'x-kubernetes-map-type': 'atomic', additionalProperties: STRING },
                  settings: { type: 'object', additionalProperties: STRING },
                },
              },
              status: { type: 'object', properties: { replicas: { type: 'integer' }, phase: STRING } },
            },
          },
        },
      },
    ],
  },
};

export const GIZMOS = '/apis/ssa.example.com/v1/namespaces/default/gizmos';

export function startGizmos(): Promise<TestApiServer> {
  return startTestApiServer({ crds: [GIZMO_CRD] });
}

export function gizmo(spec: Record<string, unknown>, extra: Record<string, unknown> = {}, name = 'g1') {
  return { apiVersion: 'ssa.example.com/v1', kind: 'Gizmo', metadata: { name, ...extra }, spec };
}

/** Applies `body` to gizmo g1 (or `path`) as `manager`. */
export function apply(server: TestApiServer, manager: string, body: unknown, query = '', path = `${GIZMOS}/g1`): Promise<JsonResponse> {
  return call(server, 'PATCH', `${path}?fieldManager=${manager}${query}`, body, APPLY);
}

export function mergePatch(server: TestApiServer, manager: string, body: unknown): Promise<JsonResponse> {
  return call(server, 'PATCH', `${GIZMOS}/g1?fieldManager=${manager}`, body, MERGE);
}

/** The fieldsV1 of each entry, by `manager/operation[/subresource]`. */
export function owners(object: any): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const e of object?.metadata?.managedFields ?? []) {
    out[[e.manager, e.operation, e.subresource].filter(Boolean).join('/')] = e.fieldsV1;
  }
  return out;
}
