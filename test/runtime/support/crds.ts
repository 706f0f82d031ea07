// CRDs matching the hand-written kinds in kinds.ts, for the runtime tests against the test API server.
const schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        size: { type: 'integer' },
        color: { type: 'string', enum: ['red', 'blue'] },
        tags: { type: 'array', items: { type: 'string' } },
        replicas: { type: 'integer' },
      },
    },
    status: {
      type: 'object',
      properties: {
        ready: { type: 'boolean' },
        phase: { type: 'string' },
        replicas: { type: 'integer' },
      },
    },
  },
};

function crd(plural: string, kind: string, scope: 'Namespaced' | 'Cluster') {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.example.com` },
    spec: {
      group: 'example.com',
      scope,
      names: { plural, singular: kind.toLowerCase(), kind, listKind: `${kind}List` },
      versions: [{
        name: 'v1',
        served: true,
        storage: true,
        schema: { openAPIV3Schema: schema },
        subresources: {
          status: {},
          scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' },
        },
      }],
    },
  };
}

export const widgetCrd = crd('widgets', 'Widget', 'Namespaced');
export const gadgetCrd = crd('gadgets', 'Gadget', 'Cluster');
export const partCrd = crd('parts', 'Part', 'Namespaced');

/** The namespaces the runtime tests write into (the test API server has only the usual four otherwise). */
export const RUNTIME_NAMESPACES = [
  'ns1', 'ns2', 'ns-b', 'team', 'team-a', 'other', 'mine', 'x', 'ignored',
  'frozen', 'many', 'order', 'relist', 'denied', 'gone', 'stop', 'store', 'resync',
  'bulk', 'mapped', 'slow', 'flaky', 'requeue', 'owned', 'generation', 'shutdown', 'fin', 'lab',
];
