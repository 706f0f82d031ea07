import { bool, int64, list, map, opt, quantity, ref, req, str, type WellKnownType } from './describe.js';

/** Environment variables, resources and tolerations of pods and containers (core/v1), in wire form. */
export const POD_TYPES: readonly WellKnownType[] = [
  {
    name: 'EnvVar',
    doc: 'An environment variable of a container (core/v1 EnvVar): a value, or a source to read it from.',
    fields: {
      name: req(str, 'Name of the variable.'),
      value: opt(str, 'The value; `$(VAR)` names another variable and is expanded, `$$(VAR)` is kept as written.'),
      valueFrom: opt(ref('EnvVarSource'), 'Where to read the value from, when value is not given.'),
    },
  },
  {
    name: 'EnvVarSource',
    doc: "Where an environment variable's value comes from (core/v1 EnvVarSource): exactly one source is set.",
    fields: {
      fieldRef: opt(ref('ObjectFieldSelector'), 'A field of the pod.'),
      resourceFieldRef: opt(ref('ResourceFieldSelector'), 'A resource limit or request of a container.'),
      configMapKeyRef: opt(ref('ConfigMapKeySelector'), 'A key of a ConfigMap.'),
      secretKeyRef: opt(ref('SecretKeySelector'), 'A key of a Secret.'),
      fileKeyRef: opt(ref('FileKeySelector'), 'A key of an environment file in a volume.', '1.34'),
    },
  },
  {
    name: 'ObjectFieldSelector',
    doc: 'A field of an object, by path (core/v1 ObjectFieldSelector).',
    fields: {
      apiVersion: opt(str, 'The API version the field path is written in (`v1` when left out).'),
      fieldPath: req(str, 'Path of the field (`metadata.name`, `status.podIP`).'),
    },
  },
  {
    name: 'ResourceFieldSelector',
    doc: 'A resource limit or request of a container (core/v1 ResourceFieldSelector).',
    fields: {
      containerName: opt(str, 'The container; required in volumes, optional in environment variables (the container itself).'),
      resource: req(str, 'The resource (`limits.cpu`, `requests.memory`).'),
      divisor: opt(quantity, 'The unit the value is given in (a quantity, `1m`, `1Mi`); 1 when left out.'),
    },
  },
  {
    name: 'FileKeySelector',
    doc: 'One key of an environment file in a volume of the pod (core/v1 FileKeySelector).',
    fields: {
      volumeName: req(str, 'Name of the volume that holds the file.'),
      path: req(str, 'Path of the file within the volume.'),
      key: req(str, 'The key within the file.'),
      optional: opt(bool, 'Whether a missing file or key is allowed.'),
    },
  },
  {
    name: 'ResourceRequirements',
    doc: 'Compute resources of a container (core/v1 ResourceRequirements): quantities by resource name (`cpu`, `memory`).',
    fields: {
      limits: opt(map(quantity), 'The most of each resource the container may use.'),
      requests: opt(map(quantity), 'The least of each resource the container needs; the limits when left out and limits are set.'),
      claims: opt(list(ref('ResourceClaim')), 'Resource claims of the pod (spec.resourceClaims) this container uses.', '1.26'),
    },
  },
  {
    name: 'ResourceClaim',
    doc: 'A resource claim of the pod that a container uses (core/v1 ResourceClaim).',
    onlyHeldBy: /^claims$/,
    fields: {
      name: req(str, 'Name of the claim in the pod (spec.resourceClaims[].name).'),
      request: opt(str, 'One request of the claim, when the container uses only that request.', '1.31'),
    },
  },
  {
    name: 'Toleration',
    doc: 'Lets a pod be scheduled onto (or stay on) nodes with a matching taint (core/v1 Toleration).',
    fields: {
      key: opt(str, 'The taint key; empty with operator Exists to tolerate every taint.'),
      operator: opt(str, 'Equal (the default: the value must match) or Exists (any value).'),
      value: opt(str, 'The taint value, for operator Equal.'),
      effect: opt(str, 'The taint effect tolerated: NoSchedule, PreferNoSchedule or NoExecute; every effect when empty.'),
      tolerationSeconds: opt(int64, 'For NoExecute: how long the pod stays bound after the taint appears; forever when left out.'),
    },
  },
];
