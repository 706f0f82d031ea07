import { between, bool, embeddedMeta, int32, list, map, opt, quantity, ref, req, str, type WellKnownType } from './describe.js';

/** A volume of a pod (core/v1 Volume) and its commonest sources, in wire form (the others: volume-sources.ts). */
export const VOLUME_TYPES: readonly WellKnownType[] = [
  {
    name: 'Volume',
    doc: 'A named volume of a pod that its containers can mount (core/v1 Volume): exactly one source is set.',
    fields: {
      name: req(str, 'Name of the volume, unique in the pod (a DNS label); volume mounts refer to it.'),
      hostPath: opt(ref('HostPathVolumeSource'), 'A file or folder of the node.'),
      emptyDir: opt(ref('EmptyDirVolumeSource'), 'An empty folder that lives as long as the pod.'),
      gcePersistentDisk: opt(ref('GCEPersistentDiskVolumeSource'), 'A GCE persistent disk (deprecated: use the CSI driver).'),
      awsElasticBlockStore: opt(ref('AWSElasticBlockStoreVolumeSource'), 'An AWS EBS volume (deprecated: use the CSI driver).'),
      gitRepo: opt(ref('GitRepoVolumeSource'), 'A git repository cloned into an empty folder (deprecated).'),
      secret: opt(ref('SecretVolumeSource'), 'The keys of a Secret as files.'),
      nfs: opt(ref('NFSVolumeSource'), 'An NFS share.'),
      iscsi: opt(ref('ISCSIVolumeSource'), 'An iSCSI disk.'),
      glusterfs: opt(ref('GlusterfsVolumeSource'), 'A GlusterFS volume (no longer supported).'),
      persistentVolumeClaim: opt(ref('PersistentVolumeClaimVolumeSource'), 'A persistent volume claim in the same namespace.'),
      rbd: opt(ref('RBDVolumeSource'), 'A Rados block device (no longer supported).'),
      flexVolume: opt(ref('FlexVolumeSource'), 'A volume of a FlexVolume driver (deprecated).'),
      cinder: opt(ref('CinderVolumeSource'), 'An OpenStack Cinder volume (deprecated: use the CSI driver).'),
      cephfs: opt(ref('CephFSVolumeSource'), 'A CephFS mount (no longer supported).'),
      flocker: opt(ref('FlockerVolumeSource'), 'A Flocker dataset (no longer supported).'),
      downwardAPI: opt(ref('DownwardAPIVolumeSource'), 'Fields of the pod as files.'),
      fc: opt(ref('FCVolumeSource'), 'A Fibre Channel disk.'),
      azureFile: opt(ref('AzureFileVolumeSource'), 'An Azure File share (deprecated: use the CSI driver).'),
      configMap: opt(ref('ConfigMapVolumeSource'), 'The keys of a ConfigMap as files.'),
      vsphereVolume: opt(ref('VsphereVirtualDiskVolumeSource'), 'A vSphere disk (deprecated: use the CSI driver).'),
      quobyte: opt(ref('QuobyteVolumeSource'), 'A Quobyte volume (no longer supported).'),
      azureDisk: opt(ref('AzureDiskVolumeSource'), 'An Azure data disk (deprecated: use the CSI driver).'),
      photonPersistentDisk: opt(ref('PhotonPersistentDiskVolumeSource'), 'A Photon Controller disk (no longer supported).'),
      projected: opt(ref('ProjectedVolumeSource'), 'Several sources (Secrets, ConfigMaps, pod fields, tokens) in one folder.'),
      portworxVolume: opt(ref('PortworxVolumeSource'), 'A Portworx volume (deprecated: use the CSI driver).'),
      scaleIO: opt(ref('ScaleIOVolumeSource'), 'A ScaleIO volume (no longer supported).'),
      storageos: opt(ref('StorageOSVolumeSource'), 'A StorageOS volume (no longer supported).'),
      csi: opt(ref('CSIVolumeSource'), 'An ephemeral volume of a CSI driver.'),
      ephemeral: opt(ref('EphemeralVolumeSource'), 'A volume of a persistent volume claim made for the pod and deleted with it.'),
      image: opt(ref('ImageVolumeSource'), 'The files of an OCI image or artifact, read-only.', '1.31'),
    },
  },
  {
    name: 'HostPathVolumeSource',
    doc: 'A file or folder of the node (core/v1 HostPathVolumeSource).',
    fields: {
      path: req(str, 'Path on the node; a symbolic link is followed.'),
      type: opt(str, 'What must be at the path: "" (no check), DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice or BlockDevice.'),
    },
  },
  {
    name: 'EmptyDirVolumeSource',
    doc: 'An empty folder that lives as long as the pod (core/v1 EmptyDirVolumeSource).',
    fields: {
      medium: opt(str, '"" (the node\'s default storage) or Memory (tmpfs).'),
      sizeLimit: opt(quantity, 'The most storage the folder may use.'),
    },
  },
  {
    name: 'SecretVolumeSource',
    doc: 'The keys of a Secret as files (core/v1 SecretVolumeSource).',
    fields: {
      secretName: opt(str, 'Name of the Secret, in the namespace of the pod.'),
      items: opt(list(ref('KeyToPath')), 'The keys to project and where; every key, as a file of its name, when left out.'),
      defaultMode: opt(int32, 'Mode bits of the files (0644 when left out), octal 0000 to 0777 or decimal 0 to 511.'),
      optional: opt(bool, 'Whether a missing Secret or key is allowed.'),
    },
  },
  {
    name: 'ConfigMapVolumeSource',
    doc: 'The keys of a ConfigMap as files (core/v1 ConfigMapVolumeSource).',
    fields: {
      name: opt(str, 'Name of the ConfigMap.'),
      items: opt(list(ref('KeyToPath')), 'The keys to project and where; every key, as a file of its name, when left out.'),
      defaultMode: opt(int32, 'Mode bits of the files (0644 when left out), octal 0000 to 0777 or decimal 0 to 511.'),
      optional: opt(bool, 'Whether a missing ConfigMap or key is allowed.'),
    },
  },
  {
    name: 'KeyToPath',
    doc: 'One key of a Secret or ConfigMap as a file (core/v1 KeyToPath).',
    fields: {
      key: req(str, 'The key.'),
      path: req(str, 'Relative path of the file; no `..` element.'),
      mode: opt(int32, "Mode bits of the file; the volume's defaultMode when left out."),
    },
  },
  {
    name: 'DownwardAPIVolumeSource',
    doc: 'Fields of the pod as files (core/v1 DownwardAPIVolumeSource).',
    fields: {
      items: opt(list(ref('DownwardAPIVolumeFile')), 'The files.'),
      defaultMode: opt(int32, 'Mode bits of the files (0644 when left out).'),
    },
  },
  {
    name: 'DownwardAPIVolumeFile',
    doc: 'A field of the pod, or a resource of a container, as a file (core/v1 DownwardAPIVolumeFile).',
    fields: {
      path: req(str, 'Relative path of the file; no `..` element.'),
      fieldRef: opt(ref('ObjectFieldSelector'), 'A field of the pod: metadata.name, metadata.namespace, metadata.labels, metadata.annotations.'),
      resourceFieldRef: opt(ref('ResourceFieldSelector'), 'A resource limit or request of a container.'),
      mode: opt(int32, "Mode bits of the file; the volume's defaultMode when left out."),
    },
  },
  {
    name: 'PersistentVolumeClaimVolumeSource',
    doc: 'A persistent volume claim in the namespace of the pod (core/v1 PersistentVolumeClaimVolumeSource).',
    fields: {
      claimName: req(str, 'Name of the claim.'),
      readOnly: opt(bool, 'Mount read-only.'),
    },
  },
  {
    name: 'CSIVolumeSource',
    doc: 'An ephemeral volume of a CSI driver (core/v1 CSIVolumeSource).',
    fields: {
      driver: req(str, 'Name of the CSI driver.'),
      readOnly: opt(bool, 'Mount read-only.'),
      fsType: opt(str, 'Filesystem type (`ext4`); the driver decides when left out.'),
      volumeAttributes: opt(map(str), 'Driver-specific properties.'),
      nodePublishSecretRef: opt(ref('LocalObjectReference'), 'A Secret passed to the driver when the volume is published.'),
    },
  },
  {
    name: 'EphemeralVolumeSource',
    doc: 'A volume of a persistent volume claim made for the pod and deleted with it (core/v1 EphemeralVolumeSource).',
    fields: {
      volumeClaimTemplate: opt(ref('PersistentVolumeClaimTemplate'), 'The claim to make, named `<pod>-<volume>`.'),
      readOnly: between(bool, 'Mount read-only (1.19 and 1.20 only).', undefined, '1.21'),
    },
  },
  {
    name: 'PersistentVolumeClaimTemplate',
    doc: 'A persistent volume claim to make (core/v1 PersistentVolumeClaimTemplate).',
    fields: {
      metadata: opt(embeddedMeta, 'Labels and annotations of the claim.'),
      spec: req(ref('PersistentVolumeClaimSpec'), 'The claim.'),
    },
  },
  {
    name: 'EmbeddedMetadata',
    doc: "The metadata an object embedded in a CRD keeps (controller-gen's generateEmbeddedObjectMeta writes these fields): the API server prunes every other ObjectMeta field.",
    fields: {
      name: opt(str, 'Name of the object.'),
      namespace: opt(str, 'Namespace of the object.'),
      labels: opt(map(str), 'Labels of the object.'),
      annotations: opt(map(str), 'Annotations of the object.'),
      finalizers: opt(list(str), 'Finalizers of the object.'),
    },
  },
];
