import { bool, int32, int64, list, map, opt, quantity, ref, req, str, type WellKnownType } from './describe.js';

/** Persistent volume claims and projected volumes (core/v1), in wire form. */
export const CLAIM_TYPES: readonly WellKnownType[] = [
  {
    name: 'PersistentVolumeClaimSpec',
    doc: 'The storage a persistent volume claim asks for (core/v1 PersistentVolumeClaimSpec).',
    fields: {
      accessModes: opt(list(str), 'ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod.'),
      selector: opt(ref('LabelSelector'), 'Persistent volumes the claim may bind to, by label.'),
      // ResourceRequirements (with the claims of 1.26 to 1.28) until VolumeResourceRequirements took its place.
      resources: { ...opt(ref('VolumeResourceRequirements'), 'The storage asked for.'), before: { release: '1.29', shape: ref('ResourceRequirements') } },
      volumeName: opt(str, 'The persistent volume to bind to.'),
      storageClassName: opt(str, 'Storage class of the volume; "" for none, the default class when left out.'),
      volumeMode: opt(str, 'Filesystem (the default) or Block.'),
      dataSource: opt(ref('TypedLocalObjectReference'), 'A VolumeSnapshot or PersistentVolumeClaim to fill the volume from.'),
      dataSourceRef: opt(ref('TypedObjectReference'), 'An object to fill the volume from (any populator, also in another namespace).', '1.22'),
      volumeAttributesClassName: opt(str, 'The VolumeAttributesClass of the volume.', '1.29'),
    },
  },
  {
    name: 'VolumeResourceRequirements',
    doc: 'Storage asked for by a persistent volume claim (core/v1 VolumeResourceRequirements).',
    fields: {
      limits: opt(map(quantity), 'The most of each resource (`storage`).'),
      requests: opt(map(quantity), 'The least of each resource (`storage`).'),
    },
  },
  {
    name: 'TypedLocalObjectReference',
    doc: 'An object in the same namespace, by API group, kind and name (core/v1 TypedLocalObjectReference).',
    fields: {
      apiGroup: opt(str, 'API group of the object; the core group when left out.'),
      kind: req(str, 'Kind of the object.'),
      name: req(str, 'Name of the object.'),
    },
  },
  {
    name: 'TypedObjectReference',
    doc: 'An object by API group, kind, name and namespace (core/v1 TypedObjectReference).',
    fields: {
      apiGroup: opt(str, 'API group of the object; the core group when left out.'),
      kind: req(str, 'Kind of the object.'),
      name: req(str, 'Name of the object.'),
      namespace: opt(str, "Namespace of the object; the referring object's when left out.", '1.26'),
    },
  },
  {
    name: 'ProjectedVolumeSource',
    doc: 'Several sources in one folder (core/v1 ProjectedVolumeSource).',
    fields: {
      sources: opt(list(ref('VolumeProjection')), 'The sources.'),
      defaultMode: opt(int32, 'Mode bits of the files (0644 when left out).'),
    },
  },
  {
    name: 'VolumeProjection',
    doc: 'One source of a projected volume (core/v1 VolumeProjection): exactly one is set.',
    fields: {
      secret: opt(ref('SecretProjection'), 'Keys of a Secret.'),
      downwardAPI: opt(ref('DownwardAPIProjection'), 'Fields of the pod.'),
      configMap: opt(ref('ConfigMapProjection'), 'Keys of a ConfigMap.'),
      serviceAccountToken: opt(ref('ServiceAccountTokenProjection'), "A token of the pod's service account."),
      clusterTrustBundle: opt(ref('ClusterTrustBundleProjection'), 'Certificates of ClusterTrustBundle objects.', '1.29'),
      podCertificate: opt(ref('PodCertificateProjection'), 'A key and a certificate issued to the pod.', '1.34'),
    },
  },
  {
    name: 'SecretProjection',
    doc: 'Keys of a Secret in a projected volume (core/v1 SecretProjection).',
    heldBy: /secret/i,
    fields: {
      name: opt(str, 'Name of the Secret.'),
      items: opt(list(ref('KeyToPath')), 'The keys to project and where; every key when left out.'),
      optional: opt(bool, 'Whether a missing Secret or key is allowed.'),
    },
  },
  {
    name: 'ConfigMapProjection',
    doc: 'Keys of a ConfigMap in a projected volume (core/v1 ConfigMapProjection).',
    fields: {
      name: opt(str, 'Name of the ConfigMap.'),
      items: opt(list(ref('KeyToPath')), 'The keys to project and where; every key when left out.'),
      optional: opt(bool, 'Whether a missing ConfigMap or key is allowed.'),
    },
  },
  {
    name: 'DownwardAPIProjection',
    doc: 'Fields of the pod in a projected volume (core/v1 DownwardAPIProjection).',
    fields: {
      items: opt(list(ref('DownwardAPIVolumeFile')), 'The files.'),
    },
  },
  {
    name: 'ServiceAccountTokenProjection',
    doc: "A token of the pod's service account in a projected volume (core/v1 ServiceAccountTokenProjection).",
    fields: {
      audience: opt(str, 'The audience the token is for; the API server when left out.'),
      expirationSeconds: opt(int64, 'How long the token is valid (1 hour when left out; at least 10 minutes); the kubelet renews it.'),
      path: req(str, 'Path of the file.'),
    },
  },
  {
    name: 'ClusterTrustBundleProjection',
    doc: 'Certificates of ClusterTrustBundle objects in a projected volume (core/v1 ClusterTrustBundleProjection).',
    fields: {
      name: opt(str, 'One bundle, by name (not with signerName).'),
      signerName: opt(str, 'Bundles of this signer.'),
      labelSelector: opt(ref('LabelSelector'), 'Bundles of the signer, by label.'),
      optional: opt(bool, 'Whether a missing bundle is allowed.'),
      path: req(str, 'Path of the file.'),
    },
  },
  {
    name: 'PodCertificateProjection',
    doc: 'A private key and a certificate issued to the pod, in a projected volume (core/v1 PodCertificateProjection).',
    fields: {
      signerName: req(str, 'The signer the certificate is asked of.'),
      keyType: req(str, 'The type of key generated: RSA3072, RSA4096, ECDSAP256, ECDSAP384, ECDSAP521 or ED25519.'),
      maxExpirationSeconds: opt(int32, 'The longest life the certificate may have.'),
      credentialBundlePath: opt(str, 'Path of one file with the key and the certificate chain.'),
      keyPath: opt(str, 'Path of the file with the key.'),
      certificateChainPath: opt(str, 'Path of the file with the certificate chain.'),
      userAnnotations: opt(map(str), 'Annotations passed on to the PodCertificateRequest, for the signer.', '1.35'),
    },
  },
];
