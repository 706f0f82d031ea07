/**
 * Known paths of the corpus and the TypeScript the mapping table (DESIGN.md) asks for there.
 * `file` is relative to the corpus; `path` uses `[]` for array items and `{}` for map values.
 * `want` is the emitted text of the property's type (enum literals as json-schema-to-typescript
 * writes them, in double quotes); `members` lists the members of the type found at the path.
 */
export interface Sample {
  readonly row: string;
  readonly file: string;
  readonly kind: string;
  readonly version: string;
  readonly path: string;
  readonly want?: string;
  readonly members?: readonly string[];
}

const WORKFLOW = 'argo-workflows/argoproj.io_workflows.yaml';
const HTTPROUTE = 'gateway-api-standard/gateway.networking.k8s.io_httproutes.yaml';

export const SAMPLES: readonly Sample[] = [
  // x-kubernetes-int-or-string, with anyOf and with type: string
  { row: 'int-or-string (anyOf)', file: WORKFLOW, kind: 'Workflow', version: 'v1alpha1', path: 'spec.templates[].retryStrategy.limit', want: 'number | string' },
  { row: 'int-or-string (type string)', file: 'external-snapshotter/snapshot.storage.k8s.io_volumesnapshots.yaml', kind: 'VolumeSnapshot', version: 'v1', path: 'status.restoreSize', want: 'number | string' },
  { row: 'int-or-string in a map', file: 'cert-manager/acme.cert-manager.io_challenges.yaml', kind: 'Challenge', version: 'v1', path: 'spec.solver.http01.ingress.podTemplate.spec.resources.limits{}', want: 'number | string' },
  // x-kubernetes-preserve-unknown-fields: untyped, objects, a whole spec, with properties, on arrays
  { row: 'preserve-unknown, no type', file: 'cert-manager/acme.cert-manager.io_challenges.yaml', kind: 'Challenge', version: 'v1', path: 'spec.solver.dns01.webhook.config', want: 'unknown' },
  { row: 'preserve-unknown, no type, named like a keyword', file: 'tekton-pipeline/300-task.yaml', kind: 'Task', version: 'v1', path: 'spec.params[].default', want: 'unknown' },
  { row: 'preserve-unknown spec and status (whole resource open)', file: 'argo-workflows-minimal/argoproj.io_workflows.yaml', kind: 'Workflow', version: 'v1alpha1', path: '', members: ["apiVersion: 'argoproj.io/v1alpha1'", "kind: 'Workflow'", 'metadata: V1ObjectMeta', 'spec: { [key: string]: unknown }', 'status?: { [key: string]: unknown }'] },
  { row: 'preserve-unknown with properties', file: 'istio/crd-all.gen.yaml', kind: 'DestinationRule', version: 'v1', path: 'status', members: ['conditions?: GatewayCondition[]', 'observedGeneration?: number | string', 'validationMessages?: GatewayValidationMessage[]', '[key: string]: unknown'] },
  { row: 'preserve-unknown on an array', file: 'opentelemetry-operator/opentelemetry.io_targetallocators.yaml', kind: 'TargetAllocator', version: 'v1alpha1', path: 'spec.scrapeConfigs', want: '{ [key: string]: unknown }[]' },
  { row: 'preserve-unknown map with typed values', file: 'opentelemetry-operator/opentelemetry.io_opentelemetrycollectors.yaml', kind: 'OpenTelemetryCollector', version: 'v1beta1', path: 'spec.config.service.pipelines', want: '{ [key: string]: OpenTelemetryCollectorPipeline }' },
  { row: 'map of preserve-unknown values', file: 'crossplane/apiextensions.crossplane.io_environmentconfigs.yaml', kind: 'EnvironmentConfig', version: 'v1beta1', path: 'data', want: '{ [key: string]: unknown }' },
  // x-kubernetes-embedded-resource
  { row: 'embedded resource', file: 'crossplane/apiextensions.crossplane.io_compositions.yaml', kind: 'Composition', version: 'v1', path: 'spec.pipeline[].input', members: ['apiVersion: string', 'kind: string', 'metadata?: EmbeddedObjectMeta', '[key: string]: unknown'] },
  // nullable
  { row: 'nullable string', file: 'vertical-pod-autoscaler/vpa-v1-crd-gen.yaml', kind: 'VerticalPodAutoscalerCheckpoint', version: 'v1', path: 'status.firstSampleStart', want: 'string | null' },
  { row: 'nullable integer', file: 'istio/crd-all.gen.yaml', kind: 'WasmPlugin', version: 'v1alpha1', path: 'spec.priority', want: 'number | null' },
  // enums: strings, values that are not identifiers, the empty string, integers
  { row: 'string enum', file: 'cert-manager/cert-manager.io_certificates.yaml', kind: 'Certificate', version: 'v1', path: 'spec.privateKey.algorithm', want: '"RSA" | "ECDSA" | "Ed25519"' },
  { row: 'enum with dashes', file: 'cert-manager/acme.cert-manager.io_challenges.yaml', kind: 'Challenge', version: 'v1', path: 'spec.type', want: '"HTTP-01" | "DNS-01"' },
  { row: 'enum with operators (=~)', file: 'prometheus-operator/monitoring.coreos.com_alertmanagerconfigs.yaml', kind: 'AlertmanagerConfig', version: 'v1alpha1', path: 'spec.route.matchers[].matchType', want: '"!=" | "=" | "=~" | "!~"' },
  { row: 'enum with the empty string', file: WORKFLOW, kind: 'Workflow', version: 'v1alpha1', path: 'spec.podGC.strategy', want: '"" | "OnPodCompletion" | "OnPodSuccess" | "OnWorkflowCompletion" | "OnWorkflowSuccess"' },
  { row: 'integer enum (301)', file: HTTPROUTE, kind: 'HTTPRoute', version: 'v1', path: 'spec.rules[].filters[].requestRedirect.statusCode', want: '301 | 302 | 303 | 307 | 308' },
  { row: 'enum on array items', file: 'cert-manager/cert-manager.io_certificates.yaml', kind: 'Certificate', version: 'v1', path: 'spec.usages[]', want: '"signing" | "digital signature" | "content commitment" | "key encipherment" | "key agreement" | "data encipherment" | "cert sign" | "crl sign" | "encipher only" | "decipher only" | "any" | "server auth" | "client auth" | "code signing" | "email protection" | "s/mime" | "ipsec end system" | "ipsec tunnel" | "ipsec user" | "timestamping" | "ocsp signing" | "microsoft sgc" | "netscape sgc"' },
  // maps (additionalProperties), maps of maps, maps of objects
  { row: 'map of strings', file: WORKFLOW, kind: 'Workflow', version: 'v1alpha1', path: 'spec.nodeSelector', want: '{ [key: string]: string }' },
  { row: 'map of maps', file: 'external-secrets/bundle.yaml', kind: 'PushSecret', version: 'v1alpha1', path: 'status.syncedPushSecrets', want: '{ [key: string]: { [key: string]: PushSecretData } }' },
  { row: 'map of objects', file: WORKFLOW, kind: 'Workflow', version: 'v1alpha1', path: 'spec.hooks', want: '{ [key: string]: WorkflowHook }' },
  // names that are not identifiers, or are extension keywords
  { row: 'non-identifier property name', file: 'cilium/ciliumidentities.yaml', kind: 'CiliumIdentity', version: 'v2', path: 'security-labels', want: '{ [key: string]: string }' },
  { row: 'property named x-kubernetes-int-or-string', file: 'cluster-api/cluster.x-k8s.io_clusterclasses.yaml', kind: 'ClusterClass', version: 'v1beta2', path: 'spec.variables[].schema.openAPIV3Schema.x-kubernetes-int-or-string', want: 'boolean' },
  // Kubernetes' own types (k8s.ts): a pod template of 1.35, volumes whose claim templates have bare metadata,
  // and a template whose metadata keeps unknown fields (its own type; its spec's parts are Kubernetes types)
  { row: 'PodTemplateSpec of 1.35', file: 'keda/keda.sh_scaledjobs.yaml', kind: 'ScaledJob', version: 'v1alpha1', path: 'spec.jobTargetRef.template', want: 'PodTemplateSpec1_35' },
  { row: 'volumes, claim metadata a bare object', file: 'prometheus-operator/monitoring.coreos.com_alertmanagers.yaml', kind: 'Alertmanager', version: 'v1', path: 'spec.volumes', want: 'VolumeEmptyMeta[]' },
  { row: 'template metadata that keeps unknown fields', file: 'operator-framework-olm/operators.coreos.com_clusterserviceversions.yaml', kind: 'ClusterServiceVersion', version: 'v1alpha1', path: 'spec.install.spec.deployments[].spec.template.metadata', want: '{ [key: string]: unknown }' },
  { row: 'pod security context in that template', file: 'operator-framework-olm/operators.coreos.com_clusterserviceversions.yaml', kind: 'ClusterServiceVersion', version: 'v1alpha1', path: 'spec.install.spec.deployments[].spec.template.spec.securityContext', want: 'PodSecurityContext' },
  // legacy inputs: no root type, no schema
  { row: 'v1beta1 without root type, not pruning: open objects', file: 'cert-manager-v0.8-legacy/00-crds.yaml', kind: 'Certificate', version: 'v1alpha1', path: 'spec.acme', members: ['config: OrderConfig[]', '[key: string]: unknown'] },
  { row: 'no schema (v1beta1, not pruning): open spec, status and root', file: 'traefik-v2.4-legacy/kubernetes-crd-definition.yml', kind: 'IngressRoute', version: 'v1alpha1', path: '', members: ["apiVersion: 'traefik.containo.us/v1alpha1'", "kind: 'IngressRoute'", 'metadata?: V1ObjectMeta', 'spec?: { [key: string]: unknown }', 'status?: { [key: string]: unknown }', '[key: string]: unknown'] },
];
