/**
 * The built-in kinds a controller touches, served next to the custom resources: core/v1 Namespace,
 * ConfigMap, Secret and Event, events.k8s.io/v1 Event and coordination.k8s.io/v1 Lease. Names,
 * short names, verbs and printer columns are the real server's (`kubectl api-resources`,
 * `kubectl get`); per-kind write rules live in builtin-hooks.ts and namespaces.ts.
 */
import {
  CONFIGMAP_SCHEMA,
  CORE_EVENT_SCHEMA,
  EVENTS_V1_EVENT_SCHEMA,
  LEASE_SCHEMA,
  NAMESPACE_SCHEMA,
  SECRET_SCHEMA,
} from './builtin-schemas.js';
import { isObject, objectAt, type JsonObject } from './json.js';
import { AGE_COLUMN, type TableColumn, type ResourceType } from './registry.js';

interface BuiltinSpec {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly namespaced: boolean;
  readonly schema: JsonObject;
  readonly shortNames?: readonly string[];
  readonly status?: boolean;
  readonly columns?: readonly TableColumn[];
  readonly verbs?: readonly string[];
  readonly allowUnconditionalUpdate: boolean;
}

function builtin(spec: BuiltinSpec): ResourceType {
  return {
    group: spec.group,
    plural: spec.plural,
    singular: spec.kind.toLowerCase(),
    kind: spec.kind,
    listKind: `${spec.kind}List`,
    shortNames: spec.shortNames ?? [],
    categories: [],
    namespaced: spec.namespaced,
    versions: [
      {
        name: spec.version,
        served: true,
        storage: true,
        schema: spec.schema,
        status: spec.status ?? false,
        printerColumns: [...(spec.columns ?? []), AGE_COLUMN],
        deprecated: false,
      },
    ],
    storageVersion: spec.version,
    ...(spec.verbs ? { verbs: spec.verbs } : {}),
    allowUnconditionalUpdate: spec.allowUnconditionalUpdate,
    generation: false,
    builtin: true,
  };
}

const keyCount = (object: JsonObject): number =>
  Object.keys(objectAt(object, 'data')).length + Object.keys(objectAt(object, 'binaryData')).length;

export const NAMESPACE_TYPE = builtin({
  group: '',
  version: 'v1',
  kind: 'Namespace',
  plural: 'namespaces',
  namespaced: false,
  schema: NAMESPACE_SCHEMA,
  shortNames: ['ns'],
  status: true,
  columns: [{ name: 'Status', type: 'string', jsonPath: '.status.phase', description: 'The status of the namespace' }],
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  allowUnconditionalUpdate: true,
});

export const CONFIGMAP_TYPE = builtin({
  group: '',
  version: 'v1',
  kind: 'ConfigMap',
  plural: 'configmaps',
  namespaced: true,
  schema: CONFIGMAP_SCHEMA,
  shortNames: ['cm'],
  columns: [{ name: 'Data', type: 'integer', jsonPath: '', compute: keyCount }],
  allowUnconditionalUpdate: true,
});

export const SECRET_TYPE = builtin({
  group: '',
  version: 'v1',
  kind: 'Secret',
  plural: 'secrets',
  namespaced: true,
  schema: SECRET_SCHEMA,
  columns: [
    { name: 'Type', type: 'string', jsonPath: '.type' },
    { name: 'Data', type: 'integer', jsonPath: '', compute: keyCount },
  ],
  allowUnconditionalUpdate: true,
});

/** kubectl's event columns: the object as `kind/name`, and the message. */
function involved(object: JsonObject): string {
  const ref = isObject(object.involvedObject) ? object.involvedObject : objectAt(object, 'regarding');
  return `${String(ref.kind ?? '').toLowerCase()}/${String(ref.name ?? '')}`;
}

const CORE_EVENT_TYPE = builtin({
  group: '',
  version: 'v1',
  kind: 'Event',
  plural: 'events',
  namespaced: true,
  schema: CORE_EVENT_SCHEMA,
  shortNames: ['ev'],
  columns: [
    { name: 'Type', type: 'string', jsonPath: '.type' },
    { name: 'Reason', type: 'string', jsonPath: '.reason' },
    { name: 'Object', type: 'string', jsonPath: '', compute: involved },
    { name: 'Message', type: 'string', jsonPath: '.message' },
  ],
  allowUnconditionalUpdate: true,
});

const EVENTS_V1_EVENT_TYPE = builtin({
  group: 'events.k8s.io',
  version: 'v1',
  kind: 'Event',
  plural: 'events',
  namespaced: true,
  schema: EVENTS_V1_EVENT_SCHEMA,
  shortNames: ['ev'],
  columns: [
    { name: 'Type', type: 'string', jsonPath: '.type' },
    { name: 'Reason', type: 'string', jsonPath: '.reason' },
    { name: 'Object', type: 'string', jsonPath: '', compute: involved },
    { name: 'Note', type: 'string', jsonPath: '.note' },
  ],
  allowUnconditionalUpdate: true,
});

export const LEASE_TYPE = builtin({
  group: 'coordination.k8s.io',
  version: 'v1',
  kind: 'Lease',
  plural: 'leases',
  namespaced: true,
  schema: LEASE_SCHEMA,
  columns: [{ name: 'Holder', type: 'string', jsonPath: '.spec.holderIdentity' }],
  allowUnconditionalUpdate: false,
});

export const BUILTIN_TYPES: readonly ResourceType[] = [
  NAMESPACE_TYPE,
  CONFIGMAP_TYPE,
  SECRET_TYPE,
  CORE_EVENT_TYPE,
  EVENTS_V1_EVENT_TYPE,
  LEASE_TYPE,
];

/** What NamespaceLifecycle admission refuses to delete (403). */
export const IMMORTAL_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-public', 'kube-system']);

/** The namespaces a new cluster has: the immortal ones, plus kube-node-lease (kubelets' leases). */
export const INITIAL_NAMESPACES: readonly string[] = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];
